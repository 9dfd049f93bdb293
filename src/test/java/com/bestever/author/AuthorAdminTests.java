package com.bestever.author;

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

/** The authors desk at /admin/authors. */
@SiteTest
class AuthorAdminTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    TestAccounts accounts;

    @Autowired
    TestData data;

    @Autowired
    AuthorRepository authors;

    @Test
    void anEditorAddsAnAuthorWhoseSlugIsMadeFromTheName() throws Exception {
        String name = "Agnès " + TestData.unique("Varda");
        mvc.perform(post("/admin/authors/new")
                        .with(accounts.signedIn(Role.EDITOR))
                        .with(csrf())
                        .param("name", name)
                        .param("slug", " ")
                        .param("bio", "Made Cléo from 5 to 7."))
                .andExpect(redirectedUrlPattern("/admin/authors/*/edit"));
        Author author =
                authors.findBySlug("agnes-" + name.substring(6).toLowerCase()).orElseThrow();
        assertThat(author.getName()).isEqualTo(name);
        assertThat(author.getBio()).isEqualTo("Made Cléo from 5 to 7.");
    }

    @Test
    void aWriterMayReadTheListButNotAddAnAuthor() throws Exception {
        mvc.perform(get("/admin/authors").with(accounts.signedIn(Role.WRITER))).andExpect(status().isOk());
        String name = TestData.unique("Writer Made");
        mvc.perform(post("/admin/authors/new")
                        .with(accounts.signedIn(Role.WRITER))
                        .with(csrf())
                        .param("name", name))
                .andExpect(status().isForbidden());
        assertThat(authors.findAllByOrderByNameAsc())
                .noneMatch(author -> author.getName().equals(name));
    }

    @Test
    void aDuplicateSlugAndAMissingNameAreFieldErrorsWithTheTextKept() throws Exception {
        Author existing = data.author();
        Document form = page(mvc.perform(post("/admin/authors/new")
                        .with(accounts.signedIn(Role.EDITOR))
                        .with(csrf())
                        .param("name", "")
                        .param("slug", existing.getSlug())
                        .param("bio", "A bio\nin two lines."))
                .andExpect(status().isOk()));
        assertThat(form.selectFirst("#name-error").text()).isEqualTo("Enter the author's name.");
        assertThat(form.selectFirst("#bio").wholeText()).isEqualTo("A bio\nin two lines.");

        form = page(mvc.perform(post("/admin/authors/new")
                        .with(accounts.signedIn(Role.EDITOR))
                        .with(csrf())
                        .param("name", "Someone New")
                        .param("slug", existing.getSlug()))
                .andExpect(status().isOk()));
        assertThat(form.selectFirst("#slug-error").text()).contains("Another author has the slug");
        assertThat(form.selectFirst("#slug").val()).isEqualTo(existing.getSlug());
    }

    @Test
    void aStaleSaveShowsAConflictAndKeepsTheEditorsText() throws Exception {
        Author author = data.author();
        String version = String.valueOf(author.getVersion());
        mvc.perform(post("/admin/authors/" + author.getId() + "/edit")
                        .with(accounts.signedIn(Role.EDITOR))
                        .with(csrf())
                        .param("version", version)
                        .param("name", author.getName())
                        .param("slug", author.getSlug())
                        .param("bio", "First editor's bio."))
                .andExpect(redirectedUrl("/admin/authors/" + author.getId() + "/edit"));
        Document conflict = page(mvc.perform(post("/admin/authors/" + author.getId() + "/edit")
                        .with(accounts.signedIn(Role.EDITOR))
                        .with(csrf())
                        .param("version", version)
                        .param("name", author.getName())
                        .param("slug", author.getSlug())
                        .param("bio", "Second editor's bio."))
                .andExpect(status().isOk()));
        assertThat(conflict.selectFirst("form .flash-error").text()).isEqualTo(AuthorAdminController.STALE);
        assertThat(conflict.selectFirst("#bio").wholeText()).isEqualTo("Second editor's bio.");
        assertThat(authors.findById(author.getId()).orElseThrow().getBio()).isEqualTo("First editor's bio.");
    }

    @Test
    void anAuthorWithAReviewCannotBeDeleted() throws Exception {
        Article review = data.publishedReview();
        long authorId = review.getAuthor().getId();
        mvc.perform(post("/admin/authors/" + authorId + "/delete")
                        .with(accounts.signedIn(Role.EDITOR))
                        .with(csrf()))
                .andExpect(redirectedUrl("/admin/authors/" + authorId + "/edit"))
                .andExpect(
                        flash().attribute(
                                        "problem",
                                        review.getAuthor().getName()
                                                + " cannot be deleted: 1 review is in their byline. Give those another author first."));
        assertThat(authors.existsById(authorId)).isTrue();

        Author unused = data.author();
        mvc.perform(post("/admin/authors/" + unused.getId() + "/delete")
                        .with(accounts.signedIn(Role.EDITOR))
                        .with(csrf()))
                .andExpect(redirectedUrl("/admin/authors"));
        assertThat(authors.existsById(unused.getId())).isFalse();
    }
}
