package com.bestever.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.bestever.support.SiteTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The embedded PostgreSQL runs with the site's settings, not the library's or PostgreSQL's defaults. */
@SiteTest
class EmbeddedDatabaseTests {

    @Autowired
    JdbcClient jdbc;

    String setting(String name) {
        return jdbc.sql("select current_setting(?)")
                .param(name)
                .query(String.class)
                .single();
    }

    @Test
    void itHasRoomForTheVotesIndexAndFewCheckpoints() {
        assertThat(setting("shared_buffers")).isEqualTo("512MB");
        assertThat(setting("max_wal_size")).isEqualTo("4GB");
    }

    @Test
    void theTestsDatabaseSkipsTheDiskFlushWhichTheSitesKeeps() {
        // src/test/resources/config: durable=false; the site's default (true) is in BestEverProperties.
        assertThat(setting("fsync")).isEqualTo("off");
        assertThat(setting("synchronous_commit")).isEqualTo("off");
    }

    @Test
    void itListensOnLoopbackOnly() {
        assertThat(setting("listen_addresses")).isEqualTo("localhost");
    }

    /** Every rule asks for a password (SCRAM); no rule trusts a local user. */
    @Test
    void everyConnectionNeedsThePassword() throws Exception {
        Path directory = Path.of("target/embedded-postgres").toAbsolutePath();
        String rules = Files.readString(directory.resolve("pg_hba.conf"));
        assertThat(rules.lines().filter(line -> !line.isBlank() && !line.startsWith("#")))
                .isNotEmpty()
                .allMatch(line -> line.endsWith("scram-sha-256"));
        assertThat(Files.getPosixFilePermissions(directory.resolveSibling("embedded-postgres.password")))
                .extracting(Object::toString)
                .allMatch(permission -> permission.startsWith("OWNER"));

        String url = "jdbc:postgresql://localhost:" + setting("port") + "/postgres";
        Assertions.assertThatThrownBy(
                        () -> DriverManager.getConnection(url, "postgres", "").close())
                .isInstanceOf(SQLException.class);
        Assertions.assertThatThrownBy(() -> DriverManager.getConnection(url, "postgres", "not-the-password")
                        .close())
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("password authentication failed");
    }
}
