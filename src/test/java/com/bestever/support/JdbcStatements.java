package com.bestever.support;

import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Counts the statements the PostgreSQL driver executes on this thread, whoever sends them
 * (Hibernate, JdbcClient, JdbcTemplate): {@link SqlStatements} sees only Hibernate's. It listens
 * to the driver's own protocol trace ({@code FE=> Execute}), turned on only while counting. A
 * transaction's {@code COMMIT} counts as one statement (its {@code BEGIN} rides along with the
 * first query and does not).
 */
public final class JdbcStatements {

    private static final Logger PROTOCOL = Logger.getLogger("org.postgresql.core.v3.QueryExecutorImpl");

    private JdbcStatements() {}

    /** Runs the work and answers how many statements the driver executed for it on this thread. */
    @SuppressWarnings("deprecation") // Thread.getId: threadId() is Java 19+, the site builds for 17
    public static long countDuring(SqlStatements.ThrowingRunnable work) throws Exception {
        long thread = Thread.currentThread().getId();
        AtomicLong executes = new AtomicLong();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLongThreadID() == thread
                        && record.getMessage() != null
                        && record.getMessage().startsWith(" FE=> Execute")) {
                    executes.incrementAndGet();
                }
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        handler.setLevel(Level.ALL);
        Level before = PROTOCOL.getLevel();
        PROTOCOL.addHandler(handler);
        PROTOCOL.setLevel(Level.FINEST);
        try {
            work.run();
        } finally {
            PROTOCOL.setLevel(before);
            PROTOCOL.removeHandler(handler);
        }
        return executes.get();
    }
}
