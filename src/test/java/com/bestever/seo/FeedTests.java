package com.bestever.seo;

import static com.bestever.seo.Feed.NAMESPACE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import com.bestever.article.Article;
import com.bestever.support.MutableClock;
import com.bestever.support.SiteTest;
import com.bestever.support.TestData;
import com.bestever.system.ContentChanged;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.w3c.dom.Element;

/** The Atom feed (RFC 4287), parsed as a feed reader would. */
@SiteTest
class FeedTests {

    static final String BASE = "http://localhost:8080";

    @Autowired
    MockMvc mvc;

    @Autowired
    TestData data;

    @Autowired
    MutableClock clock;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ApplicationEventPublisher events;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    Element feed() throws Exception {
        MockHttpServletResponse response =
                mvc.perform(get("/feed.xml")).andReturn().getResponse();
        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(response.getContentType()).isEqualTo("application/atom+xml;charset=UTF-8");
        Element feed = Xml.parse(response.getContentAsByteArray()).getDocumentElement();
        assertThat(feed.getNamespaceURI()).isEqualTo(NAMESPACE);
        assertThat(feed.getLocalName()).isEqualTo("feed");
        return feed;
    }

    static Element link(Element parent, String rel) {
        return Xml.children(parent, NAMESPACE, "link").stream()
                .filter(link -> link.getAttribute("rel").equals(rel))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no link rel=" + rel));
    }

    static String text(Element parent, String name) {
        return Xml.text(parent, NAMESPACE, name);
    }

    @Test
    void feedHasItsIdTitleUpdatedAndSelfLink() throws Exception {
        data.publishedReview();
        Element feed = feed();
        assertThat(text(feed, "id")).isEqualTo("tag:localhost,2025:feed");
        assertThat(text(feed, "title")).isEqualTo("Best Ever: the latest reviews");
        OffsetDateTime.parse(text(feed, "updated"));
        assertThat(link(feed, "self").getAttribute("href")).isEqualTo(BASE + "/feed.xml");
        assertThat(link(feed, "self").getAttribute("type")).isEqualTo("application/atom+xml");
        assertThat(link(feed, "alternate").getAttribute("href")).isEqualTo(BASE + "/");
    }

    @Test
    void listsTheTwentyNewestPublicReviewsNewestFirst() throws Exception {
        for (int i = 0; i < 21; i++) {
            data.publishedReview();
        }
        Article newest = data.review(article -> article.publish(clock.instant()));
        Article draft = data.draft();
        List<Element> entries = Xml.children(feed(), NAMESPACE, "entry").stream()
                .filter(entry -> text(entry, "id").contains(":review:")) // the readers' verdicts follow
                .toList();
        assertThat(entries).hasSize(20);
        List<Instant> published = entries.stream()
                .map(entry -> OffsetDateTime.parse(text(entry, "published")).toInstant())
                .toList();
        assertThat(published).isSortedAccordingTo((a, b) -> b.compareTo(a));
        assertThat(text(entries.get(0), "title")).startsWith(newest.getTitle());
        assertThat(entries).noneMatch(entry -> text(entry, "title").startsWith(draft.getTitle()));
    }

    @Test
    void eachEntryCarriesAuthorDatesSummaryAndContent() throws Exception {
        Article review = data.review(article -> article.publish(clock.instant()));
        Element entry = Xml.children(feed(), NAMESPACE, "entry").get(0);
        assertThat(text(entry, "id")).isEqualTo("tag:localhost,2025:review:" + review.getId());
        assertThat(text(entry, "title"))
                .isEqualTo(review.getTitle() + ": " + review.getGenre().kicker());
        assertThat(link(entry, "alternate").getAttribute("href")).isEqualTo(BASE + "/reviews/" + review.getSlug());
        Element author = Xml.children(entry, NAMESPACE, "author").get(0);
        assertThat(text(author, "name")).isEqualTo(review.getAuthor().getName());
        assertThat(text(author, "uri"))
                .isEqualTo(BASE + "/authors/" + review.getAuthor().getSlug());
        OffsetDateTime.parse(text(entry, "published"));
        OffsetDateTime.parse(text(entry, "updated"));
        assertThat(text(entry, "summary")).isEqualTo(review.getPullQuote());
        Element content = Xml.children(entry, NAMESPACE, "content").get(0);
        assertThat(content.getAttribute("type")).isEqualTo("html");
        var body = Jsoup.parseBodyFragment(content.getTextContent());
        assertThat(body.select("p").eachText())
                .contains("The body of " + review.getSlug() + ".", "A second paragraph.", review.getVerdict());
    }

    @Test
    void contentIsTheSafeRenderingOfTheBody() throws Exception {
        Article review = data.review(article -> {
            article.setBody("Fine words.\n\n<script>alert('x')</script>\n\n[a link](javascript:alert(1))");
            article.publish(clock.instant());
        });
        Element entry = Xml.children(feed(), NAMESPACE, "entry").get(0);
        assertThat(text(entry, "id")).endsWith(":review:" + review.getId());
        var body = Jsoup.parseBodyFragment(text(entry, "content"));
        assertThat(body.select("script")).isEmpty();
        assertThat(body.select("a[href^=javascript]")).isEmpty();
        assertThat(body.text()).contains("Fine words.");
    }

    @Test
    void storedHtmlIsUsedOnlyWhileItIsTheCurrentRenderersOwn() throws Exception {
        Article review = data.review(article -> article.publish(clock.instant()));
        Map<String, Object> saved = jdbc.sql("select body_html, body_html_version from article where id = ?")
                .param(review.getId())
                .query()
                .singleRow();
        try {
            // As a save stores it, with a marker that no rendering of the Markdown makes.
            jdbc.sql("update article set body_html = '<p>As stored.</p>' where id = ?")
                    .param(review.getId())
                    .update();
            events.publishEvent(ContentChanged.everything()); // as a save would: no kept feed
            assertThat(entryBody(review).select("p").eachText()).contains("As stored.");

            // Stored by an earlier renderer (until the backfill reaches it): the Markdown is rendered now.
            jdbc.sql("update article set body_html_version = body_html_version - 1 where id = ?")
                    .param(review.getId())
                    .update();
            events.publishEvent(ContentChanged.everything());
            assertThat(entryBody(review).select("p").eachText())
                    .contains("The body of " + review.getSlug() + ".")
                    .doesNotContain("As stored.");
        } finally {
            // Other suites (an export and its import) read this database after this one.
            jdbc.sql("update article set body_html = ?, body_html_version = ? where id = ?")
                    .params(saved.get("body_html"), saved.get("body_html_version"), review.getId())
                    .update();
            events.publishEvent(ContentChanged.everything());
        }
    }

    private org.jsoup.nodes.Document entryBody(Article review) throws Exception {
        Element entry = Xml.children(feed(), NAMESPACE, "entry").stream()
                .filter(candidate -> text(candidate, "id").endsWith(":review:" + review.getId()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("review " + review.getId() + " is not in the feed"));
        return Jsoup.parseBodyFragment(text(entry, "content"));
    }
}
