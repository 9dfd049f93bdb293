package com.bestever.poll;

import static org.assertj.core.api.Assertions.assertThat;

import com.bestever.support.SiteTest;
import com.bestever.system.SiteSecrets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The key that signs voter cookies: generated once, kept in the database, shared by every instance. */
@SiteTest
class VoterKeyTests {

    @Autowired
    VoterKey key;

    @Autowired
    PollSettings settings;

    @Autowired
    JdbcClient jdbc;

    @Test
    void theGeneratedKeyIsKeptInTheDatabaseSoAnotherInstanceOrARestartSignsAlike() {
        String signature = key.sign("reader-1");

        VoterKey anotherInstance = new VoterKey(settings, new SiteSecrets(jdbc));

        assertThat(anotherInstance.sign("reader-1")).isEqualTo(signature);
        assertThat(anotherInstance.verify("reader-1", signature)).isTrue();
        assertThat(anotherInstance.verify("reader-2", signature)).isFalse();
        assertThat(jdbc.sql("select count(*) from site_secret where name = ?")
                        .param(VoterKey.NAME)
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void aConfiguredKeyIsUsedInstead() {
        VoterKey configured = new VoterKey(
                new PollSettings("a-configured-secret", 60, 10, Duration.ofDays(1), "", 200, Duration.ofSeconds(3)),
                new SiteSecrets(jdbc));

        assertThat(configured.sign("reader-1")).isNotEqualTo(key.sign("reader-1"));
    }
}
