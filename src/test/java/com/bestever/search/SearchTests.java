package com.bestever.search;

import static com.bestever.support.Html.page;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import com.bestever.article.Article;
import com.bestever.article.ArticleRepository;
import com.bestever.author.AuthorRepository;
import com.bestever.film.FilmRepository;
import com.bestever.support.SiteTest;
import com.bestever.support.TestData;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.support.TransactionTemplate;

/** A reader searching the reviews from the box in the site header. */
@SiteTest
class SearchTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    TestData data;

    @Autowired
    FilmRepository films;

    @Autowired
    AuthorRepository authors;

    @Autowired
    ArticleRepository articles;

    @Autowired
    TransactionTemplate transaction;

    MockHttpServletResponse search(String q) throws Exception {
        return mvc.perform(get("/search").param("q", q)).andReturn().getResponse();
    }

    Document results(String q) throws Exception {
        MockHttpServletResponse response = search(q);
        assertThat(response.getStatus()).isEqualTo(200);
        return page(response);
    }

    static List<String> foundSlugs(Document page) {
        return page.select(".search-result h2 a").eachAttr("href");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Francois Truffaut",
                "François Truffaut",
                "Antoine Doinel",
                "coming of age",
                "truffaut",
                "Les Quatre Cents Coups",
                "Philip Dale",
                "Jean-Pierre Leaud",
                "childhood"
            })
    void findsTheSampleReview(String q) throws Exception {
        assertThat(foundSlugs(results(q))).contains("/reviews/the-400-blows");
    }

    @Test
    void highlightsTheWordsThatMatchedInASnippet() throws Exception {
        Element hit = results("Antoine Doinel").selectFirst(".search-result:has(a[href=/reviews/the-400-blows])");
        assertThat(hit.select(".search-snippet mark").eachText()).contains("Antoine", "Doinel");
    }

    @Test
    void matchesAccentedWordsWithoutTheirAccents() throws Exception {
        Element hit = results("Francois").selectFirst(".search-result:has(a[href=/reviews/the-400-blows])");
        assertThat(hit.select(".search-snippet mark").eachText()).contains("François");
    }

    @Test
    void ranksATitleMatchAboveABodyMatch() throws Exception {
        String word = "zanzibarian" + TestData.unique("w").replace("-", "");
        Article inBody = data.review(article -> {
            article.setBody("Somewhere in the middle of this review the word " + word + " appears once.");
            article.publish(Instant.now().minus(Duration.ofHours(2)));
        });
        Article inTitle = data.review(article -> {
            article.setTitle("The " + word + " affair");
            article.publish(Instant.now().minus(Duration.ofHours(3)));
        });
        assertThat(foundSlugs(results(word)))
                .containsExactly("/reviews/" + inTitle.getSlug(), "/reviews/" + inBody.getSlug());
    }

    @Test
    void findsAReviewByItsFilmDirectorAndAuthor() throws Exception {
        Article review = data.publishedReview();
        String path = "/reviews/" + review.getSlug();
        assertThat(foundSlugs(results(review.getFilm().getTitle()))).contains(path);
        assertThat(foundSlugs(results(review.getAuthor().getName()))).contains(path);
    }

    @Test
    void followsTheFilmAndTheAuthorWhenTheyChange() throws Exception {
        Article review = data.publishedReview();
        String path = "/reviews/" + review.getSlug();
        String director = "Agnès Varda" + TestData.unique("").replace("-", " ");
        String author = "Critic Renamed" + TestData.unique("").replace("-", " ");
        transaction.executeWithoutResult(status -> {
            var film = films.findById(review.getFilm().getId()).orElseThrow();
            film.setDirectors(List.of(director));
            film.setOriginalTitle("Cléo de 5 à 7");
            authors.findById(review.getAuthor().getId()).orElseThrow().setName(author);
        });
        assertThat(foundSlugs(results("Agnes Varda " + director.substring("Agnès Varda".length()))))
                .contains(path);
        assertThat(foundSlugs(results(author))).contains(path);
        assertThat(foundSlugs(results("Cleo de 5 a 7 " + review.getFilm().getSlug())))
                .contains(path);
    }

    @Test
    void followsAnEditedReviewAndWhenItIsPublic() throws Exception {
        String before = "antediluvian" + TestData.unique("w").replace("-", "");
        String after = "postdiluvian" + TestData.unique("w").replace("-", "");
        Article review = data.review(article -> {
            article.setTitle("About " + before);
            article.publish(Instant.now().minus(Duration.ofMinutes(5)));
        });
        String path = "/reviews/" + review.getSlug();
        transaction.executeWithoutResult(status -> {
            Article edited = articles.findById(review.getId()).orElseThrow();
            edited.setTitle("About " + after);
            edited.schedule(Instant.now().plus(Duration.ofDays(1)));
        });
        assertThat(foundSlugs(results(before))).doesNotContain(path);
        assertThat(foundSlugs(results(after))).doesNotContain(path);
        transaction.executeWithoutResult(status -> articles.findById(review.getId())
                .orElseThrow()
                .publish(Instant.now().minus(Duration.ofMinutes(1))));
        assertThat(foundSlugs(results(after))).containsExactly(path);
        assertThat(foundSlugs(results(before))).doesNotContain(path);
    }

    @Test
    void doesNotFindDraftsOrReviewsScheduledForLater() throws Exception {
        String word = "quixotical" + TestData.unique("w").replace("-", "");
        data.review(article -> article.setTitle("Draft about " + word));
        data.review(article -> {
            article.setTitle("Scheduled about " + word);
            article.schedule(Instant.now().plus(Duration.ofDays(2)));
        });
        Article published = data.review(article -> {
            article.setTitle("Published about " + word);
            article.publish(Instant.now().minus(Duration.ofMinutes(5)));
        });
        assertThat(foundSlugs(results(word))).containsExactly("/reviews/" + published.getSlug());
    }

    @Test
    void showsMarkupInATitleAsTextAndHighlightsSafely() throws Exception {
        String word = "brouhaha" + TestData.unique("w").replace("-", "");
        data.review(article -> {
            article.setTitle("<script>alert(1)</script> The " + word + " & <b>bold</b> affair");
            article.setBody("A <img src=x onerror=alert(1)> " + word + " in the body.");
            article.publish(Instant.now().minus(Duration.ofMinutes(5)));
        });
        Document page = results(word);
        Element title = page.selectFirst(".search-result h2 a");
        assertThat(title.text()).isEqualTo("<script>alert(1)</script> The " + word + " & <b>bold</b> affair");
        assertThat(title.select("mark").eachText()).containsExactly(word);
        assertThat(page.select("main script, main b, main img")).isEmpty();
        assertThat(page.selectFirst(".search-snippet").text()).contains("<img src=x onerror=alert(1)>");
    }

    @Test
    void anEmptySearchShowsTheFormAndWhatToType() throws Exception {
        for (MockHttpServletResponse response :
                List.of(mvc.perform(get("/search")).andReturn().getResponse(), search(""), search("   "))) {
            assertThat(response.getStatus()).isEqualTo(200);
            Document page = page(response);
            assertThat(page.selectFirst("main form[action=/search] input[name=q]"))
                    .isNotNull();
            assertThat(page.selectFirst("main").text()).contains("Type a film, a director or a word");
            assertThat(page.select(".search-result")).isEmpty();
        }
    }

    @Test
    void aHugeSearchGetsAFriendlyBadRequestPage() throws Exception {
        MockHttpServletResponse response = search("truffaut ".repeat(100));
        assertThat(response.getStatus()).isEqualTo(400);
        Document page = page(response);
        assertThat(page.selectFirst("main").text()).contains("That search is too long");
        assertThat(page.selectFirst("main input[name=q]").val()).hasSizeLessThanOrEqualTo(200);
    }

    static Stream<String> hostileQueries() {
        return Stream.of(
                "'",
                "\"",
                "\"unterminated phrase",
                "a & b",
                "a | b",
                "!truffaut",
                "!!!",
                "truffaut:*",
                "tru:* & !",
                "(((",
                ")",
                "<->",
                "a <-> b",
                "'; drop table article; --",
                "1' or '1'='1",
                "\\",
                "%",
                "_",
                "*",
                "\u0000",
                "truffaut\u0000doinel",
                "\uD800",
                "\uFFFF",
                "👍🎬",
                "ﷺ",
                "\u202Etruffaut",
                "<script>alert(1)</script>",
                "&amp;",
                "-",
                "--",
                "or",
                "and not",
                "the",
                "a a a a a a",
                "Ω≈ç√∫˜µ≤≥÷",
                "田中さんにあげて下さい",
                "\t\n\r",
                "café:A",
                "x".repeat(200));
    }

    @ParameterizedTest
    @MethodSource("hostileQueries")
    void hostileInputNeverBreaksThePage(String q) throws Exception {
        MockHttpServletResponse response = search(q);
        assertThat(response.getStatus()).isIn(200, 400);
        Document page = page(response);
        assertThat(page.selectFirst("main form input[name=q]")).isNotNull();
        assertThat(page.select("main script")).isEmpty();
    }

    @Test
    void aBadPageNumberIsNotAServerError() throws Exception {
        assertThat(mvc.perform(get("/search").param("q", "truffaut").param("page", "0"))
                        .andReturn()
                        .getResponse()
                        .getStatus())
                .isEqualTo(404);
        assertThat(mvc.perform(get("/search").param("q", "truffaut").param("page", "abc"))
                        .andReturn()
                        .getResponse()
                        .getStatus())
                .isEqualTo(400);
        assertThat(mvc.perform(get("/search").param("q", "truffaut").param("page", "999"))
                        .andReturn()
                        .getResponse()
                        .getStatus())
                .isEqualTo(404);
    }

    @Test
    void manyResultsArePaginatedWithRealLinks() throws Exception {
        String word = "palimpsest" + TestData.unique("w").replace("-", "");
        for (int i = 0; i < 23; i++) {
            data.review(article -> {
                article.setBody("A review that mentions " + word + ".");
                article.publish(Instant.now().minus(Duration.ofMinutes(5)));
            });
        }
        Document first = results(word);
        assertThat(first.select(".search-result")).hasSize(20);
        assertThat(first.selectFirst(".search-count").text()).isEqualTo("23 reviews found");
        assertThat(first.select(".pagination a[rel=prev]")).isEmpty();
        assertThat(first.selectFirst(".pagination a[rel=next]").attr("href"))
                .isEqualTo("/search?q=" + word + "&page=2");

        Document second = page(mvc.perform(get("/search?q=" + word + "&page=2")));
        assertThat(second.select(".search-result")).hasSize(3);
        assertThat(second.selectFirst(".pagination a[rel=prev]").attr("href")).isEqualTo("/search?q=" + word);
        assertThat(second.select(".pagination a[rel=next]")).isEmpty();
        assertThat(second.select(".search-result h2 a").eachAttr("href"))
                .doesNotContainAnyElementsOf(first.select(".search-result h2 a").eachAttr("href"));
    }

    @Test
    void aBroadSearchRanksOnlyTheNewestMatchesAndSaysSo() throws Exception {
        String word = "ubiquitous" + TestData.unique("w").replace("-", "");
        Instant now = Instant.now();
        // The oldest match has the word in its title: it would rank first, but it is not among the newest.
        Article oldest = data.review(article -> {
            article.setTitle("The " + word + " affair");
            article.publish(now.minus(Duration.ofDays(30)));
        });
        for (int i = 0; i < SearchRepository.RANKED; i++) {
            Duration age = Duration.ofMinutes(5 + i);
            data.review(article -> {
                article.setBody("A review that mentions " + word + ".");
                article.publish(now.minus(age));
            });
        }
        Document first = results(word);
        assertThat(first.selectFirst(".search-count").text())
                .isEqualTo("More than 100 reviews found: these are the best matches among the 100 newest."
                        + " Add a word to narrow the search.");
        assertThat(first.select(".search-result")).hasSize(20);
        assertThat(first.selectFirst(".pagination span").text()).isEqualTo("Page 1 of 5");
        Document last = page(mvc.perform(get("/search?q=" + word + "&page=5")));
        assertThat(last.select(".search-result")).hasSize(20);
        assertThat(last.select(".pagination a[rel=next]")).isEmpty();
        assertThat(foundSlugs(first)).doesNotContain("/reviews/" + oldest.getSlug());
        assertThat(foundSlugs(last)).doesNotContain("/reviews/" + oldest.getSlug());
        assertThat(mvc.perform(get("/search?q=" + word + "&page=6"))
                        .andReturn()
                        .getResponse()
                        .getStatus())
                .isEqualTo(404);
    }

    @ParameterizedTest
    @ValueSource(strings = {"-truffaut", "truffaut or -doinel", "-\"coming of age\""})
    void aSearchThatOnlyLeavesWordsOutAsksForAWordToLookFor(String q) throws Exception {
        Document page = results(q);
        assertThat(page.selectFirst(".search-message").text())
                .isEqualTo("That search only leaves words out: add a word to look for.");
        assertThat(page.select(".search-result, .search-count")).isEmpty();
    }

    @Test
    void aWordFarIntoTheBodyIsFoundAndTheSnippetShowsTheOpening() throws Exception {
        String word = "quinquagenarian" + TestData.unique("w").replace("-", "");
        Article review = data.review(article -> {
            article.setBody("An opening paragraph that sets the scene. " + "Filler words go on and on. ".repeat(40)
                    + "Far into the body the word " + word + " appears.");
            article.publish(Instant.now().minus(Duration.ofMinutes(5)));
        });
        Element hit = results(word).selectFirst(".search-result");
        assertThat(hit.selectFirst("h2 a").attr("href")).isEqualTo("/reviews/" + review.getSlug());
        assertThat(hit.selectFirst(".search-snippet").text()).contains("A pull quote for", "An opening paragraph");
    }

    @Test
    void resultPagesAskSearchEnginesNotToIndexThem() throws Exception {
        Document page = results("truffaut");
        assertThat(page.selectFirst("meta[name=robots]").attr("content")).isEqualTo("noindex");
        assertThat(page.title()).contains("truffaut");
    }

    @Test
    void theSiteHeaderHasTheSearchBox() throws Exception {
        Document home = page(mvc.perform(get("/")));
        Element box = home.selectFirst("header form[role=search]");
        assertThat(box.attr("action")).isEqualTo("/search");
        assertThat(box.attr("method")).isEqualTo("get");
        assertThat(box.selectFirst("input[name=q]")).isNotNull();
    }

    @Test
    void aNewlyPublishedReviewIsFoundAtOnce() throws Exception {
        String word = "serendipitous" + TestData.unique("w").replace("-", "");
        assertThat(foundSlugs(results(word))).isEmpty();
        Article review = data.review(article -> {
            article.setPullQuote("A pull quote with " + word + ".");
            article.publish(Instant.now().minus(Duration.ofMinutes(1)));
        });
        assertThat(foundSlugs(results(word))).containsExactly("/reviews/" + review.getSlug());
    }
}
