package com.bestever.admin;

import com.bestever.system.SiteSecrets;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Counts failed sign-ins per user name and per client address: after {@value #LIMIT} failures
 * within {@link #WINDOW}, further sign-ins with that name or from that address are refused
 * until fewer than {@value #LIMIT} of its failures are that recent. Unknown and known user
 * names are counted alike, so the refusal says nothing about which names exist.
 *
 * <p>Kept in the database (table {@code sign_in_failure}), so every instance of the site counts
 * together and a restart forgets nothing: spreading guesses over instances gains nothing. Keys
 * are keyed hashes (HMAC-SHA-256 with a secret every instance shares, from {@link SiteSecrets}):
 * neither client addresses nor typed user names (often a password typed in the wrong box) are
 * kept. IPv6 addresses count per /64 network, since one client usually holds all of it.
 */
@Component
class SignInThrottle {

    static final int LIMIT = 5;
    static final Duration WINDOW = Duration.ofMinutes(15);
    static final String SECRET = "sign-in-throttle-key";

    private final JdbcClient jdbc;
    private final SiteSecrets secrets;
    private final Clock clock;
    private volatile SecretKeySpec key;

    SignInThrottle(JdbcClient jdbc, SiteSecrets secrets, Clock clock) {
        this.jdbc = jdbc;
        this.secrets = secrets;
        this.clock = clock;
    }

    /** How long a sign-in with this user name from this address must still wait, if it must. */
    Optional<Duration> refusal(String username, String address) {
        Instant now = clock.instant();
        Duration wait = max(waitFor(userKey(username), now), waitFor(addressKey(address), now));
        return !wait.isNegative() && !wait.isZero() ? Optional.of(wait) : Optional.empty();
    }

    void failed(String username, String address) {
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.sql("insert into sign_in_failure (key, failed_at) values (?, ?), (?, ?)")
                .params(userKey(username), now, addressKey(address), now)
                .update();
        // Failures older than the window count no more: the table holds only the last one.
        jdbc.sql("delete from sign_in_failure where failed_at <= ?")
                .param(Timestamp.from(now.toInstant().minus(WINDOW)))
                .update();
    }

    /** A right password clears the count for the user name; the address keeps its count. */
    void succeeded(String username) {
        jdbc.sql("delete from sign_in_failure where key = ?")
                .param(userKey(username))
                .update();
    }

    /** Until the {@value #LIMIT}th latest failure within the window leaves it; zero when there are fewer. */
    private Duration waitFor(String key, Instant now) {
        return jdbc.sql("""
                        select failed_at from sign_in_failure
                         where key = ? and failed_at > ? and failed_at <= ?
                         order by failed_at desc offset ? limit 1
                        """)
                .params(key, Timestamp.from(now.minus(WINDOW)), Timestamp.from(now), LIMIT - 1)
                .query((rs, row) -> rs.getTimestamp("failed_at").toInstant())
                .optional()
                .map(fifthLatest -> Duration.between(now, fifthLatest.plus(WINDOW)))
                .orElse(Duration.ZERO);
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private String userKey(String username) {
        return "user:" + hash(Usernames.normalise(username).getBytes(StandardCharsets.UTF_8));
    }

    private String addressKey(String address) {
        return "address:" + hash(network(address));
    }

    /** The address's bytes; for IPv6 only the /64 network. */
    private static byte[] network(String address) {
        // Only IPv6 literals get here, so getByName parses and never asks DNS.
        if (address != null && address.indexOf(':') >= 0 && address.matches("[0-9A-Fa-f:.]+")) {
            try {
                byte[] bytes = InetAddress.getByName(address).getAddress();
                return bytes.length == 16 ? Arrays.copyOf(bytes, 8) : bytes;
            } catch (UnknownHostException ex) {
                // not an address after all: hashed as text below
            }
        }
        return String.valueOf(address).getBytes(StandardCharsets.UTF_8);
    }

    private String hash(byte[] value) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key());
            return HexFormat.of().formatHex(mac.doFinal(value));
        } catch (GeneralSecurityException ex) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", ex);
        }
    }

    /** Read at the first sign-in, not at startup: the database may not be migrated yet then. */
    private SecretKeySpec key() {
        SecretKeySpec current = key;
        if (current == null) {
            current = new SecretKeySpec(secrets.secret(SECRET), "HmacSHA256");
            key = current;
        }
        return current;
    }
}
