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
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sign-in back-off, without a captcha: failures are counted per (user name, client address)
 * pair, per address and per user name, and each of them, past its limit, refuses further
 * sign-ins for a wait that doubles with every further failure, up to a cap (see {@link Rule}).
 * The sign-in page states the wait. Unknown and known user names are counted alike, so a
 * refusal says nothing about which names exist.
 *
 * <p>Guessing one editor's password from many addresses must not lock the editor out: the user
 * name's own back-off is short (capped at {@link #NAME}'s longest wait), and it does not hold
 * back an address this name has signed in from before (a "known" pair). An administrator can
 * lift an account's back-off ({@link #reset}).
 *
 * <p>An attempt is counted before its password is checked, in one transaction that locks its
 * rows (in one order, so two attempts never deadlock): parallel guesses are counted one after
 * another, and no more than a limit's worth get a password check. A right password then takes
 * its attempt back. Kept in the database (table {@code sign_in_attempt}), so every instance
 * counts together and a restart forgets nothing. Keys are keyed hashes (HMAC-SHA-256 with a
 * secret every instance shares, from {@link SiteSecrets}): neither client addresses nor typed
 * user names (often a password typed in the wrong box) are kept. IPv6 addresses count per /64.
 */
@Component
class SignInThrottle {

    /** How many failures a key takes before it is refused, and how long, at first and at most. */
    record Rule(String prefix, int limit, Duration firstWait, Duration longestWait) {

        /** The wait after the {@code failures}th failure: none before the limit, then doubling, capped. */
        Duration waitAfter(int failures) {
            if (failures < limit) {
                return Duration.ZERO;
            }
            int doublings = Math.min(failures - limit, 20);
            Duration wait = firstWait.multipliedBy(1L << doublings);
            return wait.compareTo(longestWait) > 0 ? longestWait : wait;
        }
    }

    /** One name from one address: the guesser who knows whom to guess and sits in one place. */
    static final Rule PAIR = new Rule("pair:", 5, Duration.ofMinutes(1), Duration.ofMinutes(15));
    /** One address, whatever the names. */
    static final Rule ADDRESS = new Rule("address:", 10, Duration.ofMinutes(1), Duration.ofMinutes(15));
    /** One name, from everywhere: short, so that it can never lock the real editor out for long. */
    static final Rule NAME = new Rule("user:", 10, Duration.ofSeconds(30), Duration.ofMinutes(2));

    /** The longest any sign-in is refused for. */
    static final Duration LONGEST_WAIT = Duration.ofMinutes(15);
    /** Failures this long ago and not refusing anything any more are forgotten. */
    static final Duration FORGET_AFTER = Duration.ofHours(1);
    /** An address a name signed in from stays known this long after its last sign-in. */
    static final Duration KNOWN_FOR = Duration.ofDays(90);

    static final String SECRET = "sign-in-throttle-key";
    private static final String KNOWN = "known:";

    private final JdbcClient jdbc;
    private final SiteSecrets secrets;
    private final Clock clock;
    private final TransactionTemplate transaction;
    private final SignInAudit audit;
    private volatile SecretKeySpec key;

    SignInThrottle(
            JdbcClient jdbc, SiteSecrets secrets, Clock clock, TransactionTemplate transaction, SignInAudit audit) {
        this.jdbc = jdbc;
        this.secrets = secrets;
        this.clock = clock;
        this.transaction = transaction;
        this.audit = audit;
    }

    /** An attempt counted as a failure until its password proves right ({@link #succeeded}). */
    record Attempt(String userKey, String addressKey, String pairKey) {}

    private record Row(String key, int failures, Instant blockedUntil, Instant updatedAt) {}

    /**
     * Counts a sign-in attempt with this user name from this address, before its password is
     * checked; or refuses it without counting.
     *
     * @throws SignInRefused while the pair, the address or the user name is held back
     */
    Attempt attempt(String username, String address) {
        String userKey = userKey(username);
        String addressKey = addressKey(address);
        String pairKey = PAIR.prefix() + hash((userKey + "|" + addressKey).getBytes(StandardCharsets.UTF_8));
        Attempt attempt = new Attempt(userKey, addressKey, pairKey);
        Duration refused = transaction.execute(status -> {
            Duration wait = count(attempt);
            if (wait != null) {
                audit.refused(
                        username,
                        "refused by the sign-in back-off, without a password check (held back "
                                + new SignInRefused(wait).minutes() + " min)");
            }
            return wait;
        });
        if (refused != null) {
            throw new SignInRefused(refused);
        }
        return attempt;
    }

    /** In one transaction: the rows locked, then either a refusal (null: none) or every count taken. */
    private Duration count(Attempt attempt) {
        Instant now = clock.instant();
        Timestamp at = Timestamp.from(now);
        forgetOld(now);
        Map<String, Rule> rules =
                Map.of(attempt.pairKey(), PAIR, attempt.addressKey(), ADDRESS, attempt.userKey(), NAME);
        List<String> keys = rules.keySet().stream().sorted().toList();
        for (String key : keys) {
            jdbc.sql("""
                            insert into sign_in_attempt (key, user_key, address_key, failures, updated_at)
                            values (?, ?, ?, 0, ?) on conflict (key) do nothing
                            """)
                    .params(
                            key,
                            key.equals(attempt.pairKey()) ? attempt.userKey() : null,
                            key.equals(attempt.pairKey()) ? attempt.addressKey() : null,
                            at)
                    .update();
        }
        Map<String, Row> rows = jdbc
                .sql("""
                        select key, failures, blocked_until, updated_at from sign_in_attempt
                         where key in (?, ?, ?) order by key for update
                        """)
                .params(keys.get(0), keys.get(1), keys.get(2))
                .query((rs, n) -> new Row(
                        rs.getString("key"),
                        rs.getInt("failures"),
                        instant(rs.getTimestamp("blocked_until")),
                        rs.getTimestamp("updated_at").toInstant()))
                .list()
                .stream()
                .collect(Collectors.toMap(Row::key, Function.identity()));
        boolean known = jdbc.sql("select count(*) from sign_in_attempt where key = ? and updated_at > ?")
                        .params(knownKey(attempt), Timestamp.from(now.minus(KNOWN_FOR)))
                        .query(Long.class)
                        .single()
                > 0;
        Duration wait = Duration.ZERO;
        for (Row row : rows.values()) {
            boolean applies = !(known && rules.get(row.key()) == NAME);
            if (applies && row.blockedUntil() != null && row.blockedUntil().isAfter(now)) {
                Duration left = Duration.between(now, row.blockedUntil());
                wait = left.compareTo(wait) > 0 ? left : wait;
            }
        }
        if (!wait.isZero()) {
            return wait;
        }
        for (Row row : rows.values()) {
            boolean stale = row.updatedAt().isBefore(now.minus(FORGET_AFTER));
            int failures = (stale ? 0 : row.failures()) + 1;
            Duration blocked = rules.get(row.key()).waitAfter(failures);
            jdbc.sql("update sign_in_attempt set failures = ?, blocked_until = ?, updated_at = ? where key = ?")
                    .params(failures, blocked.isZero() ? null : Timestamp.from(now.plus(blocked)), at, row.key())
                    .update();
        }
        return null;
    }

    /** The password was wrong (or the account disabled): the attempt stays counted, and is recorded. */
    void failed(String username, String why) {
        transaction.executeWithoutResult(status -> audit.refused(username, why));
    }

    /** The password was right: the attempt was no failure, and this address is now known for the name. */
    void succeeded(Attempt attempt, SignedIn signedIn) {
        transaction.executeWithoutResult(status -> {
            audit.succeeded(signedIn);
            forgive(attempt);
        });
    }

    /**
     * A second factor's code was right: counted like a password (forgiven, the address known), its
     * audit entry written by {@code SecondFactors}, which checked it.
     */
    void codeAccepted(Attempt attempt) {
        transaction.executeWithoutResult(status -> forgive(attempt));
    }

    private void forgive(Attempt attempt) {
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.sql("delete from sign_in_attempt where key in (?, ?)")
                .params(attempt.pairKey(), attempt.userKey())
                .update();
        jdbc.sql("""
                        update sign_in_attempt
                           set failures = greatest(failures - 1, 0),
                               blocked_until = case when failures - 1 < ? then null else blocked_until end
                         where key = ?
                        """).params(ADDRESS.limit(), attempt.addressKey()).update();
        jdbc.sql("""
                        insert into sign_in_attempt (key, user_key, address_key, failures, updated_at)
                        values (?, ?, ?, 0, ?)
                        on conflict (key) do update set updated_at = excluded.updated_at
                        """)
                .params(knownKey(attempt), attempt.userKey(), attempt.addressKey(), now)
                .update();
    }

    /**
     * An administrator lifts the back-off of one user name: its own, its pairs', and that of the
     * addresses it was tried from. Addresses it signed in from stay known.
     */
    void reset(Account account) {
        String userKey = userKey(account.getUsername());
        transaction.executeWithoutResult(status -> {
            audit.backOffLifted(account, isHeldBack(account.getUsername()));
            jdbc.sql("""
                            delete from sign_in_attempt
                             where key in (select address_key from sign_in_attempt
                                            where user_key = ? and key like 'pair:%')
                            """).param(userKey).update();
            jdbc.sql("delete from sign_in_attempt where key = ? or (user_key = ? and key like 'pair:%')")
                    .params(userKey, userKey)
                    .update();
        });
    }

    /** Whether this user name is held back now, from anywhere (for the account's page). */
    boolean isHeldBack(String username) {
        Timestamp now = Timestamp.from(clock.instant());
        String userKey = userKey(username);
        return jdbc.sql("""
                        select count(*) from sign_in_attempt
                         where (key = ? or (user_key = ? and key like 'pair:%')) and blocked_until > ?
                        """).params(userKey, userKey, now).query(Long.class).single() > 0;
    }

    /** Bounded: rows that refuse nothing and were not touched for an hour go (known ones after 90 days). */
    private void forgetOld(Instant now) {
        // Rows another attempt holds are left for later: this never waits for a lock (nor deadlocks).
        jdbc.sql("""
                        delete from sign_in_attempt where key in (
                            select key from sign_in_attempt
                             where (key not like 'known:%' and updated_at < ? and (blocked_until is null or blocked_until < ?))
                                or (key like 'known:%' and updated_at < ?)
                               for update skip locked)
                        """)
                .params(
                        Timestamp.from(now.minus(FORGET_AFTER)),
                        Timestamp.from(now),
                        Timestamp.from(now.minus(KNOWN_FOR)))
                .update();
    }

    private String knownKey(Attempt attempt) {
        return KNOWN + attempt.pairKey().substring(PAIR.prefix().length());
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    private String userKey(String username) {
        return NAME.prefix() + hash(Usernames.normalise(username).getBytes(StandardCharsets.UTF_8));
    }

    private String addressKey(String address) {
        return ADDRESS.prefix() + hash(network(address));
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
