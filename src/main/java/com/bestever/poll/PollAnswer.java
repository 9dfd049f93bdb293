package com.bestever.poll;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The poll as JSON: {@code {"total":N,"options":[{"label","votes","percent","lower","upper"}],
 * "open":true,"final":false,"excluded":N}} (lower/upper: the 95% Wilson interval of the
 * option's share, fractions 0–1; final: the verdict is frozen; excluded: votes voided by
 * editors; shown: false while the poll keeps its standings from this reader, and then total is
 * null and options empty), plus the reader's own choice and, after a vote, whether it was counted and what to
 * tell them.
 */
record PollAnswer(
        Long total,
        List<Option> options,
        boolean open,
        @JsonProperty("final") boolean frozen,
        long excluded,
        boolean shown,
        String choice,
        Boolean counted,
        String message) {

    record Option(String label, long votes, int percent, double lower, double upper) {}

    static PollAnswer of(
            Standings standings, boolean frozen, long excluded, String choice, Boolean counted, String message) {
        return new PollAnswer(
                standings.total(),
                standings.options().stream()
                        .map(o -> new Option(o.label(), o.votes(), o.percent(), round(o.lower()), round(o.upper())))
                        .toList(),
                standings.open(),
                frozen,
                excluded,
                true,
                choice,
                counted,
                message);
    }

    /** A vote settled, but its standings could not be read: no options, no total. */
    static PollAnswer withoutStandings(String choice, boolean counted, String message) {
        return new PollAnswer(null, List.of(), true, false, 0, false, choice, counted, message);
    }

    /** Standings this reader may not see yet (see {@link ResultsShown}): no options, no total. */
    static PollAnswer hidden(
            boolean open, boolean frozen, long excluded, String choice, Boolean counted, String message) {
        return new PollAnswer(null, List.of(), open, frozen, excluded, false, choice, counted, message);
    }

    /** Four decimals: enough for any percentage, and the same figures the page shows. */
    private static double round(double fraction) {
        return Math.round(fraction * 10_000) / 10_000.0;
    }

    /** A refusal: {@code {"error":"…"}}. */
    record Error(int status, String error) {}
}
