package com.bestever.poll;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A poll's standings: each option's votes, its whole percentage (the percentages add up to
 * exactly 100 once anyone has voted) and the 95% Wilson interval of its share, with n, the
 * number of votes counted. When the two leading options' intervals overlap, the poll is too
 * close to call.
 */
public record Standings(long total, List<Standing> options, boolean open) {

    public record Standing(
            long optionId, String label, long votes, int percent, boolean affirmative, WilsonScore.Interval interval) {

        /** "1 vote", "31 votes". */
        public String votesText() {
            return Standings.votesText(votes);
        }

        public double lower() {
            return interval.lower();
        }

        public double upper() {
            return interval.upper();
        }

        /** "95% interval 48–75%". */
        public String intervalText() {
            return "95% interval " + interval.lowerPercent() + "–" + interval.upperPercent() + "%";
        }
    }

    static Standings of(List<Count> counts, boolean open) {
        long[] votes = counts.stream().mapToLong(Count::votes).toArray();
        int[] percents = Percentages.of(votes);
        long total = 0;
        for (long v : votes) {
            total += v;
        }
        List<Standing> options = new ArrayList<>(counts.size());
        for (int i = 0; i < counts.size(); i++) {
            Count count = counts.get(i);
            options.add(new Standing(
                    count.optionId(),
                    count.label(),
                    count.votes(),
                    percents[i],
                    count.affirmative(),
                    WilsonScore.interval(count.votes(), total)));
        }
        return new Standings(total, List.copyOf(options), open);
    }

    public String totalText() {
        return votesText(total);
    }

    /** "n = 50". */
    public String nText() {
        return String.format(Locale.ENGLISH, "n = %,d", total);
    }

    /**
     * Whether the leading option cannot be told from the next: their intervals overlap (and
     * anyone has voted). With one option, never.
     */
    public boolean tooCloseToCall() {
        if (total == 0 || options.size() < 2) {
            return false;
        }
        List<Standing> byVotes = new ArrayList<>(options);
        byVotes.sort((a, b) -> Long.compare(b.votes(), a.votes()));
        return byVotes.get(0).interval().overlaps(byVotes.get(1).interval());
    }

    static String votesText(long votes) {
        return String.format(Locale.ENGLISH, "%,d %s", votes, votes == 1 ? "vote" : "votes");
    }

    /** One option's count as read from the database. */
    record Count(long optionId, String label, long votes, boolean affirmative) {}
}
