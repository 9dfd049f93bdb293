package com.bestever.poll;

import static com.bestever.poll.PollTesting.no;
import static com.bestever.poll.PollTesting.vote;
import static com.bestever.poll.PollTesting.voted;
import static com.bestever.poll.PollTesting.yes;
import static org.assertj.core.api.Assertions.assertThat;

import com.bestever.support.SiteTest;
import jakarta.servlet.http.Cookie;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Exact counts under concurrency, on real PostgreSQL, through the whole web stack: every
 * acknowledged vote is counted once, and nothing else is.
 */
@SiteTest
class VoteCountingTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    PollTesting polls;

    /** Fires the votes at once from 32 threads; answers each vote's Location (null if not a 303). */
    List<String> fireAtOnce(List<Callable<String>> votes) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(32);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<String>> answers = new ArrayList<>();
            for (Callable<String> vote : votes) {
                answers.add(threads.submit(() -> {
                    start.await();
                    return vote.call();
                }));
            }
            start.countDown();
            List<String> locations = new ArrayList<>();
            for (Future<String> answer : answers) {
                locations.add(answer.get());
            }
            return locations;
        } finally {
            threads.shutdownNow();
        }
    }

    Callable<String> voteOf(VoteQuestion poll, long choice, Cookie cookie) {
        return () -> {
            var request = vote(poll, choice);
            if (cookie != null) {
                request.cookie(cookie);
            }
            var response = voted(mvc, request).andReturn().getResponse();
            return response.getStatus() == 303 ? response.getHeader("Location") : "status " + response.getStatus();
        };
    }

    @Test
    void fiveHundredReadersVotingAtOnceFromThirtyTwoThreadsAreFiveHundredVotes() throws Exception {
        VoteQuestion poll = polls.openPoll();
        List<Callable<String>> votes = new ArrayList<>();
        for (int reader = 0; reader < 500; reader++) {
            votes.add(voteOf(poll, reader % 3 == 0 ? no(poll) : yes(poll), polls.newVoterCookie()));
        }

        List<String> answers = fireAtOnce(votes);

        assertThat(answers)
                .as("every vote acknowledged as counted")
                .allMatch(location -> location.endsWith("?vote=counted"));
        assertThat(polls.countedVotes(poll.getId())).isEqualTo(500);
        assertThat(polls.voteRows(poll.getId())).isEqualTo(500);
        VoteQuestion counted = polls.reload(poll);
        assertThat(counted.getOptions().get(0).getVotes()).isEqualTo(333);
        assertThat(counted.getOptions().get(1).getVotes()).isEqualTo(167);
    }

    @Test
    void oneReaderFiringFiftyVotesAtOnceIsOneVote() throws Exception {
        VoteQuestion poll = polls.openPoll();
        Cookie reader = polls.newVoterCookie();
        List<Callable<String>> votes = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            votes.add(voteOf(poll, i % 2 == 0 ? yes(poll) : no(poll), reader));
        }

        List<String> answers = fireAtOnce(votes);

        assertThat(answers)
                .filteredOn(location -> location.endsWith("?vote=counted"))
                .hasSize(1);
        assertThat(answers)
                .filteredOn(location -> location.endsWith("?vote=again"))
                .hasSize(49);
        assertThat(polls.countedVotes(poll.getId())).isEqualTo(1);
        assertThat(polls.voteRows(poll.getId())).isEqualTo(1);
    }

    @Test
    void newReadersWithoutACookieFiringTogetherAreEachCountedOnce() throws Exception {
        VoteQuestion poll = polls.openPoll();
        List<Callable<String>> votes = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            votes.add(voteOf(poll, yes(poll), null));
        }

        List<String> answers = fireAtOnce(votes);

        assertThat(answers).allMatch(location -> location.endsWith("?vote=counted"));
        assertThat(polls.countedVotes(poll.getId())).isEqualTo(100);
    }
}
