package com.bestever.poll;

import static com.bestever.poll.PollTesting.no;
import static com.bestever.poll.PollTesting.yes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.bestever.support.SiteTest;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The vote counter's batches, on real PostgreSQL: what one statement commits together, and what
 * happens to the rest of a batch when one of its votes cannot be written.
 */
@SiteTest
class PollCounterTests {

    @Autowired
    PollCounter counter;

    @Autowired
    PollTesting polls;

    @Autowired
    JdbcClient jdbc;

    static PollCounter.Ballot ballot(VoteQuestion poll, long option, String voter) {
        return new PollCounter.Ballot(poll.getId(), 1, option, voter, "hash", false, new CompletableFuture<>());
    }

    static Object outcome(PollCounter.Ballot ballot) throws Exception {
        try {
            return ballot.counted().get(10, TimeUnit.SECONDS);
        } catch (ExecutionException ex) {
            return ex.getCause().getClass();
        }
    }

    @Test
    void aBatchCountsEachNewReaderOnceAndTheSameReaderTwiceInItOnlyOnce() throws Exception {
        VoteQuestion poll = polls.openPoll();
        var first = ballot(poll, yes(poll), "reader-a");
        var second = ballot(poll, no(poll), "reader-b");
        var again = ballot(poll, no(poll), "reader-a");

        counter.write(List.of(first, second, again));

        assertThat(outcome(first)).isEqualTo(true);
        assertThat(outcome(second)).isEqualTo(true);
        assertThat(outcome(again)).as("the same reader later in the batch").isEqualTo(false);
        VoteQuestion counted = polls.reload(poll);
        assertThat(counted.getOptions().get(0).getVotes()).isEqualTo(1);
        assertThat(counted.getOptions().get(1).getVotes()).isEqualTo(1);
        assertThat(polls.voteRows(poll.getId())).isEqualTo(2);
    }

    @Test
    void aReaderWhoAlreadyVotedInAnEarlierBatchIsNotCountedAgain() throws Exception {
        VoteQuestion poll = polls.openPoll();
        var earlier = ballot(poll, yes(poll), "reader-c");
        counter.write(List.of(earlier));
        var later = ballot(poll, no(poll), "reader-c");
        var other = ballot(poll, no(poll), "reader-d");

        counter.write(List.of(later, other));

        assertThat(outcome(earlier)).isEqualTo(true);
        assertThat(outcome(later)).isEqualTo(false);
        assertThat(outcome(other)).isEqualTo(true);
        VoteQuestion counted = polls.reload(poll);
        assertThat(counted.getOptions().get(0).getVotes()).isEqualTo(1);
        assertThat(counted.getOptions().get(1).getVotes()).isEqualTo(1);
    }

    @Test
    void aVoteNamingAnotherPollsOptionFailsAloneAndTheRestOfItsBatchIsCounted() throws Exception {
        VoteQuestion poll = polls.openPoll();
        VoteQuestion other = polls.openPoll();
        var good = ballot(poll, yes(poll), "reader-e");
        var bad = ballot(poll, yes(other), "reader-f");
        var alsoGood = ballot(poll, no(poll), "reader-g");

        counter.write(List.of(good, bad, alsoGood));

        assertThat(outcome(good)).isEqualTo(true);
        assertThat(outcome(bad)).isEqualTo(PollCounter.VotesUnavailable.class);
        assertThat(outcome(alsoGood)).isEqualTo(true);
        assertThat(polls.countedVotes(poll.getId())).isEqualTo(2);
        assertThat(polls.voteRows(poll.getId())).isEqualTo(2);
        assertThat(polls.countedVotes(other.getId()))
                .as("nothing counted on the other poll")
                .isZero();
        assertThat(polls.voteRows(other.getId())).isZero();
    }

    @Test
    void theSchemaRefusesAVoteForAnOptionOfAnotherQuestion() {
        VoteQuestion poll = polls.openPoll();
        VoteQuestion other = polls.openPoll();

        assertThatThrownBy(() -> jdbc.sql("insert into vote (question_id, option_id, voter_id) values (?, ?, ?)")
                        .params(poll.getId(), yes(other), UUID.randomUUID().toString())
                        .update())
                .isInstanceOf(DataIntegrityViolationException.class)
                .hasMessageContaining("vote_option_of_its_question");
    }
}
