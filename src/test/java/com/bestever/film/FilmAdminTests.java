package com.bestever.film;

import static com.bestever.support.Html.page;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.bestever.admin.Account;
import com.bestever.admin.Role;
import com.bestever.article.Article;
import com.bestever.genre.Genre;
import com.bestever.support.SiteTest;
import com.bestever.support.TestAccounts;
import com.bestever.support.TestData;
import com.bestever.system.Constraints;
import com.bestever.system.ContentChanged;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.AbstractMockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.transaction.support.TransactionTemplate;

/** The film desk at /admin/films, as an editor uses it. */
@SiteTest
@RecordApplicationEvents
class FilmAdminTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    TestAccounts accounts;

    @Autowired
    TestData data;

    @Autowired
    FilmRepository films;

    @Autowired
    TransactionTemplate transaction;

    @Autowired
    ApplicationEvents events;

    /** A complete, valid film form; {@code changes} are name, value pairs that replace its values. */
    static <B extends AbstractMockHttpServletRequestBuilder<B>> B filmForm(
            B request, String title, Genre[] genres, String... changes) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("title", title);
        values.put("slug", "");
        values.put("originalTitle", "Les Quatre Cents Coups");
        values.put("year", "1959");
        values.put("directors", "François Truffaut\n");
        values.put("cast", "Jean-Pierre Léaud\n\n  Claire Maurier  \nAlbert Rémy");
        values.put("country", "France");
        values.put("language", "French");
        values.put("runtime", "99");
        for (int i = 0; i < changes.length; i += 2) {
            values.put(changes[i], changes[i + 1]);
        }
        values.forEach(request::param);
        for (Genre genre : genres) {
            request.param("genreIds", genre.getId().toString());
        }
        return request.with(csrf());
    }

    static MockHttpServletRequestBuilder filmForm(
            MockHttpServletRequestBuilder request, String title, String... changes) {
        return filmForm(request, title, new Genre[0], changes);
    }

    @Test
    void aWriterMayReadTheListButNotAddOrChangeFilms() throws Exception {
        Film film = data.film();
        Document list = page(mvc.perform(get("/admin/films").with(accounts.signedIn(Role.WRITER)))
                .andExpect(status().isOk()));
        assertThat(list.select("a[href=/admin/films/new]")).isEmpty();
        assertThat(list.select("a[href=/admin/films/" + film.getId() + "/edit]"))
                .isEmpty();

        mvc.perform(get("/admin/films/new").with(accounts.signedIn(Role.WRITER)))
                .andExpect(status().isForbidden());
        String title = TestData.unique("Writer Film");
        mvc.perform(filmForm(post("/admin/films/new"), title).with(accounts.signedIn(Role.WRITER)))
                .andExpect(status().isForbidden());
        assertThat(films.existsBySlug(title.toLowerCase())).isFalse();
        mvc.perform(post("/admin/films/" + film.getId() + "/delete")
                        .with(accounts.signedIn(Role.WRITER))
                        .with(csrf()))
                .andExpect(status().isForbidden());
        assertThat(films.existsById(film.getId())).isTrue();
    }

    @Test
    void theListIsForEditorsWithLinksToEachFilm() throws Exception {
        Film film = data.film();
        Document list = page(mvc.perform(get("/admin/films?page=1").with(accounts.signedIn(Role.EDITOR)))
                .andExpect(status().isOk())
                .andExpect(header().string("Cache-Control", "no-store")));
        assertThat(list.select("a[href=/admin/films/new]")).hasSize(1);
        assertThat(list.select("meta[name=robots]").attr("content")).contains("noindex");
        assertThat(list.select("table.films")).hasSize(1);
        mvc.perform(get("/admin/films?page=0").with(accounts.signedIn(Role.EDITOR)))
                .andExpect(status().isNotFound());
        assertThat(film.getId()).isNotNull();
    }

    @Test
    void anEditorAddsAFilmWithEveryFact() throws Exception {
        Genre drama = data.genre();
        Genre comingOfAge = data.genre();
        String title = TestData.unique("The 400 Blows");
        Account editor = accounts.account(Role.EDITOR);
        events.clear();
        mvc.perform(filmForm(post("/admin/films/new"), title, new Genre[] {drama, comingOfAge})
                        .with(accounts.signedIn(editor)))
                .andExpect(redirectedUrlPattern("/admin/films/*/edit"))
                .andExpect(flash().attribute("notice", "Added the film “" + title + "”."));

        Film film = transaction.execute(status -> {
            Film saved = films.findBySlug(title.toLowerCase().replace(' ', '-')).orElseThrow();
            saved.getGenres().size();
            return saved;
        });
        assertThat(film.getTitle()).isEqualTo(title);
        assertThat(film.getOriginalTitle()).isEqualTo("Les Quatre Cents Coups");
        assertThat(film.getReleaseYear()).isEqualTo(1959);
        assertThat(film.getDirectors()).containsExactly("François Truffaut");
        assertThat(film.getCast()).containsExactly("Jean-Pierre Léaud", "Claire Maurier", "Albert Rémy");
        assertThat(film.getRuntimeMinutes()).isEqualTo(99);
        assertThat(film.getPoster()).isNull();
        assertThat(film.getGenres())
                .extracting(Genre::getId)
                .containsExactlyInAnyOrder(drama.getId(), comingOfAge.getId());
        assertThat(events.stream(ContentChanged.class)).isNotEmpty();

        Document form =
                page(mvc.perform(get("/admin/films/" + film.getId() + "/edit").with(accounts.signedIn(Role.EDITOR)))
                        .andExpect(status().isOk()));
        assertThat(form.selectFirst("#cast").wholeText()).isEqualTo("Jean-Pierre Léaud\nClaire Maurier\nAlbert Rémy");
        assertThat(form.select("input[name=genreIds][checked]")).hasSize(2);
        assertThat(form.selectFirst(".saved-times").text()).startsWith("Created ");
        assertThat(form.selectFirst(".saved-times .created-by").text()).isEqualTo(editor.getDisplayName());
        assertThat(form.selectFirst(".saved-times .updated-by").text()).isEqualTo(editor.getDisplayName());
        assertThat(film.getCreatedBy()).isEqualTo(editor.getId());
        assertThat(form.selectFirst("form.film-form input[name=_csrf]")).isNotNull();
    }

    @Test
    void invalidFactsAreShownAgainAsTypedWithEachErrorBesideItsField() throws Exception {
        String directors = "Agnès Varda\nJacques Demy";
        Document form = page(mvc.perform(post("/admin/films/new")
                        .with(accounts.signedIn(Role.EDITOR))
                        .with(csrf())
                        .param("title", "  ")
                        .param("slug", "Not A Slug")
                        .param("year", "1700")
                        .param("directors", directors)
                        .param("runtime", "0")
                        .param("country", "France"))
                .andExpect(status().isOk()));

        assertThat(form.selectFirst("#title-error").text()).isEqualTo("Enter the film's title.");
        assertThat(form.selectFirst("#slug-error").text()).startsWith("Use lower-case letters and digits");
        assertThat(form.selectFirst("#year-error").text()).startsWith("Enter a year from 1888");
        assertThat(form.selectFirst("#runtime-error").text()).startsWith("Enter the running time in minutes");
        // Each error sits in its own field, right after the control, which points at it.
        assertThat(form.selectFirst("#year-error").parent().selectFirst("input").id())
                .isEqualTo("year");
        assertThat(form.selectFirst("#year").attr("aria-describedby")).contains("year-error");
        assertThat(form.selectFirst("#year").attr("aria-invalid")).isEqualTo("true");

        assertThat(form.selectFirst("#slug").val()).isEqualTo("Not A Slug");
        assertThat(form.selectFirst("#year").val()).isEqualTo("1700");
        assertThat(form.selectFirst("#directors").wholeText()).isEqualTo(directors);
        assertThat(form.selectFirst("#country").val()).isEqualTo("France");
        assertThat(form.select("#country-error")).isEmpty();
    }

    @Test
    void aNumberThatIsNotANumberIsAFieldErrorKeptAsTyped() throws Exception {
        Document form = page(mvc.perform(filmForm(post("/admin/films/new"), TestData.unique("Film"), "year", "nineteen")
                        .with(accounts.signedIn(Role.EDITOR)))
                .andExpect(status().isOk()));
        assertThat(form.selectFirst("#year").val()).isEqualTo("nineteen");
        assertThat(form.selectFirst("#year-error").text()).isEqualTo("Enter the year as a number, e.g. 1959.");
    }

    @Test
    void aBlankYearAndARunningTimeInWordsAreFieldErrorsKeptAsTyped() throws Exception {
        Document form = page(
                mvc.perform(filmForm(post("/admin/films/new"), TestData.unique("Film"), "year", "", "runtime", "ninety")
                                .with(accounts.signedIn(Role.EDITOR)))
                        .andExpect(status().isOk()));
        assertThat(form.selectFirst("#year-error").text()).isEqualTo("Enter the year the film came out.");
        assertThat(form.selectFirst("#runtime").val()).isEqualTo("ninety");
        assertThat(form.selectFirst("#runtime-error").text())
                .isEqualTo("Enter the running time as a number of minutes, e.g. 99.");
    }

    @Test
    void aDuplicateSlugIsAFieldError() throws Exception {
        Film existing = data.film();
        Document form = page(mvc.perform(filmForm(post("/admin/films/new"), "Another Film", "slug", existing.getSlug())
                        .with(accounts.signedIn(Role.EDITOR)))
                .andExpect(status().isOk()));
        assertThat(form.selectFirst("#slug-error").text())
                .contains("Another film has the slug")
                .contains(existing.getSlug());
        assertThat(form.selectFirst("#title").val()).isEqualTo("Another Film");
    }

    @Test
    void theDatabaseRuleForDuplicateSlugsIsRecognised() {
        Film existing = data.film();
        assertThatExceptionOfType(DataIntegrityViolationException.class)
                .isThrownBy(() -> films.saveAndFlush(new Film("Copy", existing.getSlug(), 1999)))
                .satisfies(ex ->
                        assertThat(Constraints.broke(ex, "film_slug_unique")).isTrue())
                .satisfies(ex ->
                        assertThat(Constraints.broke(ex, "author_slug_unique")).isFalse());
    }

    @Test
    void aStaleSaveShowsAConflictAndKeepsTheEditorsText() throws Exception {
        Film film = data.film();
        Document first =
                page(mvc.perform(get("/admin/films/" + film.getId() + "/edit").with(accounts.signedIn(Role.EDITOR))));
        String version = first.selectFirst("input[name=version]").val();

        // Another editor saves first, from the same version.
        mvc.perform(filmForm(
                                post("/admin/films/" + film.getId() + "/edit"),
                                "Saved By The First Editor",
                                "slug",
                                film.getSlug(),
                                "version",
                                version)
                        .with(accounts.signedIn(Role.EDITOR)))
                .andExpect(redirectedUrl("/admin/films/" + film.getId() + "/edit"));

        Document conflict = page(mvc.perform(filmForm(
                                post("/admin/films/" + film.getId() + "/edit"),
                                "Typed By The Second Editor",
                                "slug",
                                film.getSlug(),
                                "version",
                                version,
                                "country",
                                "Italy")
                        .with(accounts.signedIn(Role.EDITOR)))
                .andExpect(status().isOk()));
        assertThat(conflict.selectFirst("form .flash-error").text()).isEqualTo(FilmAdminController.STALE);
        assertThat(conflict.selectFirst("#title").val()).isEqualTo("Typed By The Second Editor");
        assertThat(conflict.selectFirst("#country").val()).isEqualTo("Italy");
        assertThat(films.findById(film.getId()).orElseThrow().getTitle()).isEqualTo("Saved By The First Editor");

        // Saving again from the conflict page is a deliberate overwrite.
        String current = conflict.selectFirst("input[name=version]").val();
        assertThat(current).isNotEqualTo(version);
        mvc.perform(filmForm(
                                post("/admin/films/" + film.getId() + "/edit"),
                                "Typed By The Second Editor",
                                "slug",
                                film.getSlug(),
                                "version",
                                current)
                        .with(accounts.signedIn(Role.EDITOR)))
                .andExpect(redirectedUrl("/admin/films/" + film.getId() + "/edit"));
        assertThat(films.findById(film.getId()).orElseThrow().getTitle()).isEqualTo("Typed By The Second Editor");
    }

    @Test
    void aFilmAReviewIsAboutCannotBeDeleted() throws Exception {
        Article review = data.publishedReview();
        long filmId = review.getFilm().getId();
        mvc.perform(post("/admin/films/" + filmId + "/delete")
                        .with(accounts.signedIn(Role.EDITOR))
                        .with(csrf()))
                .andExpect(redirectedUrl("/admin/films/" + filmId + "/edit"))
                .andExpect(flash().attribute(
                                "problem",
                                "“" + review.getFilm().getTitle()
                                        + "” cannot be deleted: 1 review is about it. Delete or change those first."));
        assertThat(films.existsById(filmId)).isTrue();
    }

    @Test
    void aFilmWithAReviewAndAPollSaysBoth() throws Exception {
        Article review = data.publishedReview();
        data.pollFor(review);
        long filmId = review.getFilm().getId();
        mvc.perform(post("/admin/films/" + filmId + "/delete")
                        .with(accounts.signedIn(Role.EDITOR))
                        .with(csrf()))
                .andExpect(
                        flash().attribute(
                                        "problem",
                                        "“" + review.getFilm().getTitle()
                                                + "” cannot be deleted: 1 review and 1 poll are about it. Delete or change those first."));
        assertThat(films.existsById(filmId)).isTrue();
    }

    @Test
    void aFilmNothingIsAboutIsDeleted() throws Exception {
        Film film = data.film(data.genre());
        mvc.perform(post("/admin/films/" + film.getId() + "/delete")
                        .with(accounts.signedIn(Role.EDITOR))
                        .with(csrf()))
                .andExpect(redirectedUrl("/admin/films"))
                .andExpect(flash().attribute("notice", "Deleted the film “" + film.getTitle() + "”."));
        assertThat(films.existsById(film.getId())).isFalse();
    }

    @Test
    void anUnknownFilmIsA404() throws Exception {
        mvc.perform(get("/admin/films/987654321/edit").with(accounts.signedIn(Role.EDITOR)))
                .andExpect(status().isNotFound());
        mvc.perform(post("/admin/films/987654321/delete")
                        .with(accounts.signedIn(Role.EDITOR))
                        .with(csrf()))
                .andExpect(status().isNotFound());
    }
}
