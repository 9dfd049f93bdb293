package com.bestever.poll;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.servlet.http.HttpServletRequest;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * Votes from one client address are throttled: a token bucket per address that holds a
 * minute's worth of votes ({@code bestever.polls.votes-per-minute}) and refills at that rate.
 * Addresses are kept only as a salted hash. An IPv6 client is keyed by its /64: one home or
 * phone gets a whole /64 and may pick any address in it, so a single address would be no limit
 * at all. The buckets live in this instance's memory, so behind several instances the limit
 * applies per instance.
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

    /** The salted hash of the address the request comes from (of its /64, for IPv6). */
    String clientHash(HttpServletRequest request) {
        return key.hashOfAddress(clientKey(clientAddress(request)));
    }

    /** An IPv4 address as it is; an IPv6 address as its /64 ("2001:db8:1:2::/64"). */
    static String clientKey(String address) {
        if (address == null || address.indexOf(':') < 0) {
            return address;
        }
        String literal =
                address.startsWith("[") && address.endsWith("]") ? address.substring(1, address.length() - 1) : address;
        int zone = literal.indexOf('%');
        if (zone >= 0) {
            literal = literal.substring(0, zone);
        }
        try {
            // A literal with a colon is parsed, never looked up in DNS.
            InetAddress parsed = InetAddress.getByName(literal);
            if (parsed instanceof Inet6Address) {
                byte[] bytes = parsed.getAddress();
                return String.format(
                        "%x:%x:%x:%x::/64",
                        (bytes[0] & 0xff) << 8 | bytes[1] & 0xff,
                        (bytes[2] & 0xff) << 8 | bytes[3] & 0xff,
                        (bytes[4] & 0xff) << 8 | bytes[5] & 0xff,
                        (bytes[6] & 0xff) << 8 | bytes[7] & 0xff);
            }
            return parsed.getHostAddress(); // an IPv4-mapped address
        } catch (UnknownHostException ex) {
            return address;
        }
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
