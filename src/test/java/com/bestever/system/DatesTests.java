package com.bestever.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** Every shape a date is shown in, from the one formatter. */
class DatesTests {

    static final Instant NINE_DECEMBER_NOON = Instant.parse("2025-12-09T12:00:42.123456Z");

    final Dates utc = new Dates(siteIn("UTC"));

    static BestEverProperties siteIn(String zone) {
        return new BestEverProperties(
                "http://localhost:8080", "Best Ever", ZoneId.of(zone), false, null, null, null, null, null);
    }

    @Test
    void showsEachShapeInTheSitesZone() {
        assertThat(utc.readable(NINE_DECEMBER_NOON)).isEqualTo("December 9, 2025");
        assertThat(utc.withTime(NINE_DECEMBER_NOON)).isEqualTo("December 9, 2025, 12:00 UTC");
        assertThat(utc.moment(NINE_DECEMBER_NOON)).isEqualTo("December 9, 2025 at 12:00 UTC");
        assertThat(utc.numeric(NINE_DECEMBER_NOON)).isEqualTo("2025-12-09 12:00 UTC");
        assertThat(utc.machine(NINE_DECEMBER_NOON)).isEqualTo("2025-12-09T12:00:42Z");
    }

    @Test
    void anotherZoneMovesTheDateAndSaysWhichZone() {
        Dates paris = new Dates(siteIn("Europe/Paris"));
        Instant lateEvening = Instant.parse("2025-12-09T23:30:00Z");

        assertThat(paris.readable(lateEvening)).isEqualTo("December 10, 2025");
        assertThat(paris.numeric(lateEvening)).isEqualTo("2025-12-10 00:30 CET");
        assertThat(paris.machine(lateEvening)).isEqualTo("2025-12-10T00:30:00+01:00");
    }

    @Test
    void nothingShowsAsEmpty() {
        assertThat(utc.readable(null)).isEmpty();
        assertThat(utc.withTime(null)).isEmpty();
        assertThat(utc.moment(null)).isEmpty();
        assertThat(utc.numeric(null)).isEmpty();
        assertThat(utc.machine(null)).isEmpty();
        assertThat(Dates.input(null, ZoneId.of("UTC"))).isEmpty();
    }

    @Test
    void aDateTimeInputRoundTripsToTheMinuteInTheGivenZone() {
        ZoneId paris = ZoneId.of("Europe/Paris");

        assertThat(Dates.input(NINE_DECEMBER_NOON, paris)).isEqualTo("2025-12-09T13:00");
        assertThat(Dates.parseInput(" 2025-12-09T13:00 ", paris)).contains(Instant.parse("2025-12-09T12:00:00Z"));
        assertThat(Dates.parseInput("  ", paris)).isEmpty();
        assertThat(Dates.parseInput(null, paris)).isEmpty();
    }
}
