package com.bestever.poll;

import static com.bestever.poll.PollTesting.no;
import static com.bestever.poll.PollTesting.vote;
import static com.bestever.poll.PollTesting.voted;
import static com.bestever.poll.PollTesting.yes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.bestever.support.Html;
import com.bestever.support.SiteTest;
import jakarta.servlet.http.Cookie;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/** A reader may change their vote while the poll is open: the counts move together, and the reader still counts once. */
@SiteTest
class VoteChangeTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    PollTesting polls;

    @Autowired
    JdbcClient jdbc;

    String change(VoteQuestion poll, long choice, Cookie reader) throws Exception {
        var answer = voted(mvc, vote(poll, choice).param("change", "1").cookie(reader))
                .andExpect(status().isSeeOther())
                .andReturn()
                .getResponse();
        return answer.getHeader("Location");
    }

    long rowsFor(long optionId) {
        return jdbc.sql("select count(*) from vote where option_id = ?")
                .param(optionId)
                .query(Long.class)
                .single();
    }

    @Test
    void aReaderChangesTheirVoteOnThePollsPageAndTheCountsMove() throws Exception {
        VoteQuestion poll = polls.openPoll();
        Cookie reader = polls.newVoterCookie();
        voted(mvc, vote(poll, yes(poll)).cookie(reader)).andExpect(status().isSeeOther());
        Document page =
                Html.page(mvc.perform(get("/polls/{id}/results", poll.getId()).cookie(reader)));
        assertThat(page.selectFirst("form.poll-change input[name=change]").val())
                .isEqualTo("1");
        assertThat(page.selectFirst("form.poll-change input[checked]").val()).isEqualTo(String.valueOf(yes(poll)));

        String moved = change(poll, no(poll), reader);

        assertThat(moved).endsWith("/results?vote=changed");
        Document after = Html.page(mvc.perform(get(moved).cookie(reader)));
        assertThat(after.selectFirst(".poll-thanks").text())
                .isEqualTo("Your vote is now “" + VoteQuestion.NO + "”; it still counts once.");
        VoteQuestion counted = polls.reload(poll);
        assertThat(counted.getOptions().get(0).getVotes()).isZero();
        assertThat(counted.getOptions().get(1).getVotes()).isEqualTo(1);
        assertThat(polls.voteRows(poll.getId())).isEqualTo(1);

        assertThat(change(poll, no(poll), reader)).endsWith("/results?vote=unchanged");
        assertThat(change(poll, yes(poll), polls.newVoterCookie()))
                .as("a reader without a vote has nothing to change, and counts nothing")
                .endsWith("/results?vote=unchanged");
        assertThat(polls.countedVotes(poll.getId())).isEqualTo(1);
    }

    @Test
    void readersChangingTheirVotesFromThirtyTwoThreadsWhileOthersVoteKeepTheTotalsExact() throws Exception {
        VoteQuestion poll = polls.openPoll();
        int readers = 64;
        List<Cookie> cookies = new ArrayList<>();
        for (int i = 0; i < readers; i++) {
            Cookie reader = polls.newVoterCookie();
            cookies.add(reader);
            voted(mvc, vote(poll, yes(poll)).cookie(reader)).andExpect(status().isSeeOther());
        }
        ExecutorService threads = Executors.newFixedThreadPool(32);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        try {
            for (int t = 0; t < 32; t++) {
                int thread = t;
                done.add(threads.submit(() -> {
                    start.await();
                    // Each thread changes its own two readers' votes five times (yes, no, yes, no, yes → no for
                    // even threads; the odd ones stop on yes), and one new reader votes.
                    for (int round = 0; round < (thread % 2 == 0 ? 5 : 4); round++) {
                        long choice = round % 2 == 0 ? no(poll) : yes(poll);
                        change(poll, choice, cookies.get(2 * thread));
                        change(poll, choice, cookies.get(2 * thread + 1));
                    }
                    voted(mvc, vote(poll, no(poll)).cookie(polls.newVoterCookie()))
                            .andExpect(status().isSeeOther());
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> future : done) {
                future.get();
            }
        } finally {
            threads.shutdownNow();
        }

        // Even threads' 32 readers end on "no", odd threads' 32 on "yes"; plus 32 new "no" votes.
        VoteQuestion counted = polls.reload(poll);
        assertThat(counted.getOptions().get(0).getVotes()).isEqualTo(32);
        assertThat(counted.getOptions().get(1).getVotes()).isEqualTo(64);
        assertThat(rowsFor(yes(poll))).isEqualTo(32);
        assertThat(rowsFor(no(poll))).isEqualTo(64);
        assertThat(polls.voteRows(poll.getId())).isEqualTo(96);
    }
}
