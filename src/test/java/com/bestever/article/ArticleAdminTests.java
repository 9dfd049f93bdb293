package com.bestever.article;

import static com.bestever.article.Newsroom.EDITOR;
import static com.bestever.article.Newsroom.OTHER_EDITOR;
import static com.bestever.article.Newsroom.OTHER_WRITER;
import static com.bestever.article.Newsroom.WRITER;
import static com.bestever.article.Newsroom.postForm;
import static com.bestever.support.Html.page;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.bestever.poll.VoteQuestion;
import com.bestever.poll.VoteQuestionRepository;
import com.bestever.support.SiteTest;
import com.bestever.support.TestData;
import com.bestever.system.ContentChanged;
import java.util.Map;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.test.web.servlet.MockMvc;

/** The article form: who may use it, what it refuses, and that the editor never loses their text. */
@SiteTest
@RecordApplicationEvents
class ArticleAdminTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    Newsroom newsroom;

    @Autowired
    TestData data;

    @Autowired
    ArticleRepository articles;

    @Autowired
    ArticleRevisionRepository revisions;

    @Autowired
    VoteQuestionRepository polls;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ApplicationEvents events;

    @Test
    void sendsAnonymousVisitorsToTheSignInPage() throws Exception {
        for (String url : new String[] {
            "/admin/articles", "/admin/articles/new", "/admin/articles/1/edit", "/admin/articles/1/preview"
        }) {
            String location = mvc.perform(get(url))
                    .andExpect(status().is3xxRedirection())
                    .andReturn()
                    .getResponse()
                    .getRedirectedUrl();
            assertThat(location).as(url).endsWith("/login");
        }
    }

    @Test
    void refusesAFormPostedWithoutTheCsrfToken() throws Exception {
        long before = articles.count();
        var request = post("/admin/articles/new").with(EDITOR);
        newsroom.validFields().forEach(request::param);
        mvc.perform(request).andExpect(status().isForbidden());
        assertThat(articles.count()).isEqualTo(before);
    }

    @Test
    void offersTheFieldsNamedInTheDesign() throws Exception {
        Document form =
                page(mvc.perform(get("/admin/articles/new").with(EDITOR)).andExpect(status().isOk()));
        for (String name : new String[] {
            "title",
            "slug",
            "genreId",
            "filmId",
            "authorId",
            "pullQuote",
            "body",
            "verdict",
            "recommendations[0].text",
            "recommendations[0].url",
            "pollQuestion",
            "pollGenreId",
            "pollOpensAt",
            "pollClosesAt",
            "pollOptions[0]",
            "pollOptions[1]",
            "status",
            "publishAt",
            "_csrf"
        }) {
            assertThat(form.select("form.article-form [name=\"" + name + "\"]"))
                    .as(name)
                    .hasSize(1);
        }
        assertThat(form.select("[name=\"pollOptions[0]\"]").val()).isEqualTo(VoteQuestion.YES);
        // Every field has a label.
        for (Element input : form.select(
                "form.article-form input[type=text], form.article-form textarea, form.article-form select")) {
            assertThat(form.select("label[for=" + input.id() + "]"))
                    .as("label for " + input.attr("name"))
                    .hasSize(1);
        }
    }

    @Test
    void savesADraftByTheSignedInEditorAndKeepsItFromReaders() throws Exception {
        Map<String, String> fields = newsroom.validFields();
        events.clear();
        Long id = newsroom.create(mvc, fields, EDITOR);

        Article saved = newsroom.article(id);
        assertThat(saved.getStatus()).isEqualTo(ArticleStatus.DRAFT);
        assertThat(saved.getCreatedBy()).isEqualTo(newsroom.accountId("edna"));
        assertThat(saved.getUpdatedBy()).isEqualTo(newsroom.accountId("edna"));
        assertThat(saved.getBody()).isEqualTo("The first paragraph.\n\nThe second paragraph.");
        assertThat(revisions.findByArticleIdOrderByNumberDesc(id)).hasSize(1);
        assertThat(events.stream(ContentChanged.class)).isNotEmpty();
        mvc.perform(get("/reviews/" + saved.getSlug())).andExpect(status().isNotFound());

        Document edit = page(mvc.perform(get("/admin/articles/" + id + "/edit").with(EDITOR)));
        assertThat(edit.select(".editor-aside .created").text()).contains("edna");
        assertThat(edit.select(".editor-aside .updated").text())
                .contains("edna")
                .containsPattern("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}");
    }

    @Test
    void makesTheSlugFromTheTitleWhenLeftBlank() throws Exception {
        Map<String, String> fields = newsroom.validFields();
        String unique = TestData.unique("Les Quatre Cents");
        fields.put("title", unique + " Coups: François’ Film");
        fields.put("slug", "");
        Long id = newsroom.create(mvc, fields, EDITOR);
        assertThat(newsroom.article(id).getSlug())
                .isEqualTo(unique.toLowerCase().replace(' ', '-') + "-coups-francois-film");
    }

    @Test
    void showsInvalidInputAgainAsTypedWithEachErrorBesideItsField() throws Exception {
        Map<String, String> fields = newsroom.validFields();
        fields.put("title", "  ");
        fields.put("slug", "Not A Slug!");
        fields.put("body", "My *precious* paragraph, typed with care.\n\nAnd a second.");
        fields.put("verdict", "");
        fields.put("recommendations[0].text", "The Blu-ray");
        fields.put("recommendations[0].url", "javascript:alert(1)");
        fields.put("publishAt", "next tuesday");
        long before = articles.count();

        Document form = page(mvc.perform(postForm("/admin/articles/new", fields).with(EDITOR))
                .andExpect(status().isOk()));

        assertThat(articles.count()).isEqualTo(before);
        assertThat(errorBeside(form, "title")).contains("title");
        assertThat(errorBeside(form, "slug")).contains("lower-case");
        assertThat(errorBeside(form, "verdict")).contains("verdict");
        assertThat(errorBeside(form, "recommendations[0].url")).contains("http");
        assertThat(errorBeside(form, "publishAt")).contains("date and time");
        assertThat(errorBeside(form, "pullQuote")).isEmpty();
        assertThat(form.selectFirst("textarea[name=body]").wholeText())
                .contains("My *precious* paragraph, typed with care.\n\nAnd a second.");
        assertThat(form.selectFirst("input[name=slug]").val()).isEqualTo("Not A Slug!");
        assertThat(form.selectFirst("input[name=\"recommendations[0].text\"]").val())
                .isEqualTo("The Blu-ray");
        assertThat(form.selectFirst("input[name=\"recommendations[0].url\"]").val())
                .isEqualTo("javascript:alert(1)");
        assertThat(form.selectFirst("input[name=publishAt]").val()).isEqualTo("next tuesday");
        assertThat(form.selectFirst("select[name=filmId] option[selected]").val())
                .isEqualTo(fields.get("filmId"));
    }

    @Test
    void refusesASlugAnotherReviewUsesAsAFieldError() throws Exception {
        Article other = data.publishedReview();
        Map<String, String> fields = newsroom.validFields();
        fields.put("slug", other.getSlug());
        Document form = page(mvc.perform(postForm("/admin/articles/new", fields).with(EDITOR))
                .andExpect(status().isOk()));
        assertThat(errorBeside(form, "slug")).contains("Another review");
        assertThat(form.selectFirst("textarea[name=pullQuote]").wholeText()).isEqualTo(fields.get("pullQuote"));
    }

    @Test
    void refusesASlugThatIsAnotherReviewsOldAddress() throws Exception {
        Long moved = newsroom.create(mvc, newsroom.validFields(), EDITOR);
        String oldSlug = newsroom.article(moved).getSlug();
        Map<String, String> edit = newsroom.fieldsOf(moved, mvc, EDITOR);
        edit.put("slug", TestData.unique("moved"));
        mvc.perform(postForm("/admin/articles/" + moved + "/edit", edit).with(EDITOR))
                .andExpect(status().is3xxRedirection());

        Map<String, String> fields = newsroom.validFields();
        fields.put("slug", oldSlug);
        Document form = page(mvc.perform(postForm("/admin/articles/new", fields).with(EDITOR))
                .andExpect(status().isOk()));
        assertThat(errorBeside(form, "slug")).contains("old address");
    }

    @Test
    void tellsTheSecondOfTwoEditorsAndKeepsTheirTextWithoutOverwritingTheFirst() throws Exception {
        Long id = newsroom.create(mvc, newsroom.validFields(), EDITOR);
        Map<String, String> edna = newsroom.fieldsOf(id, mvc, EDITOR);
        Map<String, String> otto = newsroom.fieldsOf(id, mvc, OTHER_EDITOR);

        edna.put("body", "Edna's body.");
        mvc.perform(postForm("/admin/articles/" + id + "/edit", edna).with(EDITOR))
                .andExpect(status().is3xxRedirection());

        otto.put("body", "Otto's body, written at the same time.");
        otto.put("verdict", "Otto's verdict.");
        Document form = page(
                mvc.perform(postForm("/admin/articles/" + id + "/edit", otto).with(OTHER_EDITOR))
                        .andExpect(status().isConflict()));

        assertThat(form.select(".conflict").text())
                .contains("Someone else saved this review")
                .contains("edna");
        assertThat(form.selectFirst("textarea[name=body]").wholeText())
                .isEqualTo("Otto's body, written at the same time.");
        assertThat(form.selectFirst("textarea[name=verdict]").wholeText()).isEqualTo("Otto's verdict.");
        assertThat(newsroom.article(id).getBody()).isEqualTo("Edna's body.");

        // Having seen the conflict, saving again is a deliberate choice, and it works.
        Map<String, String> again = new java.util.HashMap<>(otto);
        again.put("version", form.selectFirst("input[name=version]").val());
        mvc.perform(postForm("/admin/articles/" + id + "/edit", again).with(OTHER_EDITOR))
                .andExpect(status().is3xxRedirection());
        assertThat(newsroom.article(id).getBody()).isEqualTo("Otto's body, written at the same time.");
    }

    @Test
    void letsAWriterDraftAndSubmitForReviewButNeverPublish() throws Exception {
        Map<String, String> fields = newsroom.validFields();
        fields.put("status", "PUBLISHED");
        long before = articles.count();
        Document form = page(mvc.perform(postForm("/admin/articles/new", fields).with(WRITER))
                .andExpect(status().isOk()));
        assertThat(errorBeside(form, "status")).contains("Only an editor");
        assertThat(articles.count()).isEqualTo(before);
        assertThat(form.select("select[name=status] option").eachAttr("value")).containsExactly("DRAFT", "IN_REVIEW");

        fields.put("status", "IN_REVIEW");
        Long id = newsroom.create(mvc, fields, WRITER);
        Article submitted = newsroom.article(id);
        assertThat(submitted.getStatus()).isEqualTo(ArticleStatus.IN_REVIEW);
        assertThat(submitted.getCreatedBy()).isEqualTo(newsroom.accountId("wanda"));

        Map<String, String> edit = newsroom.fieldsOf(id, mvc, WRITER);
        edit.put("status", "SCHEDULED");
        edit.put("publishAt", "2030-01-01T09:00");
        page(mvc.perform(postForm("/admin/articles/" + id + "/edit", edit).with(WRITER))
                .andExpect(status().isOk()));
        assertThat(newsroom.article(id).getStatus()).isEqualTo(ArticleStatus.IN_REVIEW);

        mvc.perform(post("/admin/articles/" + id + "/publish")
                        .param("version", "" + newsroom.article(id).getVersion())
                        .with(csrf())
                        .with(WRITER))
                .andExpect(status().isForbidden());
        mvc.perform(post("/admin/articles/" + id + "/delete").with(csrf()).with(WRITER))
                .andExpect(status().isForbidden());
        assertThat(newsroom.article(id).getStatus()).isEqualTo(ArticleStatus.IN_REVIEW);
    }

    @Test
    void letsAnAdminDoEverythingAnEditorDoes() throws Exception {
        Map<String, String> fields = newsroom.validFields();
        fields.put("status", "PUBLISHED");
        Long id = newsroom.create(mvc, fields, Newsroom.ADMIN);
        mvc.perform(get("/reviews/" + newsroom.article(id).getSlug())).andExpect(status().isOk());
        Long writers = newsroom.create(mvc, newsroom.validFields(), WRITER);
        mvc.perform(get("/admin/articles/" + writers + "/edit").with(Newsroom.ADMIN))
                .andExpect(status().isOk());
        mvc.perform(get("/admin/articles/" + writers + "/delete").with(Newsroom.ADMIN))
                .andExpect(status().isOk());
    }

    @Test
    void keepsWritersOffOtherPeoplesPiecesAndOffPublishedOnes() throws Exception {
        Long theirs = newsroom.create(mvc, newsroom.validFields(), OTHER_WRITER);
        mvc.perform(get("/admin/articles/" + theirs + "/edit").with(WRITER)).andExpect(status().isForbidden());
        Map<String, String> fields = newsroom.fieldsOf(theirs, mvc, OTHER_WRITER);
        fields.put("body", "Hijacked.");
        mvc.perform(postForm("/admin/articles/" + theirs + "/edit", fields).with(WRITER))
                .andExpect(status().isForbidden());
        assertThat(newsroom.article(theirs).getBody()).isNotEqualTo("Hijacked.");

        Article published = data.publishedReview();
        mvc.perform(get("/admin/articles/" + published.getId() + "/edit").with(WRITER))
                .andExpect(status().isForbidden());
        mvc.perform(get("/admin/articles/" + published.getId() + "/edit").with(EDITOR))
                .andExpect(status().isOk());
    }

    @Test
    void listsNewestFirstWithAStatusFilterATitleSearchAndWhatWaitsForReview() throws Exception {
        String word = TestData.unique("findme");
        Map<String, String> first = newsroom.validFields();
        first.put("title", "Older " + word);
        first.put("status", "IN_REVIEW");
        newsroom.create(mvc, first, WRITER);
        Map<String, String> second = newsroom.validFields();
        second.put("title", "Newer " + word);
        newsroom.create(mvc, second, EDITOR);

        Document list = page(mvc.perform(
                        get("/admin/articles").param("q", word.toUpperCase()).with(EDITOR))
                .andExpect(status().isOk()));
        assertThat(list.select(".articles-table tbody tr td:first-child a").eachText())
                .containsExactly("Newer " + word, "Older " + word);
        assertThat(list.select(".waiting-for-review a").attr("href")).isEqualTo("/admin/articles?status=IN_REVIEW");

        Document inReview = page(mvc.perform(get("/admin/articles")
                .param("q", word)
                .param("status", "IN_REVIEW")
                .with(EDITOR)));
        assertThat(inReview.select(".articles-table tbody tr td:first-child a").eachText())
                .containsExactly("Older " + word);

        mvc.perform(get("/admin/articles")
                        .param("status", "NONSENSE")
                        .param("q", "%_!")
                        .with(EDITOR))
                .andExpect(status().isOk());
        mvc.perform(get("/admin/articles").param("page", "0").with(EDITOR)).andExpect(status().isNotFound());
    }

    @Test
    void reordersAndRemovesRecommendationsWithoutJavaScriptAndWithoutSaving() throws Exception {
        Map<String, String> fields = newsroom.validFields();
        fields.put("recommendations[0].text", "First");
        fields.put("recommendations[0].url", "https://example.com/first");
        fields.put("recommendations[1].text", "Second");
        fields.put("recommendations[1].url", "");
        fields.put("recommendations[2].text", "Third");
        fields.put("recommendations[2].url", "");
        fields.put("recommendationAction", "down-0");
        long before = articles.count();
        Document form = page(mvc.perform(postForm("/admin/articles/new", fields).with(EDITOR))
                .andExpect(status().isOk()));
        assertThat(recommendationTexts(form)).startsWith("Second", "First", "Third");
        assertThat(form.selectFirst("input[name=\"recommendations[1].url\"]").val())
                .isEqualTo("https://example.com/first");
        assertThat(articles.count()).isEqualTo(before);

        fields.put("recommendationAction", "remove-1");
        form = page(mvc.perform(postForm("/admin/articles/new", fields).with(EDITOR)));
        assertThat(recommendationTexts(form)).startsWith("First", "Third");

        fields.put("recommendationAction", "up-2");
        form = page(mvc.perform(postForm("/admin/articles/new", fields).with(EDITOR)));
        assertThat(recommendationTexts(form)).startsWith("First", "Third", "Second");

        fields.remove("recommendationAction");
        fields.put("status", "PUBLISHED");
        Long id = newsroom.create(mvc, fields, EDITOR);
        Document review = page(
                mvc.perform(get("/reviews/" + newsroom.article(id).getSlug())).andExpect(status().isOk()));
        assertThat(review.select(".decide li").eachText()).containsExactly("First", "Second", "Third");
        assertThat(review.select(".decide li a").attr("href")).isEqualTo("https://example.com/first");
    }

    @Test
    void createsThePollWithTheHouseQuestionAndDefaultOptionsWhenLeftBlank() throws Exception {
        Map<String, String> fields = newsroom.validFields();
        var pollGenre = data.genre();
        fields.put("pollGenreId", pollGenre.getId().toString());
        fields.put("status", "PUBLISHED");
        Long id = newsroom.create(mvc, fields, EDITOR);

        VoteQuestion poll = polls.findByArticleId(id).orElseThrow();
        Article article = newsroom.article(id);
        assertThat(poll.getQuestion())
                .isEqualTo("Is " + article.getFilm().getTitle() + " the Best Ever " + pollGenre.getName() + " Movie?");
        assertThat(poll.getOptions()).extracting(o -> o.getLabel()).containsExactly(VoteQuestion.YES, VoteQuestion.NO);
        assertThat(poll.getOptions().get(0).isAffirmative()).isTrue();
        assertThat(poll.getOpensAt()).isEqualTo(article.getPublishAt());
        Document review = page(mvc.perform(get("/reviews/" + article.getSlug())));
        assertThat(review.select(".poll h2").text()).startsWith(poll.getQuestion());
    }

    @Test
    void refusesToRemoveAPollOptionReadersHaveChosenButRenamesAndAddsOptions() throws Exception {
        Map<String, String> fields = newsroom.validFields();
        fields.put("pollGenreId", data.genre().getId().toString());
        fields.put("pollQuestion", "Is it, though?");
        fields.put("pollOptions[2]", "Maybe");
        Long id = newsroom.create(mvc, fields, EDITOR);
        VoteQuestion poll = polls.findByArticleId(id).orElseThrow();
        jdbc.update("update vote_option set votes = 3 where question_id = ? and position = 1", poll.getId());

        Map<String, String> edit = newsroom.fieldsOf(id, mvc, EDITOR);
        edit.put("pollOptions[1]", "");
        Document form = page(
                mvc.perform(postForm("/admin/articles/" + id + "/edit", edit).with(EDITOR))
                        .andExpect(status().isOk()));
        assertThat(errorBeside(form, "pollOptions[1]")).contains("3 readers");

        edit.put("pollOptions[1]", "No, not at all");
        edit.put("pollOptions[2]", "");
        edit.put("pollOptions[3]", "Ask me later");
        mvc.perform(postForm("/admin/articles/" + id + "/edit", edit).with(EDITOR))
                .andExpect(status().is3xxRedirection());
        VoteQuestion after = polls.findByArticleId(id).orElseThrow();
        assertThat(after.getOptions())
                .extracting(o -> o.getLabel())
                .containsExactly(VoteQuestion.YES, "No, not at all", "Ask me later");
        assertThat(after.getOptions().get(1).getVotes()).isEqualTo(3);
        assertThat(after.getQuestion()).isEqualTo("Is it, though?");
    }

    @Test
    void opensTheDraftsPollWithTheReviewWhenTheReviewIsScheduled() throws Exception {
        Map<String, String> fields = newsroom.validFields();
        fields.put("pollGenreId", data.genre().getId().toString());
        Long id = newsroom.create(mvc, fields, EDITOR);
        Map<String, String> edit = newsroom.fieldsOf(id, mvc, EDITOR);
        assertThat(edit.get("pollOpensAt")).isNotBlank();
        edit.put("status", "SCHEDULED");
        edit.put("publishAt", "2040-06-01T09:30");
        mvc.perform(postForm("/admin/articles/" + id + "/edit", edit).with(EDITOR))
                .andExpect(status().is3xxRedirection());
        assertThat(polls.findByArticleId(id).orElseThrow().getOpensAt())
                .isEqualTo(java.time.Instant.parse("2040-06-01T09:30:00Z"));
    }

    @Test
    void refusesAPollThatClosesBeforeItOpens() throws Exception {
        Map<String, String> fields = newsroom.validFields();
        fields.put("pollGenreId", data.genre().getId().toString());
        fields.put("pollOpensAt", "2030-01-02T10:00");
        fields.put("pollClosesAt", "2030-01-01T10:00");
        Document form = page(mvc.perform(postForm("/admin/articles/new", fields).with(EDITOR))
                .andExpect(status().isOk()));
        assertThat(errorBeside(form, "pollClosesAt")).contains("close after");
    }

    private static java.util.List<String> recommendationTexts(Document form) {
        return form.select("input[name$=\".text\"]").eachAttr("value");
    }

    /** The error shown in the same field box as the input with this name ("" when none). */
    static String errorBeside(Document form, String name) {
        Element input = form.selectFirst("[name=\"" + name + "\"]");
        assertThat(input).as("input " + name).isNotNull();
        Element field = input.closest(".field");
        assertThat(field).as("field box of " + name).isNotNull();
        return field.select(".field-error").text();
    }

    @Test
    void offersTheFilmsAddedLastAndFindsAnyOtherByTitleWithoutLosingTheText() throws Exception {
        var genre = data.genre();
        String word = "Zebraquartet" + TestData.unique("x").replace("-", "");
        long older = data.film(genre).getId();
        jdbc.update("update film set title = ? where id = ?", "The " + word + " Affair", older);
        for (int i = 0; i < 50; i++) {
            data.film(genre);
        }

        Document fresh =
                page(mvc.perform(get("/admin/articles/new").with(EDITOR)).andExpect(status().isOk()));
        // The chosen-nothing option plus the 50 films added last: never the whole catalogue.
        assertThat(fresh.select("select#filmId option")).hasSize(51);
        assertThat(fresh.select("select#filmId option[value=" + older + "]")).isEmpty();
        assertThat(fresh.select("label[for=filmSearch]").text()).isEqualTo("Find a film by title");

        long before = articles.count();
        Map<String, String> fields = newsroom.validFields();
        fields.remove("filmId");
        fields.put("filmSearch", word.toLowerCase());
        fields.put("findFilm", "find");
        Document found =
                page(mvc.perform(postForm("/admin/articles/new", fields).with(EDITOR))
                        .andExpect(status().isOk()));
        assertThat(articles.count()).as("finding a film saves nothing").isEqualTo(before);
        assertThat(found.select("select#filmId option[value=" + older + "]").text())
                .isEqualTo("The " + word + " Affair (1970)");
        assertThat(found.select("select#filmId option[selected]").val())
                .as("the one match is chosen")
                .isEqualTo(String.valueOf(older));
        assertThat(found.select("select#filmId option")).hasSize(2);
        assertThat(found.select("#filmSearch-hint").text()).contains("whose title contains “" + word.toLowerCase());
        assertThat(found.select("[name=title]").val()).isEqualTo(fields.get("title"));
        assertThat(found.select("[name=body]").text()).contains("The first paragraph.");

        fields.put("filmSearch", "no film is called this " + word);
        Document none = page(mvc.perform(postForm("/admin/articles/new", fields).with(EDITOR))
                .andExpect(status().isOk()));
        assertThat(none.select("#filmSearch-hint").text()).startsWith("No film’s title contains");

        // Saved with the found film, the edit form shows it chosen though it is not among the last 50.
        fields.remove("findFilm");
        fields.put("filmId", String.valueOf(older));
        fields.put("filmSearch", "");
        Long id = newsroom.create(mvc, fields, EDITOR);
        Document edit = page(mvc.perform(get("/admin/articles/" + id + "/edit").with(EDITOR)));
        assertThat(edit.select("select#filmId option[selected]").val()).isEqualTo(String.valueOf(older));
        assertThat(edit.select("select#filmId option")).hasSize(52);
    }
}
