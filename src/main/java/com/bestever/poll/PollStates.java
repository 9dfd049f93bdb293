package com.bestever.poll;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

import org.springframework.stereotype.Component;

import com.bestever.system.BestEverProperties;

/**
 * For templates that show a poll ({@code @pollStates}): where it is in its life, its standings
 * from the counts already loaded, and when it opens or closes, in words.
 */
@Component("pollStates")
public class PollStates {

    private final Clock clock;
    private final DateTimeFormatter moment;

    PollStates(Clock clock, BestEverProperties properties) {
        this.clock = clock;
        this.moment = DateTimeFormatter.ofPattern("MMMM d, yyyy 'at' HH:mm zzz", Locale.ENGLISH)
                .withZone(properties.timeZone());
    }

    public PollState state(VoteQuestion question) {
        if (question.hasNotOpenedAt(clock.instant())) {
            return PollState.UPCOMING;
        }
        return question.isOpenAt(clock.instant()) ? PollState.OPEN : PollState.CLOSED;
    }

    public Standings standings(VoteQuestion question) {
        List<Standings.Count> counts = question.getOptions().stream()
                .map(o -> new Standings.Count(o.getId(), o.getLabel(), o.getVotes(), o.isAffirmative()))
                .toList();
        return Standings.of(counts, state(question).isOpen());
    }

    /** "December 9, 2025 at 12:00 UTC". */
    public String moment(Instant instant) {
        return instant == null ? "" : moment.format(instant);
    }
}
