package com.bestever.poll;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The token bucket behind the vote throttle. */
class VoteThrottleBucketTests {

    @Test
    void holdsAMinutesWorthAndRefillsAtTheRate() {
        var bucket = new VoteThrottle.Bucket(60, 0);
        for (int i = 0; i < 60; i++) {
            assertThat(bucket.take(0)).isZero();
        }
        assertThat(bucket.take(0)).isEqualTo(Duration.ofSeconds(1));
        assertThat(bucket.take(500)).isEqualTo(Duration.ofMillis(500));
        assertThat(bucket.take(1000)).isZero();
        assertThat(bucket.take(1000)).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void aClockThatStepsBackRefillsNothingAndThenRefillsAgain() {
        var bucket = new VoteThrottle.Bucket(1, 10_000_000);
        assertThat(bucket.take(10_000_000)).isZero();
        assertThat(bucket.take(5_000)).isEqualTo(Duration.ofMinutes(1));
        assertThat(bucket.take(65_000)).isZero();
    }
}
