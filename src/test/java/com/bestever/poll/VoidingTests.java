package com.bestever.poll;

import static com.bestever.poll.PollTesting.from;
import static com.bestever.poll.PollTesting.no;
import static com.bestever.poll.PollTesting.vote;
import static com.bestever.poll.PollTesting.voted;
import static com.bestever.poll.PollTesting.yes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
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
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/** Vote-abuse review: an editor voids a burst; the counts move, the rows stay, readers see "N votes excluded". */
@SiteTest
class VoidingTests {

    private static final AtomicInteger burstAddresses = new AtomicInteger();

    @Autowired
    MockMvc mvc;

    @Autowired
    PollTesting polls;

    @Autowired
    TestData data;

    @Autowired
    TestAccounts accounts;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MutableClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    /** An address of its own for one test's burst. */
    static String burstAddress() {
        return "10.250." + (burstAddresses.incrementAndGet() & 255) + ".7";
    }

    /** {@code n} readers (each with a new cookie) voting from one address. */
    List<Cookie> burst(VoteQuestion poll, long option, int n, String address) throws Exception {
        List<Cookie> readers = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Cookie reader = polls.newVoterCookie();
            voted(mvc, vote(poll, option).with(from(address)).cookie(reader)).andExpect(status().isSeeOther());
            readers.add(reader);
        }
        return readers;
    }

    String hashOf(VoteQuestion poll, String address) {
        // The burst's address cast the most votes in the poll: its hash is the one with the most rows.
        return jdbc.sql("""
                        select client_hash from vote where question_id = ?
                         group by client_hash order by count(*) desc limit 1
                        """).param(poll.getId()).query(String.class).single();
    }

    Document page(String url) throws Exception {
        return Html.page(
                mvc.perform(get(url)).andExpect(status().isOk()).andReturn().getResponse());
    }

    Document adminPage(String url, RequestPostProcessor who) throws Exception {
        return Html.page(mvc.perform(get(url).with(who))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse());
    }

    @Test
    void anEditorVoidsABurstTheCountsMoveTheRowsStayAndReadersSeeHowManyWereExcluded() throws Exception {
        Article review = data.publishedReview();
        VoteQuestion poll = polls.pollUnder(review, question -> {});
        for (int i = 0; i < 12; i++) {
            voted(mvc, vote(poll, i < 8 ? yes(poll) : no(poll))).andExpect(status().isSeeOther());
        }
        String address = burstAddress();
        List<Cookie> bursty = burst(poll, no(poll), 3, address);
        assertThat(polls.countedVotes(poll.getId())).isEqualTo(15);
        String hash = hashOf(poll, address);
        var editor = accounts.signedIn("voiding-editor", Role.EDITOR);

        Document bursts = adminPage("/admin/polls/" + poll.getId() + "/bursts", editor);
        assertThat(bursts.selectFirst(".bursts-clients tbody tr code").text()).isEqualTo(hash);
        assertThat(bursts.selectFirst(".bursts-clients tbody tr .burst-votes").text())
                .isEqualTo("3");
        assertThat(bursts.selectFirst(".bursts-minutes tbody tr .burst-votes").text())
                .isEqualTo("15");
        assertThat(bursts.selectFirst(".bursts-summary").text()).isEqualTo("Round 1: 15 counted votes, 0 voided.");
        assertThat(adminPage("/admin/polls", editor)
                        .selectFirst("#poll-" + poll.getId() + " a.poll-bursts")
                        .attr("href"))
                .isEqualTo("/admin/polls/" + poll.getId() + "/bursts");

        mvc.perform(post("/admin/polls/{id}/bursts/void", poll.getId())
                        .param("clientHash", hash)
                        .param("reason", "Three cookies from one address in a minute")
                        .with(csrf())
                        .with(editor))
                .andExpect(status().is3xxRedirection())
                .andExpect(flash().attribute("notice", "3 votes voided; readers now see them as excluded."));

        assertThat(polls.countedVotes(poll.getId())).isEqualTo(12);
        assertThat(polls.reload(poll).getOptions().get(1).getVotes()).isEqualTo(4);
        assertThat(polls.voteRows(poll.getId())).as("voided rows are kept").isEqualTo(15);
        assertThat(jdbc.sql("""
                        select count(*) from vote v join vote_voiding d on d.id = v.voiding_id
                         where v.question_id = ? and d.reason = 'Three cookies from one address in a minute'
                           and d.voided_by_name = 'Test Editor voiding-editor' and d.voided_at is not null
                           and d.votes = 3 and d.client_hash = v.client_hash
                        """).param(poll.getId()).query(Long.class).single()).isEqualTo(3);
        Document after = adminPage("/admin/polls/" + poll.getId() + "/bursts", editor);
        assertThat(after.selectFirst(".bursts-voided .voided-by").text()).isEqualTo("Test Editor voiding-editor");
        assertThat(after.selectFirst(".bursts-summary").text()).isEqualTo("Round 1: 12 counted votes, 3 voided.");

        String note = "3 votes excluded by the editors.";
        assertThat(page("/reviews/" + review.getSlug())
                        .selectFirst("#poll-" + poll.getId() + " .poll-excluded")
                        .text())
                .isEqualTo(note);
        assertThat(page("/polls/" + poll.getId() + "/results")
                        .selectFirst(".poll-excluded")
                        .text())
                .isEqualTo(note);
        assertThat(page("/best-ever/" + review.getGenre().getSlug())
                        .selectFirst(".verdict-excluded")
                        .text())
                .isEqualTo(note);
        mvc.perform(get("/polls/{id}/results", poll.getId()).header("Accept", "application/json"))
                .andExpect(jsonPath("$.excluded").value(3))
                .andExpect(jsonPath("$.final").value(false))
                .andExpect(jsonPath("$.total").value(12))
                .andExpect(jsonPath("$.options[1].votes").value(4))
                .andExpect(jsonPath("$.options[0].lower").isNumber())
                .andExpect(jsonPath("$.options[0].upper").isNumber());

        // The voided readers' cookies cannot bring their votes back, by changing them or voting again.
        voted(mvc, vote(poll, yes(poll)).param("change", "1").cookie(bursty.get(0)))
                .andExpect(status().isSeeOther());
        voted(mvc, vote(poll, yes(poll)).cookie(bursty.get(1))).andExpect(status().isSeeOther());
        assertThat(polls.countedVotes(poll.getId())).isEqualTo(12);
        assertThat(polls.reload(poll).getOptions().get(0).getVotes()).isEqualTo(8);
    }

    @Test
    void aTimeRangeVoidsOnlyTheVotesCastInItAndAFinalVerdictLeavesThemOut() throws Exception {
        Instant closes = clock.instant().plus(Duration.ofHours(2));
        Article review = data.publishedReview();
        VoteQuestion poll = polls.pollUnder(review, question -> question.setClosesAt(closes));
        String address = burstAddress();
        burst(poll, yes(poll), 5, address);
        voted(mvc, vote(poll, no(poll))).andExpect(status().isSeeOther());
        String hash = hashOf(poll, address);
        // Two of the burst's votes an hour earlier than the rest.
        Instant early = Instant.parse("2030-01-01T10:00:00Z");
        jdbc.sql("""
                        update vote set created_at = ? where id in
                          (select id from vote where question_id = ? and client_hash = ? order by id limit 2)
                        """).params(Timestamp.from(early), poll.getId(), hash).update();
        var editor = accounts.signedIn(Role.EDITOR);

        mvc.perform(post("/admin/polls/{id}/bursts/void", poll.getId())
                        .param("clientHash", hash)
                        .param("from", "2030-01-01T09:59")
                        .param("until", "2030-01-01T10:01")
                        .param("reason", "Early burst")
                        .with(csrf())
                        .with(editor))
                .andExpect(status().is3xxRedirection());

        assertThat(polls.countedVotes(poll.getId())).isEqualTo(4);
        assertThat(polls.reload(poll).getOptions().get(0).getVotes()).isEqualTo(3);

        clock.set(closes.plus(Duration.ofMinutes(1)));
        Document closed = page("/reviews/" + review.getSlug());
        assertThat(closed.selectFirst(".poll-verdict-figures").text())
                .startsWith("75% say yes")
                .contains("n = 4");
        assertThat(closed.selectFirst(".poll-verdict-excluded").text()).isEqualTo("· 2 votes excluded by the editors.");
        assertThat(jdbc.sql("select excluded from poll_verdict where question_id = ?")
                        .param(poll.getId())
                        .query(Long.class)
                        .single())
                .isEqualTo(2);
        mvc.perform(get("/polls/{id}/results", poll.getId()).header("Accept", "application/json"))
                .andExpect(jsonPath("$.excluded").value(2))
                .andExpect(jsonPath("$.final").value(true));

        // The verdict is final: nothing more can be voided in its round.
        mvc.perform(post("/admin/polls/{id}/bursts/void", poll.getId())
                        .param("clientHash", hash)
                        .param("reason", "Too late")
                        .with(csrf())
                        .with(editor))
                .andExpect(status().isConflict());
        assertThat(polls.countedVotes(poll.getId())).isEqualTo(4);
    }

    @Test
    void onlyEditorsVoidWithTheirFormsTokenAndBadInputIsRefusedInWords() throws Exception {
        VoteQuestion poll = polls.openPoll();
        String address = burstAddress();
        burst(poll, yes(poll), 2, address);
        String hash = hashOf(poll, address);
        var editor = accounts.signedIn(Role.EDITOR);
        String url = "/admin/polls/" + poll.getId() + "/bursts/void";

        mvc.perform(get("/admin/polls/" + poll.getId() + "/bursts").with(accounts.signedIn(Role.WRITER)))
                .andExpect(status().isForbidden());
        mvc.perform(post(url)
                        .param("clientHash", hash)
                        .param("reason", "x")
                        .with(csrf())
                        .with(accounts.signedIn(Role.WRITER)))
                .andExpect(status().isForbidden());
        mvc.perform(post(url).param("clientHash", hash).param("reason", "x").with(editor))
                .andExpect(status().isForbidden());
        Document badHash = Html.page(mvc.perform(post(url)
                        .param("clientHash", "not a hash")
                        .param("reason", "x")
                        .with(csrf())
                        .with(editor))
                .andExpect(status().isBadRequest())
                .andReturn()
                .getResponse());
        assertThat(badHash.selectFirst(".flash-error").text())
                .isEqualTo("Give the client hash of the burst, in full, as the list shows it.");
        mvc.perform(post(url)
                        .param("clientHash", hash)
                        .param("reason", " ")
                        .with(csrf())
                        .with(editor))
                .andExpect(status().isBadRequest());
        mvc.perform(post(url)
                        .param("clientHash", hash)
                        .param("reason", "x".repeat(BurstReview.REASON_MAX + 1))
                        .with(csrf())
                        .with(editor))
                .andExpect(status().isBadRequest());
        mvc.perform(post(url)
                        .param("clientHash", hash)
                        .param("from", "tomorrow")
                        .param("reason", "x")
                        .with(csrf())
                        .with(editor))
                .andExpect(status().isBadRequest());
        mvc.perform(post(url)
                        .param("clientHash", "abcdef0123")
                        .param("reason", "No such client")
                        .with(csrf())
                        .with(editor))
                .andExpect(status().isConflict());
        mvc.perform(get("/admin/polls/999999999/bursts").with(editor)).andExpect(status().isNotFound());
        assertThat(polls.countedVotes(poll.getId())).isEqualTo(2);
        assertThat(jdbc.sql("select count(*) from vote_voiding where question_id = ?")
                        .param(poll.getId())
                        .query(Long.class)
                        .single())
                .as("a refused voiding leaves no record")
                .isZero();
    }

    long countedRows(long optionId) {
        return jdbc.sql("select count(*) from vote where option_id = ? and voiding_id is null")
                .param(optionId)
                .query(Long.class)
                .single();
    }

    @Test
    void voidingWhileThirtyTwoThreadsChangeVotesKeepsEveryCountEqualToItsCountedRows() throws Exception {
        VoteQuestion poll = polls.openPoll();
        String address = burstAddress();
        List<Cookie> bursty = burst(poll, yes(poll), 32, address);
        List<Cookie> others = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
            Cookie reader = polls.newVoterCookie();
            voted(mvc, vote(poll, yes(poll)).cookie(reader)).andExpect(status().isSeeOther());
            others.add(reader);
        }
        String hash = hashOf(poll, address);
        var editor = accounts.signedIn(Role.EDITOR);
        ExecutorService threads = Executors.newFixedThreadPool(33);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        try {
            for (int t = 0; t < 32; t++) {
                int thread = t;
                done.add(threads.submit(() -> {
                    start.await();
                    // Each thread moves one bursty reader's vote and one other reader's, back and forth.
                    for (int round = 0; round < 5; round++) {
                        long choice = round % 2 == 0 ? no(poll) : yes(poll);
                        voted(mvc, vote(poll, choice).param("change", "1").cookie(others.get(thread)))
                                .andExpect(status().isSeeOther());
                        // Once the voiding has committed, a voided reader's change is refused (409).
                        voted(mvc, vote(poll, choice).param("change", "1").cookie(bursty.get(thread)))
                                .andExpect(result -> assertThat(
                                                result.getResponse().getStatus())
                                        .isIn(303, 409));
                    }
                    return null;
                }));
            }
            done.add(threads.submit(() -> {
                start.await();
                Thread.sleep(20);
                mvc.perform(post("/admin/polls/{id}/bursts/void", poll.getId())
                                .param("clientHash", hash)
                                .param("reason", "Thirty-two cookies from one address")
                                .with(csrf())
                                .with(editor))
                        .andExpect(status().is3xxRedirection());
                return null;
            }));
            start.countDown();
            for (var future : done) {
                future.get();
            }
        } finally {
            threads.shutdownNow();
        }

        VoteQuestion counted = polls.reload(poll);
        assertThat(counted.getOptions().get(0).getVotes()).isEqualTo(countedRows(yes(poll)));
        assertThat(counted.getOptions().get(1).getVotes()).isEqualTo(countedRows(no(poll)));
        // The other readers end on "no" (five moves); the voided 32 count nowhere.
        assertThat(polls.countedVotes(poll.getId())).isEqualTo(32);
        assertThat(counted.getOptions().get(1).getVotes()).isEqualTo(32);
        assertThat(polls.voteRows(poll.getId())).isEqualTo(64);
    }
}
