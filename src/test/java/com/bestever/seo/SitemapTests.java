package com.bestever.seo;

import static com.bestever.seo.Sitemaps.NAMESPACE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import com.bestever.article.Article;
import com.bestever.support.MutableClock;
import com.bestever.support.SiteTest;
import com.bestever.support.TestData;
import com.bestever.system.ContentChanged;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** robots.txt and the sitemaps, parsed as a crawler would. */
@SiteTest
class SitemapTests {

    static final String BASE = "http://localhost:8080";

    @Autowired
    MockMvc mvc;

    @Autowired
    TestData data;

    @Autowired
    MutableClock clock;

    @Autowired
    Sitemaps sitemaps;

    @Autowired
    JdbcTemplate jdbc;

    @AfterEach
    void restore() {
        clock.reset();
        sitemaps.urlsPerSitemap(Sitemaps.PROTOCOL_LIMIT);
    }

    @Autowired
    ApplicationEventPublisher events;

    /** The live sitemap: the page cache is emptied first, as any editor's change would. */
    MockHttpServletResponse fetch(String path) throws Exception {
        events.publishEvent(ContentChanged.everything());
        return mvc.perform(get(path)).andReturn().getResponse();
    }

    /** The URLs of one sitemap file: loc → lastmod. */
    Map<String, String> urlset(String path) throws Exception {
        MockHttpServletResponse response = fetch(path);
        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(response.getContentType()).startsWith("application/xml");
        Element root = Xml.parse(response.getContentAsByteArray()).getDocumentElement();
        assertThat(root.getNamespaceURI()).isEqualTo(NAMESPACE);
        assertThat(root.getLocalName()).isEqualTo("urlset");
        Map<String, String> urls = new LinkedHashMap<>();
        for (Element url : Xml.children(root, NAMESPACE, "url")) {
            String loc = Xml.text(url, NAMESPACE, "loc");
            String lastmod = Xml.text(url, NAMESPACE, "lastmod");
            assertThat(loc).startsWith(BASE + "/");
            assertThat(lastmod).as("lastmod of " + loc).isNotNull();
            OffsetDateTime.parse(lastmod); // W3C datetime / RFC 3339
            assertThat(urls.put(loc, lastmod)).as("listed twice: " + loc).isNull();
        }
        return urls;
    }

    @Test
    void robotsKeepsCrawlersOutOfTheAdminAndNamesTheSitemap() throws Exception {
        MockHttpServletResponse response = fetch("/robots.txt");
        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(response.getContentType()).startsWith("text/plain");
        List<String> lines = response.getContentAsString().lines().toList();
        assertThat(lines)
                .startsWith("User-agent: *")
                .contains("Disallow: /admin", "Disallow: /login", "Sitemap: " + BASE + "/sitemap.xml");
    }

    @Test
    void listsEveryPublicPageAndNothingThatIsNot() throws Exception {
        Article review = data.publishedReview();
        data.pollFor(review);
        Article draft = data.draft();
        Article scheduled = data.scheduled(clock.instant().plus(Duration.ofDays(1)));

        Map<String, String> urls = urlset("/sitemap.xml");
        assertThat(urls)
                .containsKeys(
                        BASE + "/",
                        BASE + "/reviews/" + review.getSlug(),
                        BASE + "/films/" + review.getFilm().getSlug(),
                        BASE + "/authors/" + review.getAuthor().getSlug(),
                        BASE + "/genres/" + review.getGenre().getSlug(),
                        BASE + "/best-ever/" + review.getGenre().getSlug(),
                        BASE + "/reviews/the-400-blows",
                        BASE + "/best-ever/coming-of-age");
        assertThat(urls)
                .doesNotContainKeys(
                        BASE + "/reviews/" + draft.getSlug(),
                        BASE + "/reviews/" + scheduled.getSlug(),
                        // Drama has reviews but no poll: no leaderboard of its own.
                        BASE + "/best-ever/drama");

        // Once its time comes, the scheduled review is listed, changed when it went public.
        clock.set(clock.instant().plus(Duration.ofDays(2)));
        assertThat(urlset("/sitemap.xml")).containsKey(BASE + "/reviews/" + scheduled.getSlug());
    }

    @Test
    void aScheduledReviewIsListedOnceItsTimeComesWithNoOtherChange() throws Exception {
        data.publishedReview();
        Article scheduled = data.scheduled(clock.instant().plus(Duration.ofHours(1)));
        String listed = BASE + "/reviews/" + scheduled.getSlug();
        assertThat(urlset("/sitemap.xml")).doesNotContainKey(listed);

        // Nothing is saved (no event): only the clock moves past its time. Asked of the sitemap
        // itself, as the page cache would keep its page until such an event.
        clock.set(clock.instant().plus(Duration.ofHours(2)));
        java.io.StringWriter written = new java.io.StringWriter();
        sitemaps.writeUrls(1, written);
        Element root = Xml.parse(written.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .getDocumentElement();
        List<String> locs = Xml.children(root, NAMESPACE, "url").stream()
                .map(url -> Xml.text(url, NAMESPACE, "loc"))
                .toList();
        assertThat(locs).contains(listed, BASE + "/films/" + scheduled.getFilm().getSlug());
    }

    @Test
    void aPageChangesWhenItsLatestPublicReviewDoesAndNotWhenReadersVote() throws Exception {
        Article review = data.publishedReview();
        var poll = data.pollFor(review);
        Map<String, String> before = urlset("/sitemap.xml");
        String reviewChanged = before.get(BASE + "/reviews/" + review.getSlug());
        assertThat(before.get(BASE + "/films/" + review.getFilm().getSlug())).isEqualTo(reviewChanged);
        assertThat(before.get(BASE + "/authors/" + review.getAuthor().getSlug()))
                .isEqualTo(reviewChanged);
        assertThat(before.get(BASE + "/genres/" + review.getGenre().getSlug())).isEqualTo(reviewChanged);
        String leaderboard = BASE + "/best-ever/" + review.getGenre().getSlug();
        assertThat(before.get(leaderboard)).isEqualTo(reviewChanged);

        jdbc.update("update vote_option set votes = votes + 1 where question_id = ?", poll.getId());
        assertThat(urlset("/sitemap.xml").get(leaderboard)).isEqualTo(before.get(leaderboard));
    }

    @Test
    void pastTheLimitBecomesAnIndexOfPagedSitemaps() throws Exception {
        data.publishedReview();
        Map<String, String> all = urlset("/sitemap.xml");
        assertThat(all.size()).isGreaterThan(6);
        int limit = all.size() / 3;
        sitemaps.urlsPerSitemap(limit);

        MockHttpServletResponse response = fetch("/sitemap.xml");
        assertThat(response.getContentType()).startsWith("application/xml");
        Document index = Xml.parse(response.getContentAsByteArray());
        Element root = index.getDocumentElement();
        assertThat(root.getNamespaceURI()).isEqualTo(NAMESPACE);
        assertThat(root.getLocalName()).isEqualTo("sitemapindex");
        List<String> pages = Xml.children(root, NAMESPACE, "sitemap").stream()
                .map(sitemap -> Xml.text(sitemap, NAMESPACE, "loc"))
                .toList();
        assertThat(pages)
                .hasSize((all.size() + limit - 1) / limit)
                .allMatch(loc -> loc.matches("\\Q" + BASE + "\\E/sitemap-\\d+\\.xml"));

        Map<String, String> paged = new LinkedHashMap<>();
        List<Integer> sizes = new ArrayList<>();
        for (String page : pages) {
            Map<String, String> urls = urlset(page.substring(BASE.length()));
            sizes.add(urls.size());
            paged.putAll(urls);
        }
        assertThat(sizes).allMatch(size -> size <= limit);
        assertThat(paged).isEqualTo(all);
        assertThat(fetch("/sitemap-" + (pages.size() + 1) + ".xml").getStatus()).isEqualTo(404);
    }

    @Test
    void aSitemapPageThatIsNotANumberIsNotFound() throws Exception {
        assertThat(fetch("/sitemap-abc.xml").getStatus()).isEqualTo(404);
        assertThat(fetch("/sitemap-0.xml").getStatus()).isEqualTo(404);
        assertThat(fetch("/sitemap-99999999999.xml").getStatus()).isEqualTo(404);
    }
}
