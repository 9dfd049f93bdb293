package com.bestever.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.bestever.article.Article;
import com.bestever.film.Film;
import com.bestever.film.FilmRepository;
import com.bestever.support.SiteTest;
import com.bestever.support.TestData;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What one instance changes, every instance hears of within a second (PostgreSQL LISTEN/NOTIFY):
 * a committed change is sent, a notice drops the kept pages it names, and a lost listening
 * connection comes back by itself and drops everything.
 */
@SiteTest
class ContentNoticesTests {

    static final Duration WITHIN = Duration.ofSeconds(1);

    @Autowired
    MockMvc mvc;

    @Autowired
    TestData data;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DataSource dataSource;

    @Autowired
    TransactionTemplate transaction;

    @Autowired
    FilmRepository films;

    @Autowired
    PublicPageCache cache;

    @Autowired
    ContentNotices notices;

    String keptPage(Article review) throws Exception {
        String path = "/reviews/" + review.getSlug();
        mvc.perform(MockMvcRequestBuilders.get(path)).andReturn();
        assertThat(cache.tagsOf(path)).as("kept: " + path).isNotNull();
        return path;
    }

    /** Another instance's notice, as PostgreSQL delivers it. */
    void noticeFromElsewhere(String payload) {
        jdbc.sql("select pg_notify(?, ?)")
                .param(ContentNotices.CHANNEL)
                .param("another-instance\n" + payload)
                .query(Object.class)
                .single();
    }

    static boolean within(Duration limit, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(10);
        }
        return condition.getAsBoolean();
    }

    @Test
    void aNoticeFromAnotherInstanceDropsOnlyThePagesItNames() throws Exception {
        Article changed = data.publishedReview();
        Article other = data.publishedReview();
        String changedPage = keptPage(changed);
        String otherPage = keptPage(other);

        noticeFromElsewhere(ContentChanged.tag(ContentChanged.Kind.REVIEW, changed.getId()));

        assertThat(within(WITHIN, () -> cache.tagsOf(changedPage) == null))
                .as("dropped within a second")
                .isTrue();
        assertThat(cache.tagsOf(otherPage)).as("another review's page stays").isNotNull();
    }

    @Test
    void aNoticeThatNamesNothingClearlyDropsEverything() throws Exception {
        String page = keptPage(data.publishedReview());

        noticeFromElsewhere("review-not-a-number");

        assertThat(within(WITHIN, () -> cache.tagsOf(page) == null)).isTrue();
    }

    @Test
    void aChangeTravelsAsItsTagsAndComesBackTheSame() {
        ContentChanged change = new ContentChanged(
                ContentChanged.Kind.POLL, 7, Set.of("polls", "film-3-polls", "genre-2-polls", "review-12"));
        Set<ContentChanged> heard = ContentNotices.changes(ContentNotices.line(change));
        assertThat(heard).containsExactly(change);
        assertThat(heard.iterator().next().tags()).isEqualTo(change.tags());

        assertThat(ContentNotices.changes("site")).containsExactly(ContentChanged.everything());
        assertThat(ContentNotices.changes("film-3 films\nreview-12 reviews"))
                .containsExactly(
                        new ContentChanged(ContentChanged.Kind.FILM, 3),
                        new ContentChanged(ContentChanged.Kind.REVIEW, 12));
        assertThat(ContentNotices.changes("movie-3")).containsExactly(ContentChanged.everything());
    }

    @Test
    void aNoticePastPostgresqlsLimitSaysEverything() {
        List<String> lines = IntStream.range(0, 1000)
                .mapToObj(i -> "review-" + i + " reviews genre-" + i + "-reviews")
                .toList();
        int limit = ContentNotices.LONGEST_PAYLOAD;
        assertThat(ContentNotices.payload(lines, limit)).isEqualTo("site");
        assertThat(ContentNotices.payload(lines.subList(0, 10), limit))
                .startsWith("review-0 reviews genre-0-reviews\n");
        // The longest notice that is sent as it is (with the sender's line), PostgreSQL takes.
        String longest = "review-1 " + "x".repeat(limit - 9 - "another-instance\n".length());
        assertThat(ContentNotices.payload(List.of(longest), limit - "another-instance\n".length()))
                .isEqualTo(longest);
        noticeFromElsewhere(longest);
        assertThat(ContentNotices.payload(List.of(longest + "x"), limit - "another-instance\n".length()))
                .isEqualTo("site");
    }

    @Test
    void aCommittedChangeIsSentOnceAfterItsCommitAndARolledBackOneNever() throws Exception {
        Film film = data.film();
        try (Connection listener = dataSource.getConnection()) {
            try (Statement listen = listener.createStatement()) {
                listen.execute("listen " + ContentNotices.CHANNEL);
            }
            PGConnection postgres = listener.unwrap(PGConnection.class);

            transaction.executeWithoutResult(status -> {
                films.findById(film.getId()).orElseThrow().setCast(List.of("Someone New"));
                films.flush();
            });
            transaction.executeWithoutResult(status -> {
                films.findById(film.getId()).orElseThrow().setCast(List.of("Someone Else"));
                films.flush();
                status.setRollbackOnly();
            });

            List<String> heard = new ArrayList<>();
            long deadline = System.nanoTime() + WITHIN.toNanos();
            while (System.nanoTime() < deadline) {
                PGNotification[] batch = postgres.getNotifications(100);
                if (batch != null) {
                    for (PGNotification notice : batch) {
                        heard.add(notice.getParameter());
                    }
                }
            }
            String line = ContentNotices.line(new ContentChanged(ContentChanged.Kind.FILM, film.getId()));
            List<String> changes = heard.stream()
                    .map(notice -> notice.substring(notice.indexOf('\n') + 1))
                    .toList();
            assertThat(Collections.frequency(changes, line))
                    .as("one notice for the committed change: " + heard)
                    .isEqualTo(1);
            try (Statement unlisten = listener.createStatement()) {
                unlisten.execute("unlisten *");
            }
        }
    }

    @Test
    void aLostListenerComesBackByItselfAndDropsEverything() throws Exception {
        String page = keptPage(data.publishedReview());
        long before = notices.connections();

        int ended = jdbc.sql("select count(pg_terminate_backend(pid)) from pg_stat_activity where application_name = ?")
                .param(ContentNotices.APPLICATION_NAME)
                .query(Integer.class)
                .single();
        assertThat(ended).isPositive();

        assertThat(within(Duration.ofSeconds(5), () -> notices.connections() > before))
                .as("listening again")
                .isTrue();
        assertThat(cache.tagsOf(page))
                .as("a notice may have been missed: nothing kept stays")
                .isNull();

        // And it hears again.
        Article next = data.publishedReview();
        String nextPage = keptPage(next);
        noticeFromElsewhere(ContentChanged.tag(ContentChanged.Kind.REVIEW, next.getId()));
        assertThat(within(WITHIN, () -> cache.tagsOf(nextPage) == null)).isTrue();
    }
}
