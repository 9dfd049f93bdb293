package com.bestever.poll;

import static com.bestever.poll.PollTesting.from;
import static com.bestever.poll.PollTesting.voted;
import static com.bestever.poll.PollTesting.yes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.bestever.support.MutableClock;
import com.bestever.support.SiteTest;
import com.bestever.support.TestData;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** Votes from one client address are throttled; only a salted hash of the address is kept. */
@SiteTest
class ThrottleTests {

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
    VoteThrottle throttle;

    @Autowired
    VoterKey voterKey;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    /** A new reader (no cookie) voting from this address. */
    static MockHttpServletRequestBuilder newReaderFrom(String address, VoteQuestion poll) {
        return post("/polls/{id}/votes", poll.getId())
                .param("choice", String.valueOf(yes(poll)))
                .header("Origin", "http://localhost")
                .with(from(address));
    }

    @Test
    void votesBeyondTheRateFromOneAddressAre429WithRetryAfter() throws Exception {
        VoteQuestion poll = polls.openPoll();
        String address = "192.0.2.77";
        int allowed = settings.votesPerMinute();
        clock.set(clock.instant()); // time stands still: the allowance does not refill

        for (int i = 0; i < allowed; i++) {
            voted(mvc, newReaderFrom(address, poll)).andExpect(status().isSeeOther());
        }
        var refused = voted(mvc, newReaderFrom(address, poll).header("Accept", "application/json"))
                .andExpect(status().isTooManyRequests())
                .andReturn()
                .getResponse();
        var refusedPage = voted(mvc, newReaderFrom(address, poll))
                .andExpect(status().isTooManyRequests())
                .andReturn()
                .getResponse();

        assertThat(Integer.parseInt(refused.getHeader("Retry-After"))).isBetween(1, 60);
        assertThat(refusedPage.getHeader("Retry-After")).isNotBlank();
        assertThat(refusedPage.getContentAsString()).contains("Too many votes came from your address");
        assertThat(polls.countedVotes(poll.getId())).isEqualTo(allowed);
        // Another address is not held back, and a minute later this one votes again.
        voted(mvc, newReaderFrom("192.0.2.78", poll)).andExpect(status().isSeeOther());
        clock.advance(Duration.ofMinutes(1));
        voted(mvc, newReaderFrom(address, poll)).andExpect(status().isSeeOther());
        assertThat(polls.countedVotes(poll.getId())).isEqualTo(allowed + 2);
    }

    @Test
    void theVoteKeepsOnlyASaltedHashOfTheAddress() throws Exception {
        VoteQuestion poll = polls.openPoll();

        voted(mvc, newReaderFrom("198.51.100.23", poll)).andExpect(status().isSeeOther());

        String kept = jdbc.sql("select client_hash from vote where question_id = ?")
                .param(poll.getId())
                .query(String.class)
                .single();
        assertThat(kept).matches("[0-9a-f]{32}").doesNotContain("198.51.100.23");
        String row = jdbc.sql("select v::text from vote v where question_id = ?")
                .param(poll.getId())
                .query(String.class)
                .single();
        assertThat(row).doesNotContain("198.51.100.23");
    }

    @Test
    void forwardedForFromAnUntrustedPeerIsIgnored() throws Exception {
        VoteQuestion poll = polls.openPoll();

        voted(mvc, newReaderFrom("198.51.100.40", poll).header("X-Forwarded-For", "203.0.113.9"))
                .andExpect(status().isSeeOther());

        assertThat(keptHash(poll)).isEqualTo(hashOf("198.51.100.40")).isNotEqualTo(hashOf("203.0.113.9"));
    }

    @Test
    void forwardedForFromATrustedProxyNamesTheReader() throws Exception {
        VoteQuestion poll = polls.openPoll();

        // 198.18.0.1 is the tests' trusted proxy; what the reader wrote further left is ignored.
        voted(mvc, newReaderFrom("198.18.0.1", poll).header("X-Forwarded-For", "192.0.2.1, 203.0.113.10"))
                .andExpect(status().isSeeOther());

        assertThat(keptHash(poll)).isEqualTo(hashOf("203.0.113.10"));
    }

    @Test
    void twoInstancesCountOneAllowanceTogether() {
        // Another instance of the site: its own throttle object on the same database.
        VoteThrottle another = new VoteThrottle(settings, voterKey, clock, jdbc);
        String hash = hashOf(TestData.unique("two-instances"));
        clock.set(clock.instant());
        int allowed = 0;
        for (int i = 0; i < settings.votesPerMinute() + 10; i++) {
            if ((i % 2 == 0 ? throttle : another).take(hash).isZero()) {
                allowed++;
            }
        }
        assertThat(allowed).isEqualTo(settings.votesPerMinute());
        assertThat(another.take(hash)).isPositive().isLessThanOrEqualTo(Duration.ofMinutes(1));
        // Each instance takes its votes from the shared count in leases: never more than the limit in all.
        assertThat(jdbc.sql("select sum(votes) from vote_throttle where client_hash = ?")
                        .param(hash)
                        .query(Long.class)
                        .single())
                .isEqualTo(settings.votesPerMinute());
    }

    @Test
    void oldMinutesAreDeletedSoAFloodOfAddressesIsBounded() {
        clock.set(clock.instant());
        for (int i = 0; i < 50; i++) {
            throttle.take(hashOf("flood-" + i));
        }
        clock.advance(Duration.ofMinutes(3));
        throttle.take(hashOf("after-the-flood"));

        long minute = Math.floorDiv(clock.millis(), 60_000L);
        assertThat(jdbc.sql("select count(*) from vote_throttle where minute < ?")
                        .param(minute - 1)
                        .query(Long.class)
                        .single())
                .isZero();
    }

    private String keptHash(VoteQuestion poll) {
        return jdbc.sql("select client_hash from vote where question_id = ?")
                .param(poll.getId())
                .query(String.class)
                .single();
    }

    private String hashOf(String address) {
        var request = new org.springframework.mock.web.MockHttpServletRequest();
        request.setRemoteAddr(address);
        return throttle.clientHash(request);
    }
}
