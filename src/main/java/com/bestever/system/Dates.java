package com.bestever.system;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import org.springframework.stereotype.Component;

/** Dates as readers see them ("December 9, 2025"), in the site's zone; templates call it as {@code @dates}. */
@Component("dates")
public class Dates {

    private final DateTimeFormatter readable;
    private final DateTimeFormatter machine;
    private final DateTimeFormatter withTime;

    Dates(BestEverProperties properties) {
        this.readable = DateTimeFormatter.ofPattern("MMMM d, yyyy", Locale.ENGLISH).withZone(properties.timeZone());
        this.machine = DateTimeFormatter.ISO_OFFSET_DATE_TIME.withZone(properties.timeZone());
        this.withTime = DateTimeFormatter.ofPattern("MMMM d, yyyy, HH:mm zzz", Locale.ENGLISH).withZone(properties.timeZone());
    }

    /** "December 9, 2025". */
    public String readable(Instant instant) {
        return instant == null ? "" : readable.format(instant);
    }

    /** For {@code <time datetime>}: "2025-12-09T12:00:00Z". */
    public String machine(Instant instant) {
        return instant == null ? "" : machine.format(instant);
    }

    /** For editors, to the minute: "December 9, 2025, 12:00 UTC". */
    public String withTime(Instant instant) {
        return instant == null ? "" : withTime.format(instant);
    }
}
