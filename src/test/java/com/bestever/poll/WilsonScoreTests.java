package com.bestever.poll;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The readers' verdict ranks by the lower bound of the 95% Wilson score interval. The expected
 * values were worked out by hand with z = 1.96:
 * (p + z²/2n − z·√(p(1−p)/n + z²/4n²)) / (1 + z²/n).
 */
class WilsonScoreTests {

    @Test
    void nineOfTenIsAboutSixtyPercentAtLeast() {
        // p = .9, n = 10: (.9 + .19207 − 1.96·√(.009 + .00960)) / 1.38415 = .82474 / 1.38415
        assertThat(WilsonScore.lowerBound(9, 10)).isCloseTo(0.5958, within(0.0005));
    }

    @Test
    void nineHundredOfAThousandIsAboutEightyEightPercentAtLeast() {
        // p = .9, n = 1000: (.9 + .00192 − 1.96·√(.00009 + .00000096)) / 1.00384 = .88323 / 1.00384
        assertThat(WilsonScore.lowerBound(900, 1000)).isCloseTo(0.8799, within(0.0005));
    }

    @Test
    void nineteenOfTwentyAndTenOfTen() {
        // p = .95, n = 20: (.95 + .09604 − 1.96·√(.002375 + .0024009)) / 1.19207 = .91059 / 1.19207
        assertThat(WilsonScore.lowerBound(19, 20)).isCloseTo(0.7639, within(0.0005));
        // p = 1, n = 10: (1 + .19207 − 1.96·√(0 + .0096037)) / 1.38415 = 1.00000 / 1.38415
        assertThat(WilsonScore.lowerBound(10, 10)).isCloseTo(0.7225, within(0.0005));
    }

    @Test
    void noVotesAndNoYesesAreZero() {
        assertThat(WilsonScore.lowerBound(0, 0)).isZero();
        assertThat(WilsonScore.lowerBound(0, 50)).isCloseTo(0, within(1e-12));
    }

    static Leaderboard.Row film(long id, String title, long yes, long votes) {
        return new Leaderboard.Row(
                id, title, "film-" + id, 1970, "review-" + id, Timestamp.from(Instant.EPOCH), yes, votes, false, 0);
    }

    @Test
    void moreEvidenceOutranksAHigherShareOnFewVotes() {
        var verdict = Leaderboard.verdict(
                List.of(
                        film(1, "Ten of Ten", 10, 10),
                        film(2, "Nine Hundred of a Thousand", 900, 1000),
                        film(3, "Nineteen of Twenty", 19, 20),
                        film(4, "Nine of Ten", 9, 10),
                        film(5, "Four of Five", 4, 5)),
                10);

        assertThat(verdict.ranked())
                .extracting(Leaderboard.Entry::filmTitle)
                .containsExactly("Nine Hundred of a Thousand", "Nineteen of Twenty", "Ten of Ten", "Nine of Ten");
        assertThat(verdict.tooEarly()).extracting(Leaderboard.Entry::filmTitle).containsExactly("Four of Five");
    }

    @Test
    void twoPollsAboutOneFilmAddUp() {
        var verdict = Leaderboard.verdict(List.of(film(7, "Twice Polled", 4, 6), film(7, "Twice Polled", 5, 6)), 10);

        assertThat(verdict.ranked()).singleElement().satisfies(entry -> {
            assertThat(entry.yes()).isEqualTo(9);
            assertThat(entry.votes()).isEqualTo(12);
            assertThat(entry.yesPercent()).isEqualTo(75);
        });
    }

    @Test
    void theIntervalIsComputedByHand() {
        // 9 of 10: p = .9, z² = 3.8415; centre = .9 + z²/20 = 1.09207; margin = z·√(.009 + z²/400) = .26733;
        // divided by 1 + z²/10 = 1.38415: .5958 to .9821.
        WilsonScore.Interval nine = WilsonScore.interval(9, 10);
        assertThat(nine.lower()).isCloseTo(0.5958, within(0.0001));
        assertThat(nine.upper()).isCloseTo(0.9821, within(0.0001));
        // 0 of 10: centre = margin = z²/20, so 0 to z²/10 / 1.38415 = .2775.
        WilsonScore.Interval none = WilsonScore.interval(0, 10);
        assertThat(none.lower()).isZero();
        assertThat(none.upper()).isCloseTo(0.2775, within(0.0001));
        // 31 of 50: .4815 to .7414, shown as 48–75% (down, up).
        WilsonScore.Interval thirtyOne = WilsonScore.interval(31, 50);
        assertThat(thirtyOne.lower()).isCloseTo(0.4815, within(0.0001));
        assertThat(thirtyOne.upper()).isCloseTo(0.7414, within(0.0001));
        assertThat(thirtyOne.lowerPercent()).isEqualTo(48);
        assertThat(thirtyOne.upperPercent()).isEqualTo(75);
        assertThat(WilsonScore.interval(0, 0)).isEqualTo(WilsonScore.Interval.UNKNOWN);
    }

    @Test
    void aPollIsTooCloseToCallWhenTheLeadingIntervalsOverlap() {
        // 31 vs 19 of 50: 48–75% and 25–52% overlap.
        Standings close = Standings.of(
                List.of(new Standings.Count(1, "Yes", 31, true), new Standings.Count(2, "No", 19, false)), true);
        assertThat(close.tooCloseToCall()).isTrue();
        assertThat(close.options().get(0).intervalText()).isEqualTo("95% interval 48–75%");
        // 40 vs 10 of 50: 66–89% and 11–34% do not.
        Standings clear = Standings.of(
                List.of(new Standings.Count(1, "Yes", 40, true), new Standings.Count(2, "No", 10, false)), true);
        assertThat(clear.tooCloseToCall()).isFalse();
        assertThat(Standings.of(
                                List.of(new Standings.Count(1, "Yes", 0, true), new Standings.Count(2, "No", 0, false)),
                                true)
                        .tooCloseToCall())
                .isFalse();
    }

    @Test
    void filmsWhoseIntervalsDoNotOverlapHaveTheirOwnRanksAndTiesShareOne() {
        var verdict = Leaderboard.verdict(
                List.of(
                        film(1, "Clear Leader", 900, 1000),
                        film(2, "Far Behind", 100, 1000),
                        film(3, "Close Behind", 95, 1000)),
                10);

        assertThat(verdict.ranked())
                .extracting(Leaderboard.Entry::filmTitle, Leaderboard.Entry::rank, Leaderboard.Entry::tiedWithAbove)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("Clear Leader", 1, false),
                        org.assertj.core.groups.Tuple.tuple("Far Behind", 2, false),
                        org.assertj.core.groups.Tuple.tuple("Close Behind", 2, true));
        assertThat(verdict.leader().filmTitle()).isEqualTo("Clear Leader");
        assertThat(verdict.leadTooCloseToCall()).isFalse();
    }
}
