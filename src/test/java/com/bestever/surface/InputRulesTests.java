package com.bestever.surface;

import static com.bestever.support.Html.page;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.bestever.admin.Account;
import com.bestever.admin.Role;
import com.bestever.article.Article;
import com.bestever.poll.VoteQuestion;
import com.bestever.support.SiteTest;
import com.bestever.support.TestAccounts;
import com.bestever.support.TestData;
import com.bestever.system.TextRule;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

/** The one rule for text and the limits, as a reader or an editor meets them. */
@SiteTest
class InputRulesTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    TestAccounts accounts;

    @Autowired
    TestData data;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aNulByteInTheNewsroomSearchIsA400PageNotA500() throws Exception {
        Document refused =
                page(mvc.perform(MockMvcRequestBuilders.request(HttpMethod.GET, URI.create("/admin/articles?q=a%00b"))
                                .with(accounts.signedIn(Role.EDITOR)))
                        .andExpect(status().isBadRequest()));
        assertThat(refused.text()).doesNotContain("Exception");
    }

    @Test
    void aNulByteInADisplayNameComesBackOnTheFormMarkedWithTheRestKept() throws Exception {
        Account writer = accounts.account(Role.WRITER);
        Document form = page(mvc.perform(post("/admin/accounts/" + writer.getId())
                        .with(accounts.signedIn(Role.ADMIN))
                        .with(csrf())
                        .param("displayName", "Ann\u0000e")
                        .param("role", "EDITOR"))
                .andExpect(status().isBadRequest()));
        assertThat(form.selectFirst("#displayName").val()).isEqualTo("Ann\uFFFDe");
        assertThat(form.selectFirst("#displayName").attr("aria-invalid")).isEqualTo("true");
        assertThat(form.selectFirst("#displayName-error").text()).isEqualTo(TextRule.MESSAGE);
        assertThat(form.selectFirst("select[name=role] option[selected]").val()).isEqualTo("EDITOR");
        assertThat(displayName(writer.getId())).isEqualTo(writer.getDisplayName());
    }

    @Test
    void loneSurrogatesAndNoncharactersInAFormFieldAreRefusedAndNothingIsSaved() throws Exception {
        Account writer = accounts.account(Role.WRITER);
        for (String typed : new String[] {"x\uD800y", "x\uDC00", "\uFFFE", "\uFFFF", "bell\u0007", "esc\u001b"}) {
            mvc.perform(post("/admin/accounts/" + writer.getId())
                            .with(accounts.signedIn(Role.ADMIN))
                            .with(csrf())
                            .param("displayName", typed)
                            .param("role", "WRITER"))
                    .andExpect(status().isBadRequest());
        }
        assertThat(displayName(writer.getId())).isEqualTo(writer.getDisplayName());
    }

    @Test
    void aTextOverItsLengthIsA400WithTheFieldMarkedAndAShortPasswordIsNot() throws Exception {
        Account writer = accounts.account(Role.WRITER);
        Document form = page(mvc.perform(post("/admin/accounts/" + writer.getId())
                        .with(accounts.signedIn(Role.ADMIN))
                        .with(csrf())
                        .param("displayName", "n".repeat(121))
                        .param("role", "WRITER"))
                .andExpect(status().isBadRequest()));
        assertThat(form.selectFirst("#displayName-error").text()).isEqualTo("Use at most 120 characters.");
        assertThat(form.selectFirst("#displayName").val()).hasSize(121);
        mvc.perform(post("/admin/accounts/" + writer.getId() + "/password")
                        .with(accounts.signedIn(Role.ADMIN))
                        .with(csrf())
                        .param("newPassword", "short")
                        .param("repeatPassword", "short"))
                .andExpect(status().isOk());
    }

    @Test
    void tabsAndLineBreaksAreText() throws Exception {
        Account writer = accounts.account(Role.WRITER);
        mvc.perform(post("/admin/accounts/" + writer.getId())
                        .with(accounts.signedIn(Role.ADMIN))
                        .with(csrf())
                        .param("displayName", "Tab\tand\r\nline")
                        .param("role", "WRITER"))
                .andExpect(status().is3xxRedirection());
        assertThat(displayName(writer.getId())).isEqualTo("Tab\tand\r\nline");
    }

    @Test
    void textIsSavedInNfc() throws Exception {
        Account writer = accounts.account(Role.WRITER);
        mvc.perform(post("/admin/accounts/" + writer.getId())
                        .with(accounts.signedIn(Role.ADMIN))
                        .with(csrf())
                        .param("displayName", "Franc\u0327ois Truffaut")
                        .param("role", "WRITER"))
                .andExpect(status().is3xxRedirection());
        assertThat(displayName(writer.getId())).isEqualTo("Fran\u00e7ois Truffaut");
    }

    @Test
    void aNameTypedDecomposedIsSavedComposed() throws Exception {
        String slug = TestData.unique("cafe");
        mvc.perform(post("/admin/genres/new")
                        .with(accounts.signedIn(Role.EDITOR))
                        .with(csrf())
                        .param("name", "Cafe\u0301 " + slug)
                        .param("slug", slug))
                .andExpect(status().is3xxRedirection());
        assertThat(jdbc.sql("select name from genre where slug = ?")
                        .param(slug)
                        .query(String.class)
                        .single())
                .isEqualTo("Caf\u00e9 " + slug);
    }

    @Test
    void brokenEscapesAndControlCharactersInAnAddressAreA400() throws Exception {
        for (String address : new String[] {
            "/reviews/a%00b",
            "/reviews/%ED%A0%80",
            "/reviews/%C0%AE%C0%AE",
            "/reviews/%FF",
            "/search?q=%FF",
            "/search?q=%E2%82",
            "/search?q=a%1Bb",
            "/search?q=%EF%BF%BF",
            "/?page=%00"
        }) {
            mvc.perform(MockMvcRequestBuilders.request(HttpMethod.GET, URI.create(address)))
                    .andExpect(status().isBadRequest());
        }
        mvc.perform(get("/search").with(request -> {
                    request.setQueryString("q=%zz");
                    return request;
                }))
                .andExpect(status().isBadRequest());
    }

    @Test
    void aJsonClientGetsProblemJsonWithoutInternals() throws Exception {
        String body = mvc.perform(get("/polls/987654321/results").accept(MediaType.APPLICATION_JSON))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(404))
                .andExpect(jsonPath("$.title").value("Not Found"))
                .andExpect(jsonPath("$.detail").isNotEmpty())
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(body).doesNotContain("Exception", "trace", "java.");
        mvc.perform(MockMvcRequestBuilders.request(HttpMethod.GET, URI.create("/polls/1/results?vote=a%00"))
                        .accept(MediaType.APPLICATION_JSON))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(400));
    }

    @Test
    void aVoteRefusedAsJsonIsProblemJson() throws Exception {
        Article review = data.publishedReview();
        VoteQuestion poll = data.pollFor(review);
        mvc.perform(post("/polls/" + poll.getId() + "/votes")
                        .header("Origin", "http://localhost")
                        .accept(MediaType.APPLICATION_JSON)
                        .param("choice", "a\u0000"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value(TextRule.MESSAGE));
    }

    @Test
    void aBodyOverTheLimitIs413() throws Exception {
        mvc.perform(post("/admin/genres/new")
                        .with(accounts.signedIn(Role.EDITOR))
                        .with(csrf())
                        .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                        .content(("name=" + "x".repeat(5 * 1024 * 1024)).getBytes(StandardCharsets.US_ASCII)))
                .andExpect(status().isPayloadTooLarge());
    }

    @Test
    void tooManyParametersAre400() throws Exception {
        var request = get("/search");
        for (int i = 0; i < 1001; i++) {
            request.param("p" + i, "x");
        }
        StringBuilder query = new StringBuilder("q=x");
        for (int i = 0; i < 1001; i++) {
            query.append("&p").append(i).append("=x");
        }
        mvc.perform(request.with(r -> {
                    r.setQueryString(query.toString());
                    return r;
                }))
                .andExpect(status().isBadRequest());
    }

    @Test
    void pageNumbersAndIdsOutOfRangeAreNotFoundOrBadRequest() throws Exception {
        mvc.perform(get("/?page=0")).andExpect(status().isNotFound());
        mvc.perform(get("/?page=-5")).andExpect(status().isNotFound());
        mvc.perform(get("/?page=2147483648")).andExpect(status().isBadRequest());
        mvc.perform(get("/?page=99999999999999999999")).andExpect(status().isBadRequest());
        mvc.perform(get("/admin/articles/99999999999999999999/edit").with(accounts.signedIn(Role.EDITOR)))
                .andExpect(status().isBadRequest());
        mvc.perform(get("/admin/articles/-1/edit").with(accounts.signedIn(Role.EDITOR)))
                .andExpect(status().isNotFound());
        mvc.perform(get("/polls/-1/results")).andExpect(status().isNotFound());
    }

    @Test
    void listRowsBeyondWhatAFormOffersAreRefused() throws Exception {
        mvc.perform(post("/admin/articles/new")
                        .with(accounts.signedIn(Role.EDITOR))
                        .with(csrf())
                        .param("title", "Rows")
                        .param("recommendations[100000].text", "x"))
                .andExpect(status().isBadRequest());
    }

    @Test
    void anExpressionTypedIntoAReviewIsShownAsTyped() throws Exception {
        Article review = data.review(article -> {
            article.setTitle("${7*7} __${7*7}__ [[${7*7}]]");
            article.publish(java.time.Instant.now().minusSeconds(60));
        });
        Document page = page(mvc.perform(get("/reviews/" + review.getSlug())).andExpect(status().isOk()));
        assertThat(page.selectFirst("h1").text()).isEqualTo("${7*7} __${7*7}__ [[${7*7}]]");
    }

    private String displayName(long accountId) {
        return jdbc.sql("select display_name from app_user where id = ?")
                .param(accountId)
                .query(String.class)
                .single();
    }
}
