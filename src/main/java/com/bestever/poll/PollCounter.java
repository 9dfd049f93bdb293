package com.bestever.poll;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Counts votes exactly: each vote row and its option's count are written in one transaction,
 * and a vote is acknowledged only after that transaction commits. The unique (question, voter)
 * constraint decides who voted first; a vote that loses inserts nothing and counts nothing.
 *
 * <p>Votes that arrive together are written together (group commit): one writer takes every
 * vote waiting in the queue and commits them in one transaction, with one count update per
 * option. A durable commit costs a disk flush, and every vote of a poll updates the same count
 * row, so one transaction per vote would queue every reader behind the previous reader's flush;
 * batching makes the flush shared instead. If a batch fails, its votes are retried one by one,
 * so one bad vote never costs the others.
 *
 * <p>Nobody waits on a thread: {@link #count} answers a future, completed once the vote is
 * committed (or known to be a repeat). A waiting reader then holds no request thread, so a few
 * threads serve every reader, and the writer is not left queuing for the CPU behind dozens of
 * blocked ones. The writer only writes: completing a future hands the request back to the web
 * container, which costs more than writing the vote, so that is left to a second thread.
 *
 * <p>Nobody waits forever either: a vote the writer has not taken within {@code
 * bestever.polls.vote-deadline} is answered "not counted, try again" by the watchdog, and the
 * writer then skips it (each ballot is claimed once, by one or the other). A vote the writer took
 * waits for its commit, which the connection and statement timeouts bound. A writer thread that
 * dies or stays in one batch longer than {@link #STALLED_AFTER} is replaced by the watchdog, and
 * says so to the readiness check meanwhile ({@link VoteWriterHealth}).
 */
@Service
class PollCounter implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PollCounter.class);
    private static final int MAX_BATCH = 512;
    /** A batch that takes longer than this is stuck: longer than a connection and a statement may take. */
    static final Duration STALLED_AFTER = Duration.ofSeconds(20);

    private static final Duration WATCH_EVERY = Duration.ofMillis(200);

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final BlockingQueue<Ballot> queue = new LinkedBlockingQueue<>(20_000);
    private final long deadlineNanos;
    private final long stalledAfterNanos;
    private final Duration watchEvery;
    private final VoteMeters meters;
    private volatile boolean running;
    private volatile Thread writer;
    /** When the current writer's batch began (System.nanoTime), or 0 while it waits for votes. */
    private volatile long batchSince;

    private volatile int restarts;
    private ExecutorService acknowledger;
    private ScheduledExecutorService watchdog;

    /** Hooks run by the writer before each batch, after it took the batch's ballots: tests only. */
    volatile Runnable beforeBatch = () -> {};

    @Autowired
    PollCounter(JdbcClient jdbc, TransactionTemplate transaction, PollSettings settings, VoteMeters meters) {
        this(jdbc, transaction, settings.voteDeadline(), STALLED_AFTER, WATCH_EVERY, meters);
    }

    /**
     * @param watchEvery how often the watchdog looks at the queue and the writer; null: never by
     *     itself (a test calls {@link #watch()})
     */
    PollCounter(
            JdbcClient jdbc,
            TransactionTemplate transaction,
            Duration deadline,
            Duration stalledAfter,
            Duration watchEvery,
            VoteMeters meters) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.deadlineNanos = deadline.toNanos();
        this.stalledAfterNanos = stalledAfter.toNanos();
        this.watchEvery = watchEvery;
        this.meters = meters;
        meters.queueDepth(queue);
    }

    /**
     * One reader's answer waiting to be written; completed with whether it was counted. Claimed
     * once, atomically: by the writer (then it waits for its commit) or by its deadline (then it is
     * answered "not counted" and the writer skips it), never by both.
     */
    record Ballot(
            long questionId,
            int round,
            long optionId,
            String voterId,
            String clientHash,
            boolean change,
            CompletableFuture<Boolean> counted,
            AtomicInteger claim,
            long queuedAt) {

        private static final int QUEUED = 0;
        private static final int TAKEN = 1;
        private static final int EXPIRED = 2;

        Ballot(
                long questionId,
                int round,
                long optionId,
                String voterId,
                String clientHash,
                boolean change,
                CompletableFuture<Boolean> counted) {
            this(
                    questionId,
                    round,
                    optionId,
                    voterId,
                    clientHash,
                    change,
                    counted,
                    new AtomicInteger(QUEUED),
                    System.nanoTime());
        }

        Key key() {
            return new Key(questionId, round, voterId);
        }

        /** The writer takes the ballot: false if its deadline took it first. */
        boolean take() {
            return claim.compareAndSet(QUEUED, TAKEN);
        }

        /** The deadline takes the ballot: false if the writer took it first. */
        boolean expire() {
            return claim.compareAndSet(QUEUED, EXPIRED);
        }
    }

    /** The writer never took the vote within its deadline: it was not counted, and never will be. */
    static class VoteNotTaken extends VotesUnavailable {

        VoteNotTaken() {
            super("The vote counter did not take the vote in time", null);
        }
    }

    /** One reader in one round of one poll: they vote once. */
    record Key(long questionId, int round, String voterId) {}

    /**
     * Records one reader's answer.
     *
     * @param round the poll's round the vote is for (a reopened poll starts the next)
     * @return a future completed once the vote is committed: true if it was counted, false if
     *     this voter had already answered this question in this round; completed with {@link
     *     VotesUnavailable} if the vote could not be written, and then it was not counted
     */
    public CompletableFuture<Boolean> count(
            long questionId, int round, long optionId, String voterId, String clientHash) {
        return enqueue(new Ballot(questionId, round, optionId, voterId, clientHash, false, new CompletableFuture<>()));
    }

    /**
     * Changes a reader's vote in this round to another answer: the vote row and both options'
     * counts move in one transaction, so the reader still counts once. A reader with no vote in
     * this round has nothing to change: nothing is counted.
     *
     * @return a future completed once committed: true if the vote moved, false if there was no
     *     vote to move or it already held this answer
     */
    public CompletableFuture<Boolean> change(long questionId, int round, long optionId, String voterId) {
        return enqueue(new Ballot(questionId, round, optionId, voterId, null, true, new CompletableFuture<>()));
    }

    private CompletableFuture<Boolean> enqueue(Ballot ballot) {
        if (!running || !queue.offer(ballot)) {
            return CompletableFuture.failedFuture(new VotesUnavailable("The vote counter is busy", null));
        }
        return ballot.counted();
    }

    /** The writer's loop, until the site stops or the watchdog replaced this thread with a new one. */
    private void writeUntilStopped() {
        Thread self = Thread.currentThread();
        List<Ballot> batch = new ArrayList<>(MAX_BATCH);
        while ((running || !queue.isEmpty()) && writer == self) {
            try {
                Ballot first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                batchSince = System.nanoTime();
                // A ballot whose deadline already answered it is not written.
                batch.removeIf(ballot -> !ballot.take());
                if (!batch.isEmpty()) {
                    beforeBatch.run();
                    meters.batch(batch.size());
                    write(batch);
                }
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                break;
            } catch (RuntimeException ex) {
                log.error("The vote writer failed", ex);
                List<Ballot> failed = List.copyOf(batch);
                acknowledge(() -> failed.forEach(ballot -> ballot.counted().completeExceptionally(ex)));
            } catch (Error ex) {
                // The thread dies (the watchdog starts another); its votes are answered first, as
                // not written (the reader's answer then asks the database whether they were).
                List<Ballot> failed = List.copyOf(batch);
                acknowledge(() -> failed.forEach(ballot ->
                        ballot.counted().completeExceptionally(new VotesUnavailable("The vote writer died", ex))));
                throw ex;
            } finally {
                batch.clear();
                if (writer == self) {
                    batchSince = 0;
                }
            }
        }
        if (!running && writer == self) {
            List<Ballot> left = new ArrayList<>();
            queue.drainTo(left);
            left.removeIf(ballot -> !ballot.take());
            acknowledge(() -> left.forEach(ballot ->
                    ballot.counted().completeExceptionally(new VotesUnavailable("The site is shutting down", null))));
        }
    }

    /**
     * The watchdog's round: votes the writer has not taken by their deadline are answered "not
     * counted"; a writer that died or is stuck in one batch is replaced by a new one (the stuck
     * one's votes still wait for their commit, which the statement timeout bounds).
     */
    void watch() {
        long now = System.nanoTime();
        List<Ballot> expired = new ArrayList<>();
        for (var ballots = queue.iterator(); ballots.hasNext(); ) {
            Ballot ballot = ballots.next();
            if (now - ballot.queuedAt() < deadlineNanos) {
                break; // the queue is in arrival order: the rest are younger
            }
            ballots.remove();
            if (ballot.expire()) {
                expired.add(ballot);
            }
        }
        if (!expired.isEmpty()) {
            meters.refused("deadline", expired.size());
            acknowledge(() -> expired.forEach(ballot -> ballot.counted().completeExceptionally(new VoteNotTaken())));
        }
        if (!running) {
            return;
        }
        String trouble = trouble(now);
        if (trouble != null) {
            log.error("The vote writer {}: starting a new one", trouble);
            restarts++;
            meters.writerRestarted();
            startWriter();
        }
    }

    /** What is wrong with the writer ("died", "is stuck…"), or null while it works. */
    private String trouble(long now) {
        Thread current = writer;
        if (current == null || !current.isAlive()) {
            return "died";
        }
        long since = batchSince;
        if (since != 0 && now - since > stalledAfterNanos) {
            return "is stuck in one batch for " + Duration.ofNanos(now - since).toSeconds() + " s";
        }
        return null;
    }

    /** For the health check: null while the writer works, else what is wrong with it. */
    String writerTrouble() {
        return running ? trouble(System.nanoTime()) : null;
    }

    /** How many times a writer that died or got stuck was replaced. */
    int restarts() {
        return restarts;
    }

    int queued() {
        return queue.size();
    }

    void write(List<Ballot> batch) {
        // The same reader twice in one batch: only the first can count.
        Map<Key, Ballot> firsts = new LinkedHashMap<>();
        List<Ballot> repeats = new ArrayList<>();
        for (Ballot ballot : batch) {
            if (firsts.putIfAbsent(ballot.key(), ballot) != null) {
                repeats.add(ballot);
            }
        }
        List<Ballot> unique = List.copyOf(firsts.values());
        Set<Key> counted;
        try {
            counted = writeAll(unique);
        } catch (RuntimeException ex) {
            if (unique.size() == 1) {
                List<Ballot> failed = List.copyOf(batch);
                acknowledge(() -> failed.forEach(ballot -> ballot.counted()
                        .completeExceptionally(new VotesUnavailable("The vote could not be written", ex))));
                return;
            }
            log.warn("A batch of {} votes failed ({}); writing them one by one", unique.size(), ex.getMessage());
            for (Ballot ballot : unique) {
                write(List.of(ballot));
            }
            repeats.forEach(repeat -> firsts.get(repeat.key()).counted().whenComplete((result, error) -> {
                if (error != null) {
                    repeat.counted().completeExceptionally(error);
                } else {
                    repeat.counted().complete(false);
                }
            }));
            return;
        }
        acknowledge(() -> {
            for (Ballot ballot : unique) {
                ballot.counted().complete(counted.contains(ballot.key()));
            }
            repeats.forEach(repeat -> repeat.counted().complete(false));
        });
    }

    /** Answers the waiting readers off the writer's thread (see the class comment). */
    private void acknowledge(Runnable answers) {
        acknowledger.execute(answers);
    }

    /**
     * New votes in one statement; when the batch also changes votes (rare), the moves and the
     * new votes in one transaction, so still one commit.
     */
    private Set<Key> writeAll(List<Ballot> ballots) {
        List<Ballot> changes = ballots.stream().filter(Ballot::change).toList();
        if (changes.isEmpty()) {
            return insertAndCount(ballots);
        }
        List<Ballot> votes = ballots.stream().filter(ballot -> !ballot.change()).toList();
        return transaction.execute(status -> {
            Set<Key> done = new HashSet<>(moveVotes(changes));
            if (!votes.isEmpty()) {
                done.addAll(insertAndCount(votes));
            }
            return done;
        });
    }

    /**
     * Moves readers' votes to their new answers and both options' counts with them, in one
     * statement. Only a vote that exists and holds another answer moves.
     */
    private Set<Key> moveVotes(List<Ballot> changes) {
        Columns columns = Columns.of(changes);
        Set<Key> moved = new HashSet<>();
        jdbc.sql("""
                        with wanted as (
                            select * from unnest(?::bigint[], ?::integer[], ?::bigint[], ?::varchar[])
                                as w(question_id, round, option_id, voter_id)
                        ), previous as (
                            select v.id, v.question_id, v.round, v.voter_id, v.option_id as was, w.option_id as now
                              from vote v
                              join wanted w
                                on v.question_id = w.question_id and v.round = w.round and v.voter_id = w.voter_id
                             where v.option_id <> w.option_id and v.voiding_id is null
                               for update of v
                        ), moved as (
                            update vote v set option_id = p.now
                              from previous p
                             where v.id = p.id
                            returning p.question_id, p.round, p.voter_id, p.was, p.now
                        ), tally as (
                            update vote_option o set votes = o.votes + d.delta
                              from (select option_id, sum(delta) as delta
                                      from (select was as option_id, -1 as delta from moved
                                            union all
                                            select now as option_id, 1 as delta from moved) deltas
                                     group by option_id) d
                             where o.id = d.option_id
                        )
                        select question_id, round, voter_id from moved
                        """)
                .params(columns.questions(), columns.rounds(), columns.options(), columns.voters())
                .query((rs, row) ->
                        moved.add(new Key(rs.getLong("question_id"), rs.getInt("round"), rs.getString("voter_id"))))
                .list();
        return moved;
    }

    /**
     * Inserts the votes and adds the counted ones to their options' counts, in one statement and
     * so in one transaction: it commits as a whole or not at all, in a single round trip to the
     * database (each round trip is a wait for PostgreSQL's process to get the CPU, and under load
     * that wait, not the work, is what a batch costs). The schema refuses an option of another
     * question (a foreign key on the pair), which fails the statement and so counts nothing.
     */
    private Set<Key> insertAndCount(List<Ballot> ballots) {
        Columns columns = Columns.of(ballots);
        Set<Key> counted = new HashSet<>();
        jdbc.sql("""
                        with counted as (
                            insert into vote (question_id, round, option_id, voter_id, client_hash)
                            select * from unnest(?::bigint[], ?::integer[], ?::bigint[], ?::varchar[], ?::varchar[])
                            on conflict (question_id, round, voter_id) do nothing
                            returning question_id, round, option_id, voter_id
                        ), tally as (
                            update vote_option o set votes = o.votes + added.votes
                              from (select option_id, count(*) as votes from counted group by option_id) added
                             where o.id = added.option_id
                        )
                        select question_id, round, voter_id from counted
                        """)
                .params(columns.questions(), columns.rounds(), columns.options(), columns.voters(), columns.hashes())
                .query((rs, row) ->
                        counted.add(new Key(rs.getLong("question_id"), rs.getInt("round"), rs.getString("voter_id"))))
                .list();
        return counted;
    }

    @Override
    public void start() {
        acknowledger = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "vote-acknowledger");
            thread.setDaemon(true);
            return thread;
        });
        running = true;
        startWriter();
        if (watchEvery != null) {
            watchdog = Executors.newSingleThreadScheduledExecutor(task -> {
                Thread thread = new Thread(task, "vote-watchdog");
                thread.setDaemon(true);
                return thread;
            });
            long every = watchEvery.toMillis();
            watchdog.scheduleWithFixedDelay(this::watchSafely, every, every, TimeUnit.MILLISECONDS);
        }
    }

    private void watchSafely() {
        try {
            watch();
        } catch (RuntimeException ex) {
            // A failed round must not end the schedule: the next one tries again.
            log.error("The vote watchdog failed", ex);
        }
    }

    private synchronized void startWriter() {
        batchSince = 0;
        Thread thread = new Thread(this::writeUntilStopped, "vote-writer");
        thread.setDaemon(true);
        writer = thread;
        thread.start();
    }

    @Override
    public void stop() {
        running = false;
        try {
            writer.join(10_000);
            if (watchdog != null) {
                // Votes still queued are answered by their deadline or by the writer's last round.
                watchdog.shutdown();
                watchdog.awaitTermination(5, TimeUnit.SECONDS);
            }
            acknowledger.shutdown();
            acknowledger.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    /** Starts before the web server takes requests and stops after it has finished them. */
    @Override
    public int getPhase() {
        return 0;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** The vote was not written (the database failed or the site is stopping): not counted. */
    static class VotesUnavailable extends RuntimeException {

        VotesUnavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Ballots as the columns PostgreSQL's {@code unnest} takes, one array per column. */
    private record Columns(Long[] questions, Integer[] rounds, Long[] options, String[] voters, String[] hashes) {

        static Columns of(List<Ballot> ballots) {
            int n = ballots.size();
            Columns columns = new Columns(new Long[n], new Integer[n], new Long[n], new String[n], new String[n]);
            for (int i = 0; i < n; i++) {
                Ballot ballot = ballots.get(i);
                columns.questions[i] = ballot.questionId();
                columns.rounds[i] = ballot.round();
                columns.options[i] = ballot.optionId();
                columns.voters[i] = ballot.voterId();
                columns.hashes[i] = ballot.clientHash();
            }
            return columns;
        }
    }
}
