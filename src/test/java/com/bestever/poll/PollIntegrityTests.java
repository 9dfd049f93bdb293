package com.bestever.poll;

import static com.bestever.poll.PollTesting.from;
import static com.bestever.poll.PollTesting.no;
import static com.bestever.poll.PollTesting.vote;
import static com.bestever.poll.PollTesting.voted;
import static com.bestever.poll.PollTesting.yes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.bestever.admin.Role;
import com.bestever.article.Article;
import com.bestever.support.Html;
import com.bestever.support.MutableClock;
import com.bestever.support.SiteTest;
import com.bestever.support.TestAccounts;
import com.bestever.support.TestData;
import com.bestever.system.SiteSecrets;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.support.TransactionTemplate;

/** The gaps an audit of the poll's code found, each closed and kept closed here. */
@SiteTest
class PollIntegrityTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    PollTesting polls;

    @Autowired
    TestData data;

    @Autowired
    TestAccounts accounts;

    @Autowired
    Polls read;

    @Autowired
    VoteQuestionRepository questions;

    @Autowired
    TransactionTemplate transaction;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PollSettings settings;

    @Autowired
    MutableClock clock;

    @Test
    void deletingAReviewWithdrawsItsPollFromReadersAndTheLeaderboardButKeepsItsVotes() throws Exception {
        Article review = data.publishedReview();
        VoteQuestion poll = polls.pollUnder(review, question -> {});
        voted(mvc, vote(poll, yes(poll))).andExpect(status().isSeeOther());
        String leaderboard = "/best-ever/" + poll.getGenre().getSlug();
        assertThat(Html.page(mvc.perform(get(leaderboard)).andReturn().getResponse())
                        .select(".verdict-film cite, .too-early-list cite")
                        .eachText())
                .contains(review.getFilm().getTitle());

        mvc.perform(post("/admin/articles/" + review.getId() + "/delete")
                        .with(csrf())
                        .with(accounts.signedIn(Role.EDITOR)))
                .andExpect(status().is3xxRedirection());

        mvc.perform(get("/polls/{id}/results", poll.getId())).andExpect(status().isNotFound());
        voted(mvc, vote(poll, no(poll))).andExpect(status().isNotFound());
        Document after = Html.page(mvc.perform(get(leaderboard)).andReturn().getResponse());
        assertThat(after.select(".verdict-film cite, .too-early-list cite").eachText())
                .doesNotContain(review.getFilm().getTitle());
        assertThat(read.aboutFilm(review.getFilm().getId()))
                .extracting(PollSummary::id)
                .doesNotContain(poll.getId());
        assertThat(polls.voteRows(poll.getId())).isEqualTo(1);
        assertThat(polls.countedVotes(poll.getId())).isEqualTo(1);
    }

    @Test
    void neitherAnOptionNorAPollWithVotesCanBeDeletedSoNoAcknowledgedVoteIsCascadedAway() throws Exception {
        VoteQuestion poll = polls.openPoll();
        voted(mvc, vote(poll, yes(poll))).andExpect(status().isSeeOther());

        assertThatThrownBy(() -> polls.deleteOption(yes(poll))).isInstanceOf(DataIntegrityViolationException.class);
        assertThatThrownBy(() -> jdbc.sql("delete from vote_question where id = ?")
                        .param(poll.getId())
                        .update())
                .isInstanceOf(DataIntegrityViolationException.class);
        assertThat(polls.voteRows(poll.getId())).isEqualTo(1);
        assertThat(polls.countedVotes(poll.getId())).isEqualTo(1);

        polls.deleteOption(no(poll)); // an option nobody chose may still go
    }

    @Test
    void thePollKeptInMemoryIsDroppedAfterTheChangeCommitsNotBefore() {
        VoteQuestion poll = polls.openPoll();
        long id = poll.getId();
        assertThat(read.poll(id)).isPresent();

        transaction.executeWithoutResult(status -> {
            VoteQuestion question = questions.findPollById(id).orElseThrow();
            question.setQuestion("Is it, after all, the best ever?");
            questions.saveAndFlush(question); // announced here, before the commit
            // A reader's request meanwhile, on its own thread and connection: it reads the poll as committed.
            assertThat(CompletableFuture.supplyAsync(() -> read.poll(id)).join())
                    .get()
                    .extracting(Poll::question)
                    .isEqualTo(poll.getQuestion());
        });

        assertThat(read.poll(id)).get().extracting(Poll::question).isEqualTo("Is it, after all, the best ever?");
    }

    @Test
    void aClientHashCannotBeTurnedBackIntoTheAddressWithWhatTheDatabaseHolds() throws Exception {
        VoteQuestion poll = polls.openPoll();
        String address = "198.51.100.23";
        voted(mvc, vote(poll, yes(poll)).with(from(address))).andExpect(status().isSeeOther());
        String stored = jdbc.sql("select client_hash from vote where question_id = ?")
                .param(poll.getId())
                .query(String.class)
                .single();
        assertThat(stored).isNotBlank();

        // Every secret the database holds, tried as the salt, the way someone with a dump would.
        new SiteSecrets(jdbc).secret(VoterKey.NAME);
        List<String> secrets =
                jdbc.sql("select value from site_secret").query(String.class).list();
        assertThat(secrets).isNotEmpty();
        for (String secret : secrets) {
            assertThat(hmacHex(Base64.getDecoder().decode(secret), "address:" + address))
                    .isNotEqualTo(stored);
            assertThat(hmacHex(secret.getBytes(StandardCharsets.UTF_8), "address:" + address))
                    .isNotEqualTo(stored);
        }
        // The same reader's next vote (another poll) is keyed alike, so the hash still serves the throttle.
        VoteQuestion other = polls.openPoll();
        voted(mvc, vote(other, yes(other)).with(from(address))).andExpect(status().isSeeOther());
        assertThat(jdbc.sql("select client_hash from vote where question_id = ?")
                        .param(other.getId())
                        .query(String.class)
                        .single())
                .isEqualTo(stored);
    }

    @Test
    void aConfiguredAddressKeySaltsTheHashAndIsNotTheCookieKey() throws Exception {
        PollSettings configured = new PollSettings(
                "", 60, 10, Duration.ofDays(1), "an-address-key-from-the-environment", 200, Duration.ofSeconds(3));
        VoterKey key = new VoterKey(configured, new SiteSecrets(jdbc));

        assertThat(key.hashOfAddress("192.0.2.1"))
                .isEqualTo(hmacHex(
                        "an-address-key-from-the-environment".getBytes(StandardCharsets.UTF_8), "address:192.0.2.1"));
        assertThat(new VoterKey(settings, new SiteSecrets(jdbc)).hashOfAddress("192.0.2.1"))
                .as("without a configured key, each run draws its own")
                .isNotEqualTo(new VoterKey(settings, new SiteSecrets(jdbc)).hashOfAddress("192.0.2.1"));
    }

    @Test
    void anIpv6ClientIsKeyedByItsSlash64() {
        assertThat(VoteThrottle.clientKey("2001:db8:1:2:aaaa:bbbb:cccc:dddd")).isEqualTo("2001:db8:1:2::/64");
        assertThat(VoteThrottle.clientKey("2001:0db8:0001:0002::1")).isEqualTo("2001:db8:1:2::/64");
        assertThat(VoteThrottle.clientKey("[2001:db8:1:3::1]")).isEqualTo("2001:db8:1:3::/64");
        assertThat(VoteThrottle.clientKey("fe80::1%eth0")).isEqualTo("fe80:0:0:0::/64");
        assertThat(VoteThrottle.clientKey("::ffff:192.0.2.5")).isEqualTo("192.0.2.5");
        assertThat(VoteThrottle.clientKey("192.0.2.5")).isEqualTo("192.0.2.5");
        assertThat(VoteThrottle.clientKey("not:an:address")).isEqualTo("not:an:address");
    }

    @Test
    void addressesOfOneSlash64ShareOneAllowance() throws Exception {
        VoteQuestion poll = polls.openPoll();
        clock.set(clock.instant()); // time stands still: the allowance does not refill
        try {
            for (int i = 1; i <= settings.votesPerMinute(); i++) {
                voted(mvc, vote(poll, yes(poll)).with(from("2001:db8:77:1::" + Integer.toHexString(i))))
                        .andExpect(status().isSeeOther());
            }
            voted(mvc, vote(poll, yes(poll)).with(from("2001:db8:77:1:ffff::1")))
                    .andExpect(status().isTooManyRequests());
            voted(mvc, vote(poll, yes(poll)).with(from("2001:db8:77:2::1"))).andExpect(status().isSeeOther());
        } finally {
            clock.reset();
        }
    }

    private static String hmacHex(byte[] key, String text) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)), 0, 16);
    }
}
