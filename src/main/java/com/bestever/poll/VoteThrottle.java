package com.bestever.poll;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.servlet.http.HttpServletRequest;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Votes from one client address are throttled: at most {@code bestever.polls.votes-per-minute}
 * in each minute of the clock. Addresses are kept only as a salted hash. An IPv6 client is keyed
 * by its /64: one home or phone gets a whole /64 and may pick any address in it, so a single
 * address would be no limit at all. The address is the one {@code system.ClientAddresses} made
 * the request's: the peer, or what a trusted proxy says.
 *
 * <p>The counts are in the database (an unlogged table, {@code vote_throttle}), so every
 * instance of the site counts together: one statement takes votes from the minute's allowance
 * only if they all fit, atomically (the row is locked while it is updated, so two instances never
 * both take the last one). A fixed minute rather than a token bucket: one row per address and
 * minute, no read-then-write; the price is that an address may send up to twice the limit across
 * a minute's boundary. Refused votes take nothing. Rows of minutes before the previous one are
 * deleted when an instance first votes in a new minute, so a flood of addresses holds at most two
 * minutes' worth of rows.
 *
 * <p>An address's first vote in a minute takes one vote from the shared count; if it keeps
 * voting through this instance, the instance takes 2, 4… up to {@value #LONGEST_LEASE} at once
 * and hands them out from memory ({@link Lease}): a busy address costs one statement per lease,
 * not one per vote (a statement per vote halved the votes 2 cores count). Never more than the
 * limit is taken in all; an instance may hold part of it unused when the minute ends, so a busy
 * address spread over several instances may be refused a little before it reaches the limit.
 */
@Component
class VoteThrottle {

    /** The most votes an instance takes from an address's shared count at once. */
    static final int LONGEST_LEASE = 32;

    private final PollSettings settings;
    private final VoterKey key;
    private final Clock clock;
    private final JdbcClient jdbc;
    private final AtomicLong sweptMinute = new AtomicLong(Long.MIN_VALUE);
    /** Leases of the addresses seen in the last two minutes (see {@link Lease}), bounded in number. */
    private final Cache<String, Lease> leases = Caffeine.newBuilder()
            .expireAfterAccess(Duration.ofMinutes(2))
            .maximumSize(100_000)
            .build();

    VoteThrottle(PollSettings settings, VoterKey key, Clock clock, JdbcClient jdbc) {
        this.settings = settings;
        this.key = key;
        this.clock = clock;
        this.jdbc = jdbc;
    }

    /** The salted hash of the address the request comes from (of its /64, for IPv6). */
    String clientHash(HttpServletRequest request) {
        return key.hashOfAddress(clientKey(request.getRemoteAddr()));
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

    /** Takes one vote from the address's allowance: zero if it may vote now, else how long to wait. */
    Duration take(String clientHash) {
        long now = clock.millis();
        long minute = Math.floorDiv(now, 60_000L);
        Duration untilNextMinute = Duration.ofMillis((minute + 1) * 60_000L - now);
        sweepBefore(minute);
        Lease lease = leases.get(clientHash, hash -> new Lease());
        lease.lock.lock();
        try {
            if (lease.minute != minute) {
                lease.minute = minute;
                lease.left = 0;
                lease.nextAsk = 1;
                lease.spent = false;
            }
            if (lease.left > 0) {
                lease.left--;
                return Duration.ZERO;
            }
            if (lease.spent) {
                return untilNextMinute; // the shared count only grows within a minute: no need to ask
            }
            int ask = Math.min(lease.nextAsk, settings.votesPerMinute());
            boolean granted = reserve(clientHash, minute, ask);
            if (!granted && ask > 1) {
                // Near the limit: what is left may be less than a whole lease, but one may still fit.
                ask = 1;
                granted = reserve(clientHash, minute, 1);
            }
            if (!granted) {
                lease.spent = true;
                return untilNextMinute;
            }
            lease.left = ask - 1;
            lease.nextAsk = Math.min(ask * 2, LONGEST_LEASE);
            return Duration.ZERO;
        } finally {
            lease.lock.unlock();
        }
    }

    /** Adds {@code votes} to the address's count for the minute if they all fit under the limit. */
    private boolean reserve(String clientHash, long minute, int votes) {
        return jdbc.sql("""
                        insert into vote_throttle (client_hash, minute, votes) values (?, ?, ?)
                        on conflict (client_hash, minute)
                        do update set votes = vote_throttle.votes + excluded.votes
                         where vote_throttle.votes + excluded.votes <= ?
                        returning votes
                        """)
                .params(clientHash, minute, votes, settings.votesPerMinute())
                .query(Integer.class)
                .optional()
                .isPresent();
    }

    /**
     * This instance's share of one address's allowance in one minute: votes taken from the shared
     * count but not used yet, how many to take next time, and whether the count is spent.
     */
    private static final class Lease {

        final ReentrantLock lock = new ReentrantLock();
        long minute = Long.MIN_VALUE;
        int left;
        int nextAsk = 1;
        boolean spent;
    }

    /** Once per minute per instance: the counts of minutes that can no longer refuse anything go. */
    private void sweepBefore(long minute) {
        long swept = sweptMinute.get();
        if (swept != minute && sweptMinute.compareAndSet(swept, minute)) {
            // The previous minute is kept: another instance's clock may be a little behind this one's.
            jdbc.sql("delete from vote_throttle where minute < ?")
                    .param(minute - 1)
                    .update();
        }
    }
}
