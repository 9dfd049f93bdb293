package com.bestever.seo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.bestever.article.Article;
import com.bestever.film.Film;
import com.bestever.film.FilmRepository;
import com.bestever.support.Html;
import com.bestever.support.MutableClock;
import com.bestever.support.SiteTest;
import com.bestever.support.TestData;
import com.bestever.support.TestImages;
import com.bestever.system.ImageRejected;
import com.bestever.system.Images;
import com.bestever.system.PageNumber;
import com.bestever.system.Picture;
import java.util.ArrayList;
import java.util.List;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** What the head of each public page tells crawlers and link previews, and its JSON-LD. */
@SiteTest
class HeadTests {

    static final String BASE = "http://localhost:8080";

    @Autowired
    MockMvc mvc;

    @Autowired
    ObjectMapper json;

    @Autowired
    TestData data;

    @Autowired
    MutableClock clock;

    @Autowired
    FilmRepository films;

    @Autowired
    Images images;

    @Autowired
    org.springframework.transaction.support.TransactionTemplate transaction;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    Document page(String path) throws Exception {
        return Html.page(mvc.perform(get(path)).andExpect(status().isOk()));
    }

    static String meta(Document page, String key) {
        Element meta = page.selectFirst("meta[property=" + key + "], meta[name=" + key + "]");
        return meta == null ? null : meta.attr("content");
    }

    /** The page's JSON-LD items (the @graph), parsed by Jackson. */
    List<JsonNode> jsonLd(Document page) {
        List<Element> scripts = page.select("script[type=application/ld+json]");
        assertThat(scripts).hasSize(1);
        JsonNode document = json.readTree(scripts.get(0).data());
        assertThat(document.path("@context").asString()).isEqualTo("https://schema.org");
        return new ArrayList<>(document.path("@graph").values());
    }

    static JsonNode ofType(List<JsonNode> items, String type) {
        return items.stream()
                .filter(item -> item.path("@type").asString().equals(type))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + type + " in " + items));
    }

    @Test
    void reviewHeadHasTitleDescriptionCanonicalOpenGraphAndTwitterCard() throws Exception {
        Document page = page("/reviews/the-400-blows?utm_source=newsletter");
        assertThat(page.title()).isEqualTo("The 400 Blows: Best Ever Drama Movie? — Best Ever");
        String pullQuote = page.selectFirst("blockquote.pull-quote").text();
        assertThat(meta(page, "description")).isEqualTo(pullQuote);
        // The tracking query string does not change the content: it is not in the canonical.
        assertThat(page.selectFirst("link[rel=canonical]").attr("href")).isEqualTo(BASE + "/reviews/the-400-blows");
        assertThat(meta(page, "og:type")).isEqualTo("article");
        assertThat(meta(page, "og:title")).isEqualTo(page.title());
        assertThat(meta(page, "og:url")).isEqualTo(BASE + "/reviews/the-400-blows");
        assertThat(meta(page, "og:description")).isEqualTo(pullQuote);
        assertThat(meta(page, "article:published_time")).startsWith("2025-12-09T");
        assertThat(meta(page, "article:author")).isEqualTo(BASE + "/authors/philip-dale");
        assertThat(meta(page, "twitter:card")).isEqualTo("summary_large_image");
        assertThat(meta(page, "og:image")).matches(BASE + "/images/[0-9a-f]{24}-1000\\.jpg");
        assertThat(meta(page, "og:image:width")).isEqualTo("1000");
        assertThat(meta(page, "og:image:height")).isEqualTo("1500");
        assertThat(meta(page, "twitter:title")).isEqualTo(page.title());
        assertThat(page.selectFirst("link[rel=alternate][type=application/atom+xml]")
                        .attr("href"))
                .isEqualTo("/feed.xml");
    }

    @Test
    void reviewOfAFilmWithAPosterSharesThePosterWithItsSize() throws Exception {
        Article review = data.publishedReview();
        Film film = review.getFilm();
        Picture picture = transaction.execute(status -> {
            try {
                return images.store(images.check(TestImages.png(600, 900)), "Poster of " + film.getTitle());
            } catch (ImageRejected ex) {
                throw new AssertionError(ex);
            }
        });
        film.setPoster(picture);
        films.save(film);
        String poster = BASE + "/images/" + picture.getKey() + "-600.jpg";
        Document page = page("/reviews/" + review.getSlug());
        assertThat(meta(page, "og:image")).isEqualTo(poster);
        assertThat(meta(page, "og:image:width")).isEqualTo("600");
        assertThat(meta(page, "og:image:height")).isEqualTo("900");
        assertThat(meta(page, "twitter:card")).isEqualTo("summary_large_image");
        assertThat(ofType(jsonLd(page), "Review")
                        .path("itemReviewed")
                        .path("image")
                        .asString())
                .isEqualTo(poster);
        assertThat(ofType(jsonLd(page), "Review").path("image").asString()).isEqualTo(poster);
        assertThat(ofType(jsonLd(page("/films/" + film.getSlug())), "Movie")
                        .path("image")
                        .asString())
                .isEqualTo(poster);
    }

    @Test
    void reviewCarriesACriticReviewOfTheMovieAndItsBreadcrumbs() throws Exception {
        List<JsonNode> items = jsonLd(page("/reviews/the-400-blows"));
        JsonNode review = ofType(items, "Review");
        assertThat(review.path("headline").asString()).isEqualTo("The 400 Blows");
        assertThat(review.path("description").asString()).startsWith("François Truffaut remembered");
        assertThat(review.path("datePublished").asString()).startsWith("2025-12-09T");
        assertThat(review.path("dateModified").asString()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
        assertThat(review.path("author").path("@type").asString()).isEqualTo("Person");
        assertThat(review.path("author").path("name").asString()).isEqualTo("Philip Dale");
        assertThat(review.path("author").path("url").asString()).isEqualTo(BASE + "/authors/philip-dale");
        assertThat(review.path("publisher").path("@type").asString()).isEqualTo("Organization");
        assertThat(review.path("publisher").path("name").asString()).isEqualTo("Best Ever");
        assertThat(review.path("publisher").path("url").asString()).isEqualTo(BASE + "/");
        JsonNode movie = review.path("itemReviewed");
        assertThat(movie.path("@type").asString()).isEqualTo("Movie");
        assertThat(movie.path("name").asString()).isEqualTo("The 400 Blows");
        assertThat(movie.path("dateCreated").asString()).isEqualTo("1959");
        assertThat(movie.path("director").get(0).path("@type").asString()).isEqualTo("Person");
        assertThat(movie.path("director").get(0).path("name").asString()).isEqualTo("François Truffaut");
        // The sample film's generated poster, at its share width.
        assertThat(movie.path("image").asString()).matches(BASE + "/images/[0-9a-f]{24}-1000\\.jpg");
        assertThat(review.path("image").asString())
                .isEqualTo(movie.path("image").asString());

        JsonNode crumbs = ofType(items, "BreadcrumbList").path("itemListElement");
        assertThat(crumbs.values())
                .extracting(crumb -> crumb.path("position").asInt())
                .containsExactly(1, 2, 3);
        assertThat(crumbs.values())
                .extracting(crumb -> crumb.path("item").asString())
                .containsExactly(BASE + "/", BASE + "/genres/drama", BASE + "/reviews/the-400-blows");
    }

    @Test
    void jsonLdCannotBreakOutOfItsScript() throws Exception {
        Article review = data.review(article -> {
            article.setTitle("</script><script>alert(1)</script> & more");
            article.publish(clock.instant().minusSeconds(60));
        });
        Document page = page("/reviews/" + review.getSlug());
        String script = page.selectFirst("script[type=application/ld+json]").data();
        assertThat(script).doesNotContain("<").doesNotContain(">").doesNotContain("&");
        assertThat(page.select("script")).hasSize(1);
        assertThat(ofType(jsonLd(page), "Review").path("headline").asString())
                .isEqualTo("</script><script>alert(1)</script> & more");
    }

    @Test
    void filmPageDescribesTheMovie() throws Exception {
        Document page = page("/films/the-400-blows");
        assertThat(page.title()).isEqualTo("The 400 Blows (1959) — Best Ever");
        assertThat(page.selectFirst("link[rel=canonical]").attr("href")).isEqualTo(BASE + "/films/the-400-blows");
        assertThat(meta(page, "og:type")).isEqualTo("website");
        assertThat(meta(page, "description")).contains("directed by François Truffaut");
        JsonNode movie = ofType(jsonLd(page), "Movie");
        assertThat(movie.path("name").asString()).isEqualTo("The 400 Blows");
        assertThat(movie.path("dateCreated").asString()).isEqualTo("1959");
        assertThat(movie.path("director").get(0).path("name").asString()).isEqualTo("François Truffaut");
        assertThat(movie.path("actor").get(0).path("name").asString()).isEqualTo("Jean-Pierre Léaud");
        assertThat(movie.path("duration").asString()).isEqualTo("PT99M");
    }

    @Test
    void authorPageIsAProfileOfAPerson() throws Exception {
        Document page = page("/authors/philip-dale");
        assertThat(page.selectFirst("link[rel=canonical]").attr("href")).isEqualTo(BASE + "/authors/philip-dale");
        JsonNode profile = ofType(jsonLd(page), "ProfilePage");
        assertThat(profile.path("mainEntity").path("@type").asString()).isEqualTo("Person");
        assertThat(profile.path("mainEntity").path("name").asString()).isEqualTo("Philip Dale");
        assertThat(profile.path("mainEntity").path("url").asString()).isEqualTo(BASE + "/authors/philip-dale");
    }

    @Test
    void homeIsAWebSiteThatCanBeSearched() throws Exception {
        Document page = page("/?utm_campaign=x");
        assertThat(page.selectFirst("link[rel=canonical]").attr("href")).isEqualTo(BASE + "/");
        assertThat(meta(page, "og:type")).isEqualTo("website");
        JsonNode site = ofType(jsonLd(page), "WebSite");
        assertThat(site.path("url").asString()).isEqualTo(BASE + "/");
        JsonNode search = site.path("potentialAction");
        assertThat(search.path("@type").asString()).isEqualTo("SearchAction");
        assertThat(search.path("target").path("urlTemplate").asString())
                .isEqualTo(BASE + "/search?q={search_term_string}");
        assertThat(search.path("query-input").asString()).isEqualTo("required name=search_term_string");
    }

    @Test
    void secondPageOfAListingIsItsOwnCanonicalWithItsOwnTitle() throws Exception {
        Article first = data.publishedReview();
        for (int i = 0; i < PageNumber.SIZE; i++) {
            data.review(article -> {
                article.setGenre(first.getGenre());
                article.publish(clock.instant().minusSeconds(120));
            });
        }
        String path = "/genres/" + first.getGenre().getSlug();
        Document one = page(path);
        Document two = page(path + "?page=2&utm_source=x");
        assertThat(one.selectFirst("link[rel=canonical]").attr("href")).isEqualTo(BASE + path);
        assertThat(two.selectFirst("link[rel=canonical]").attr("href")).isEqualTo(BASE + path + "?page=2");
        assertThat(two.title()).isNotEqualTo(one.title()).contains("page 2");
        assertThat(meta(two, "description")).isNotEqualTo(meta(one, "description"));
    }

    @Test
    void everyPublicPageTypeHasAUniqueTitleAndADescription() throws Exception {
        List<String> titles = new ArrayList<>();
        for (String path : List.of(
                "/",
                "/reviews/the-400-blows",
                "/films/the-400-blows",
                "/authors/philip-dale",
                "/genres/drama",
                "/genres/coming-of-age")) {
            Document page = page(path);
            assertThat(meta(page, "description")).as(path).isNotBlank();
            assertThat(page.selectFirst("link[rel=canonical]").attr("href"))
                    .as(path)
                    .isEqualTo(BASE + path);
            assertThat(page.select("title")).as(path).hasSize(1);
            titles.add(page.title());
        }
        assertThat(titles).doesNotHaveDuplicates();
    }
}
