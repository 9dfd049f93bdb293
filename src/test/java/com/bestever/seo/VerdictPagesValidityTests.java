package com.bestever.seo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.bestever.admin.Role;
import com.bestever.article.Article;
import com.bestever.poll.VoteQuestion;
import com.bestever.support.Html;
import com.bestever.support.MutableClock;
import com.bestever.support.SiteTest;
import com.bestever.support.TestAccounts;
import com.bestever.support.TestData;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** The readers' verdict pages, with a final verdict on them, pass the Nu Html Checker; the index lists each genre's leader. */
@SiteTest
class VerdictPagesValidityTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    TestData data;

    @Autowired
    TestAccounts accounts;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MutableClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    String html(MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request)
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
    }

    @Test
    void theVerdictPagesWithAFinalVerdictHaveNoHtmlErrors() throws Exception {
        Article review = data.publishedReview();
        VoteQuestion poll = data.pollFor(review);
        Instant closes = clock.instant().plus(Duration.ofHours(1));
        jdbc.sql("update vote_question set closes_at = ? where id = ?")
                .params(Timestamp.from(closes), poll.getId())
                .update();
        jdbc.sql("update vote_option set votes = case when affirmative then 40 else 10 end where question_id = ?")
                .param(poll.getId())
                .update();
        clock.set(closes.plus(Duration.ofMinutes(1)));
        String genre = review.getGenre().getSlug();

        for (MockHttpServletRequestBuilder page : java.util.List.of(
                get("/best-ever"),
                get("/best-ever/" + genre),
                get("/reviews/" + review.getSlug()),
                get("/polls/{id}/results", poll.getId()),
                get("/admin/polls").with(accounts.signedIn(Role.EDITOR)),
                get("/admin/polls/{id}/bursts", poll.getId()).with(accounts.signedIn(Role.EDITOR)))) {
            String html = html(page);
            assertThat(NuHtmlChecker.errorsIn(html))
                    .as("Nu Html Checker errors in " + page.buildRequest(null).getRequestURI())
                    .isEmpty();
        }
        assertThat(html(get("/polls/{id}/results", poll.getId())))
                .as("the share chart is among what was checked")
                .contains("class=\"share-chart\"");

        Document index = Html.page(mvc.perform(get("/best-ever")).andReturn().getResponse());
        var item = index.select("li.verdict-genre").stream()
                .filter(li -> li.selectFirst("a").attr("href").equals("/best-ever/" + genre))
                .findFirst()
                .orElseThrow();
        assertThat(item.selectFirst(".verdict-leader cite").text())
                .isEqualTo(review.getFilm().getTitle());
        assertThat(item.selectFirst(".verdict-state").text()).isEqualTo("final");
        assertThat(item.selectFirst(".verdict-figures").text()).isEqualTo("80% say yes · 95% interval 66–89%, n = 50");
        assertThat(mvc.perform(get("/best-ever")).andReturn().getResponse().getHeader("Cache-Control"))
                .startsWith("public");
    }

    @Test
    void thePagesWithVotesExcludedAndTheBurstReviewHaveNoHtmlErrors() throws Exception {
        Article review = data.publishedReview();
        VoteQuestion poll = data.pollFor(review);
        long yes = jdbc.sql("select id from vote_option where question_id = ? and affirmative")
                .param(poll.getId())
                .query(Long.class)
                .single();
        for (int i = 0; i < 14; i++) {
            jdbc.sql("insert into vote (question_id, option_id, voter_id, client_hash) values (?, ?, ?, ?)")
                    .params(poll.getId(), yes, "validity-" + poll.getId() + "-" + i, i < 4 ? "ab12" : "cd34" + i)
                    .update();
        }
        jdbc.sql("update vote_option set votes = 14 where id = ?").param(yes).update();
        var editor = accounts.signedIn(Role.EDITOR);
        mvc.perform(
                        org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post(
                                        "/admin/polls/{id}/bursts/void", poll.getId())
                                .param("clientHash", "ab12")
                                .param("reason", "Four votes from one address")
                                .with(org.springframework.security.test.web.servlet.request
                                        .SecurityMockMvcRequestPostProcessors.csrf())
                                .with(editor))
                .andExpect(status().is3xxRedirection());

        for (MockHttpServletRequestBuilder page : java.util.List.of(
                get("/best-ever/" + review.getGenre().getSlug()),
                get("/reviews/" + review.getSlug()),
                get("/polls/{id}/results", poll.getId()),
                get("/admin/polls/{id}/bursts", poll.getId()).with(editor))) {
            String html = html(page);
            assertThat(html).containsAnyOf("4 votes excluded by the editors.", "10 counted votes, 4 voided.");
            assertThat(NuHtmlChecker.errorsIn(html))
                    .as("Nu Html Checker errors in " + page.buildRequest(null).getRequestURI())
                    .isEmpty();
        }
    }
}
