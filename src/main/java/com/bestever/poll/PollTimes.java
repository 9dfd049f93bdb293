package com.bestever.poll;

import com.bestever.system.ContentChanged;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * A poll opens and closes at its times with nobody saving anything, and its standings may become
 * visible then ({@link ResultsShown}): twice a second, the polls whose opening or closing time has
 * just passed are announced ({@link ContentChanged}), a closing one by freezing its verdict, so
 * the pages kept by the site and by the CDN show the change within a few seconds of the time.
 */
@Component
class PollTimes {

    private static final Logger log = LoggerFactory.getLogger(PollTimes.class);

    private static final Duration LONGEST_STEP = Duration.ofMinutes(1);

    private final JdbcClient jdbc;
    private final PollVerdicts verdicts;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private Instant checkedUpTo;

    PollTimes(JdbcClient jdbc, PollVerdicts verdicts, ApplicationEventPublisher events, Clock clock) {
        this.jdbc = jdbc;
        this.verdicts = verdicts;
        this.events = events;
        this.clock = clock;
        this.checkedUpTo = clock.instant();
    }

    /** One poll whose time passed, and whether it is the closing time. */
    private record Passed(long id, boolean closed) {}

    @Scheduled(initialDelay = 1000, fixedDelay = 500, timeUnit = TimeUnit.MILLISECONDS)
    synchronized void announcePassedTimes() {
        Instant now = clock.instant();
        if (!now.isAfter(checkedUpTo) || now.isAfter(checkedUpTo.plus(LONGEST_STEP))) {
            // The clock went back or leapt (a test moved it): go on from here. Polls that closed
            // meanwhile are still frozen, and announced, by PollVerdicts' own job or the first read.
            checkedUpTo = now;
            return;
        }
        try {
            List<Passed> passed = jdbc.sql("""
                            select id, closes_at > ? and closes_at <= ? as closed from vote_question
                             where (opens_at > ? and opens_at <= ?) or (closes_at > ? and closes_at <= ?)
                            """)
                    .params(at(checkedUpTo), at(now), at(checkedUpTo), at(now), at(checkedUpTo), at(now))
                    .query((rs, row) -> new Passed(rs.getLong("id"), rs.getBoolean("closed")))
                    .list();
            for (Passed poll : passed) {
                if (!poll.closed() || !verdicts.freezeIfDue(poll.id())) {
                    // Opened, or closed and already frozen by a reader's visit: announce it all the same.
                    events.publishEvent(new ContentChanged(ContentChanged.Kind.POLL, poll.id()));
                }
            }
            checkedUpTo = now;
        } catch (RuntimeException ex) {
            log.warn("Could not announce polls opening or closing; will try again", ex);
        }
    }

    private static Timestamp at(Instant instant) {
        return Timestamp.from(instant);
    }
}
