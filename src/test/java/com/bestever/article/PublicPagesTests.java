package com.bestever.article;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.bestever.film.Film;
import com.bestever.genre.Genre;
import com.bestever.support.Html;
import com.bestever.support.JdbcStatements;
import com.bestever.support.MutableClock;
import com.bestever.support.SiteTest;
import com.bestever.support.TestData;
import com.bestever.system.KeptPagesForTests;
import java.time.Duration;
import java.time.Instant;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.support.TransactionTemplate;

/** The public pages around the reviews: home, film, author, genre, and what readers must not see. */
@SiteTest
class PublicPagesTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    KeptPagesForTests keptPages;

    @Autowired
    TestData testData;

    @Autowired
    MutableClock clock;

    @Autowired
    ArticleRepository articles;

    @Autowired
    TransactionTemplate transaction;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    Document page(String url) throws Exception {
        return Html.page(mvc.perform(get(url)).andExpect(status().isOk()));
    }

    Document notFound(String url) throws Exception {
        return Html.page(mvc.perform(get(url)).andExpect(status().isNotFound()));
    }

    @Test
    void homeListsTheLatestReviewsNewestFirst() throws Exception {
        Article newest =
                testData.review(article -> article.publish(clock.instant().minusSeconds(5)));
        Document home = page("/");
        // Other tests publish too: ours is on the first page, and the page runs newest first.
        assertThat(home.select("main .card-title a").eachText()).contains(newest.getTitle());
        var dates = home.select("main .card time").eachAttr("datetime").stream()
                .map(java.time.OffsetDateTime::parse)
                .map(java.time.OffsetDateTime::toInstant)
                .toList();
        assertThat(dates).hasSizeGreaterThan(1).isSortedAccordingTo(java.util.Comparator.reverseOrder());
        assertThat(home.select("h1")).hasSize(1);
    }

    @Test
    void homeShowsTwentyReviewsInAtMostTwoStatementsAndLinksToThePageAfter() throws Exception {
        for (int i = 0; i < 21; i++) {
            testData.publishedReview();
        }
        page("/");
        keptPages.dropAll(); // a render, not the kept copy
        long count = JdbcStatements.countDuring(() -> page("/"));
        // The twenty cards and the commit: the listing order is in memory (ListingIndex).
        assertThat(count).isLessThanOrEqualTo(2);
        Document home = page("/");
        assertThat(home.select("main .card")).hasSize(20);
        assertThat(home.selectFirst(".pagination a[rel=next]").attr("href")).isEqualTo("/?page=2");
        Document second = page("/?page=2");
        assertThat(second.select("main .card")).isNotEmpty();
        assertThat(second.selectFirst(".pagination a[rel=prev]").attr("href")).isEqualTo("/");
    }

    @Test
    void aPageBeyondTheLastIsNotFound() throws Exception {
        notFound("/?page=100000");
        notFound("/?page=0");
    }

    @Test
    void aPageNumberThatIsNotANumberIsABadRequestWithAPage() throws Exception {
        var response = mvc.perform(get("/?page=abc"))
                .andExpect(status().isBadRequest())
                .andReturn()
                .getResponse();
        Document page = Html.page(response);
        assertThat(page.selectFirst("h1").text()).isEqualTo("We could not do that");
        assertThat(page.text()).doesNotContain("Exception");
    }

    @Test
    void draftsAndReviewsInReviewAreNotFound() throws Exception {
        Article draft = testData.draft();
        Document page = notFound("/reviews/" + draft.getSlug());
        assertThat(page.selectFirst("h1").text()).isEqualTo("This page is not here");
        Article inReview = testData.review(article -> article.setStatus(ArticleStatus.IN_REVIEW));
        notFound("/reviews/" + inReview.getSlug());
        assertThat(page("/").select("a[href=/reviews/" + draft.getSlug() + "]")).isEmpty();
    }

    /**
     * Every address with nothing at it gets the same page, rendered once and kept (so a flood of
     * made-up addresses costs no render each), and the kept page follows the site's header.
     */
    @Test
    void everyAddressWithNothingAtItGetsTheSamePageWhichFollowsTheHeader() throws Exception {
        Genre leading = testData.genre();
        var first = mvc.perform(get("/no-such-page/" + TestData.unique("a")))
                .andExpect(status().isNotFound())
                .andExpect(content().contentType("text/html;charset=UTF-8"))
                .andReturn()
                .getResponse();
        Document shown = Html.page(first);
        assertThat(shown.selectFirst("h1").text()).isEqualTo("This page is not here");
        assertThat(shown.select(".site-nav a").eachText()).doesNotContain(leading.getName());
        var second = mvc.perform(get("/reviews/" + TestData.unique("no-such-review")))
                .andExpect(status().isNotFound())
                .andReturn()
                .getResponse();
        assertThat(second.getContentAsString()).isEqualTo(first.getContentAsString());
        assertThat(second.getHeader("Content-Language")).isNotNull().isEqualTo(first.getHeader("Content-Language"));

        // Enough reviews in one genre put it in every page's header: the kept 404 page too.
        for (int i = 0; i < 12; i++) {
            Film film = testData.film(leading);
            testData.review(article -> {
                article.setGenre(leading);
                article.setFilm(film);
                article.publish(clock.instant().minus(Duration.ofMinutes(1)));
            });
        }
        assertThat(page("/").select(".site-nav a").eachText()).contains(leading.getName());
        assertThat(notFound("/no-such-page/" + TestData.unique("b"))
                        .select(".site-nav a")
                        .eachText())
                .contains(leading.getName());

        // A client that asked for JSON still gets the problem, not the page.
        mvc.perform(get("/no-such-page/c").accept("application/json"))
                .andExpect(status().isNotFound())
                .andExpect(content().contentType("application/problem+json"));
    }

    @Test
    void aScheduledReviewAppearsWhenItsTimeComes() throws Exception {
        Instant at = clock.instant().plus(Duration.ofHours(2));
        Article scheduled = testData.scheduled(at);
        notFound("/reviews/" + scheduled.getSlug());
        assertThat(page("/").select("a[href=/reviews/" + scheduled.getSlug() + "]"))
                .isEmpty();

        clock.set(at.plusSeconds(1));
        assertThat(page("/reviews/" + scheduled.getSlug()).selectFirst("h1").text())
                .isEqualTo(scheduled.getTitle());
        assertThat(page("/").select("a[href=/reviews/" + scheduled.getSlug() + "]"))
                .isNotEmpty();
    }

    @Test
    void anEarlierSlugAnswersWithAPermanentRedirect() throws Exception {
        Article review = testData.publishedReview();
        String earlier = review.getSlug();
        transaction.executeWithoutResult(
                status -> articles.findById(review.getId()).orElseThrow().changeSlug(earlier + "-renamed"));
        mvc.perform(get("/reviews/" + earlier))
                .andExpect(status().isMovedPermanently())
                .andExpect(header().string("Location", "/reviews/" + earlier + "-renamed"));
        page("/reviews/" + earlier + "-renamed");
    }

    @Test
    void unknownAddressesGetTheNotFoundPage() throws Exception {
        notFound("/reviews/no-such-review");
        notFound("/films/no-such-film");
        notFound("/authors/no-such-author");
        notFound("/genres/no-such-genre");
        notFound("/no/such/page");
        Document page = Html.page(mvc.perform(get(java.net.URI.create("/reviews/%E2%9C%93%20weird")))
                .andExpect(status().isNotFound()));
        assertThat(page.select("main a[href=/]")).isNotEmpty();
    }

    @Test
    void filmPageShowsTheFactsTheReviewsAndThePoll() throws Exception {
        Document film = page("/films/the-400-blows");
        assertThat(film.selectFirst("h1").text()).isEqualTo("The 400 Blows");
        assertThat(film.select("dl.facts dt").eachText())
                .containsExactly("Year", "Director", "Starring", "Country", "Language", "Runtime", "Genres");
        assertThat(film.select("dl.facts dd").eachText())
                .containsExactly(
                        "1959",
                        "François Truffaut",
                        "Jean-Pierre Léaud",
                        "France",
                        "French",
                        "99 minutes",
                        "Coming-of-Age, Drama");
        assertThat(film.text()).contains("Les Quatre Cents Coups");
        assertThat(film.select(".film-reviews a[href=/reviews/the-400-blows]")).isNotEmpty();
        assertThat(film.select(".film-polls h3").eachText())
                .contains("Is The 400 Blows the Best Ever Coming-of-Age Movie?");
        keptPages.dropAll(); // a render, not the kept copy
        long count = JdbcStatements.countDuring(() -> page("/films/the-400-blows"));
        // The film, its reviews' cards, its polls, the commit: however many reviews it has.
        assertThat(count).isLessThanOrEqualTo(5);
    }

    @Test
    void authorPageShowsTheBioAndTheReviews() throws Exception {
        Document author = page("/authors/philip-dale");
        assertThat(author.selectFirst("h1").text()).isEqualTo("Philip Dale");
        assertThat(author.selectFirst(".page-dek").text()).isNotBlank();
        assertThat(author.select("main a[href=/reviews/the-400-blows]")).isNotEmpty();
    }

    @Test
    void genrePageAsksTheGenresQuestionAndListsItsReviews() throws Exception {
        Document drama = page("/genres/drama");
        assertThat(drama.selectFirst("h1").text()).isEqualTo("Best Ever Drama Movie?");
        assertThat(drama.select("main a[href=/reviews/the-400-blows]")).isNotEmpty();
        Document comingOfAge = page("/genres/coming-of-age");
        assertThat(comingOfAge.selectFirst("h1").text()).isEqualTo("Best Ever Coming-of-Age Movie?");
        assertThat(comingOfAge.select("main a[href=/reviews/the-400-blows]")).isEmpty();
    }

    @Test
    void healthIsUpForOperators() throws Exception {
        mvc.perform(get("/actuator/health")).andExpect(status().isOk());
    }
}
