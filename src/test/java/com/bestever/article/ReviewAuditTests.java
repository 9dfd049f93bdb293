package com.bestever.article;

import static com.bestever.support.Html.page;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.bestever.admin.Account;
import com.bestever.admin.AuditLog;
import com.bestever.admin.Role;
import com.bestever.support.AuditTrail;
import com.bestever.support.MutableClock;
import com.bestever.support.SiteTest;
import com.bestever.support.TestAccounts;
import com.bestever.support.TestData;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * Every state change of a review, and every change of a film, critic or genre, leaves exactly one
 * audit entry: by whom, about what (its title at the time) and what changed. The scheduled job's
 * publishing is an act by "(system)".
 */
@SiteTest
class ReviewAuditTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    Newsroom newsroom;

    @Autowired
    TestAccounts testAccounts;

    @Autowired
    TestData data;

    @Autowired
    AuditTrail trail;

    @Autowired
    MutableClock clock;

    @Autowired
    Publishing publishing;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    /** Performs one act as this account; the one entry it left, which must be of this kind. */
    private AuditTrail.Entry act(Account who, MockHttpServletRequestBuilder request, String kind) throws Exception {
        long mark = trail.mark();
        mvc.perform(request.with(csrf()).with(testAccounts.signedIn(who))).andExpect(status().is3xxRedirection());
        return trail.onlyBy(who.getUsername(), mark, kind);
    }

    private Map<String, String> edited(Long id, RequestPostProcessor who, String... changes) throws Exception {
        Map<String, String> fields = newsroom.fieldsOf(id, mvc, who);
        for (int i = 0; i < changes.length; i += 2) {
            fields.put(changes[i], changes[i + 1]);
        }
        return fields;
    }

    @Test
    void everyStateChangeOfAReviewLeavesExactlyOneEntry() throws Exception {
        Account editor = testAccounts.account(Role.EDITOR);
        RequestPostProcessor as = testAccounts.signedIn(editor);
        Map<String, String> fields = newsroom.validFields();
        fields.put("pollGenreId", fields.get("genreId"));

        AuditTrail.Entry created = act(editor, Newsroom.postForm("/admin/articles/new", fields), "review.created");
        Long id = created.subjectId();
        assertThat(created.subjectType()).isEqualTo("review");
        assertThat(created.subjectTitle()).isEqualTo(fields.get("title"));
        assertThat(created.summary()).isEqualTo("created as draft; poll created");
        String edit = "/admin/articles/" + id + "/edit";

        String renamed = fields.get("title") + " (revised)";
        AuditTrail.Entry saved = act(editor, Newsroom.postForm(edit, edited(id, as, "title", renamed)), "review.saved");
        assertThat(saved.subjectTitle()).isEqualTo(renamed);
        assertThat(saved.summary()).isEqualTo("changed: title");

        // The poll goes with its review: one act, one entry, which names the poll's change.
        AuditTrail.Entry pollChanged = act(
                editor,
                Newsroom.postForm(edit, edited(id, as, "pollQuestion", "Is it the best ever, really?")),
                "review.saved");
        assertThat(pollChanged.summary()).matches("no text changed; poll \\d+ changed");

        AuditTrail.Entry submitted = act(
                editor,
                Newsroom.postForm(edit, edited(id, as, "status", "IN_REVIEW", "verdict", "A new verdict.")),
                "review.submitted");
        assertThat(submitted.summary()).isEqualTo("draft → in review; changed: verdict");

        AuditTrail.Entry scheduled = act(
                editor,
                Newsroom.postForm(edit, edited(id, as, "status", "SCHEDULED", "publishAt", "2999-01-01T10:00")),
                "review.scheduled");
        assertThat(scheduled.summary()).startsWith("in review → scheduled; changed: publish time");

        long version = newsroom.article(id).getVersion();
        AuditTrail.Entry published = act(
                editor, post("/admin/articles/" + id + "/publish").param("version", "" + version), "review.published");
        assertThat(published.summary()).isEqualTo("scheduled → published, now");

        version = newsroom.article(id).getVersion();
        AuditTrail.Entry unpublished = act(
                editor,
                post("/admin/articles/" + id + "/unpublish").param("version", "" + version),
                "review.unpublished");
        assertThat(unpublished.summary()).isEqualTo("published → draft");

        version = newsroom.article(id).getVersion();
        AuditTrail.Entry restored = act(
                editor,
                post("/admin/articles/" + id + "/revisions/1/restore").param("version", "" + version),
                "review.restored");
        assertThat(restored.subjectTitle()).isEqualTo(fields.get("title"));
        assertThat(restored.summary())
                .startsWith("revision 1 restored as revision ")
                .contains("title, verdict");

        // A stale save is refused: nothing written, nothing recorded.
        Map<String, String> stale = edited(id, as, "title", "Never saved");
        stale.put("version", "" + (newsroom.article(id).getVersion() - 1));
        long mark = trail.mark();
        mvc.perform(Newsroom.postForm(edit, stale).with(as));
        assertThat(trail.by(editor.getUsername(), mark)).isEmpty();

        AuditTrail.Entry deleted = act(editor, post("/admin/articles/" + id + "/delete"), "review.deleted");
        assertThat(deleted.subjectId()).isEqualTo(id);
        assertThat(deleted.subjectTitle()).isEqualTo(fields.get("title"));
    }

    @Test
    void theScheduledJobPublishingADueReviewIsOneEntryBySystem() throws Exception {
        clock.set(Instant.parse("2032-05-01T10:00:00Z"));
        Account editor = testAccounts.account(Role.EDITOR);
        Map<String, String> fields = newsroom.validFields();
        fields.put("status", "SCHEDULED");
        fields.put("publishAt", "2032-05-01T10:02");
        AuditTrail.Entry scheduled = act(editor, Newsroom.postForm("/admin/articles/new", fields), "review.created");
        long mark = trail.mark();
        clock.advance(Duration.ofMinutes(3));
        publishing.publishDue(); // the job may have run meanwhile: either way, one entry
        publishing.publishDue();
        List<AuditTrail.Entry> entries = trail.about("review", scheduled.subjectId(), mark);
        assertThat(entries).hasSize(1);
        assertThat(entries.get(0).kind()).isEqualTo("review.published");
        assertThat(entries.get(0).actor()).isEqualTo(AuditLog.SYSTEM);
        assertThat(entries.get(0).accountId()).isNull();
        assertThat(entries.get(0).address()).isNull();
        assertThat(entries.get(0).summary()).startsWith("scheduled → published by the scheduled job");
    }

    /** The fields of the desk form on this page, as a browser posts them. */
    private Map<String, String> formOn(String url, Account who) throws Exception {
        Document page =
                page(mvc.perform(get(url).with(testAccounts.signedIn(who))).andExpect(status().isOk()));
        Map<String, String> fields = new LinkedHashMap<>();
        page.select("main form[method=post] input[name], main form[method=post] textarea[name]")
                .forEach(input -> {
                    boolean skipped = input.attr("name").equals("_csrf")
                            || input.attr("type").equals("file")
                            || (input.attr("type").equals("checkbox") && !input.hasAttr("checked"));
                    if (!skipped && !fields.containsKey(input.attr("name"))) {
                        fields.put(
                                input.attr("name"),
                                input.tagName().equals("textarea") ? input.wholeText() : input.val());
                    }
                });
        return fields;
    }

    /** A desk: its address, the form's fields for a new entry, the field a test changes, its subject type. */
    record Desk(String path, String type, String changedField, String[] newFields) {}

    @Test
    void creatingChangingAndDeletingAFilmACriticAndAGenreEachLeaveOneEntry() throws Exception {
        List<Desk> desks = List.of(
                new Desk("/admin/films", "film", "title", new String[] {
                    "title", TestData.unique("Audit Film"), "slug", "", "year", "1959", "directors", "Agnès Varda"
                }),
                new Desk("/admin/authors", "author", "name", new String[] {
                    "name", TestData.unique("Audit Critic"), "slug", "", "bio", "Writes."
                }),
                new Desk("/admin/genres", "genre", "name", new String[] {
                    "name", TestData.unique("Audit Genre"), "slug", "", "description", "A genre."
                }));
        Account editor = testAccounts.account(Role.EDITOR);
        for (Desk desk : desks) {
            MockHttpServletRequestBuilder create = post(desk.path() + "/new");
            for (int i = 0; i < desk.newFields().length; i += 2) {
                create.param(desk.newFields()[i], desk.newFields()[i + 1]);
            }
            AuditTrail.Entry created = act(editor, create, desk.type() + ".created");
            assertThat(created.subjectType()).isEqualTo(desk.type());
            assertThat(created.subjectTitle()).isEqualTo(desk.newFields()[1]);
            long id = created.subjectId();

            Map<String, String> form = formOn(desk.path() + "/" + id + "/edit", editor);
            String renamed = desk.newFields()[1] + " Renamed";
            form.put(desk.changedField(), renamed);
            MockHttpServletRequestBuilder update = post(desk.path() + "/" + id + "/edit");
            form.forEach(update::param);
            AuditTrail.Entry changed = act(editor, update, desk.type() + ".changed");
            assertThat(changed.subjectTitle()).as(desk.type()).isEqualTo(renamed);
            assertThat(changed.summary()).as(desk.type()).isEqualTo("changed: " + desk.changedField());

            AuditTrail.Entry deleted = act(editor, post(desk.path() + "/" + id + "/delete"), desk.type() + ".deleted");
            assertThat(deleted.subjectId()).isEqualTo(id);
            assertThat(deleted.subjectTitle()).isEqualTo(renamed);
        }

        // A delete refused while a review points at the film writes nothing.
        Article review = data.publishedReview();
        long mark = trail.mark();
        mvc.perform(post("/admin/films/" + review.getFilm().getId() + "/delete")
                .with(csrf())
                .with(testAccounts.signedIn(editor)));
        assertThat(trail.by(editor.getUsername(), mark)).isEmpty();
    }
}
