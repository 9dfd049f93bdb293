package com.bestever.system;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Every instance of the site hears of every content change, within a second: PostgreSQL's
 * {@code LISTEN/NOTIFY} on the database the site already has.
 * <ul>
 * <li><b>Sending.</b> The {@link ContentChanged} events of a transaction are gathered, and once it
 * has committed they go out as one {@code pg_notify} on {@value #CHANNEL} (the sender, then a line
 * per change: its tags, the thing's own first). Past PostgreSQL's payload limit (8000 bytes) the notice says
 * {@value #EVERYTHING}. An event outside a transaction is sent at once; a rolled-back one never.</li>
 * <li><b>Hearing.</b> One thread holds one connection of its own, outside the connection pool,
 * that does nothing but {@code LISTEN}: a pool connection held for good would be one fewer for
 * requests, the pool would count it as leaked and could not retire it, and its 30 s socket timeout
 * is meant for statements, not for waiting. Each notice is published here again as the same
 * {@link ContentChanged} events, so every cache of this instance (kept pages, the navigation, the
 * listing index, polls) drops what changed. A notice's first line names the instance that sent
 * it, which has dropped its own pages already and leaves its own notices alone.</li>
 * <li><b>Never stale.</b> The connection is checked every few seconds; when it is lost it is opened
 * again by itself (0.25 s, doubling to 10 s between attempts), and every (re)connection drops
 * everything kept, since notices sent while no one listened are lost.</li>
 * </ul>
 * Worst case: an instance that dies between its commit and its notice leaves the others' pages
 * as they were for up to {@code bestever.page-cache.max-age} (60 s at most).
 */
@Component
class ContentNotices implements SmartLifecycle {

    static final String CHANNEL = "bestever_content";
    /** The notice that stands for every change. */
    static final String EVERYTHING = ContentChanged.everything().tag();
    /** What the listening connection calls itself in {@code pg_stat_activity}. */
    static final String APPLICATION_NAME = "bestever content notices";
    /** PostgreSQL refuses a payload of 8000 bytes or more. */
    static final int LONGEST_PAYLOAD = 7999;

    private static final Logger log = LoggerFactory.getLogger(ContentNotices.class);
    private static final int WAIT_MILLIS = 500;
    private static final Duration CHECK_EVERY = Duration.ofSeconds(5);
    private static final Duration FIRST_RETRY = Duration.ofMillis(250);
    private static final Duration LONGEST_RETRY = Duration.ofSeconds(10);

    private final DataSource dataSource;
    private final ApplicationEventPublisher events;
    private final AtomicLong connections = new AtomicLong();
    /** This instance, as its notices name it. */
    private final String sender = UUID.randomUUID().toString();

    private volatile boolean running;
    private volatile Thread listener;
    private volatile Connection listening;
    /** While true, what the listener publishes was committed elsewhere (or is catch-up after a reconnect). */
    private volatile boolean relaying;

    ContentNotices(DataSource dataSource, ApplicationEventPublisher events) {
        this.dataSource = dataSource;
        this.events = events;
    }

    // --- Sending ----------------------------------------------------------------------------

    @EventListener
    void contentChanged(ContentChanged event) {
        if (Thread.currentThread() == listener) {
            return; // a notice heard from the database, being applied here: not to be sent again
        }
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            batch().changes.add(line(event));
        } else {
            send(Set.of(line(event)));
        }
    }

    /** The changes of the current transaction, sent once it has committed. */
    private Batch batch() {
        for (TransactionSynchronization synchronization : TransactionSynchronizationManager.getSynchronizations()) {
            if (synchronization instanceof Batch batch && batch.owner() == this) {
                return batch;
            }
        }
        Batch batch = new Batch();
        TransactionSynchronizationManager.registerSynchronization(batch);
        return batch;
    }

    private final class Batch implements TransactionSynchronization {

        final Set<String> changes = new LinkedHashSet<>();

        ContentNotices owner() {
            return ContentNotices.this;
        }

        @Override
        public void afterCommit() {
            send(changes);
        }
    }

    /** One change as a line of the notice: its tags, the thing's own first ({@code review-12 reviews genre-2-reviews}). */
    static String line(ContentChanged event) {
        return event.isEverything() ? EVERYTHING : String.join(" ", event.tags());
    }

    /** The notice for these changes: a line each, or {@value #EVERYTHING} when it would be too long. */
    static String payload(Collection<String> lines, int longest) {
        if (lines.contains(EVERYTHING)) {
            return EVERYTHING;
        }
        String payload = String.join("\n", lines);
        return payload.getBytes(StandardCharsets.UTF_8).length > longest ? EVERYTHING : payload;
    }

    /**
     * Sends the notice on a pool connection of its own, in its own (auto-committed) statement: the
     * writer's transaction has committed already, and its connection is not to be used again.
     */
    private void send(Collection<String> lines) {
        if (lines.isEmpty()) {
            return;
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement notify = connection.prepareStatement("select pg_notify(?, ?)")) {
            connection.setAutoCommit(true);
            notify.setString(1, CHANNEL);
            notify.setString(2, sender + "\n" + payload(lines, LONGEST_PAYLOAD - sender.length() - 1));
            notify.execute();
        } catch (SQLException | RuntimeException ex) {
            log.warn(
                    "Could not tell the other instances that {} changed; they show it as it was for a minute at most",
                    lines,
                    ex);
        }
    }

    // --- Hearing ----------------------------------------------------------------------------

    /** The changes a notice names (after its sender's line); anything it does not name clearly is everything. */
    static Set<ContentChanged> changes(String payload) {
        Set<ContentChanged> changes = new LinkedHashSet<>();
        for (String line : payload.split("\n")) {
            String[] tags = line.strip().split(" +");
            ContentChanged change = change(tags);
            if (change == null || change.isEverything()) {
                return Set.of(ContentChanged.everything());
            }
            changes.add(change);
        }
        return changes;
    }

    private static ContentChanged change(String[] tags) {
        String own = tags[0];
        int dash = own.lastIndexOf('-');
        if (own.equals(EVERYTHING) || dash <= 0) {
            return own.equals(EVERYTHING) ? ContentChanged.everything() : null;
        }
        for (ContentChanged.Kind kind : ContentChanged.Kind.values()) {
            if (kind.tagPrefix().equals(own.substring(0, dash))) {
                try {
                    long id = Long.parseLong(own.substring(dash + 1));
                    Set<String> related = new LinkedHashSet<String>();
                    for (int i = 1; i < tags.length; i++) {
                        related.add(tags[i]);
                    }
                    return new ContentChanged(kind, id, related);
                } catch (NumberFormatException ex) {
                    return null;
                }
            }
        }
        return null;
    }

    private void listen() {
        Duration retry = FIRST_RETRY;
        while (running) {
            long openedAt = System.nanoTime();
            try (Connection connection = connect()) {
                listening = connection;
                try (Statement statement = connection.createStatement()) {
                    statement.execute("listen " + CHANNEL);
                }
                // The first connection's "everything" is this start's own (perhaps a new release's
                // pages, which the CDN must drop too); a reconnect's only catches this instance up.
                relaying = connections.get() > 0;
                // Whatever was sent while no one listened here is lost: drop everything kept.
                events.publishEvent(ContentChanged.everything());
                relaying = true;
                // Counted once caught up: a connection counts from when nothing stale is kept.
                connections.incrementAndGet();
                hear(connection);
            } catch (SQLException | RuntimeException ex) {
                if (!running) {
                    break;
                }
                if (System.nanoTime() - openedAt > LONGEST_RETRY.toNanos()) {
                    retry = FIRST_RETRY; // it had worked for a while: try again soon
                }
                log.warn("Content notices: not listening ({}); trying again in {} ms", ex.toString(), retry.toMillis());
                sleep(retry);
                retry = retry.multipliedBy(2).compareTo(LONGEST_RETRY) > 0 ? LONGEST_RETRY : retry.multipliedBy(2);
            } finally {
                listening = null;
            }
        }
    }

    private void hear(Connection connection) throws SQLException {
        PGConnection postgres = connection.unwrap(PGConnection.class);
        long checked = System.nanoTime();
        while (running) {
            PGNotification[] notices = postgres.getNotifications(WAIT_MILLIS);
            if (notices != null) {
                for (PGNotification notice : notices) {
                    String payload = notice.getParameter();
                    int firstLine = payload.indexOf('\n');
                    if (firstLine < 0 || !payload.substring(0, firstLine).equals(sender)) {
                        changes(payload.substring(firstLine + 1)).forEach(events::publishEvent);
                    }
                }
            }
            if (System.nanoTime() - checked > CHECK_EVERY.toNanos()) {
                // Waiting alone would not notice a connection that died silently.
                try (Statement statement = connection.createStatement()) {
                    statement.execute("select 1");
                }
                checked = System.nanoTime();
            }
        }
    }

    /**
     * A connection of its own, with the pool's address and credentials (a socket timeout past the
     * check interval, so a dead connection is noticed); with a pool other than Hikari, one of its
     * connections, held for good.
     */
    private Connection connect() throws SQLException {
        if (!dataSource.isWrapperFor(HikariDataSource.class)) {
            return dataSource.getConnection();
        }
        HikariDataSource pool = dataSource.unwrap(HikariDataSource.class);
        Properties properties = new Properties();
        properties.putAll(pool.getDataSourceProperties());
        if (pool.getUsername() != null) {
            properties.setProperty("user", pool.getUsername());
        }
        if (pool.getPassword() != null) {
            properties.setProperty("password", pool.getPassword());
        }
        properties.setProperty("ApplicationName", APPLICATION_NAME);
        properties.setProperty("connectTimeout", "5");
        properties.setProperty("socketTimeout", "20");
        properties.setProperty("tcpKeepAlive", "true");
        Connection connection = new org.postgresql.Driver().connect(pool.getJdbcUrl(), properties);
        if (connection == null) {
            throw new SQLException("Not a PostgreSQL address: " + pool.getJdbcUrl());
        }
        connection.setAutoCommit(true);
        return connection;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    /** How many times the listening connection has been opened since start (for tests). */
    /**
     * Whether the change being published now was committed by another instance, or is this
     * instance catching up after a lost connection: its own kept pages must go, but the CDN was
     * purged by the instance that committed (see {@link EdgePurges}), once, not once per instance.
     */
    boolean relaying() {
        return relaying && Thread.currentThread() == listener;
    }

    long connections() {
        return connections.get();
    }

    /** Whether a connection is listening now (for tests). */
    boolean isListening() {
        return listening != null;
    }

    // --- Lifecycle --------------------------------------------------------------------------

    @Override
    public void start() {
        running = true;
        Thread thread = new Thread(this::listen, "content-notices");
        thread.setDaemon(true);
        listener = thread;
        thread.start();
    }

    @Override
    public void stop() {
        running = false;
        Thread thread = listener;
        Connection connection = listening;
        if (connection != null) {
            try {
                connection.close(); // ends a wait for notices at once
            } catch (SQLException | RuntimeException ex) {
                // it is going anyway
            }
        }
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(Duration.ofSeconds(2).toMillis());
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
