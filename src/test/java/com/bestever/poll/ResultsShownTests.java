package com.bestever.poll;

import static com.bestever.poll.PollTesting.vote;
import static com.bestever.poll.PollTesting.voted;
import static com.bestever.poll.PollTesting.yes;
import static org.assertj.core.api.Assertions.assertThat;
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
import jakarta.servlet.http.Cookie;
import java.time.Duration;
import java.time.Instant;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/** The editor chooses when readers see a poll's standings: always, after they vote, or after it closes. */
@SiteTest
class ResultsShownTests {

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

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    void show(VoteQuestion poll, String mode) throws Exception {
        mvc.perform(post("/admin/polls/{id}/results", poll.getId())
                        .param("shown", mode)
                        .with(csrf())
                        .with(accounts.signedIn(Role.EDITOR)))
                .andExpect(status().is3xxRedirection());
    }

    Document results(VoteQuestion poll, Cookie... reader) throws Exception {
        var request = get("/polls/{id}/results", poll.getId());
        if (reader.length > 0) {
            request.cookie(reader);
        }
        return Html.page(mvc.perform(request).andExpect(status().isOk()));
    }

    @Test
    void afterTheVoteTheReaderSeesTheStandingsOnlyOnceTheyHaveVotedAndPublicPagesNotUntilItCloses() throws Exception {
        Instant closes = clock.instant().plus(Duration.ofHours(2));
        Article review = data.publishedReview();
        VoteQuestion poll = polls.pollUnder(review, question -> question.setClosesAt(closes));
        polls.setVotes(yes(poll), 20);
        show(poll, "AFTER_VOTE");

        Document before = results(poll);
        assertThat(before.select(".standings-list")).isEmpty();
        assertThat(before.selectFirst(".poll-hidden").text())
                .isEqualTo("The standings are shown once you have voted, so that nobody votes with the crowd.");
        mvc.perform(get("/polls/{id}/results", poll.getId()).header("Accept", "application/json"))
                .andExpect(jsonPath("$.shown").value(false))
                .andExpect(jsonPath("$.total").value(org.hamcrest.Matchers.nullValue()))
                .andExpect(jsonPath("$.options").isEmpty());
        Document film = Html.page(mvc.perform(get("/films/" + review.getFilm().getSlug())));
        assertThat(film.select(".standings-list li"))
                .as("no live counts on a public page")
                .isEmpty();
        Document leaderboard =
                Html.page(mvc.perform(get("/best-ever/" + poll.getGenre().getSlug())));
        assertThat(leaderboard.select("cite").eachText())
                .doesNotContain(review.getFilm().getTitle());

        Cookie reader = polls.newVoterCookie();
        voted(mvc, vote(poll, yes(poll)).cookie(reader).header("Accept", "application/json"))
                .andExpect(jsonPath("$.shown").value(true))
                .andExpect(jsonPath("$.total").value(21));
        assertThat(results(poll, reader).select(".standings-list li")).hasSize(2);

        clock.set(closes.plus(Duration.ofMinutes(1)));
        assertThat(results(poll).select(".standings-list li")).hasSize(2);
        assertThat(Html.page(mvc.perform(get("/best-ever/" + poll.getGenre().getSlug())))
                        .select("cite")
                        .eachText())
                .contains(review.getFilm().getTitle());
    }

    @Test
    void afterTheCloseNobodySeesTheStandingsUntilItCloses() throws Exception {
        Instant closes = clock.instant().plus(Duration.ofHours(2));
        VoteQuestion poll = polls.pollUnder(data.publishedReview(), question -> question.setClosesAt(closes));
        show(poll, "AFTER_CLOSE");
        Cookie reader = polls.newVoterCookie();

        voted(mvc, vote(poll, yes(poll)).cookie(reader).header("Accept", "application/json"))
                .andExpect(jsonPath("$.counted").value(true))
                .andExpect(jsonPath("$.shown").value(false))
                .andExpect(jsonPath("$.options").isEmpty());
        assertThat(results(poll, reader).selectFirst(".poll-hidden").text())
                .isEqualTo("The standings are shown once the poll closes, so that nobody votes with the crowd.");
        assertThat(results(poll, reader).selectFirst(".poll-choice").text())
                .isEqualTo("Your vote: " + VoteQuestion.YES);

        clock.set(closes.plus(Duration.ofMinutes(1)));
        assertThat(results(poll).select(".standings-list li")).hasSize(2);
    }

    @Test
    void anUnknownModeIsRefusedInWords() throws Exception {
        VoteQuestion poll = polls.openPoll();
        var editor = accounts.signedIn(Role.EDITOR);
        mvc.perform(post("/admin/polls/{id}/results", poll.getId())
                        .param("shown", "SOMETIMES")
                        .with(csrf())
                        .with(editor))
                .andExpect(status().is3xxRedirection());

        Document desk = Html.page(mvc.perform(get("/admin/polls").with(editor)));
        assertThat(desk.selectFirst("#shown-" + poll.getId() + " option[selected]")
                        .val())
                .isEqualTo("ALWAYS");
    }
}
