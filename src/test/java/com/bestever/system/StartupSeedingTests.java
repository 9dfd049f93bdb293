package com.bestever.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.bestever.support.SiteTest;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Two instances starting at once on one database: one seeds at a time. From the moment startup
 * ends until the instance is ready, another instance (another connection) cannot take the lock.
 */
@SiteTest
class StartupSeedingTests {

    @Autowired
    DataSource dataSource;

    @Test
    void anotherInstanceWaitsWhileOneSeedsAndGoesOnOnceItIsReady() throws Exception {
        JdbcTemplate other = new JdbcTemplate(dataSource);
        StartupSeeding seeding = new StartupSeeding(dataSource);
        assertThat(tryLock(other)).as("free once this context is ready").isTrue();

        seeding.lock();
        assertThat(tryLock(other)).as("held while one instance seeds").isFalse();

        seeding.unlock();
        assertThat(tryLock(other)).as("free once it is ready").isTrue();
    }

    /** Takes and at once gives back the lock, on a connection of its own; answers whether it was free. */
    private static boolean tryLock(JdbcTemplate other) {
        return Boolean.TRUE.equals(other.queryForObject(
                "select pg_try_advisory_lock(?) and pg_advisory_unlock(?)",
                Boolean.class,
                StartupSeeding.LOCK,
                StartupSeeding.LOCK));
    }
}
