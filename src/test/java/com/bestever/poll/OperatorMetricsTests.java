package com.bestever.poll;

import static com.bestever.poll.PollTesting.vote;
import static com.bestever.poll.PollTesting.voted;
import static com.bestever.poll.PollTesting.yes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.bestever.support.SiteTest;
import com.bestever.support.TestData;
import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/** After a short load, /actuator/prometheus shows every metric the operators were promised. */
@SiteTest
class OperatorMetricsTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    PollTesting polls;

    @Test
    void prometheusShowsVotesSignInsAndThePageCacheAfterAShortLoad() throws Exception {
        VoteQuestion poll = polls.openPoll();
        Cookie reader = polls.newVoterCookie();
        voted(mvc, vote(poll, yes(poll)).cookie(reader)).andExpect(status().isSeeOther());
        voted(mvc, vote(poll, yes(poll)).cookie(reader)).andExpect(status().isSeeOther()); // a repeat
        voted(mvc, vote(poll, "not-an-answer").cookie(reader)).andExpect(status().isBadRequest());
        mvc.perform(post("/login")
                .param("username", TestData.unique("nobody"))
                .param("password", "wrong")
                .with(csrf())
                .with(PollTesting.fromNewAddress()));
        mvc.perform(get("/reviews/the-400-blows"));
        mvc.perform(get("/reviews/the-400-blows"));

        String metrics = mvc.perform(get("/actuator/prometheus").header("Authorization", "Bearer test-metrics-token"))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();

        assertThat(metrics)
                .contains("bestever_votes_counted_total")
                .contains("bestever_votes_refused_total{reason=\"repeat\"}")
                .contains("bestever_votes_refused_total{reason=\"invalid\"}")
                .contains("bestever_votes_batch_size_count")
                .contains("bestever_votes_batch_size_bucket")
                .contains("bestever_votes_queue")
                .contains("bestever_votes_writer_restarts_total")
                .contains("bestever_signin_failures_total")
                .contains("bestever_signin_refused_total")
                .contains("cache_gets_total{cache=\"pages\",result=\"hit\"}")
                .contains("cache_gets_total{cache=\"pages\",result=\"miss\"}")
                .contains("cache_evictions_total{cache=\"pages\"}");
        assertThat(counter(metrics, "bestever_votes_counted_total")).isPositive();
        assertThat(counter(metrics, "bestever_signin_failures_total")).isPositive();
        assertThat(counter(metrics, "cache_gets_total{cache=\"pages\",result=\"hit\"}"))
                .isPositive();
    }

    /** The value of one sample line ("name{labels} 3.0"). */
    private static double counter(String metrics, String sample) {
        return metrics.lines()
                .filter(line -> line.startsWith(sample + " "))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no sample " + sample));
    }
}
