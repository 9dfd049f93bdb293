package com.bestever.poll;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.Duration;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * Votes from one client address are throttled: a token bucket per address that holds a
 * minute's worth of votes ({@code bestever.polls.votes-per-minute}) and refills at that rate.
 * Addresses are kept only as a salted hash. The buckets live in this instance's memory, so
 * behind several instances the limit applies per instance.
 */
@Component
class VoteThrottle {

    private final PollSettings settings;
    private final VoterKey key;
    private final Clock clock;
    private final Cache<String, Bucket> buckets = Caffeine.newBuilder()
            .expireAfterAccess(Duration.ofMinutes(10))
            .maximumSize(200_000)
            .build();

    VoteThrottle(PollSettings settings, VoterKey key, Clock clock) {
        this.settings = settings;
        this.key = key;
        this.clock = clock;
    }

    /** The salted hash of the address the request comes from. */
    String clientHash(HttpServletRequest request) {
        return key.hashOfAddress(clientAddress(request));
    }

    String clientAddress(HttpServletRequest request) {
        if (settings.trustForwardedFor()) {
            String forwarded = request.getHeader("X-Forwarded-For");
            if (StringUtils.hasText(forwarded)) {
                // The last entry is the one our own proxy added: the address it saw.
                String[] hops = forwarded.split(",");
                String last = hops[hops.length - 1].strip();
                if (!last.isEmpty()) {
                    return last;
                }
            }
        }
        return request.getRemoteAddr();
    }

    /** Takes one vote from the address's allowance: zero if it may vote now, else how long to wait. */
    Duration take(String clientHash) {
        return buckets.get(clientHash, hash -> new Bucket(settings.votesPerMinute(), clock.millis()))
                .take(clock.millis());
    }

    /** A token bucket: {@code capacity} tokens, refilled at {@code capacity} per minute. */
    static final class Bucket {

        private final double capacity;
        private final double perMilli;
        private double tokens;
        private long updated;

        Bucket(int perMinute, long now) {
            this.capacity = perMinute;
            this.perMilli = perMinute / 60_000.0;
            this.tokens = perMinute;
            this.updated = now;
        }

        synchronized Duration take(long now) {
            // A clock that steps back refills nothing, and refilling resumes from the new time.
            tokens = Math.min(capacity, tokens + Math.max(0, now - updated) * perMilli);
            updated = now;
            if (tokens >= 1) {
                tokens -= 1;
                return Duration.ZERO;
            }
            return Duration.ofMillis((long) Math.ceil((1 - tokens) / perMilli));
        }
    }
}
