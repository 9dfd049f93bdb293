package com.bestever.poll;

import static com.bestever.poll.PollTesting.no;
import static com.bestever.poll.PollTesting.vote;
import static com.bestever.poll.PollTesting.voted;
import static com.bestever.poll.PollTesting.yes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.bestever.admin.Role;
import com.bestever.article.Article;
import com.bestever.support.Html;
import com.bestever.support.MutableClock;
import com.bestever.support.SiteTest;
import com.bestever.support.TestAccounts;
import com.bestever.support.TestData;
import com.bestever.system.ContentChanged;
import java.time.Duration;
import java.time.Instant;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.test.web.servlet.MockMvc;

/** A poll's verdict is frozen when it closes, dated and never changed; reopening starts a new round. */
@SiteTest
@RecordApplicationEvents
class VerdictTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    PollTesting polls;

    @Autowired
    TestData data;

    @Autowired
    TestAccounts accounts;

    @Autowired
    MutableClock clock;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PollVerdicts verdicts;

    @Autowired
    ApplicationEvents events;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    Document page(String url) throws Exception {
        return Html.page(
                mvc.perform(get(url)).andExpect(status().isOk()).andReturn().getResponse());
    }

    long verdictRows(long pollId) {
        return jdbc.sql("select count(*) from poll_verdict where question_id = ?")
                .param(pollId)
                .query(Long.class)
                .single();
    }

    @Test
    void theVerdictIsFrozenAtTheFirstReadAfterTheClosingTimeAndLateVotesAreRefused() throws Exception {
        Instant closes = clock.instant().plus(Duration.ofHours(1));
        Article review = data.publishedReview();
        VoteQuestion poll = polls.pollUnder(review, question -> question.setClosesAt(closes));
        for (int i = 0; i < 3; i++) {
            voted(mvc, vote(poll, yes(poll))).andExpect(status().isSeeOther());
        }
        voted(mvc, vote(poll, no(poll))).andExpect(status().isSeeOther());
        assertThat(verdictRows(poll.getId())).isZero();

        // The next read freezes it, unless PollTimes (twice a second) got there first: either way the caches are told.
        events.clear();
        clock.set(closes.plus(Duration.ofMinutes(5)));
        Document review1 = page("/reviews/" + review.getSlug());

        assertThat(review1.selectFirst(".poll-verdict strong").text()).startsWith("Readers’ verdict, final, ");
        assertThat(review1.selectFirst(".poll-verdict-figures").text())
                .isEqualTo("75% say yes (95% interval 30–96%, n = 4) · too few votes to rank in "
                        + poll.getGenre().getName());
        assertThat(review1.selectFirst(".poll-verdict-backing").text())
                .isEqualTo("· Too close to call whether readers back the critic’s verdict.");
        assertThat(review1.selectFirst(".poll-verdict time").attr("datetime"))
                .startsWith(closes.toString().substring(0, 16));
        assertThat(verdictRows(poll.getId())).isEqualTo(1);
        assertThat(events.stream(ContentChanged.class))
                .as("freezing tells the caches, though nobody saved")
                .contains(new ContentChanged(ContentChanged.Kind.POLL, poll.getId()));

        mvc.perform(get("/polls/{id}/results", poll.getId()).header("Accept", "application/json"))
                .andExpect(jsonPath("$.final").value(true))
                .andExpect(jsonPath("$.open").value(false))
                .andExpect(jsonPath("$.total").value(4));
        String late = voted(mvc, vote(poll, yes(poll)).cookie(polls.newVoterCookie()))
                .andExpect(status().isConflict())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(org.jsoup.Jsoup.parse(late).selectFirst(".problem-message").text())
                .startsWith("This poll closed on ")
                .endsWith("; it takes no more votes.");
        assertThat(polls.countedVotes(poll.getId())).isEqualTo(4);

        // Read again, or by the job: still one verdict, and it cannot be changed.
        page("/reviews/" + review.getSlug());
        verdicts.freezeDue();
        assertThat(verdictRows(poll.getId())).isEqualTo(1);
        assertThatThrownBy(() -> jdbc.sql("update poll_verdict set yes = 4 where question_id = ?")
                        .param(poll.getId())
                        .update())
                .hasMessageContaining("a final verdict is never changed");
    }

    @Test
    void theLeaderboardMarksEachFilmFinalOrLiveAndTheVerdictKeepsItsRank() throws Exception {
        Instant closes = clock.instant().plus(Duration.ofHours(1));
        Article closing = data.publishedReview();
        VoteQuestion closed = polls.pollUnder(closing, question -> question.setClosesAt(closes));
        polls.setVotes(yes(closed), 90);
        polls.setVotes(no(closed), 10);
        Article other = data.review(article -> {
            article.setGenre(closing.getGenre());
            article.publish(clock.instant().minus(Duration.ofMinutes(1)));
        });
        VoteQuestion live = polls.pollUnder(other, question -> {});
        polls.setVotes(yes(live), 5);
        polls.setVotes(no(live), 5);

        clock.set(closes.plus(Duration.ofSeconds(1)));
        Document leaderboard = page("/best-ever/" + closed.getGenre().getSlug());

        var entries = leaderboard.select("ol.verdict-list > li");
        assertThat(entries.eachAttr("value")).containsExactly("1", "2");
        assertThat(entries.get(0).selectFirst("cite").text())
                .isEqualTo(closing.getFilm().getTitle());
        assertThat(entries.get(0).selectFirst(".verdict-state").text()).isEqualTo("final");
        assertThat(entries.get(1).selectFirst(".verdict-state").text()).isEqualTo("live");
        assertThat(verdicts.of(closed.getId())).singleElement().satisfies(verdict -> {
            assertThat(verdict.genreRank()).isEqualTo(1);
            assertThat(verdict.rankText())
                    .isEqualTo("#1 in " + closed.getGenre().getName());
            assertThat(verdict.figuresText()).isEqualTo("90% say yes (95% interval 82–95%, n = 100)");
        });
    }

    @Test
    void oneFreezingPassRanksEveryRoundOfAGenreFromTheSameStandings() throws Exception {
        Instant closes = clock.instant().plus(Duration.ofHours(1));
        Article first = data.publishedReview();
        VoteQuestion ahead = polls.pollUnder(first, question -> question.setClosesAt(closes));
        polls.setVotes(yes(ahead), 90);
        polls.setVotes(no(ahead), 10);
        Article second = data.review(article -> {
            article.setGenre(first.getGenre());
            article.publish(clock.instant().minus(Duration.ofMinutes(1)));
        });
        VoteQuestion behind = polls.pollUnder(second, question -> question.setClosesAt(closes));
        polls.setVotes(yes(behind), 30);
        polls.setVotes(no(behind), 70);

        clock.set(closes.plus(Duration.ofSeconds(1)));
        // The job's pass (PollTimes may have frozen one of them first: the other is still this pass's).
        verdicts.freezeDue();

        assertThat(verdictRows(ahead.getId())).isEqualTo(1);
        assertThat(verdictRows(behind.getId())).isEqualTo(1);
        assertThat(verdicts.of(ahead.getId()).get(0).genreRank()).isEqualTo(1);
        assertThat(verdicts.of(behind.getId()).get(0).genreRank()).isEqualTo(2);
        assertThat(verdicts.freezeDue()).as("nothing left to freeze").isZero();
    }

    @Test
    void aPollSavedAfterAPassThatFoundNothingDueIsStillFrozenWhenItCloses() throws Exception {
        verdicts.freezeDue();
        assertThat(verdicts.freezeDue())
                .as("nothing due: the pass remembers when the next round closes")
                .isZero();

        Instant closes = clock.instant().plus(Duration.ofMinutes(30));
        VoteQuestion poll = polls.pollUnder(data.publishedReview(), question -> question.setClosesAt(closes));
        clock.set(closes.plus(Duration.ofSeconds(1)));
        verdicts.freezeDue();

        assertThat(verdictRows(poll.getId()))
                .as("saving the poll told the pass to look again")
                .isEqualTo(1);
    }

    @Test
    void anEditorClosesNowAndReopensANewRoundThatKeepsTheOldVerdictVisible() throws Exception {
        Article review = data.publishedReview();
        VoteQuestion poll = polls.pollUnder(review, question -> {});
        var reader = polls.newVoterCookie();
        voted(mvc, vote(poll, yes(poll)).cookie(reader)).andExpect(status().isSeeOther());
        var editor = accounts.signedIn(Role.EDITOR);

        mvc.perform(post("/admin/polls/{id}/close", poll.getId()).with(csrf()).with(editor))
                .andExpect(status().is3xxRedirection());
        Document desk = page(mvc, "/admin/polls", editor);
        assertThat(desk.selectFirst("#poll-" + poll.getId() + " .poll-state").text())
                .isEqualTo("Closed, round 1");
        assertThat(verdictRows(poll.getId())).isEqualTo(1);
        voted(mvc, vote(poll, no(poll)).cookie(polls.newVoterCookie())).andExpect(status().isConflict());

        clock.set(clock.instant().plus(Duration.ofDays(400)));
        mvc.perform(post("/admin/polls/{id}/reopen", poll.getId()).with(csrf()).with(editor))
                .andExpect(status().is3xxRedirection());

        assertThat(page(mvc, "/admin/polls", editor)
                        .selectFirst("#poll-" + poll.getId() + " .poll-state")
                        .text())
                .isEqualTo("Open, round 2");
        assertThat(polls.countedVotes(poll.getId()))
                .as("the new round starts at zero")
                .isZero();
        Document page = page("/reviews/" + review.getSlug());
        String year = clock.instant().toString().substring(0, 4);
        assertThat(page.selectFirst(".poll-revisited").text()).startsWith("Revisited " + year);
        assertThat(page.selectFirst(".poll-verdict").text())
                .startsWith("Readers’ verdict, final, ")
                .contains("100% say yes (95% interval 20–100%, n = 1)");
        assertThat(page.select("form.poll-form")).isNotEmpty();

        // The same reader votes again in the new round: counted once there.
        voted(mvc, vote(poll, no(poll)).cookie(reader)).andExpect(status().isSeeOther());
        voted(mvc, vote(poll, no(poll)).cookie(reader)).andExpect(status().isSeeOther());
        assertThat(polls.countedVotes(poll.getId())).isEqualTo(1);
        assertThat(polls.voteRows(poll.getId())).isEqualTo(2);
    }

    @Test
    void aWriterMayNotCloseAPollAndAnOpenPollCannotBeReopened() throws Exception {
        VoteQuestion poll = polls.openPoll();

        mvc.perform(post("/admin/polls/{id}/close", poll.getId()).with(csrf()).with(accounts.signedIn(Role.WRITER)))
                .andExpect(status().isForbidden());
        var editor = accounts.signedIn(Role.EDITOR);
        mvc.perform(post("/admin/polls/{id}/reopen", poll.getId()).with(csrf()).with(editor))
                .andExpect(status().is3xxRedirection());
        assertThat(page(mvc, "/admin/polls", editor)
                        .selectFirst("#poll-" + poll.getId() + " .poll-state")
                        .text())
                .isEqualTo("Open, round 1");
        assertThat(verdictRows(poll.getId())).isZero();
    }

    @Test
    void theDeskListsAPollWhoseReviewWasDeleted() throws Exception {
        Article review = data.publishedReview();
        VoteQuestion poll = polls.pollUnder(review, question -> {});
        var editor = accounts.signedIn(Role.EDITOR);
        mvc.perform(post("/admin/articles/" + review.getId() + "/delete")
                        .with(csrf())
                        .with(editor))
                .andExpect(status().is3xxRedirection());

        Document desk = page(mvc, "/admin/polls", editor);

        assertThat(desk.selectFirst("#poll-" + poll.getId() + " .poll-withdrawn")
                        .text())
                .isEqualTo("Review deleted: withdrawn");
    }

    @Test
    void theFeedCarriesTheFinalVerdict() throws Exception {
        Instant closes = clock.instant().plus(Duration.ofHours(1));
        Article review = data.publishedReview();
        VoteQuestion poll = polls.pollUnder(review, question -> question.setClosesAt(closes));
        polls.setVotes(yes(poll), 3);
        clock.set(closes.plus(Duration.ofMinutes(1)));

        String feed = mvc.perform(get("/feed.xml")).andReturn().getResponse().getContentAsString();

        assertThat(feed)
                .contains("verdict:" + poll.getId() + ":1</id>")
                .contains("Readers’ verdict, final: " + poll.getQuestion())
                .contains("/reviews/" + review.getSlug() + "#poll-" + poll.getId());
    }

    @Test
    void theAuthorsPageAndTheReviewSayWhetherReadersBackedTheCriticFromFinalVerdictsOnly() throws Exception {
        Instant closes = clock.instant().plus(Duration.ofHours(1));
        Article backed = data.publishedReview();
        VoteQuestion yesPoll = polls.pollUnder(backed, question -> question.setClosesAt(closes));
        polls.setVotes(yes(yesPoll), 40);
        polls.setVotes(no(yesPoll), 10);
        Article refused = data.review(article -> {
            article.setAuthor(backed.getAuthor());
            article.publish(clock.instant().minus(Duration.ofMinutes(1)));
        });
        VoteQuestion noPoll = polls.pollUnder(refused, question -> question.setClosesAt(closes));
        polls.setVotes(yes(noPoll), 10);
        polls.setVotes(no(noPoll), 40);
        Article open = data.review(article -> {
            article.setAuthor(backed.getAuthor());
            article.publish(clock.instant().minus(Duration.ofMinutes(1)));
        });
        VoteQuestion live = polls.pollUnder(open, question -> {});
        polls.setVotes(yes(live), 50); // live, not final: not in the record
        // Read once before the polls close: the record kept in memory must follow the verdicts.
        page("/authors/" + backed.getAuthor().getSlug());

        clock.set(closes.plus(Duration.ofMinutes(1)));
        Document author = page("/authors/" + backed.getAuthor().getSlug());

        assertThat(author.selectFirst(".critic-record").text())
                .isEqualTo("Readers agreed with 1 of 2 of " + backed.getAuthor().getName() + "’s verdicts.");
        assertThat(page("/reviews/" + backed.getSlug())
                        .selectFirst(".poll-verdict-backing")
                        .text())
                .isEqualTo("· Readers backed the critic’s verdict.");
        assertThat(page("/reviews/" + refused.getSlug())
                        .selectFirst(".poll-verdict-backing")
                        .text())
                .isEqualTo("· Readers did not back the critic’s verdict.");
    }

    static Document page(
            MockMvc mvc, String url, org.springframework.test.web.servlet.request.RequestPostProcessor signedIn)
            throws Exception {
        return Html.page(mvc.perform(get(url).with(signedIn))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse());
    }
}
