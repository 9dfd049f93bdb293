package com.bestever.admin;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.OptionalLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * RFC 6238 time-based one-time passwords (on RFC 4226's HOTP): the codes an authenticator app
 * shows. Steps of 30 seconds from the Unix epoch, six digits, HMAC-SHA1 as every app supports
 * (SHA-256 and SHA-512 are here for the RFC's test vectors). A code is accepted one step either
 * side of now, for clocks that are a little off; the step it matched is returned so that it is
 * never accepted twice.
 */
final class Totp {

    static final int STEP_SECONDS = 30;
    static final int DIGITS = 6;
    /** Steps either side of now that are accepted (phone clocks drift, people type slowly). */
    static final int WINDOW = 1;

    private static final int[] POWERS = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000};

    private Totp() {}

    /** The time step of an instant (RFC 6238 section 4.2, T0 = 0). */
    static long step(Instant at) {
        return Math.floorDiv(at.getEpochSecond(), STEP_SECONDS);
    }

    /** The code for a step: RFC 4226's dynamic truncation of HMAC(key, step), {@code digits} long. */
    static String code(byte[] key, long step, int digits, String algorithm) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(key, "RAW"));
            byte[] hash = mac.doFinal(ByteBuffer.allocate(8).putLong(step).array());
            int offset = hash[hash.length - 1] & 0x0f;
            int binary = ((hash[offset] & 0x7f) << 24)
                    | ((hash[offset + 1] & 0xff) << 16)
                    | ((hash[offset + 2] & 0xff) << 8)
                    | (hash[offset + 3] & 0xff);
            String code = Integer.toString(binary % POWERS[digits]);
            return "0".repeat(digits - code.length()) + code;
        } catch (GeneralSecurityException ex) {
            throw new IllegalStateException(algorithm + " is part of every Java runtime", ex);
        }
    }

    /** The six-digit SHA-1 code an authenticator app shows at this step. */
    static String code(byte[] key, long step) {
        return code(key, step, DIGITS, "HmacSHA1");
    }

    /**
     * The step whose code this is, within {@link #WINDOW} of now's, and after {@code lastStep}
     * (a code already used, or one older than it, is refused); empty when none matches.
     */
    static OptionalLong match(byte[] key, String typed, Instant now, long lastStep) {
        String code = typed == null ? "" : typed.replaceAll("\\s", "");
        if (!code.matches("\\d{" + DIGITS + "}")) {
            return OptionalLong.empty();
        }
        long current = step(now);
        for (long step = current - WINDOW; step <= current + WINDOW; step++) {
            if (step > lastStep && constantTimeEquals(code(key, step), code)) {
                return OptionalLong.of(step);
            }
        }
        return OptionalLong.empty();
    }

    private static boolean constantTimeEquals(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(), b.getBytes());
    }
}
