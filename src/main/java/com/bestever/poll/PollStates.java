package com.bestever.poll;

import java.time.Clock;
import java.util.List;

import org.springframework.stereotype.Component;

/**
 * For templates that show a poll ({@code @pollStates}): where it is in its life, and its
 * standings from the counts already loaded.
 */
@Component("pollStates")
public class PollStates {

    private final Clock clock;

    PollStates(Clock clock) {
        this.clock = clock;
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
}
