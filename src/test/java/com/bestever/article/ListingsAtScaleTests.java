package com.bestever.article;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.bestever.support.Html;
import com.bestever.support.JdbcStatements;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.boot.webmvc.test.autoconfigure.MockMvcPrint;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The listings at 100,000 reviews (issue 11): the first and the last page of home, of a genre and
 * of a critic are right, and each is read in as few statements as at a handful of reviews, the
 * last page in no more than the first. {@link ListingIndex} finds where a page starts and how
 * many pages there are (no OFFSET scan, no count of the table), and the cards are read by
 * primary key. The page cache is off: every request is rendered from the database.
 * <p>
 * A PostgreSQL of its own (its own data directory), filled once with set-based SQL.
 */
@SpringBootTest(
        properties = {
            "bestever.embedded-database.data-directory=target/listings-at-scale-postgres",
            "bestever.sample-content=false",
            "bestever.page-cache.enabled=false"
        })
@AutoConfigureMockMvc(print = MockMvcPrint.NONE)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ListingsAtScaleTests {

    static final int REVIEWS = 100_000;
    static final int GENRES = 20;
    static final int CRITICS = 200;
    static final int PAGE = 20;

    /** The most statements any listing page may take, as at small scale (PublicPagesTests). */
    static final int MOST_STATEMENTS = 4;

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    HikariDataSource database;

    @BeforeAll
    void fillOnce() throws SQLException {
        Integer already =
                jdbc.queryForObject("select count(*) from article where slug like 'scale-review-%'", Integer.class);
        if (already != null && already == REVIEWS) {
            return; // the data directory survived from an earlier run
        }
        // Its own connection: the site's pool cuts statements at 10 s and reads at 30 s.
        try (Connection connection = DriverManager.getConnection(
                        database.getJdbcUrl(), database.getUsername(), database.getPassword());
                Statement fill = connection.createStatement()) {
            fill.execute("set statement_timeout = 0");
            fill.execute("""
                insert into genre (name, slug) select 'Scale Genre ' || g, 'scale-genre-' || g from generate_series(1, %d) g;
                insert into author (name, slug) select 'Scale Critic ' || c, 'scale-critic-' || c from generate_series(1, %d) c;
                insert into film (title, slug, release_year)
                     select 'Scale Film ' || f, 'scale-film-' || f, 1950 + f %% 70 from generate_series(1, %d) f;
                insert into article (title, slug, genre_id, film_id, author_id, pull_quote, body, verdict, status,
                                     publish_at, created_at, updated_at)
                     select 'Scale Review ' || i, 'scale-review-' || i,
                            g.id, f.id, au.id,
                            'The pull quote of review ' || i || '.', 'The body of review ' || i || '.',
                            'The verdict of review ' || i || '.', 'PUBLISHED',
                            now() - (i || ' minutes')::interval, now() - (i || ' minutes')::interval, now()
                       from generate_series(1, %d) i
                       join genre g on g.slug = 'scale-genre-' || (1 + i %% %d)
                       join film f on f.slug = 'scale-film-' || (1 + (i - 1) / 2)
                       join author au on au.slug = 'scale-critic-' || (1 + i %% %d);
                analyze;
                """.formatted(GENRES, CRITICS, REVIEWS / 2, REVIEWS, GENRES, CRITICS));
        }
    }

    @Test
    void everyPageOfHomeIsReadInTheSameFewStatements() throws Exception {
        int lastPage = REVIEWS / PAGE;
        Map<String, Long> counts = Map.of("/", statements("/"), "/?page=" + lastPage, statements("/?page=" + lastPage));

        Document first = page("/");
        assertThat(first.select("main .card")).hasSize(PAGE);
        assertThat(first.selectFirst("main .card-title").text()).isEqualTo("Scale Review 1");
        assertThat(first.selectFirst(".pagination span").text()).isEqualTo("Page 1 of " + lastPage);
        Document last = page("/?page=" + lastPage);
        assertThat(last.select("main .card")).hasSize(PAGE);
        assertThat(last.select("main .card-title").last().text()).isEqualTo("Scale Review " + REVIEWS);
        assertThat(last.selectFirst(".pagination a[rel=next]")).isNull();

        assertThat(counts.values()).allSatisfy(count -> assertThat(count).isLessThanOrEqualTo(MOST_STATEMENTS));
        assertThat(counts.get("/?page=" + lastPage)).isLessThanOrEqualTo(counts.get("/"));
    }

    @Test
    void everyPageOfAGenreIsReadInTheSameFewStatements() throws Exception {
        // Genre 1 holds the reviews whose number is a multiple of 20: the oldest is the last one.
        listingIsFlat("/genres/scale-genre-1", REVIEWS / GENRES, MOST_STATEMENTS + 1);
    }

    @Test
    void everyPageOfACriticIsReadInTheSameFewStatements() throws Exception {
        // Critic 1 wrote the reviews whose number is a multiple of 200.
        listingIsFlat("/authors/scale-critic-1", REVIEWS / CRITICS, MOST_STATEMENTS + 2);
    }

    /** A listing of {@code reviews} reviews whose oldest is the last generated: first and last pages. */
    private void listingIsFlat(String listing, int reviews, int mostStatements) throws Exception {
        int lastPage = reviews / PAGE;
        long firstCount = statements(listing);
        long lastCount = statements(listing + "?page=" + lastPage);

        Document first = page(listing);
        assertThat(first.select("main .card")).hasSize(PAGE);
        assertThat(first.selectFirst(".pagination span").text()).isEqualTo("Page 1 of " + lastPage);
        Document last = page(listing + "?page=" + lastPage);
        assertThat(last.select("main .card")).hasSize(PAGE);
        assertThat(last.select("main .card-title").last().text()).isEqualTo("Scale Review " + REVIEWS);
        assertThat(last.selectFirst(".pagination a[rel=next]")).isNull();

        assertThat(firstCount).isLessThanOrEqualTo(mostStatements);
        assertThat(lastCount).isLessThanOrEqualTo(firstCount);
    }

    @Test
    void aPageBeyondTheLastIsNotFoundAtOnce() throws Exception {
        mvc.perform(get("/?page=" + (REVIEWS / PAGE + 1))).andExpect(status().isNotFound());
        mvc.perform(get("/genres/scale-genre-1?page=99999")).andExpect(status().isNotFound());
    }

    /** The statements a page takes once warm (the listing order is loaded by the first read). */
    private long statements(String url) throws Exception {
        page(url);
        return JdbcStatements.countDuring(() -> page(url));
    }

    private Document page(String url) throws Exception {
        return Html.page(mvc.perform(get(url)).andExpect(status().isOk()));
    }
}
