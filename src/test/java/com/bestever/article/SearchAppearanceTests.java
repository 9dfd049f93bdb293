package com.bestever.article;

import static com.bestever.article.Newsroom.EDITOR;
import static com.bestever.support.Html.page;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.bestever.support.SiteTest;
import com.bestever.support.TestImages;
import com.bestever.system.ContentChanged;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/** Editors control how a review looks in search results and share cards: title, description, still, noindex. */
@SiteTest
class SearchAppearanceTests {

    static final String BASE = "http://localhost:8080";

    @Autowired
    MockMvc mvc;

    @Autowired
    Newsroom newsroom;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ApplicationEventPublisher events;

    ResultActions send(Map<String, String> fields, MockMultipartFile... files) throws Exception {
        var request = multipart("/admin/articles/new").with(csrf()).with(EDITOR);
        for (MockMultipartFile file : files) {
            request.file(file);
        }
        fields.forEach(request::param);
        return mvc.perform(request);
    }

    Article created(ResultActions result) throws Exception {
        String location = result.andExpect(redirectedUrlPattern("/admin/articles/*/edit"))
                .andReturn()
                .getResponse()
                .getRedirectedUrl();
        return newsroom.article(Long.valueOf(location.replaceAll("\\D", "")));
    }

    Document review(Article article) throws Exception {
        return page(mvc.perform(get("/reviews/" + article.getSlug())).andExpect(status().isOk()));
    }

    static String meta(Document page, String property) {
        Element tag = page.selectFirst("meta[property=" + property + "], meta[name=" + property + "]");
        return tag == null ? null : tag.attr("content");
    }

    @Test
    void theEditorsSearchTitleAndDescriptionHeadTheReview() throws Exception {
        Map<String, String> fields = newsroom.validFields();
        fields.put("status", "PUBLISHED");
        fields.put("seoTitle", "The 400 Blows review: freedom, and the sea");
        fields.put("seoDescription", "Why Truffaut's first feature is the best coming-of-age film ever made.");
        Article article = created(send(fields));

        Document page = review(article);
        assertThat(page.title()).isEqualTo("The 400 Blows review: freedom, and the sea");
        assertThat(meta(page, "og:title")).isEqualTo(page.title());
        assertThat(meta(page, "twitter:title")).isEqualTo(page.title());
        assertThat(meta(page, "description"))
                .isEqualTo("Why Truffaut's first feature is the best coming-of-age film ever made.");
        assertThat(meta(page, "og:description")).isEqualTo(meta(page, "description"));
        assertThat(page.select("meta[name=robots]")).isEmpty();
        // The page itself still reads as the review.
        assertThat(page.select("h1").text()).isEqualTo(fields.get("title"));
    }

    @Test
    void theFormPreviewsTheSnippetWithCharacterCountsWithoutJavaScript() throws Exception {
        Map<String, String> fields = newsroom.validFields();
        Long id = newsroom.create(mvc, fields, EDITOR);
        Document form = page(mvc.perform(get("/admin/articles/" + id + "/edit").with(EDITOR)));
        Element snippet = form.selectFirst(".snippet-preview");
        assertThat(snippet.selectFirst(".snippet-url").text()).isEqualTo(BASE + "/reviews/" + fields.get("slug"));
        assertThat(snippet.selectFirst(".snippet-title").text()).startsWith(fields.get("title") + ": Best Ever ");
        assertThat(snippet.selectFirst(".snippet-description").text()).isEqualTo(fields.get("pullQuote"));
        assertThat(form.selectFirst("#seoDescription-length").text())
                .isEqualTo(String.valueOf(fields.get("pullQuote").length()));
        assertThat(form.select("script[src*=/js/snippet]")).hasSize(1);
        assertThat(form.select("script:not([src])")).isEmpty();

        // A long title is flagged.
        fields.put("seoTitle", "x".repeat(80));
        fields.put("title", "");
        Document invalid = page(send(fields).andExpect(status().isOk()));
        assertThat(invalid.selectFirst("#seoTitle-length").text()).isEqualTo("80");
        assertThat(invalid.selectFirst("#seoTitle-count").hasClass("too-long")).isTrue();
    }

    @Test
    void aNoindexReviewSaysSoAndLeavesTheSitemap() throws Exception {
        Map<String, String> fields = newsroom.validFields();
        fields.put("status", "PUBLISHED");
        fields.put("noindex", "true");
        Article article = created(send(fields));
        assertThat(meta(review(article), "robots")).isEqualTo("noindex");

        events.publishEvent(ContentChanged.everything());
        String sitemap =
                mvc.perform(get("/sitemap.xml")).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(Jsoup.parse(sitemap, "", Parser.xmlParser())
                        .select("url > loc")
                        .eachText())
                .doesNotContain(BASE + "/reviews/" + article.getSlug());
    }

    @Test
    void aStillHeadsTheReviewAndItsShareCard() throws Exception {
        Map<String, String> fields = newsroom.validFields();
        fields.put("status", "PUBLISHED");
        fields.put("stillAlt", "Antoine at the sea's edge, looking back");
        Article article = created(
                send(fields, new MockMultipartFile("still", "still.webp", "image/jpeg", TestImages.jpeg(1920, 800))));
        assertThat(article.getStill()).isNotNull();

        Document page = review(article);
        Element still = page.selectFirst(".review-header img.still");
        assertThat(still.attr("alt")).isEqualTo("Antoine at the sea's edge, looking back");
        assertThat(still.attr("width")).isEqualTo("1600");
        assertThat(still.attr("height")).isEqualTo("667");
        assertThat(still.hasAttr("loading")).isFalse();
        assertThat(still.attr("fetchpriority")).isEqualTo("high");
        assertThat(meta(page, "og:image")).isEqualTo(BASE + article.getStill().url(1280));
        assertThat(meta(page, "og:image:width")).isEqualTo("1280");
        assertThat(meta(page, "twitter:card")).isEqualTo("summary_large_image");
    }

    @Test
    void aStillNeedsItsDescriptionAndAHostileOneIsRefusedStoringNothing() throws Exception {
        long before = jdbc.queryForObject("select count(*) from image_file", Long.class);
        Map<String, String> fields = newsroom.validFields();
        Document form =
                page(send(fields, new MockMultipartFile("still", "s.jpg", "image/jpeg", TestImages.jpeg(800, 400)))
                        .andExpect(status().isOk()));
        assertThat(form.selectFirst("#stillAlt-error").text()).startsWith("Describe the still");

        fields.put("stillAlt", "A still");
        form = page(send(fields, new MockMultipartFile("still", "s.jpg", "image/jpeg", TestImages.svgWithScript()))
                .andExpect(status().isOk()));
        assertThat(form.selectFirst("#still-error").text()).contains("not a JPEG, PNG or WebP");
        assertThat(form.selectFirst("#title").val()).isEqualTo(fields.get("title"));
        assertThat(jdbc.queryForObject("select count(*) from image_file", Long.class))
                .isEqualTo(before);
    }
}
