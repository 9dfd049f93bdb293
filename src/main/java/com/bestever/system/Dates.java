package com.bestever.system;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Every date the site shows, in the site's zone: the one formatter of templates (as
 * {@code @dates}) and Java alike. Each shape has one method; a null instant shows as "".
 */
@Component("dates")
public class Dates {

    private static final DateTimeFormatter INPUT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");

    private final DateTimeFormatter readable;
    private final DateTimeFormatter withTime;
    private final DateTimeFormatter moment;
    private final DateTimeFormatter numeric;
    private final DateTimeFormatter machine;

    Dates(BestEverProperties properties) {
        ZoneId zone = properties.timeZone();
        this.readable =
                DateTimeFormatter.ofPattern("MMMM d, yyyy", Locale.ENGLISH).withZone(zone);
        this.withTime = DateTimeFormatter.ofPattern("MMMM d, yyyy, HH:mm zzz", Locale.ENGLISH)
                .withZone(zone);
        this.moment = DateTimeFormatter.ofPattern("MMMM d, yyyy 'at' HH:mm zzz", Locale.ENGLISH)
                .withZone(zone);
        this.numeric = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm zzz", Locale.ENGLISH)
                .withZone(zone);
        this.machine = DateTimeFormatter.ISO_OFFSET_DATE_TIME.withZone(zone);
    }

    /** For readers: "December 9, 2025". */
    public String readable(Instant instant) {
        return format(readable, instant);
    }

    /** For editors, to the minute: "December 9, 2025, 12:00 UTC". */
    public String withTime(Instant instant) {
        return format(withTime, instant);
    }

    /** When a poll opens or closes: "December 9, 2025 at 12:00 UTC". */
    public String moment(Instant instant) {
        return format(moment, instant);
    }

    /** For the newsroom's lists and revisions, sortable by eye: "2025-12-09 12:00 UTC". */
    public String numeric(Instant instant) {
        return format(numeric, instant);
    }

    /** For {@code <time datetime>}: "2025-12-09T12:00:00Z" (to the second: HTML allows at most milliseconds). */
    public String machine(Instant instant) {
        return instant == null ? "" : machine.format(instant.truncatedTo(ChronoUnit.SECONDS));
    }

    private static String format(DateTimeFormatter formatter, Instant instant) {
        return instant == null ? "" : formatter.format(instant);
    }

    /** The value of an {@code <input type="datetime-local">} in the given zone: "2025-12-09T12:00". */
    public static String input(Instant instant, ZoneId zone) {
        return instant == null ? "" : INPUT.format(instant.atZone(zone).truncatedTo(ChronoUnit.MINUTES));
    }

    /** The years a date typed into the newsroom may fall in; anything else is a typing slip (or worse). */
    /** A nullable {@code timestamptz} column as read by JDBC: null stays null. */
    public static Instant instantOrNull(java.sql.Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    public static final int FIRST_YEAR = 1900;

    public static final int LAST_YEAR = 9999;

    /**
     * What an {@code <input type="datetime-local">} sent, read in the given zone; empty when blank.
     * A date outside {@link #FIRST_YEAR}–{@link #LAST_YEAR} is refused like a malformed one.
     */
    public static Optional<Instant> parseInput(String text, ZoneId zone) throws DateTimeParseException {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        LocalDateTime typed = LocalDateTime.parse(text.strip());
        if (typed.getYear() < FIRST_YEAR || typed.getYear() > LAST_YEAR) {
            throw new DateTimeParseException("year out of range", text, 0);
        }
        return Optional.of(typed.atZone(zone).toInstant());
    }
}
