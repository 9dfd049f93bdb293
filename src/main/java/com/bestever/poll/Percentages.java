package com.bestever.poll;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Whole percentages that add up to exactly 100 (largest-remainder rounding): each share is
 * rounded down, and the points left over go to the shares that lost the most in rounding.
 */
final class Percentages {

    private Percentages() {}

    /** The percentage of each count; all zero when there are no votes. */
    static int[] of(long[] votes) {
        long total = Arrays.stream(votes).sum();
        int[] percents = new int[votes.length];
        if (total == 0) {
            return percents;
        }
        long[] remainders = new long[votes.length];
        int given = 0;
        for (int i = 0; i < votes.length; i++) {
            percents[i] = (int) (votes[i] * 100 / total);
            remainders[i] = votes[i] * 100 % total;
            given += percents[i];
        }
        // Ties: the larger count first, then the earlier option, so the result is stable.
        Integer[] order = IntStream.range(0, votes.length).boxed().toArray(Integer[]::new);
        Arrays.sort(
                order,
                Comparator.<Integer>comparingLong(i -> remainders[i])
                        .reversed()
                        .thenComparing(
                                Comparator.<Integer>comparingLong(i -> votes[i]).reversed())
                        .thenComparingInt(i -> i));
        for (int k = 0; given < 100; k++, given++) {
            percents[order[k]]++;
        }
        return percents;
    }
}
