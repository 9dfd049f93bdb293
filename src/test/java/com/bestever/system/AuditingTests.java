package com.bestever.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.bestever.genre.Genre;
import com.bestever.genre.GenreRepository;
import com.bestever.support.MutableClock;
import com.bestever.support.SiteTest;
import com.bestever.support.TestData;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/** A record's created and updated times come from the site's clock, not the machine's. */
@SiteTest
class AuditingTests {

    static final Instant CREATED = Instant.parse("2020-02-02T10:00:00Z");

    @Autowired
    MutableClock clock;

    @Autowired
    TestData data;

    @Autowired
    GenreRepository genres;

    @Autowired
    TransactionTemplate transaction;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void createdAndUpdatedTimesFollowTheClockAndNobodyIsRecordedOutsideASignIn() {
        clock.set(CREATED);
        Genre genre = data.genre();
        assertThat(genre.getCreatedAt()).isEqualTo(CREATED);
        assertThat(genre.getUpdatedAt()).isEqualTo(CREATED);
        assertThat(genre.getCreatedBy()).isNull();

        clock.advance(Duration.ofHours(1));
        transaction.executeWithoutResult(
                status -> genres.findById(genre.getId()).orElseThrow().setDescription("Changed."));

        Genre changed = genres.findById(genre.getId()).orElseThrow();
        assertThat(changed.getCreatedAt()).isEqualTo(CREATED);
        assertThat(changed.getUpdatedAt()).isEqualTo(CREATED.plus(Duration.ofHours(1)));
        assertThat(changed.getVersion()).isEqualTo(genre.getVersion() + 1);
        assertThat(changed.getUpdatedBy()).isNull();
    }
}
