package com.bestever.poll;

import static com.bestever.poll.PollTesting.vote;
import static com.bestever.poll.PollTesting.voted;
import static com.bestever.poll.PollTesting.yes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.bestever.article.Article;
import com.bestever.support.Html;
import com.bestever.support.MutableClock;
import com.bestever.support.SiteTest;
import com.bestever.support.TestData;
import java.time.Duration;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/** The poll on the review page (the same for every reader) through its life, and the readers' verdict. */
@SiteTest
class PollPagesTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    PollTesting polls;

    @Autowired
    TestData data;

    @Autowired
    MutableClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    Document page(String url) throws Exception {
        var response =
                mvc.perform(get(url)).andExpect(status().isOk()).andReturn().getResponse();
        assertThat(response.getHeader("Set-Cookie"))
                .as("public pages set no cookie")
                .isNull();
        return Html.page(response);
    }

    @Test
    void anOpenPollOnTheReviewIsTheFormWithTheScriptAndTheLinks() throws Exception {
        Article review = polls.openPollReview();
        VoteQuestion poll = polls.pollUnder(review, question -> {});

        Element section = page("/reviews/" + review.getSlug()).selectFirst("section.poll");

        assertThat(section.selectFirst("form.poll-form").attr("action")).isEqualTo("/polls/" + poll.getId() + "/votes");
        assertThat(section.select("form input[type=hidden]"))
                .as("no per-reader token")
                .isEmpty();
        assertThat(section.selectFirst("script").attr("src")).matches("/js/poll(-[0-9a-f]+)?\\.js");
        assertThat(section.select(".poll-links a").eachAttr("href"))
                .containsExactly(
                        "/polls/" + poll.getId() + "/results",
                        "/best-ever/" + poll.getGenre().getSlug());
        assertThat(section.select(".standings-list"))
                .as("no live standings on the cached page")
                .isEmpty();
    }

    @Test
    void theReviewPageIsTheSameBeforeAndAfterAReaderVotes() throws Exception {
        Article review = polls.openPollReview();
        VoteQuestion poll = polls.pollUnder(review, question -> {});
        String before = mvc.perform(get("/reviews/" + review.getSlug()))
                .andReturn()
                .getResponse()
                .getContentAsString();

        var voted = voted(mvc, vote(poll, yes(poll))).andReturn();
        String after = mvc.perform(get("/reviews/" + review.getSlug()).cookie(VotingTests.voterCookieFrom(voted)))
                .andReturn()
                .getResponse()
                .getContentAsString();

        assertThat(after).isEqualTo(before);
    }

    @Test
    void aPollThatHasNotOpenedSaysWhenOnTheReview() throws Exception {
        Article review = polls.openPollReview();
        polls.pollUnder(review, question -> question.setOpensAt(clock.instant().plus(Duration.ofDays(3))));

        Element section = page("/reviews/" + review.getSlug()).selectFirst("section.poll");

        assertThat(section.select("form")).isEmpty();
        assertThat(section.selectFirst(".poll-notice").text())
                .startsWith("Voting opens on ")
                .endsWith("UTC.");
    }

    @Test
    void aClosedPollShowsItsFinalStandingsOnTheReviewAndNoForm() throws Exception {
        Article review = polls.openPollReview();
        VoteQuestion poll = polls.pollUnder(
                review, question -> question.setClosesAt(clock.instant().plus(Duration.ofHours(1))));
        voted(mvc, vote(poll, yes(poll))).andExpect(status().isSeeOther());
        voted(mvc, vote(poll, yes(poll))).andExpect(status().isSeeOther());
        voted(mvc, vote(poll, PollTesting.no(poll))).andExpect(status().isSeeOther());
        clock.advance(Duration.ofHours(2));

        Element section = page("/reviews/" + review.getSlug()).selectFirst("section.poll");

        assertThat(section.select("form")).isEmpty();
        assertThat(section.select("script")).isEmpty();
        assertThat(section.selectFirst(".poll-notice").text()).startsWith("The poll closed on ");
        assertThat(section.select(".standings-list li").eachText())
                .containsExactly(
                        VoteQuestion.YES + " 67% (2 votes) 95% interval 20–94%",
                        VoteQuestion.NO + " 33% (1 vote) 95% interval 6–80%");
        assertThat(section.selectFirst(".standings-total").text()).isEqualTo("3 votes");
    }

    @Test
    void theGenrePageLinksToTheReadersVerdict() throws Exception {
        VoteQuestion poll = polls.openPoll();

        Document genre = page("/genres/" + poll.getGenre().getSlug());

        assertThat(genre.select("main a").eachAttr("href"))
                .contains("/best-ever/" + poll.getGenre().getSlug());
    }
}
