package com.bestever.poll;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A cap on the votes one client address (an IPv6 /64) casts in one round of one poll
 * ({@code bestever.polls.votes-per-client-per-poll}), on top of the per-minute throttle: a
 * reader who drops their cookie can vote again, but not without limit. Each address's count is
 * read from the vote rows the first time it votes in a poll since the site started (the rows
 * keep the salted hash), then kept in memory: taken when a vote is admitted, given back when it
 * was not counted.
 */
@Component
class VoteCap {

    private final JdbcClient jdbc;
    private final PollSettings settings;
    private final Cache<Key, AtomicInteger> cast = Caffeine.newBuilder()
            .expireAfterAccess(Duration.ofHours(6))
            .maximumSize(200_000)
            .build();

    VoteCap(JdbcClient jdbc, PollSettings settings) {
        this.jdbc = jdbc;
        this.settings = settings;
    }

    record Key(long pollId, int round, String clientHash) {}

    /** Takes one of the address's votes in the poll's round: false when it has none left. */
    boolean take(Poll poll, String clientHash) {
        AtomicInteger count = cast.get(new Key(poll.id(), poll.round(), clientHash), this::stored);
        int cap = settings.votesPerClientPerPoll();
        for (int n = count.get(); n < cap; n = count.get()) {
            if (count.compareAndSet(n, n + 1)) {
                return true;
            }
        }
        return false;
    }

    /** A vote taken but not counted (a repeat, or not written): the address may use it again. */
    void giveBack(Poll poll, String clientHash) {
        AtomicInteger count = cast.getIfPresent(new Key(poll.id(), poll.round(), clientHash));
        if (count != null) {
            count.updateAndGet(n -> Math.max(0, n - 1));
        }
    }

    private AtomicInteger stored(Key key) {
        long votes = jdbc.sql("select count(*) from vote where question_id = ? and round = ? and client_hash = ?")
                .params(key.pollId(), key.round(), key.clientHash())
                .query(Long.class)
                .single();
        return new AtomicInteger((int) Math.min(Integer.MAX_VALUE, votes));
    }
}
