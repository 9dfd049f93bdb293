package com.bestever.poll;

import java.util.List;

/**
 * The poll as JSON: {@code {"total":N,"options":[{"label","votes","percent"}],"open":true}},
 * plus the reader's own choice and, after a vote, whether it was counted and what to tell them.
 */
record PollAnswer(long total, List<Option> options, boolean open, String choice, Boolean counted, String message) {

    record Option(String label, long votes, int percent) {}

    static PollAnswer of(Standings standings, String choice, Boolean counted, String message) {
        return new PollAnswer(
                standings.total(),
                standings.options().stream()
                        .map(o -> new Option(o.label(), o.votes(), o.percent()))
                        .toList(),
                standings.open(),
                choice,
                counted,
                message);
    }
}
