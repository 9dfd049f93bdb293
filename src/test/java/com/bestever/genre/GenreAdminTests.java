package com.bestever.genre;

import static com.bestever.support.Html.page;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.bestever.admin.Role;
import com.bestever.article.Article;
import com.bestever.support.SiteTest;
import com.bestever.support.TestAccounts;
import com.bestever.support.TestData;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/** The genres desk at /admin/genres. */
@SiteTest
class GenreAdminTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    TestAccounts accounts;

    @Autowired
    TestData data;

    @Autowired
    GenreRepository genres;

    @Test
    void anEditorAddsAGenre() throws Exception {
        String name = TestData.unique("Coming of Age");
        mvc.perform(post("/admin/genres/new")
                        .with(accounts.signedIn(Role.EDITOR))
                        .with(csrf())
                        .param("name", name)
                        .param("slug", "")
                        .param("description", "Growing up."))
                .andExpect(redirectedUrlPattern("/admin/genres/*/edit"));
        Genre genre = genres.findBySlug(name.toLowerCase().replace(' ', '-')).orElseThrow();
        assertThat(genre.getName()).isEqualTo(name);
        assertThat(genre.kicker()).isEqualTo("Best Ever " + name + " Movie?");
    }

    @Test
    void aWriterMayReadTheListButNotOpenTheForm() throws Exception {
        Document list = page(mvc.perform(get("/admin/genres").with(accounts.signedIn(Role.WRITER)))
                .andExpect(status().isOk()));
        assertThat(list.select("a[href=/admin/genres/new]")).isEmpty();
        mvc.perform(get("/admin/genres/new").with(accounts.signedIn(Role.WRITER)))
                .andExpect(status().isForbidden());
    }

    @Test
    void aNameOrSlugAnotherGenreHasIsAFieldError() throws Exception {
        Genre existing = data.genre();
        Document form = page(mvc.perform(post("/admin/genres/new")
                        .with(accounts.signedIn(Role.EDITOR))
                        .with(csrf())
                        .param("name", existing.getName())
                        .param("slug", existing.getSlug()))
                .andExpect(status().isOk()));
        assertThat(form.selectFirst("#name-error").text()).isEqualTo("There is a genre with this name already.");
        assertThat(form.selectFirst("#slug-error").text()).contains("Another genre has the slug");
        assertThat(form.selectFirst("#name").val()).isEqualTo(existing.getName());
    }

    @Test
    void aGenreWithFilmsCannotBeDeletedAndAnEmptyOneCan() throws Exception {
        Genre genre = data.genre();
        data.film(genre);
        mvc.perform(post("/admin/genres/" + genre.getId() + "/delete")
                        .with(accounts.signedIn(Role.EDITOR))
                        .with(csrf()))
                .andExpect(redirectedUrl("/admin/genres/" + genre.getId() + "/edit"))
                .andExpect(flash().attribute(
                                "problem",
                                "The genre " + genre.getName()
                                        + " cannot be deleted: 1 film is in it. Move those to another genre first."));
        assertThat(genres.existsById(genre.getId())).isTrue();

        Genre empty = data.genre();
        mvc.perform(post("/admin/genres/" + empty.getId() + "/delete")
                        .with(accounts.signedIn(Role.EDITOR))
                        .with(csrf()))
                .andExpect(redirectedUrl("/admin/genres"));
        assertThat(genres.existsById(empty.getId())).isFalse();
    }

    @Test
    void aGenreSaysEverythingInItInOneSentence() throws Exception {
        Article review = data.publishedReview();
        data.pollFor(review);
        Genre genre = review.getGenre();
        mvc.perform(post("/admin/genres/" + genre.getId() + "/delete")
                        .with(accounts.signedIn(Role.EDITOR))
                        .with(csrf()))
                .andExpect(redirectedUrl("/admin/genres/" + genre.getId() + "/edit"))
                .andExpect(
                        flash().attribute(
                                        "problem",
                                        "The genre " + genre.getName()
                                                + " cannot be deleted: 1 review, 1 film and 1 poll are in it. Move those to another genre first."));
        assertThat(genres.existsById(genre.getId())).isTrue();
    }

    @Test
    void aStaleSaveShowsAConflict() throws Exception {
        Genre genre = data.genre();
        String version = String.valueOf(genre.getVersion());
        mvc.perform(post("/admin/genres/" + genre.getId() + "/edit")
                        .with(accounts.signedIn(Role.EDITOR))
                        .with(csrf())
                        .param("version", version)
                        .param("name", genre.getName())
                        .param("slug", genre.getSlug())
                        .param("description", "First."))
                .andExpect(redirectedUrl("/admin/genres/" + genre.getId() + "/edit"));
        Document conflict = page(mvc.perform(post("/admin/genres/" + genre.getId() + "/edit")
                        .with(accounts.signedIn(Role.EDITOR))
                        .with(csrf())
                        .param("version", version)
                        .param("name", genre.getName())
                        .param("slug", genre.getSlug())
                        .param("description", "Second."))
                .andExpect(status().isOk()));
        assertThat(conflict.selectFirst("form .flash-error").text()).isEqualTo(GenreAdminController.STALE);
        assertThat(conflict.selectFirst("#description").wholeText()).isEqualTo("Second.");
    }
}
