package com.bestever.poll;

import java.time.Clock;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Where a poll is in its life now, by the injected clock: the one place pages, templates
 * ({@code @pollStates}) and votes ask. Also a poll's standings from the counts already loaded.
 */
@Component("pollStates")
public class PollStates {

    private final Clock clock;

    PollStates(Clock clock) {
        this.clock = clock;
    }

    public PollState state(VoteQuestion question) {
        return PollState.at(question.getOpensAt(), question.getClosesAt(), clock.instant());
    }

    public PollState state(Poll poll) {
        return PollState.at(poll.opensAt(), poll.closesAt(), clock.instant());
    }

    /**
     * The standings a public page may show: the counts, or none (no options) while the poll
     * keeps them until readers vote or it closes ({@link ResultsShown}).
     */
    public Standings publicStandings(VoteQuestion question) {
        boolean closed = state(question).isClosed();
        return question.getResultsShown().showsPublicly(closed)
                ? standings(question)
                : Standings.of(List.of(), state(question).isOpen());
    }

    public Standings standings(VoteQuestion question) {
        List<Standings.Count> counts = question.getOptions().stream()
                .map(o -> new Standings.Count(o.getId(), o.getLabel(), o.getVotes(), o.isAffirmative()))
                .toList();
        return Standings.of(counts, state(question).isOpen());
    }
}
