package com.bestever.poll;

import static com.bestever.poll.PollTesting.voted;
import static com.bestever.poll.PollTesting.yes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.bestever.support.SiteTest;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.Status;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The vote writer never leaves a reader waiting: a vote it has not taken by its deadline is
 * answered "not counted" and never counted later; a writer that dies or gets stuck is reported
 * to readiness and replaced. Each test runs its own counter (as another instance would) on the
 * site's database, with a short deadline, and drives its watchdog by hand.
 */
@SiteTest
class VoteWriterTests {

    private static final Duration DEADLINE = Duration.ofMillis(300);
    private static final Duration STALLED_AFTER = Duration.ofMillis(500);

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transaction;

    @Autowired
    PollTesting polls;

    @Autowired
    PollCounter siteCounter;

    @Autowired
    MockMvc mvc;

    private final CountDownLatch release = new CountDownLatch(1);
    private PollCounter counter;

    private PollCounter startCounter() {
        counter = new PollCounter(
                jdbc, transaction, DEADLINE, STALLED_AFTER, null, new VoteMeters(new SimpleMeterRegistry()));
        counter.start();
        return counter;
    }

    @AfterEach
    void stop() {
        release.countDown();
        siteCounter.beforeBatch = () -> {};
        if (counter != null) {
            counter.stop();
        }
    }

    /** Makes the writer hold its next batch until the test releases it. */
    private void stallNextBatch(PollCounter writer) {
        AtomicBoolean first = new AtomicBoolean(true);
        writer.beforeBatch = () -> {
            if (first.getAndSet(false)) {
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                }
            }
        };
    }

    private static Object outcome(CompletableFuture<Boolean> vote) throws Exception {
        try {
            return vote.get(10, TimeUnit.SECONDS);
        } catch (ExecutionException ex) {
            return ex.getCause().getClass();
        }
    }

    private long rowsOf(String voter) {
        return jdbc.sql("select count(*) from vote where voter_id = ?")
                .param(voter)
                .query(Long.class)
                .single();
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited 10 s").isLessThan(until);
            Thread.sleep(10);
        }
    }

    @Test
    void aVoteNotTakenByItsDeadlineIsRefusedAndNeverCountedLater() throws Exception {
        VoteQuestion poll = polls.openPoll();
        PollCounter writer = startCounter();
        stallNextBatch(writer);
        CompletableFuture<Boolean> taken = writer.count(poll.getId(), 1, yes(poll), "writer-taken", "hash");
        waitFor(() -> writer.queued() == 0); // the writer holds it
        CompletableFuture<Boolean> waiting = writer.count(poll.getId(), 1, yes(poll), "writer-late", "hash");

        Thread.sleep(DEADLINE.toMillis() + 50);
        writer.watch();

        assertThat(outcome(waiting)).isEqualTo(PollCounter.VoteNotTaken.class);
        assertThat(taken).isNotDone();
        release.countDown();
        // The vote the writer took waits for its commit, and counts.
        assertThat(outcome(taken)).isEqualTo(true);
        CompletableFuture<Boolean> after = writer.count(poll.getId(), 1, yes(poll), "writer-after", "hash");
        assertThat(outcome(after)).isEqualTo(true);
        assertThat(rowsOf("writer-late")).isZero();
        assertThat(rowsOf("writer-taken")).isOne();
    }

    @Test
    void aStuckWriterTurnsReadinessDownAndIsReplaced() throws Exception {
        VoteQuestion poll = polls.openPoll();
        PollCounter writer = startCounter();
        VoteWriterHealth health = new VoteWriterHealth(writer);
        stallNextBatch(writer);
        CompletableFuture<Boolean> stuck = writer.count(poll.getId(), 1, yes(poll), "stuck-reader", "hash");
        assertThat(health.health().getStatus()).isEqualTo(Status.UP);

        Thread.sleep(STALLED_AFTER.toMillis() + 100);
        assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);
        writer.watch();

        assertThat(writer.restarts()).isOne();
        assertThat(health.health().getStatus()).isEqualTo(Status.UP);
        assertThat(outcome(writer.count(poll.getId(), 1, yes(poll), "next-reader", "hash")))
                .isEqualTo(true);
        assertThat(stuck).isNotDone();
        release.countDown();
        assertThat(outcome(stuck)).isEqualTo(true);
    }

    @Test
    void aWriterThatDiesAnswersItsVotesTurnsReadinessDownAndIsReplaced() throws Exception {
        VoteQuestion poll = polls.openPoll();
        PollCounter writer = startCounter();
        VoteWriterHealth health = new VoteWriterHealth(writer);
        AtomicBoolean die = new AtomicBoolean(true);
        writer.beforeBatch = () -> {
            if (die.getAndSet(false)) {
                throw new StackOverflowError("a simulated death of the vote writer");
            }
        };

        CompletableFuture<Boolean> lost = writer.count(poll.getId(), 1, yes(poll), "lost-reader", "hash");
        assertThat(outcome(lost)).isEqualTo(PollCounter.VotesUnavailable.class);
        waitFor(() -> writer.writerTrouble() != null);
        assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);

        writer.watch();

        assertThat(writer.restarts()).isOne();
        assertThat(health.health().getStatus()).isEqualTo(Status.UP);
        assertThat(outcome(writer.count(poll.getId(), 1, yes(poll), "lost-reader", "hash")))
                .isEqualTo(true);
    }

    @Test
    void aReaderWhoseVoteWasNotTakenInTimeIsToldNothingWasCounted() throws Exception {
        VoteQuestion poll = polls.openPoll();
        stallNextBatch(siteCounter);
        // Something the writer holds, so the reader's vote waits in the queue behind it.
        siteCounter.count(poll.getId(), poll.getRound(), yes(poll), "holds-the-writer", "hash");
        waitFor(() -> siteCounter.queued() == 0);

        var answer = voted(mvc, PollTesting.vote(poll, yes(poll)).header("Accept", "text/html"))
                .andExpect(status().isServiceUnavailable())
                .andReturn()
                .getResponse();

        assertThat(answer.getContentAsString()).contains("Nothing was counted; please try again.");
        release.countDown();
        waitFor(() -> polls.voteRows(poll.getId()) == 1);
        Thread.sleep(200);
        assertThat(polls.voteRows(poll.getId()))
                .as("only the vote the writer held")
                .isOne();
    }
}
