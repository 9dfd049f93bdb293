package com.bestever.poll;

import static com.bestever.poll.PollTesting.fromNewAddress;
import static com.bestever.poll.PollTesting.no;
import static com.bestever.poll.PollTesting.vote;
import static com.bestever.poll.PollTesting.voteFrom;
import static com.bestever.poll.PollTesting.voted;
import static com.bestever.poll.PollTesting.yes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.bestever.support.Html;
import com.bestever.support.MutableClock;
import com.bestever.support.SiteTest;
import jakarta.servlet.http.Cookie;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/** A reader votes without JavaScript: the form posts, the poll's own page shows the standings. */
@SiteTest
class VotingTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    PollTesting polls;

    @Autowired
    MutableClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    Document page(String url, Cookie... cookies) throws Exception {
        var request = get(url).with(fromNewAddress());
        if (cookies.length > 0) {
            request.cookie(cookies);
        }
        MockHttpServletResponse response =
                mvc.perform(request).andExpect(status().isOk()).andReturn().getResponse();
        assertThat(response.getHeader("Cache-Control")).isEqualTo("no-store, private");
        return Html.page(response);
    }

    /** The voter cookie the reader's browser holds after this vote (set by the 307 before it). */
    static Cookie voterCookieFrom(MvcResult voted) {
        return PollTesting.voterCookieOf(voted);
    }

    static List<String> standings(Document page) {
        return page.select(".standings-list li").eachText();
    }

    @Test
    void votingWithoutJavaScriptRedirectsToThePollsOwnPageWithTheStandings() throws Exception {
        VoteQuestion poll = polls.openPoll();

        MvcResult result = voted(mvc, vote(poll, yes(poll)))
                .andExpect(status().isSeeOther())
                .andReturn();
        MockHttpServletResponse voted = result.getResponse();

        assertThat(voted.getHeader("Location")).isEqualTo("/polls/" + poll.getId() + "/results?vote=counted");
        assertThat(voted.getHeader("Cache-Control")).isEqualTo("no-store, private");
        Document results = page(voted.getHeader("Location"), voterCookieFrom(result));
        assertThat(results.selectFirst("h1").text()).isEqualTo(poll.getQuestion());
        assertThat(results.selectFirst(".poll-thanks").text()).contains("your vote", "is counted");
        assertThat(results.selectFirst(".poll-choice").text()).isEqualTo("Your vote: " + VoteQuestion.YES);
        assertThat(standings(results))
                .containsExactly(
                        VoteQuestion.YES + " 100% (1 vote) 95% interval 20–100%",
                        VoteQuestion.NO + " 0% (0 votes) 95% interval 0–80%");
        assertThat(results.selectFirst(".standings-total").text()).isEqualTo("1 vote");
        assertThat(results.select(".standings-bar").attr("aria-hidden")).isEqualTo("true");
        assertThat(results.select("form.poll-form"))
                .as("no form once the reader has voted")
                .isEmpty();
        assertThat(results.selectFirst("a.back-to-review").attr("href")).startsWith("/reviews/review-");
        assertThat(results.selectFirst("a.to-verdict").attr("href"))
                .isEqualTo("/best-ever/" + poll.getGenre().getSlug());
    }

    @Test
    void aNewReaderIsGivenACookieBeforeTheVoteCountsSoARetriedVoteCountsOnce() throws Exception {
        VoteQuestion poll = polls.openPoll();

        MockHttpServletResponse first =
                mvc.perform(vote(poll, yes(poll))).andReturn().getResponse();

        assertThat(first.getStatus()).isEqualTo(307);
        assertThat(first.getHeader("Location")).isEqualTo("/polls/" + poll.getId() + "/votes?voter=new");
        assertThat(first.getHeader("Cache-Control")).isEqualTo("no-store, private");
        assertThat(first.getHeader("Set-Cookie"))
                .startsWith(VoterCookies.NAME + "=")
                .contains("HttpOnly", "SameSite=Lax", "Path=/polls/", "Max-Age=");
        assertThat(polls.voteRows(poll.getId())).as("nothing counted yet").isZero();
        Cookie reader =
                PollTesting.cookieSetBy(mvc.perform(vote(poll, yes(poll))).andReturn());

        // The browser sends the vote again with its new cookie; the answer is lost; the reader sends it again.
        voted(mvc, vote(poll, yes(poll)).param("voter", "new").cookie(reader)).andExpect(status().isSeeOther());
        MockHttpServletResponse retried = voted(
                        mvc, vote(poll, yes(poll)).param("voter", "new").cookie(reader))
                .andExpect(status().isSeeOther())
                .andReturn()
                .getResponse();

        assertThat(retried.getHeader("Location")).endsWith("/results?vote=again");
        assertThat(polls.countedVotes(poll.getId())).isEqualTo(1);
        assertThat(polls.voteRows(poll.getId())).isEqualTo(1);
    }

    @Test
    void aBrowserThatRefusesTheCookieStillVotesOnce() throws Exception {
        VoteQuestion poll = polls.openPoll();

        MockHttpServletResponse voted = voted(mvc, vote(poll, no(poll)).param("voter", "new"))
                .andExpect(status().isSeeOther())
                .andReturn()
                .getResponse();

        assertThat(voted.getHeader("Location")).endsWith("/results?vote=counted");
        assertThat(polls.countedVotes(poll.getId())).isEqualTo(1);
    }

    @Test
    void secondVoteFromTheSameReaderIsNotCountedAndSaysSo() throws Exception {
        VoteQuestion poll = polls.openPoll();
        Cookie reader = voterCookieFrom(voted(mvc, vote(poll, yes(poll))).andReturn());

        MockHttpServletResponse again = voted(mvc, vote(poll, no(poll)).cookie(reader))
                .andExpect(status().isSeeOther())
                .andReturn()
                .getResponse();

        assertThat(again.getHeader("Location")).isEqualTo("/polls/" + poll.getId() + "/results?vote=again");
        assertThat(again.getHeader("Set-Cookie"))
                .as("the reader keeps their cookie")
                .isNull();
        Document results = page(again.getHeader("Location"), reader);
        assertThat(results.selectFirst(".poll-thanks").text()).contains("You already voted", VoteQuestion.YES);
        assertThat(results.selectFirst(".poll-choice").text()).isEqualTo("Your vote: " + VoteQuestion.YES);
        assertThat(standings(results))
                .containsExactly(
                        VoteQuestion.YES + " 100% (1 vote) 95% interval 20–100%",
                        VoteQuestion.NO + " 0% (0 votes) 95% interval 0–80%");
        assertThat(polls.countedVotes(poll.getId())).isEqualTo(1);
    }

    @Test
    void aForgedVoterCookieCountsAsNoCookie() throws Exception {
        VoteQuestion poll = polls.openPoll();
        Cookie forged = new Cookie(VoterCookies.NAME, "someone-else.bm90LWEtc2lnbmF0dXJl");

        MockHttpServletResponse voted =
                mvc.perform(vote(poll, yes(poll)).cookie(forged)).andReturn().getResponse();

        assertThat(voted.getStatus()).isEqualTo(307);
        assertThat(voted.getHeader("Set-Cookie"))
                .as("a new, signed voter cookie")
                .startsWith(VoterCookies.NAME + "=")
                .doesNotContain("someone-else");
        assertThat(polls.voteRows(poll.getId())).isZero();
    }

    @Test
    void thePollsPageWithoutAVoteShowsTheStandingsAndTheForm() throws Exception {
        VoteQuestion poll = polls.openPoll();

        Document results = page("/polls/" + poll.getId() + "/results?vote=counted");

        assertThat(results.select(".poll-thanks"))
                .as("no thanks without a vote")
                .isEmpty();
        assertThat(results.select(".poll-choice")).isEmpty();
        assertThat(results.selectFirst(".standings-total").text()).isEqualTo("0 votes");
        Element form = results.selectFirst("form.poll-form");
        assertThat(form.attr("action")).isEqualTo("/polls/" + poll.getId() + "/votes");
        assertThat(form.select("input[name=choice]").eachAttr("value"))
                .containsExactly(String.valueOf(yes(poll)), String.valueOf(no(poll)));
    }

    @Test
    void anOpenPollWithAClosingTimeSaysWhenItCloses() throws Exception {
        VoteQuestion poll = polls.pollUnder(
                polls.openPollReview(),
                question -> question.setClosesAt(java.time.Instant.parse("2099-01-02T18:30:00Z")));

        Document results = page("/polls/" + poll.getId() + "/results");

        assertThat(results.selectFirst(".poll-notice").text())
                .isEqualTo("Voting closes on January 2, 2099 at 18:30 UTC.");
        assertThat(results.selectFirst(".poll-notice time").attr("datetime")).isEqualTo("2099-01-02T18:30:00Z");
        assertThat(results.select("form.poll-form")).hasSize(1);
    }

    @Test
    void aVoteFromAnotherSitesOriginIsRefused() throws Exception {
        VoteQuestion poll = polls.openPoll();

        String page = voted(mvc, voteFrom("https://evil.example", poll, yes(poll)))
                .andExpect(status().isForbidden())
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        voted(mvc, voteFrom("null", poll, yes(poll))).andExpect(status().isForbidden());
        voted(mvc, voteFrom("http://localhost.evil.example", poll, yes(poll))).andExpect(status().isForbidden());

        assertThat(Jsoup.parse(page).selectFirst(".problem-message").text()).contains("only from this site");
        assertThat(polls.countedVotes(poll.getId())).isZero();
    }

    @Test
    void withoutOriginTheRefererDecides() throws Exception {
        VoteQuestion poll = polls.openPoll();
        var withoutOrigin = post("/polls/{id}/votes", poll.getId()).param("choice", String.valueOf(yes(poll)));

        mvc.perform(withoutOrigin
                        .header("Referer", "https://evil.example/the-400-blows")
                        .with(fromNewAddress()))
                .andExpect(status().isForbidden());
        assertThat(polls.countedVotes(poll.getId())).isZero();

        voted(
                        mvc,
                        post("/polls/{id}/votes", poll.getId())
                                .param("choice", String.valueOf(yes(poll)))
                                .header("Referer", "http://localhost/reviews/some-review")
                                .with(fromNewAddress()))
                .andExpect(status().isSeeOther());
        assertThat(polls.countedVotes(poll.getId())).isEqualTo(1);
    }

    @Test
    void theConfiguredBaseUrlCountsAsThisSite() throws Exception {
        VoteQuestion poll = polls.openPoll();

        // bestever.base-url defaults to http://localhost:8080; the request itself goes to localhost:80.
        voted(mvc, voteFrom("http://localhost:8080", poll, yes(poll))).andExpect(status().isSeeOther());
        voted(mvc, voteFrom("https://localhost:8080", poll, yes(poll))).andExpect(status().isForbidden());
    }

    @Test
    void anUnknownPollIsNotFound() throws Exception {
        voted(
                        mvc,
                        post("/polls/987654321/votes")
                                .param("choice", "1")
                                .header("Origin", "http://localhost")
                                .with(fromNewAddress()))
                .andExpect(status().isNotFound());
        String page = mvc.perform(get("/polls/987654321/results"))
                .andExpect(status().isNotFound())
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(Jsoup.parse(page).selectFirst("h1").text()).isEqualTo("There is no such poll");
        mvc.perform(get("/polls/not-a-number/results")).andExpect(status().isNotFound());
        mvc.perform(get("/polls/987654321/results").header("Accept", "application/json"))
                .andExpect(status().isNotFound())
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath("$.error")
                        .value("There is no poll at this address."));
    }

    @Test
    void thePollOfAReviewThatIsNotPublicIsNotFound() throws Exception {
        VoteQuestion draftsPoll = polls.pollUnder(polls.draftReview(), question -> {});
        VoteQuestion scheduledPoll =
                polls.pollUnder(polls.scheduledReview(clock.instant().plus(Duration.ofDays(1))), question -> {});

        for (VoteQuestion poll : List.of(draftsPoll, scheduledPoll)) {
            mvc.perform(get("/polls/{id}/results", poll.getId())).andExpect(status().isNotFound());
            voted(mvc, vote(poll, yes(poll))).andExpect(status().isNotFound());
            assertThat(polls.countedVotes(poll.getId())).isZero();
        }
    }

    @Test
    void aChoiceThatIsNotOneOfThePollsAnswersIsABadRequestAndCountsNothing() throws Exception {
        VoteQuestion poll = polls.openPoll();
        VoteQuestion other = polls.openPoll();

        String notANumber = voted(mvc, vote(poll, "yes-please"))
                .andExpect(status().isBadRequest())
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        String otherPolls = voted(mvc, vote(poll, yes(other)))
                .andExpect(status().isBadRequest())
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        voted(
                        mvc,
                        post("/polls/{id}/votes", poll.getId())
                                .header("Origin", "http://localhost")
                                .with(fromNewAddress()))
                .andExpect(status().isBadRequest());
        voted(mvc, vote(poll, "99999999999999999999999")).andExpect(status().isBadRequest());

        assertThat(Jsoup.parse(notANumber).selectFirst(".problem-message").text())
                .isEqualTo("That choice is not one of this poll’s answers; nothing was counted.");
        assertThat(Jsoup.parse(otherPolls).selectFirst(".problem-message").text())
                .contains("not one of this poll’s answers");
        assertThat(polls.countedVotes(poll.getId())).isZero();
        assertThat(polls.countedVotes(other.getId())).isZero();
        assertThat(polls.voteRows(poll.getId())).isZero();
    }

    @Test
    void aVoteTheDatabaseRefusesIsA503PageAndCountsNothing() throws Exception {
        VoteQuestion poll = polls.openPoll();
        voted(mvc, vote(poll, yes(poll))).andExpect(status().isSeeOther()); // the site now knows the poll
        // An answer removed behind the site's back, while readers still see it on the page.
        polls.deleteOption(no(poll));

        MockHttpServletResponse refused = voted(mvc, vote(poll, no(poll)))
                .andExpect(status().isServiceUnavailable())
                .andReturn()
                .getResponse();
        assertThat(refused.getHeader("Retry-After")).isEqualTo("1");
        assertThat(refused.getHeader("Cache-Control")).isEqualTo("no-store, private");
        Document page = Html.page(refused);
        assertThat(page.selectFirst(".problem-message").text())
                .isEqualTo("Your vote could not be counted just now. Nothing was counted; please try again.");

        String json = voted(mvc, vote(poll, no(poll)).header("Accept", "application/json"))
                .andExpect(status().isServiceUnavailable())
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(json).contains("\"status\":503", "Nothing was counted");
        assertThat(polls.countedVotes(poll.getId())).isEqualTo(1);
        assertThat(polls.voteRows(poll.getId())).isEqualTo(1);
    }

    @Test
    void aPollThatHasNotOpenedSaysWhenItWillAndTakesNoVote() throws Exception {
        VoteQuestion poll = polls.pollUnder(
                polls.openPollReview(),
                question -> question.setOpensAt(clock.instant().plus(Duration.ofDays(2))));

        Document results = page("/polls/" + poll.getId() + "/results");
        String refused = voted(mvc, vote(poll, yes(poll)))
                .andExpect(status().isConflict())
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);

        assertThat(results.select("form.poll-form")).isEmpty();
        assertThat(results.selectFirst(".poll-notice").text()).startsWith("Voting opens on ");
        assertThat(results.selectFirst(".poll-notice time").attr("datetime")).isNotBlank();
        assertThat(Jsoup.parse(refused).selectFirst(".problem-message").text()).startsWith("This poll is not open yet");
        assertThat(polls.countedVotes(poll.getId())).isZero();
    }

    @Test
    void aClosedPollShowsFinalStandingsAndNoForm() throws Exception {
        VoteQuestion poll = polls.pollUnder(
                polls.openPollReview(),
                question -> question.setClosesAt(question.getOpensAt().plus(Duration.ofHours(1))));
        voted(mvc, vote(poll, yes(poll))).andExpect(status().isSeeOther());
        clock.set(poll.getOpensAt().plus(Duration.ofHours(2)));

        Document results = page("/polls/" + poll.getId() + "/results");
        voted(mvc, vote(poll, no(poll))).andExpect(status().isConflict());

        assertThat(results.select("form.poll-form")).isEmpty();
        assertThat(results.selectFirst(".poll-notice").text()).startsWith("The poll closed on ");
        assertThat(results.selectFirst("#standings-title").text()).isEqualTo("Final standings");
        assertThat(standings(results))
                .containsExactly(
                        VoteQuestion.YES + " 100% (1 vote) 95% interval 20–100%",
                        VoteQuestion.NO + " 0% (0 votes) 95% interval 0–80%");
        assertThat(polls.countedVotes(poll.getId())).isEqualTo(1);
    }
}
