package com.bestever.poll;

import com.bestever.system.ContentChanged;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Each genre's readers' verdict and challengers as the verdict pages show them, computed once
 * and kept for at most {@code bestever.polls.verdict-max-age} (60 s): at 100,000 reviews a genre
 * has thousands of polls, and summing and ranking them per request cost seconds. Votes move the
 * counts continuously, so the pages say "as of" when they were counted; an editor's change
 * (a poll, review, film or genre saved, a verdict frozen) drops what is kept at once.
 *
 * <p>One reader recounts a genre whose standings are due; the others meanwhile get the
 * previous standings rather than waiting. Only a genre never counted makes its readers wait,
 * and then for one count, not one each.
 */
@Service
class GenreStandings {

    /** A genre's standings as counted at {@code asOf}. */
    record Kept(Leaderboard.Verdict verdict, List<Challengers.Named> challengers, Instant asOf) {}

    private final Leaderboard leaderboard;
    private final Challengers challengers;
    private final Clock clock;
    private final Duration maxAge;
    private final Map<Long, Kept> kept = new ConcurrentHashMap<>();
    private final Map<Long, ReentrantLock> counting = new ConcurrentHashMap<>();
    // Bumped by every change: a count that began before it is not kept (it may have read the old state).
    private final AtomicLong changes = new AtomicLong();

    GenreStandings(
            Leaderboard leaderboard,
            Challengers challengers,
            Clock clock,
            @Value("${bestever.polls.verdict-max-age:60s}") Duration maxAge) {
        this.leaderboard = leaderboard;
        this.challengers = challengers;
        this.clock = clock;
        this.maxAge = maxAge;
    }

    /** The genre's standings, counted at most {@link #maxAge} ago (or since the last change). */
    Kept of(long genreId) {
        Kept current = kept.get(genreId);
        if (current != null && isFresh(current)) {
            return current;
        }
        ReentrantLock lock = counting.computeIfAbsent(genreId, id -> new ReentrantLock());
        if (current != null && !lock.tryLock()) {
            return current; // another reader is recounting it: these are at most a count old
        }
        if (current == null) {
            lock.lock();
        }
        try {
            Kept again = kept.get(genreId);
            if (again != null && again != current && isFresh(again)) {
                return again; // counted while this reader waited
            }
            return count(genreId);
        } finally {
            lock.unlock();
        }
    }

    /** How long standings are kept before they are counted again. */
    Duration maxAge() {
        return maxAge;
    }

    private boolean isFresh(Kept standings) {
        return clock.instant().isBefore(standings.asOf().plus(maxAge));
    }

    private Kept count(long genreId) {
        long before = changes.get();
        Instant asOf = clock.instant();
        Kept counted = new Kept(leaderboard.of(genreId), challengers.top(genreId), asOf);
        if (!maxAge.isZero() && changes.get() == before) {
            kept.put(genreId, counted);
        }
        return counted;
    }

    /**
     * Drops every kept standing once a change is committed (outside a transaction, at once):
     * dropped before the commit, a reader in between would count the old state and keep it.
     */
    @TransactionalEventListener(fallbackExecution = true)
    void contentChanged(ContentChanged event) {
        changes.incrementAndGet();
        kept.clear();
    }
}
