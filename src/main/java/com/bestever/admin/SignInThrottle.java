package com.bestever.admin;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import org.springframework.stereotype.Component;

/**
 * Counts failed sign-ins per user name and per client address: after {@value #LIMIT} failures
 * within {@link #WINDOW}, further sign-ins with that name or from that address are refused
 * until {@link #WINDOW} has passed since the last failure. Unknown and known user names are
 * counted alike, so the refusal says nothing about which names exist.
 *
 * <p>Kept in memory (Caffeine, bounded), so a restart forgets the counts and each instance of
 * the site counts on its own. Keys are keyed hashes (HMAC-SHA-256 with a secret made at
 * startup): neither client addresses nor typed user names (often a password typed in the wrong
 * box) are kept. IPv6 addresses count per /64 network, since one client usually holds all of it.
 */
@Component
class SignInThrottle {

    static final int LIMIT = 5;
    static final Duration WINDOW = Duration.ofMinutes(15);

    private final Clock clock;
    private final byte[] secret = new byte[32];
    private final Cache<String, List<Instant>> failures = Caffeine.newBuilder()
            .maximumSize(100_000)
            .expireAfterWrite(WINDOW)
            .build();

    SignInThrottle(Clock clock) {
        this.clock = clock;
        new SecureRandom().nextBytes(secret);
    }

    /** How long a sign-in with this user name from this address must still wait, if it must. */
    Optional<Duration> refusal(String username, String address) {
        Instant now = clock.instant();
        Duration wait = max(waitFor(userKey(username), now), waitFor(addressKey(address), now));
        return !wait.isNegative() && !wait.isZero() ? Optional.of(wait) : Optional.empty();
    }

    void failed(String username, String address) {
        Instant now = clock.instant();
        record(userKey(username), now);
        record(addressKey(address), now);
    }

    /** A right password clears the count for the user name; the address keeps its count. */
    void succeeded(String username) {
        failures.invalidate(userKey(username));
    }

    private Duration waitFor(String key, Instant now) {
        List<Instant> recent = recent(failures.getIfPresent(key), now);
        if (recent.size() < LIMIT) {
            return Duration.ZERO;
        }
        return Duration.between(now, recent.get(recent.size() - 1).plus(WINDOW));
    }

    private void record(String key, Instant now) {
        failures.asMap().compute(key, (k, earlier) -> {
            List<Instant> recent = new ArrayList<>(recent(earlier, now));
            recent.add(now);
            return List.copyOf(recent.subList(Math.max(0, recent.size() - LIMIT), recent.size()));
        });
    }

    private static List<Instant> recent(List<Instant> all, Instant now) {
        if (all == null) {
            return List.of();
        }
        Instant since = now.minus(WINDOW);
        return all.stream().filter(at -> at.isAfter(since) && !at.isAfter(now)).toList();
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
            }
            catch (UnknownHostException ex) {
                // not an address after all: hashed as text below
            }
        }
        return String.valueOf(address).getBytes(StandardCharsets.UTF_8);
    }

    private String hash(byte[] value) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(value));
        }
        catch (GeneralSecurityException ex) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", ex);
        }
    }
}
