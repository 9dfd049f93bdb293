package com.bestever.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.bestever.support.SiteTest;
import java.sql.Connection;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** A migration over a large archive is not cut off by the pool's read timeout, and pages still are. */
@SiteTest
class MigrationConnectionsTests {

    @Autowired
    Flyway flyway;

    @Autowired
    DataSource pool;

    @Test
    void migrationsWaitAsLongAsTheyTakeWhilePagesKeepTheirTimeout() throws Exception {
        int pages;
        try (Connection page = pool.getConnection()) {
            pages = page.getNetworkTimeout();
        }
        assertThat(pages).isEqualTo(30_000);

        try (Connection migration = flyway.getConfiguration().getDataSource().getConnection()) {
            assertThat(migration.getNetworkTimeout()).isZero();
        }
        // Back in the pool, every connection reads with the pool's timeout again.
        for (int i = 0; i < 3; i++) {
            try (Connection page = pool.getConnection()) {
                assertThat(page.getNetworkTimeout()).isEqualTo(pages);
            }
        }
    }
}
