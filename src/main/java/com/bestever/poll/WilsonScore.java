package com.bestever.poll;

/**
 * The 95% Wilson score interval of a share: where the true share plausibly lies, given how many
 * voted. 9 yes of 10 is a high share on little evidence (0.596–0.982); 900 of 1,000 is the same
 * share on a lot (0.880–0.917), so it ranks higher: the leaderboard ranks by the lower bound.
 * Two shares whose intervals overlap are too close to call.
 */
final class WilsonScore {

    /** The 97.5th percentile of the standard normal distribution. */
    static final double Z = 1.959963984540054;

    private WilsonScore() {}

    /** An interval of shares, as fractions 0–1. */
    record Interval(double lower, double upper) {

        /** No votes: any share is possible. */
        static final Interval UNKNOWN = new Interval(0, 1);

        boolean overlaps(Interval other) {
            return lower <= other.upper() && other.lower() <= upper;
        }

        /** The lower bound in whole percent, rounded down ("at least"). */
        int lowerPercent() {
            return (int) Math.floor(lower * 100 + 1e-9);
        }

        /** The upper bound in whole percent, rounded up ("at most"). */
        int upperPercent() {
            return (int) Math.ceil(upper * 100 - 1e-9);
        }
    }

    static Interval interval(long yes, long total) {
        if (total <= 0) {
            return Interval.UNKNOWN;
        }
        double n = total;
        double share = yes / n;
        double z2 = Z * Z;
        double centre = share + z2 / (2 * n);
        double margin = Z * Math.sqrt(share * (1 - share) / n + z2 / (4 * n * n));
        double scale = 1 + z2 / n;
        return new Interval(Math.max(0, (centre - margin) / scale), Math.min(1, (centre + margin) / scale));
    }

    static double lowerBound(long yes, long total) {
        return total <= 0 ? 0 : interval(yes, total).lower();
    }
}
