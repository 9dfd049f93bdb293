package com.bestever.poll;

import static com.bestever.poll.PollTesting.from;
import static com.bestever.poll.PollTesting.no;
import static com.bestever.poll.PollTesting.vote;
import static com.bestever.poll.PollTesting.voted;
import static com.bestever.poll.PollTesting.yes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.bestever.support.MutableClock;
import com.bestever.support.SiteTest;
import jakarta.servlet.http.Cookie;
import java.time.Duration;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/** One address (one IPv6 /64) casts at most so many votes in a poll, however many cookies it drops. */
@SiteTest
class VoteCapTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    PollTesting polls;

    @Autowired
    PollSettings settings;

    @Autowired
    MutableClock clock;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Polls read;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void anAddressThatDropsItsCookieVotesAtMostTheCapInOnePollAndRepeatsDoNotUseItUp() throws Exception {
        VoteQuestion poll = polls.openPoll();
        String address = "203.0.113.77";
        int cap = settings.votesPerClientPerPoll();
        clock.set(clock.instant());
        Cookie first = null;
        for (int i = 1; i < cap; i++) {
            if (i % settings.votesPerMinute() == 0) {
                clock.advance(Duration.ofMinutes(1)); // the throttle refills; the cap does not
            }
            Cookie reader = polls.newVoterCookie();
            first = first == null ? reader : first;
            voted(mvc, vote(poll, yes(poll)).cookie(reader).with(from(address))).andExpect(status().isSeeOther());
        }
        clock.advance(Duration.ofMinutes(1));
        // A repeat is not counted, so it leaves the address's allowance as it was.
        for (int i = 0; i < 3; i++) {
            voted(mvc, vote(poll, no(poll)).cookie(first).with(from(address))).andExpect(status().isSeeOther());
        }
        voted(mvc, vote(poll, no(poll)).cookie(polls.newVoterCookie()).with(from(address)))
                .andExpect(status().isSeeOther());

        String refused = voted(
                        mvc, vote(poll, no(poll)).cookie(polls.newVoterCookie()).with(from(address)))
                .andExpect(status().isForbidden())
                .andReturn()
                .getResponse()
                .getContentAsString();

        assertThat(Jsoup.parse(refused).selectFirst(".problem-message").text())
                .isEqualTo("This poll has taken " + cap
                        + " votes from your address, as many as it takes from one; nothing was counted.");
        assertThat(polls.countedVotes(poll.getId())).isEqualTo(cap);
        VoteQuestion other = polls.openPoll();
        // The cap is per poll, and per address.
        voted(mvc, vote(other, yes(other)).cookie(polls.newVoterCookie()).with(from(address)))
                .andExpect(status().isSeeOther());
        voted(mvc, vote(poll, no(poll)).cookie(polls.newVoterCookie()).with(from("203.0.113.78")))
                .andExpect(status().isSeeOther());
    }

    @Test
    void theCountOfAnAddressIsReadFromTheVotesAfterARestart() throws Exception {
        VoteQuestion question = polls.openPoll();
        String address = "203.0.113.90";
        for (int i = 0; i < 2; i++) {
            voted(
                            mvc,
                            vote(question, yes(question))
                                    .cookie(polls.newVoterCookie())
                                    .with(from(address)))
                    .andExpect(status().isSeeOther());
        }
        String hash = jdbc.sql("select distinct client_hash from vote where question_id = ?")
                .param(question.getId())
                .query(String.class)
                .single();
        Poll poll = read.poll(question.getId()).orElseThrow();

        VoteCap afterRestart =
                new VoteCap(jdbc, new PollSettings("", 60, 10, Duration.ofDays(1), "", 3, Duration.ofSeconds(3)));

        assertThat(afterRestart.take(poll, hash)).isTrue();
        assertThat(afterRestart.take(poll, hash)).isFalse();
        afterRestart.giveBack(poll, hash);
        assertThat(afterRestart.take(poll, hash)).isTrue();
    }
}
