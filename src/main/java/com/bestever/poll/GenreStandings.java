package com.bestever.poll;

import com.bestever.system.ContentChanged;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
 * <p>Standings that are due are recounted in the background, one genre at a time, while
 * readers get the previous ones. Only a genre not counted since start (or since a change) makes
 * its readers wait, and then for one count, not one each.
 */
@Service
class GenreStandings {

    private static final Logger log = LoggerFactory.getLogger(GenreStandings.class);

    /** A genre's standings as counted at {@code asOf}. */
    record Kept(Leaderboard.Verdict verdict, List<Challengers.Named> challengers, Instant asOf) {}

    private final Leaderboard leaderboard;
    private final Challengers challengers;
    private final Clock clock;
    private final Duration maxAge;
    private final Map<Long, Kept> kept = new ConcurrentHashMap<>();
    private final Map<Long, ReentrantLock> firstCount = new ConcurrentHashMap<>();
    private final Set<Long> recounting = ConcurrentHashMap.newKeySet();
    // One recount at a time, off the readers' requests: a genre at 100k takes ~100-300 ms of PostgreSQL.
    private final ExecutorService recounter = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "verdict-recount");
        thread.setDaemon(true);
        return thread;
    });
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

    /**
     * The genre's standings, counted at most {@link #maxAge} ago (or since the last change);
     * when they are due, the previous standings while they are recounted in the background.
     */
    Kept of(long genreId) {
        if (maxAge.isZero()) {
            return count(genreId);
        }
        Kept current = kept.get(genreId);
        if (current != null) {
            if (!isFresh(current) && recounting.add(genreId)) {
                try {
                    recounter.execute(() -> {
                        try {
                            count(genreId);
                        } catch (RuntimeException ex) {
                            // The previous standings stay; the next reader asks again.
                            log.warn("Could not recount the standings of genre {}: {}", genreId, ex.toString());
                        } finally {
                            recounting.remove(genreId);
                        }
                    });
                } catch (RejectedExecutionException ex) {
                    recounting.remove(genreId); // shutting down
                }
            }
            return current;
        }
        ReentrantLock lock = firstCount.computeIfAbsent(genreId, id -> new ReentrantLock());
        lock.lock();
        try {
            Kept counted = kept.get(genreId);
            return counted != null ? counted : count(genreId); // counted while this reader waited
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

    @PreDestroy
    void stop() {
        recounter.shutdownNow();
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
