package com.bestever.search;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * How much database time one client address may spend on searches: a bucket of milliseconds per
 * address that refills at {@code bestever.search.database-ms-per-second} and holds two seconds'
 * worth. Each search is charged what it took; an address whose bucket is empty is refused (429)
 * until it refills. The buckets are held for the addresses seen in the last minute, at most
 * {@value #ADDRESSES} of them, so the budget itself is bounded in memory.
 */
@Component
class SearchBudget {

    static final int ADDRESSES = 20_000;

    private final double refillPerMilli;
    private final double capacity;
    private final Cache<String, Bucket> buckets = Caffeine.newBuilder()
            .maximumSize(ADDRESSES)
            .expireAfterAccess(Duration.ofMinutes(1))
            .build();

    SearchBudget(@Value("${bestever.search.database-ms-per-second:500}") long perSecond) {
        this.refillPerMilli = perSecond / 1000.0;
        this.capacity = perSecond * 2.0;
    }

    /** Whether this address may search now. */
    boolean allows(String address) {
        return bucket(address).left(System.currentTimeMillis()) > 0;
    }

    /** Charges a search's database time to its address. */
    void charge(String address, long millis) {
        bucket(address).take(System.currentTimeMillis(), millis);
    }

    private Bucket bucket(String address) {
        return buckets.get(address, key -> new Bucket(capacity, System.currentTimeMillis()));
    }

    private final class Bucket {

        private double tokens;
        private long at;

        Bucket(double tokens, long at) {
            this.tokens = tokens;
            this.at = at;
        }

        synchronized double left(long now) {
            tokens = Math.min(capacity, tokens + (now - at) * refillPerMilli);
            at = now;
            return tokens;
        }

        synchronized void take(long now, long millis) {
            left(now);
            tokens -= millis;
        }
    }
}
