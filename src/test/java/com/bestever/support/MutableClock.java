package com.bestever.support;

import com.bestever.system.ContentChanged;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Primary;
import org.springframework.stereotype.Component;

/**
 * The site's clock in tests: real time until a test sets it, so scheduled publishing and
 * poll opening times can be tested without waiting. Tests that move it call {@link #reset()}.
 * Moving it publishes {@link ContentChanged}, as the scheduler does when a review goes live,
 * so cached public pages follow the clock.
 */
@Component
@Primary
public class MutableClock extends Clock {

    private final ApplicationEventPublisher events;

    private volatile Instant fixed;

    MutableClock(ApplicationEventPublisher events) {
        this.events = events;
    }

    public void set(Instant instant) {
        fixed = instant;
        events.publishEvent(ContentChanged.everything());
    }

    public void advance(Duration duration) {
        fixed = instant().plus(duration);
        events.publishEvent(ContentChanged.everything());
    }

    public void reset() {
        fixed = null;
        events.publishEvent(ContentChanged.everything());
    }

    @Override
    public Instant instant() {
        Instant now = fixed;
        return now != null ? now : Instant.now();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
