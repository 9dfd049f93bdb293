package com.bestever.seo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import com.bestever.article.Article;
import com.bestever.article.ArticleRepository;
import com.bestever.article.ArticleStatus;
import com.bestever.support.SiteTest;
import com.bestever.support.TestData;
import com.bestever.support.TestImages;
import com.bestever.system.ImageRejected;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.support.TransactionTemplate;

/** A crawler's walk from the home page: every internal link leads somewhere. */
@SiteTest
class CrawlTests {

    static final String BASE = "http://localhost:8080";

    /** Enough to reach every kind of page without walking the whole shared test database. */
    static final int MAX_PAGES = 300;

    @Autowired
    MockMvc mvc;

    @Autowired
    TestData testData;

    @Autowired
    ArticleRepository articles;

    @Autowired
    TransactionTemplate transaction;

    @Autowired
    Clock clock;

    /**
     * Beside a public review: a draft, a scheduled review and a deleted one about the same film,
     * each with a poll, and a deleted review of a film of its own (whose pages stay reachable).
     */
    @BeforeEach
    void reviewsReadersMustNotReach() {
        Article shown = testData.publishedReview();
        transaction.executeWithoutResult(status -> {
            try {
                var film = films.findById(shown.getFilm().getId()).orElseThrow();
                film.setPoster(images.store(images.check(TestImages.jpeg(400, 600)), "A poster"));
                posterUrl = film.getPoster().url(400);
            } catch (ImageRejected ex) {
                throw new AssertionError(ex);
            }
        });
        Article draft = testData.review(article -> {
            article.setFilm(shown.getFilm());
            article.setStatus(ArticleStatus.DRAFT);
        });
        Article scheduled = testData.review(article -> {
            article.setFilm(shown.getFilm());
            article.schedule(clock.instant().plus(Duration.ofDays(2)));
        });
        Article deleted = testData.review(article -> {
            article.setFilm(shown.getFilm());
            article.publish(clock.instant().minus(Duration.ofDays(1)));
        });
        testData.pollFor(draft);
        testData.pollFor(scheduled);
        testData.pollFor(deleted);
        Article deletedAlone = testData.publishedReview();
        for (Article gone : List.of(deleted, deletedAlone)) {
            transaction.executeWithoutResult(status -> {
                articles.bury(gone.getId());
                articles.deleteById(gone.getId());
            });
        }
        testData.publishedReview(); // a content change after the deletes, as an editor's next save
        // The shared test database is large: start from these pages too, so the walk surely reaches them.
        starts = List.of(
                "/",
                "/reviews/" + shown.getSlug(),
                "/films/" + deletedAlone.getFilm().getSlug(),
                "/films/the-400-blows");
    }

    List<String> starts = List.of("/");

    String posterUrl;

    @Autowired
    com.bestever.film.FilmRepository films;

    @Autowired
    com.bestever.system.Images images;

    @Test
    void everyInternalLinkFromTheHomePageLeadsToAPage() throws Exception {
        Map<String, String> broken = new LinkedHashMap<>();
        Set<String> seen = new LinkedHashSet<>(starts);
        Deque<String> queue = new ArrayDeque<>(seen);
        int crawled = 0;
        while (!queue.isEmpty() && crawled < MAX_PAGES) {
            String path = queue.removeFirst();
            crawled++;
            MockHttpServletResponse response = follow(path);
            if (response.getStatus() != 200) {
                broken.put(path, String.valueOf(response.getStatus()));
                continue;
            }
            if (response.getContentType() == null || !response.getContentType().startsWith("text/html")) {
                continue;
            }
            Document page = Jsoup.parse(response.getContentAsString(StandardCharsets.UTF_8), BASE + path);
            for (Element link :
                    page.select("a[href], link[rel=canonical][href], link[rel=alternate][href], img[src]")) {
                String internal = internal(link.hasAttr("href") ? link.attr("href") : link.attr("src"));
                if (internal != null && seen.add(internal)) {
                    queue.addLast(internal);
                }
            }
        }
        assertThat(broken).as("broken links").isEmpty();
        assertThat(seen)
                .contains(
                        "/reviews/the-400-blows",
                        "/films/the-400-blows",
                        "/authors/philip-dale",
                        "/genres/drama",
                        "/feed.xml");
        assertThat(crawled).isGreaterThan(5);
        assertThat(seen).as("posters are fetched too").contains(posterUrl);
    }

    /** Follows redirects (an old slug's 301) to where they end. */
    MockHttpServletResponse follow(String path) throws Exception {
        String current = path;
        for (int hops = 0; hops < 5; hops++) {
            MockHttpServletResponse response =
                    mvc.perform(get(URI.create(BASE + current))).andReturn().getResponse();
            if (response.getStatus() / 100 != 3) {
                return response;
            }
            String next = internal(response.getRedirectedUrl());
            assertThat(next)
                    .as("redirect from " + current + " stays on the site")
                    .isNotNull();
            current = next;
        }
        throw new AssertionError("too many redirects from " + path);
    }

    /** The path and query of a link to this site (fragment dropped), or null for anything else. */
    static String internal(String href) {
        if (href == null || href.isBlank()) {
            return null;
        }
        URI uri = URI.create(BASE + "/").resolve(href.strip());
        if (!(uri.getScheme() + "://" + uri.getRawAuthority()).equals(BASE)) {
            return null;
        }
        String path = uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
    }
}
