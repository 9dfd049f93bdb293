package com.bestever.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.bestever.support.SiteTest;
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
}
