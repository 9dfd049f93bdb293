package com.bestever.system;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Several instances may start at once on one empty database (docker-compose.yml starts two). What
 * they write at startup, when it is missing (the first administrator, the sample review), is
 * written by one of them: each instance holds a PostgreSQL advisory lock from the end of its
 * startup (after Flyway, which has its own lock) until it is ready, so the runners between see
 * what an instance before them committed instead of writing it a second time (a unique key error,
 * and an instance that does not start).
 */
@Component
class StartupSeeding {

    private static final Logger log = LoggerFactory.getLogger(StartupSeeding.class);

    /** "bestever" in ASCII: the one advisory lock key the site uses. */
    static final long LOCK = 0x6265737465766572L;

    private final DataSource dataSource;
    private Connection holding;

    StartupSeeding(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Before the application runners: waits for any other instance that is seeding. */
    @EventListener(ApplicationStartedEvent.class)
    synchronized void lock() throws SQLException {
        Connection connection = dataSource.getConnection();
        try (Statement statement = connection.createStatement()) {
            statement.execute("set statement_timeout = 0");
            statement.execute("select pg_advisory_lock(" + LOCK + ")");
        } catch (SQLException ex) {
            connection.close();
            throw ex;
        }
        holding = connection;
    }

    /** After them (or when startup failed): the next instance may go on. */
    @EventListener({ApplicationReadyEvent.class, ApplicationFailedEvent.class})
    synchronized void unlock() {
        Connection connection = holding;
        if (connection == null) {
            return;
        }
        holding = null;
        try (Statement statement = connection.createStatement()) {
            statement.execute("select pg_advisory_unlock(" + LOCK + ")");
            statement.execute("reset statement_timeout");
            connection.close();
        } catch (SQLException ex) {
            // The connection must not go back to the pool still holding the lock: ending it releases it.
            log.warn("Could not release the startup lock; its connection is ended: {}", ex.toString());
            try {
                connection.abort(Runnable::run);
            } catch (SQLException ignored) {
                // Already gone: so is the lock.
            }
        }
    }
}
