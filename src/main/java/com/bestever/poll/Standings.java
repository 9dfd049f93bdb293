package com.bestever.poll;

import java.util.ArrayList;
import java.util.List;

/**
 * A poll's standings: each option's votes and its whole percentage (the percentages add up to
 * exactly 100 once anyone has voted).
 */
public record Standings(long total, List<Standing> options, boolean open) {

    public record Standing(long optionId, String label, long votes, int percent, boolean affirmative) {

        /** "1 vote", "31 votes". */
        public String votesText() {
            return Standings.votesText(votes);
        }
    }

    static Standings of(List<Count> counts, boolean open) {
        long[] votes = counts.stream().mapToLong(Count::votes).toArray();
        int[] percents = Percentages.of(votes);
        List<Standing> options = new ArrayList<>(counts.size());
        long total = 0;
        for (int i = 0; i < counts.size(); i++) {
            Count count = counts.get(i);
            options.add(new Standing(count.optionId(), count.label(), count.votes(), percents[i], count.affirmative()));
            total += count.votes();
        }
        return new Standings(total, List.copyOf(options), open);
    }

    public String totalText() {
        return votesText(total);
    }

    static String votesText(long votes) {
        return String.format(java.util.Locale.ENGLISH, "%,d %s", votes, votes == 1 ? "vote" : "votes");
    }

    /** One option's count as read from the database. */
    record Count(long optionId, String label, long votes, boolean affirmative) {}
}
