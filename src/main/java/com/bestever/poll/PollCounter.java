package com.bestever.poll;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
 * option. A durable commit costs a disk flush (milliseconds here), and every vote of a poll
 * updates the same count row, so one transaction per vote would queue every reader behind the
 * previous reader's flush; batching makes the flush shared instead. If a batch fails, its votes
 * are retried one by one, so one bad vote never costs the others.
 */
@Service
class PollCounter implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PollCounter.class);
    private static final int MAX_BATCH = 512;

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final BlockingQueue<Ballot> queue = new LinkedBlockingQueue<>(20_000);
    private volatile boolean running;
    private Thread writer;

    PollCounter(JdbcClient jdbc, TransactionTemplate transaction) {
        this.jdbc = jdbc;
        this.transaction = transaction;
    }

    /** One reader's answer waiting to be written; completed with whether it was counted. */
    record Ballot(long questionId, long optionId, String voterId, String clientHash, CompletableFuture<Boolean> counted) {

        Key key() {
            return new Key(questionId, voterId);
        }
    }

    record Key(long questionId, String voterId) {
    }

    /**
     * Records one reader's answer, and returns once it is committed (or known to be a repeat).
     *
     * @return true if it was counted, false if this voter had already answered this question
     * @throws VotesUnavailable if the vote could not be written; then it was not counted
     */
    public boolean count(long questionId, long optionId, String voterId, String clientHash) {
        Ballot ballot = new Ballot(questionId, optionId, voterId, clientHash, new CompletableFuture<>());
        try {
            if (!running || !queue.offer(ballot, 2, TimeUnit.SECONDS)) {
                throw new VotesUnavailable("The vote counter is busy", null);
            }
            // No timeout: the writer always completes a ballot it took, so the answer is never a guess.
            return ballot.counted().get();
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new VotesUnavailable("Interrupted while voting", ex);
        }
        catch (ExecutionException ex) {
            throw new VotesUnavailable("The vote could not be written", ex.getCause());
        }
    }

    private void writeUntilStopped() {
        List<Ballot> batch = new ArrayList<>(MAX_BATCH);
        while (running || !queue.isEmpty()) {
            try {
                Ballot first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                write(batch);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                break;
            }
            catch (RuntimeException ex) {
                log.error("The vote writer failed", ex);
                batch.forEach(ballot -> ballot.counted().completeExceptionally(ex));
            }
            finally {
                batch.clear();
            }
        }
        queue.forEach(ballot -> ballot.counted().completeExceptionally(new IllegalStateException("shutting down")));
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
            counted = transaction.execute(status -> insertAndCount(unique));
        }
        catch (RuntimeException ex) {
            if (unique.size() == 1) {
                batch.forEach(ballot -> ballot.counted().completeExceptionally(ex));
                return;
            }
            log.warn("A batch of {} votes failed ({}); writing them one by one", unique.size(), ex.getMessage());
            for (Ballot ballot : unique) {
                write(List.of(ballot));
            }
            repeats.forEach(repeat -> firsts.get(repeat.key()).counted()
                    .whenComplete((result, error) -> {
                        if (error != null) {
                            repeat.counted().completeExceptionally(error);
                        }
                        else {
                            repeat.counted().complete(false);
                        }
                    }));
            return;
        }
        for (Ballot ballot : unique) {
            ballot.counted().complete(counted.contains(ballot.key()));
        }
        repeats.forEach(repeat -> repeat.counted().complete(false));
    }

    /** In the caller's transaction: inserts the votes and adds the counted ones to their options. */
    private Set<Key> insertAndCount(List<Ballot> ballots) {
        int n = ballots.size();
        Long[] questions = new Long[n];
        Long[] options = new Long[n];
        String[] voters = new String[n];
        String[] hashes = new String[n];
        for (int i = 0; i < n; i++) {
            Ballot ballot = ballots.get(i);
            questions[i] = ballot.questionId();
            options[i] = ballot.optionId();
            voters[i] = ballot.voterId();
            hashes[i] = ballot.clientHash();
        }
        Set<Key> counted = new HashSet<>();
        // option id -> [question id, votes], sorted so concurrent writers lock rows in one order.
        Map<Long, long[]> perOption = new TreeMap<>();
        jdbc.sql("""
                        insert into vote (question_id, option_id, voter_id, client_hash)
                        select * from unnest(?::bigint[], ?::bigint[], ?::varchar[], ?::varchar[])
                        on conflict (question_id, voter_id) do nothing
                        returning question_id, option_id, voter_id
                        """)
                .params(questions, options, voters, hashes)
                .query((rs, row) -> {
                    counted.add(new Key(rs.getLong("question_id"), rs.getString("voter_id")));
                    perOption.computeIfAbsent(rs.getLong("option_id"), id -> new long[2])[1]++;
                    return null;
                })
                .list();
        if (perOption.isEmpty()) {
            return counted;
        }
        for (Ballot ballot : ballots) {
            long[] entry = perOption.get(ballot.optionId());
            if (entry != null) {
                entry[0] = ballot.questionId();
            }
        }
        int m = perOption.size();
        Long[] ids = new Long[m];
        Long[] ofQuestion = new Long[m];
        Long[] votes = new Long[m];
        int i = 0;
        for (var option : perOption.entrySet()) {
            ids[i] = option.getKey();
            ofQuestion[i] = option.getValue()[0];
            votes[i] = option.getValue()[1];
            i++;
        }
        // Last in the transaction: the count rows stay locked only for the commit.
        int updated = jdbc.sql("""
                        update vote_option o set votes = o.votes + d.votes
                          from unnest(?::bigint[], ?::bigint[], ?::bigint[]) as d(id, question_id, votes)
                         where o.id = d.id and o.question_id = d.question_id
                        """)
                .params(ids, ofQuestion, votes)
                .update();
        if (updated != m) {
            throw new IllegalArgumentException("A vote names an option that is not an answer to its poll");
        }
        return counted;
    }

    @Override
    public void start() {
        running = true;
        writer = new Thread(this::writeUntilStopped, "vote-writer");
        writer.setDaemon(true);
        writer.start();
    }

    @Override
    public void stop() {
        running = false;
        try {
            writer.join(10_000);
        }
        catch (InterruptedException ex) {
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
}
