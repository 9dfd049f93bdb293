package com.bestever.article;

import static com.bestever.article.Newsroom.EDITOR;
import static com.bestever.article.Newsroom.OTHER_EDITOR;
import static com.bestever.article.Newsroom.WRITER;
import static com.bestever.article.Newsroom.postForm;
import static com.bestever.support.Html.page;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.bestever.support.MutableClock;
import com.bestever.support.SiteTest;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/** From draft to the public site and back: publish, schedule, preview, slug changes, unpublish, delete, revisions. */
@SiteTest
class PublishingWorkflowTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    Newsroom newsroom;

    @Autowired
    MutableClock clock;

    @Autowired
    Publishing publishing;

    @Autowired
    ArticleRevisionRepository revisions;

    @Autowired
    ScheduledPublishing job;

    @AfterEach
    void resetTheClock() {
        clock.reset();
    }

    @Test
    void publishesAtOnceWhenPublishedWithoutATime() throws Exception {
        Map<String, String> fields = newsroom.validFields();
        fields.put("status", "PUBLISHED");
        Long id = newsroom.create(mvc, fields, EDITOR);
        Article article = newsroom.article(id);
        assertThat(article.getPublishAt()).isBeforeOrEqualTo(Instant.now());
        Document review = page(mvc.perform(get("/reviews/" + article.getSlug())).andExpect(status().isOk()));
        assertThat(review.select("h1").text()).isEqualTo(fields.get("title"));
        assertThat(review.select(".review-body p").eachText())
                .containsExactly("The first paragraph.", "The second paragraph.");
        assertThat(review.select(".preview-banner")).isEmpty();
    }

    @Test
    void showsAScheduledReviewByItselfWhenItsTimeComesAndTheJobSettlesItsStatus() throws Exception {
        clock.set(Instant.parse("2031-03-01T10:00:00Z"));
        Map<String, String> fields = newsroom.validFields();
        fields.put("status", "SCHEDULED");
        fields.put("publishAt", "2031-03-01T10:02");
        Long id = newsroom.create(mvc, fields, EDITOR);
        String slug = newsroom.article(id).getSlug();
        assertThat(newsroom.article(id).getStatus()).isEqualTo(ArticleStatus.SCHEDULED);
        mvc.perform(get("/reviews/" + slug)).andExpect(status().isNotFound());

        clock.advance(Duration.ofMinutes(1));
        publishing.publishDue();
        mvc.perform(get("/reviews/" + slug)).andExpect(status().isNotFound());
        assertThat(newsroom.article(id).getStatus()).isEqualTo(ArticleStatus.SCHEDULED);

        clock.advance(Duration.ofMinutes(1));
        // Public the moment its time comes, before any job has run and without any editor.
        mvc.perform(get("/reviews/" + slug)).andExpect(status().isOk());
        job.publishDueReviews();
        assertThat(newsroom.article(id).getStatus()).isEqualTo(ArticleStatus.PUBLISHED);
        mvc.perform(get("/reviews/" + slug)).andExpect(status().isOk());
    }

    @Test
    void runsThePublishingJobEverySecondAtMost() throws Exception {
        var scheduled = ScheduledPublishing.class
                .getDeclaredMethod("publishDueReviews")
                .getAnnotation(org.springframework.scheduling.annotation.Scheduled.class);
        assertThat(scheduled).isNotNull();
        // A review going live is purged from the CDN within seconds of its time (issue 18).
        assertThat(scheduled.timeUnit().toMillis(scheduled.fixedDelay())).isBetween(100L, 1000L);
    }

    @Test
    void asksForATimeWhenSchedulingAndRefusesPublishingInTheFuture() throws Exception {
        Map<String, String> fields = newsroom.validFields();
        fields.put("status", "SCHEDULED");
        Document form = page(mvc.perform(postForm("/admin/articles/new", fields).with(EDITOR))
                .andExpect(status().isOk()));
        assertThat(ArticleAdminTests.errorBeside(form, "publishAt")).contains("Choose when");

        fields.put("status", "PUBLISHED");
        fields.put("publishAt", "2999-01-01T00:00");
        form = page(mvc.perform(postForm("/admin/articles/new", fields).with(EDITOR))
                .andExpect(status().isOk()));
        assertThat(ArticleAdminTests.errorBeside(form, "publishAt")).contains("Scheduled");
    }

    @Test
    void keepsEveryOldAddressAnsweringWithAPermanentRedirect() throws Exception {
        Map<String, String> fields = newsroom.validFields();
        fields.put("status", "PUBLISHED");
        Long id = newsroom.create(mvc, fields, EDITOR);
        String first = newsroom.article(id).getSlug();

        String second = first + "-revised";
        Map<String, String> edit = newsroom.fieldsOf(id, mvc, EDITOR);
        edit.put("slug", second);
        mvc.perform(postForm("/admin/articles/" + id + "/edit", edit).with(EDITOR))
                .andExpect(status().is3xxRedirection());
        String third = first + "-final";
        edit = newsroom.fieldsOf(id, mvc, EDITOR);
        edit.put("slug", third);
        mvc.perform(postForm("/admin/articles/" + id + "/edit", edit).with(EDITOR))
                .andExpect(status().is3xxRedirection());

        mvc.perform(get("/reviews/" + first))
                .andExpect(status().isMovedPermanently())
                .andExpect(redirectedUrl("/reviews/" + third));
        mvc.perform(get("/reviews/" + second))
                .andExpect(status().isMovedPermanently())
                .andExpect(redirectedUrl("/reviews/" + third));
        mvc.perform(get("/reviews/" + third)).andExpect(status().isOk());

        // Going back to an earlier slug is allowed: it is this review's own.
        edit = newsroom.fieldsOf(id, mvc, EDITOR);
        edit.put("slug", first);
        mvc.perform(postForm("/admin/articles/" + id + "/edit", edit).with(EDITOR))
                .andExpect(status().is3xxRedirection());
        mvc.perform(get("/reviews/" + first)).andExpect(status().isOk());
        mvc.perform(get("/reviews/" + third))
                .andExpect(status().isMovedPermanently())
                .andExpect(redirectedUrl("/reviews/" + first));
    }

    @Test
    void previewsADraftAsTheRealPageWithABannerNotIndexedNotCached() throws Exception {
        Map<String, String> fields = newsroom.validFields();
        fields.put("body", "A *draft* body.");
        Long id = newsroom.create(mvc, fields, WRITER);
        var result = mvc.perform(get("/admin/articles/" + id + "/preview").with(WRITER))
                .andExpect(status().isOk())
                .andExpect(header().string("Cache-Control", org.hamcrest.Matchers.containsString("no-store")));
        Document preview = page(result);
        assertThat(preview.select(".preview-banner").text()).contains("Preview").contains("Draft");
        assertThat(preview.select("meta[name=robots]").attr("content")).contains("noindex");
        assertThat(preview.select("main article h1").text()).isEqualTo(fields.get("title"));
        assertThat(preview.select(".review-body em").text()).isEqualTo("draft");
        assertThat(preview.select(".pull-quote").text()).isEqualTo(fields.get("pullQuote"));
        mvc.perform(get("/reviews/" + newsroom.article(id).getSlug())).andExpect(status().isNotFound());
        mvc.perform(get("/admin/articles/" + id + "/preview")).andExpect(status().is3xxRedirection());
    }

    @Test
    void hidesAReviewAgainWhenUnpublished() throws Exception {
        Map<String, String> fields = newsroom.validFields();
        fields.put("status", "PUBLISHED");
        Long id = newsroom.create(mvc, fields, EDITOR);
        String slug = newsroom.article(id).getSlug();
        mvc.perform(get("/reviews/" + slug)).andExpect(status().isOk());

        mvc.perform(post("/admin/articles/" + id + "/unpublish")
                        .param("version", "" + newsroom.article(id).getVersion())
                        .with(csrf())
                        .with(EDITOR))
                .andExpect(redirectedUrl("/admin/articles/" + id + "/edit"));
        assertThat(newsroom.article(id).getStatus()).isEqualTo(ArticleStatus.DRAFT);
        mvc.perform(get("/reviews/" + slug)).andExpect(status().isNotFound());

        mvc.perform(post("/admin/articles/" + id + "/publish")
                        .param("version", "" + newsroom.article(id).getVersion())
                        .with(csrf())
                        .with(EDITOR))
                .andExpect(status().is3xxRedirection());
        mvc.perform(get("/reviews/" + slug)).andExpect(status().isOk());
    }

    @Test
    void deletesOnlyAfterConfirmation() throws Exception {
        Long id = newsroom.create(mvc, newsroom.validFields(), EDITOR);
        Document confirm =
                page(mvc.perform(get("/admin/articles/" + id + "/delete").with(EDITOR))
                        .andExpect(status().isOk()));
        assertThat(confirm.select("h1").text()).startsWith("Delete");
        assertThat(confirm.select("main form[method=post]").attr("action"))
                .isEqualTo("/admin/articles/" + id + "/delete");
        assertThat(newsroom.article(id)).isNotNull();

        mvc.perform(post("/admin/articles/" + id + "/delete").with(csrf()).with(EDITOR))
                .andExpect(redirectedUrl("/admin/articles"));
        assertThat(newsroom.article(id)).isNull();
        mvc.perform(get("/admin/articles/" + id + "/edit").with(EDITOR)).andExpect(status().isNotFound());
    }

    @Test
    void keepsARevisionOfEverySaveComparesItAndRestoresIt() throws Exception {
        Map<String, String> fields = newsroom.validFields();
        fields.put("body", "Line one.\n\nLine two.\n\nLine three.");
        Long id = newsroom.create(mvc, fields, EDITOR);
        Map<String, String> edit = newsroom.fieldsOf(id, mvc, OTHER_EDITOR);
        edit.put("body", "Line one.\n\nLine 2, rewritten.\n\nLine three.");
        edit.put("title", fields.get("title") + " (revised)");
        mvc.perform(postForm("/admin/articles/" + id + "/edit", edit).with(OTHER_EDITOR))
                .andExpect(status().is3xxRedirection());

        Document list =
                page(mvc.perform(get("/admin/articles/" + id + "/revisions").with(EDITOR))
                        .andExpect(status().isOk()));
        assertThat(list.select(".revisions-table tbody tr")).hasSize(2);
        assertThat(list.select(".revisions-table tbody tr td:nth-child(3)").eachText())
                .containsExactly("otto", "edna");

        Document compare =
                page(mvc.perform(get("/admin/articles/" + id + "/revisions/1").with(EDITOR))
                        .andExpect(status().isOk()));
        assertThat(compare.select(".diff-removed").eachText()).anyMatch(t -> t.contains("Line two."));
        assertThat(compare.select(".diff-added").eachText()).anyMatch(t -> t.contains("Line 2, rewritten."));
        assertThat(compare.select(".diff-same").eachText()).anyMatch(t -> t.contains("Line three."));

        String version = compare.select("form input[name=version]").val();
        mvc.perform(post("/admin/articles/" + id + "/revisions/1/restore")
                        .param("version", version)
                        .with(csrf())
                        .with(EDITOR))
                .andExpect(redirectedUrl("/admin/articles/" + id + "/edit"));
        Article restored = newsroom.article(id);
        assertThat(restored.getBody()).isEqualTo("Line one.\n\nLine two.\n\nLine three.");
        assertThat(restored.getTitle()).isEqualTo(fields.get("title"));
        assertThat(revisions.findByArticleIdOrderByNumberDesc(id))
                .extracting(ArticleRevision::getNumber)
                .containsExactly(3, 2, 1);

        // A stale restore (someone saved since) changes nothing.
        mvc.perform(post("/admin/articles/" + id + "/revisions/2/restore")
                        .param("version", version)
                        .with(csrf())
                        .with(EDITOR))
                .andExpect(redirectedUrl("/admin/articles/" + id + "/revisions/2"));
        assertThat(newsroom.article(id).getBody()).isEqualTo("Line one.\n\nLine two.\n\nLine three.");
    }

    @Autowired
    Revisions revisionDesk;

    /** The version is checked inside the restoring transaction: a save between the check and the write loses. */
    @Test
    void aRestoreRacingASaveChangesNothing() throws Exception {
        Map<String, String> fields = newsroom.validFields();
        Long id = newsroom.create(mvc, fields, EDITOR);
        Article seen = newsroom.article(id); // what the restoring editor compared against
        Map<String, String> edit = newsroom.fieldsOf(id, mvc, OTHER_EDITOR);
        edit.put("body", "Saved by someone else a moment later.");
        mvc.perform(postForm("/admin/articles/" + id + "/edit", edit).with(OTHER_EDITOR))
                .andExpect(status().is3xxRedirection());

        assertThatThrownBy(() -> revisionDesk.restore(seen, 1, seen.getVersion()))
                .isInstanceOf(org.springframework.orm.ObjectOptimisticLockingFailureException.class);
        assertThat(newsroom.article(id).getBody()).isEqualTo("Saved by someone else a moment later.");
        assertThat(revisions.findByArticleIdOrderByNumberDesc(id)).hasSize(2);
    }

    @Test
    void answersUnknownArticlesAndRevisionsWithNotFound() throws Exception {
        mvc.perform(get("/admin/articles/987654321/edit").with(EDITOR)).andExpect(status().isNotFound());
        mvc.perform(get("/admin/articles/987654321/preview").with(EDITOR)).andExpect(status().isNotFound());
        mvc.perform(get("/admin/articles/not-a-number/edit").with(EDITOR)).andExpect(status().is4xxClientError());
        Long id = newsroom.create(mvc, newsroom.validFields(), EDITOR);
        mvc.perform(get("/admin/articles/" + id + "/revisions/99").with(EDITOR)).andExpect(status().isNotFound());
    }
}
