package com.bestever.poll;

import jakarta.servlet.http.HttpServletRequest;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
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
 * instance of the site counts together: one statement per vote takes a vote from the minute's
 * allowance or finds none left, atomically (the row is locked while it is updated, so parallel
 * votes never both take the last one). A fixed minute rather than a token bucket: one row per
 * address and minute, no read-then-write; the price is that an address may send up to twice the
 * limit across a minute's boundary. Refused votes take nothing. Rows of minutes before the
 * previous one are deleted when an instance first votes in a new minute, so a flood of addresses
 * holds at most two minutes' worth of rows.
 */
@Component
class VoteThrottle {

    private final PollSettings settings;
    private final VoterKey key;
    private final Clock clock;
    private final JdbcClient jdbc;
    private final AtomicLong sweptMinute = new AtomicLong(Long.MIN_VALUE);

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
        sweepBefore(minute);
        boolean taken = jdbc.sql("""
                        insert into vote_throttle (client_hash, minute, votes) values (?, ?, 1)
                        on conflict (client_hash, minute)
                        do update set votes = vote_throttle.votes + 1 where vote_throttle.votes < ?
                        returning votes
                        """)
                .params(clientHash, minute, settings.votesPerMinute())
                .query(Integer.class)
                .optional()
                .isPresent();
        return taken ? Duration.ZERO : Duration.ofMillis((minute + 1) * 60_000L - now);
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
