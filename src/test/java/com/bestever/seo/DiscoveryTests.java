package com.bestever.seo;

import static com.bestever.support.Html.page;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.bestever.article.Article;
import com.bestever.article.ArticleStatus;
import com.bestever.genre.Genre;
import com.bestever.genre.GenreRepository;
import com.bestever.support.MutableClock;
import com.bestever.support.SiteTest;
import com.bestever.support.TestData;
import com.bestever.system.ContentChanged;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.parser.Parser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.support.TransactionTemplate;

/** A reader who finishes a review has somewhere to go: genres, read-next lists, feeds, a sitemap of real pages. */
@SiteTest
class DiscoveryTests {

    static final String BASE = "http://localhost:8080";

    @Autowired
    MockMvc mvc;

    @Autowired
    TestData data;

    @Autowired
    MutableClock clock;

    @Autowired
    GenreRepository genres;

    @Autowired
    TransactionTemplate transaction;

    @Autowired
    ApplicationEventPublisher events;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    Document html(String url) throws Exception {
        return page(mvc.perform(get(url)).andExpect(status().isOk()));
    }

    Document xml(String url) throws Exception {
        events.publishEvent(ContentChanged.everything());
        var response =
                mvc.perform(get(url)).andExpect(status().isOk()).andReturn().getResponse();
        return Jsoup.parse(response.getContentAsString(StandardCharsets.UTF_8), "", Parser.xmlParser());
    }

    @Test
    void theGenresPageListsEveryGenreWithPublicReviewsAndHowMany() throws Exception {
        Article first = data.publishedReview();
        Genre genre = first.getGenre();
        data.review(article -> {
            article.setGenre(genre);
            article.publish(clock.instant().minusSeconds(30));
        });
        data.review(article -> {
            article.setGenre(genre);
            article.setStatus(ArticleStatus.DRAFT);
        });
        Article draftOnly = data.draft();

        Document page = html("/genres");
        assertThat(page.select("h1").text()).isEqualTo("Genres");
        var line = page.selectFirst(".genre-index li:has(a[href=/genres/" + genre.getSlug() + "])");
        assertThat(line).isNotNull();
        assertThat(line.selectFirst(".genre-count").text()).isEqualTo("2 reviews");
        assertThat(page.select(
                        ".genre-index a[href=/genres/" + draftOnly.getGenre().getSlug() + "]"))
                .isEmpty();
        assertThat(page.select("link[rel=canonical]").attr("href")).isEqualTo(BASE + "/genres");
        // Every page's header leads there.
        assertThat(html("/").select("header .site-nav a[href=/genres]").text()).isEqualTo("All genres");
    }

    @Test
    void aReviewOffersOtherPublicReviewsOfItsFilmAndMoreInItsGenre() throws Exception {
        Article review = data.publishedReview();
        Article sameFilm = data.review(article -> {
            article.setFilm(review.getFilm());
            article.publish(clock.instant().minusSeconds(90));
        });
        Article sameGenre = data.review(article -> {
            article.setGenre(review.getGenre());
            article.publish(clock.instant().minusSeconds(90));
        });
        Article draftOfFilm = data.review(article -> {
            article.setFilm(review.getFilm());
            article.setGenre(review.getGenre());
            article.setStatus(ArticleStatus.DRAFT);
        });
        Article scheduledInGenre = data.review(article -> {
            article.setGenre(review.getGenre());
            article.schedule(clock.instant().plus(Duration.ofDays(1)));
        });

        Document page = html("/reviews/" + review.getSlug());
        assertThat(page.select(".other-of-film > h2").text())
                .isEqualTo("Other reviews of " + review.getFilm().getTitle());
        assertThat(page.select(".other-of-film .card-title a").eachAttr("href"))
                .containsExactly("/reviews/" + sameFilm.getSlug());
        assertThat(page.select(".more-in-genre > h2").text())
                .isEqualTo("More in " + review.getGenre().getName());
        assertThat(page.select(".more-in-genre .card-title a").eachAttr("href"))
                .containsExactly("/reviews/" + sameGenre.getSlug());
        assertThat(page.select("a[href=/reviews/" + draftOfFilm.getSlug() + "]"))
                .isEmpty();
        assertThat(page.select("a[href=/reviews/" + scheduledInGenre.getSlug() + "]"))
                .isEmpty();
        assertThat(page.select("a[href=/reviews/" + review.getSlug() + "]")).isEmpty();
    }

    @Test
    void aFilmsOlderReviewIsOfferedHoweverManyNewerReviewsItsGenreHas() throws Exception {
        Article review = data.publishedReview();
        Article olderOfFilm = data.review(article -> {
            article.setFilm(review.getFilm());
            article.publish(clock.instant().minus(Duration.ofDays(30)));
        });
        List<Article> newerInGenre = new ArrayList<>();
        for (int i = 1; i <= 14; i++) {
            int minutes = i;
            newerInGenre.add(data.review(article -> {
                article.setGenre(review.getGenre());
                article.publish(clock.instant().minus(Duration.ofMinutes(minutes)));
            }));
        }

        Document page = html("/reviews/" + review.getSlug());

        assertThat(page.select(".other-of-film .card-title a").eachAttr("href"))
                .containsExactly("/reviews/" + olderOfFilm.getSlug());
        assertThat(page.select(".more-in-genre .card-title a").eachAttr("href"))
                .containsExactly(
                        "/reviews/" + newerInGenre.get(0).getSlug(),
                        "/reviews/" + newerInGenre.get(1).getSlug(),
                        "/reviews/" + newerInGenre.get(2).getSlug());
    }

    @Test
    void aLoneReviewHasNoReadNextLists() throws Exception {
        Article review = data.publishedReview();
        Document page = html("/reviews/" + review.getSlug());
        assertThat(page.select(".read-next")).isEmpty();
    }

    @Test
    void eachGenreAndCriticHasItsOwnAtomFeedNamedInItsPageHead() throws Exception {
        Article review = data.publishedReview();
        Article elsewhere = data.publishedReview();
        String genreFeed = "/genres/" + review.getGenre().getSlug() + "/feed.xml";
        String authorFeed = "/authors/" + review.getAuthor().getSlug() + "/feed.xml";

        assertThat(html("/genres/" + review.getGenre().getSlug())
                        .select("head link[rel=alternate][type=application/atom+xml]")
                        .eachAttr("href"))
                .contains(genreFeed);
        assertThat(html("/authors/" + review.getAuthor().getSlug())
                        .select("head link[rel=alternate][type=application/atom+xml]")
                        .eachAttr("href"))
                .contains(authorFeed);

        for (String url : new String[] {genreFeed, authorFeed}) {
            Document feed = xml(url);
            assertThat(feed.select("feed > link[rel=self]").attr("href")).isEqualTo(BASE + url);
            assertThat(feed.select("feed > entry > link[rel=alternate]").eachAttr("href"))
                    .containsExactly(BASE + "/reviews/" + review.getSlug());
            assertThat(feed.select("feed > id").text()).doesNotEndWith(":feed");
        }
        assertThat(xml(genreFeed).select("feed > title").text())
                .contains(review.getGenre().kicker());
        assertThat(xml(genreFeed).text()).doesNotContain(elsewhere.getSlug());
        mvc.perform(get("/genres/no-such-genre-at-all/feed.xml")).andExpect(status().isNotFound());
    }

    @Test
    void aRenamedGenresFeedAnswers301ToItsNewAddress() throws Exception {
        Article review = data.publishedReview();
        String old = review.getGenre().getSlug();
        transaction.executeWithoutResult(status ->
                genres.findById(review.getGenre().getId()).orElseThrow().setSlug(old + "-new"));
        mvc.perform(get("/genres/" + old + "/feed.xml"))
                .andExpect(status().isMovedPermanently())
                .andExpect(redirectedUrl("/genres/" + old + "-new/feed.xml"));
    }

    @Test
    void theSitemapListsOnlyPagesWithPublicContentAndThinPagesAreNoindex() throws Exception {
        Article review = data.publishedReview();
        Article draft = data.draft();
        Document sitemap = xml("/sitemap.xml");
        var locations = sitemap.select("url > loc").eachText();
        assertThat(locations)
                .contains(
                        BASE + "/genres",
                        BASE + "/films/" + review.getFilm().getSlug(),
                        BASE + "/authors/" + review.getAuthor().getSlug(),
                        BASE + "/genres/" + review.getGenre().getSlug())
                .doesNotContain(
                        BASE + "/reviews/" + draft.getSlug(),
                        BASE + "/films/" + draft.getFilm().getSlug(),
                        BASE + "/authors/" + draft.getAuthor().getSlug(),
                        BASE + "/genres/" + draft.getGenre().getSlug());

        for (String thin : new String[] {
            "/films/" + draft.getFilm().getSlug(),
            "/authors/" + draft.getAuthor().getSlug(),
            "/genres/" + draft.getGenre().getSlug()
        }) {
            assertThat(html(thin).select("meta[name=robots]").attr("content"))
                    .as(thin)
                    .isEqualTo("noindex");
        }
        assertThat(html("/films/" + review.getFilm().getSlug()).select("meta[name=robots]"))
                .isEmpty();
    }
}
