package com.bestever.poll;

/**
 * The lower bound of the 95% Wilson score interval of a "yes" share: how high the share is at
 * least, given how many voted. 9 yes of 10 is a high share on little evidence (bound 0.596);
 * 900 of 1,000 is the same share on a lot (bound 0.881), so it ranks higher.
 */
final class WilsonScore {

    /** The 97.5th percentile of the standard normal distribution. */
    static final double Z = 1.959963984540054;

    private WilsonScore() {}

    static double lowerBound(long yes, long total) {
        if (total <= 0) {
            return 0;
        }
        double n = total;
        double share = yes / n;
        double z2 = Z * Z;
        double centre = share + z2 / (2 * n);
        double margin = Z * Math.sqrt(share * (1 - share) / n + z2 / (4 * n * n));
        return Math.max(0, (centre - margin) / (1 + z2 / n));
    }
}
