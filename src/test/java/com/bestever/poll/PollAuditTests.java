package com.bestever.poll;

import static com.bestever.poll.PollTesting.from;
import static com.bestever.poll.PollTesting.no;
import static com.bestever.poll.PollTesting.vote;
import static com.bestever.poll.PollTesting.voted;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.bestever.admin.Account;
import com.bestever.admin.Role;
import com.bestever.article.Article;
import com.bestever.support.AuditTrail;
import com.bestever.support.MutableClock;
import com.bestever.support.SiteTest;
import com.bestever.support.TestAccounts;
import com.bestever.support.TestData;
import jakarta.servlet.http.Cookie;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** The poll desk's acts in the audit log: each leaves exactly one entry, about the poll (or the genre). */
@SiteTest
class PollAuditTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    PollTesting polls;

    @Autowired
    TestData data;

    @Autowired
    TestAccounts accounts;

    @Autowired
    AuditTrail trail;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MutableClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    /** Posts an act on the poll desk as this editor; the one entry it left, of this kind. */
    private AuditTrail.Entry act(Account editor, MockHttpServletRequestBuilder request, String kind) throws Exception {
        long mark = trail.mark();
        mvc.perform(request.with(csrf()).with(accounts.signedIn(editor))).andExpect(status().is3xxRedirection());
        return trail.onlyBy(editor.getUsername(), mark, kind);
    }

    @Test
    void showingResultsClosingAndReopeningEachLeaveOneEntry() throws Exception {
        VoteQuestion poll = polls.openPoll();
        Account editor = accounts.account(Role.EDITOR);

        AuditTrail.Entry shown = act(
                editor, post("/admin/polls/{id}/results", poll.getId()).param("shown", "AFTER_CLOSE"), "poll.changed");
        assertThat(shown.subjectType()).isEqualTo("poll");
        assertThat(shown.subjectId()).isEqualTo(poll.getId());
        assertThat(shown.subjectTitle()).isEqualTo(poll.getQuestion());
        assertThat(shown.summary()).endsWith("→ after the poll closes");

        AuditTrail.Entry closed = act(editor, post("/admin/polls/{id}/close", poll.getId()), "poll.closed");
        assertThat(closed.subjectId()).isEqualTo(poll.getId());

        clock.set(clock.instant().plus(Duration.ofMinutes(1)));
        AuditTrail.Entry reopened = act(editor, post("/admin/polls/{id}/reopen", poll.getId()), "poll.reopened");
        assertThat(reopened.summary()).contains("round 2");

        // Reopening a poll that is open is refused: nothing changed, nothing recorded.
        long mark = trail.mark();
        mvc.perform(post("/admin/polls/{id}/reopen", poll.getId()).with(csrf()).with(accounts.signedIn(editor)));
        assertThat(trail.by(editor.getUsername(), mark)).isEmpty();
    }

    @Test
    void voidingABurstLeavesOneEntryAndAVoidingThatMatchesNothingNone() throws Exception {
        Article review = data.publishedReview();
        VoteQuestion poll = polls.pollUnder(review, question -> {});
        String address = "10.251." + (System.nanoTime() & 127) + ".9";
        for (int i = 0; i < 3; i++) {
            voted(mvc, vote(poll, no(poll)).with(from(address)).cookie(polls.newVoterCookie()))
                    .andExpect(status().isSeeOther());
        }
        String hash = jdbc.sql("select client_hash from vote where question_id = ? limit 1")
                .param(poll.getId())
                .query(String.class)
                .single();
        Account editor = accounts.account(Role.EDITOR);
        AuditTrail.Entry voided = act(
                editor,
                post("/admin/polls/{id}/bursts/void", poll.getId())
                        .param("clientHash", hash)
                        .param("reason", "Three cookies from one address"),
                "poll.votes_voided");
        assertThat(voided.subjectId()).isEqualTo(poll.getId());
        assertThat(voided.summary()).startsWith("3 votes").endsWith("Three cookies from one address");

        long mark = trail.mark();
        mvc.perform(post("/admin/polls/{id}/bursts/void", poll.getId())
                .param("clientHash", hash)
                .param("reason", "Again, but all are voided already")
                .with(csrf())
                .with(accounts.signedIn(editor)));
        assertThat(trail.by(editor.getUsername(), mark)).isEmpty();
    }

    @Test
    void approvingAndRejectingChallengersEachLeaveOneEntryAboutTheGenre() throws Exception {
        Article review = data.publishedReview();
        VoteQuestion poll = polls.pollUnder(review, question -> {});
        Account editor = accounts.account(Role.EDITOR);
        long genreId = review.getGenre().getId();
        for (String decision : new String[] {"approve", "reject"}) {
            String title = TestData.unique("Challenger " + decision);
            Cookie reader = polls.newVoterCookie();
            voted(mvc, vote(poll, no(poll)).cookie(reader)).andExpect(status().isSeeOther());
            mvc.perform(post("/polls/{id}/challengers", poll.getId())
                            .header("Origin", "http://localhost")
                            .with(PollTesting.fromNewAddress())
                            .cookie(reader)
                            .param("title", title))
                    .andExpect(status().isSeeOther());
            AuditTrail.Entry entry = act(
                    editor,
                    post("/admin/challengers/" + decision)
                            .param("genre", String.valueOf(genreId))
                            .param("title", title),
                    decision.equals("approve") ? "poll.challenger_approved" : "poll.challenger_rejected");
            assertThat(entry.subjectType()).isEqualTo("genre");
            assertThat(entry.subjectId()).isEqualTo(genreId);
            assertThat(entry.summary()).contains(title).contains("1 reader");
        }
    }
}
