package com.bestever.poll;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Whole percentages that add up to exactly 100, by largest remainder. */
class PercentagesTests {

    @Test
    void threeEqualSharesAreThirtyFourThirtyThreeThirtyThree() {
        assertThat(Percentages.of(new long[] {1, 1, 1})).containsExactly(34, 33, 33);
    }

    @Test
    void theLeftoverPointGoesToTheLargestRemainder() {
        // 2/3 = 66.67 and 1/3 = 33.33: rounding down gives 66 + 33 = 99; the point goes to 66.67.
        assertThat(Percentages.of(new long[] {2, 1})).containsExactly(67, 33);
        // 1/7 = 14.29 (x5) and 2/7 = 28.57: 14*5 + 28 = 98; one point to 28.57 (largest remainder),
        // one to the first of the equal 14.29s.
        assertThat(Percentages.of(new long[] {1, 1, 1, 1, 1, 2})).containsExactly(15, 14, 14, 14, 14, 29);
        assertThat(Percentages.of(new long[] {333, 167})).containsExactly(67, 33);
    }

    @Test
    void noVotesAreZeroEverywhere() {
        assertThat(Percentages.of(new long[] {0, 0})).containsExactly(0, 0);
        assertThat(Percentages.of(new long[] {})).isEmpty();
    }

    @Test
    void oneSideTakesAll() {
        assertThat(Percentages.of(new long[] {0, 5})).containsExactly(0, 100);
    }

    @Test
    void anyCountsAddUpToExactlyOneHundred() {
        Random random = new Random(42);
        for (int run = 0; run < 10_000; run++) {
            long[] votes = new long[1 + random.nextInt(6)];
            for (int i = 0; i < votes.length; i++) {
                votes[i] = random.nextInt(run % 2 == 0 ? 10 : 1_000_000);
            }
            if (Arrays.stream(votes).sum() == 0) {
                continue;
            }
            int[] percents = Percentages.of(votes);
            assertThat(Arrays.stream(percents).sum()).as(Arrays.toString(votes)).isEqualTo(100);
            long total = Arrays.stream(votes).sum();
            for (int i = 0; i < votes.length; i++) {
                // Never more than one point away from the exact share.
                assertThat(Math.abs(percents[i] - 100.0 * votes[i] / total)).isLessThan(1.0);
            }
        }
    }
}
