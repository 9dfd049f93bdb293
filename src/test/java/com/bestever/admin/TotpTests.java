package com.bestever.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RFC 6238's published test vectors (appendix B), and what the sign-in relies on around them. */
class TotpTests {

    static final byte[] SHA1_SEED = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);
    static final byte[] SHA256_SEED = "12345678901234567890123456789012".getBytes(StandardCharsets.US_ASCII);
    static final byte[] SHA512_SEED =
            "1234567890123456789012345678901234567890123456789012345678901234".getBytes(StandardCharsets.US_ASCII);

    @ParameterizedTest(name = "at {0} s: {1} / {2} / {3}")
    @CsvSource({
        "59,          94287082, 46119246, 90693936",
        "1111111109,  07081804, 68084774, 25091201",
        "1111111111,  14050471, 67062674, 99943326",
        "1234567890,  89005924, 91819424, 93441116",
        "2000000000,  69279037, 90698825, 38618901",
        "20000000000, 65353130, 77737706, 47863826"
    })
    void rfc6238TestVectors(long seconds, String sha1, String sha256, String sha512) {
        long step = Totp.step(Instant.ofEpochSecond(seconds));
        assertThat(Totp.code(SHA1_SEED, step, 8, "HmacSHA1")).isEqualTo(sha1);
        assertThat(Totp.code(SHA256_SEED, step, 8, "HmacSHA256")).isEqualTo(sha256);
        assertThat(Totp.code(SHA512_SEED, step, 8, "HmacSHA512")).isEqualTo(sha512);
    }

    @Test
    void theAppsSixDigitsAreTheLastSixOfTheRfcsEight() {
        // RFC 4226's truncation takes the number modulo 10^digits: six digits are the eight's last six.
        assertThat(Totp.code(SHA1_SEED, Totp.step(Instant.ofEpochSecond(1111111109))))
                .isEqualTo("081804");
    }

    @Test
    void aCodeMatchesItsStepOneStepEitherSideButNotAStepAlreadyTaken() {
        Instant now = Instant.ofEpochSecond(1234567890);
        long step = Totp.step(now);
        String code = Totp.code(SHA1_SEED, step);

        assertThat(Totp.match(SHA1_SEED, code, now, -1)).hasValue(step);
        assertThat(Totp.match(SHA1_SEED, code.substring(0, 3) + " " + code.substring(3), now, -1))
                .hasValue(step);
        assertThat(Totp.match(SHA1_SEED, code, now.plusSeconds(30), -1)).hasValue(step);
        assertThat(Totp.match(SHA1_SEED, code, now.minusSeconds(30), -1)).hasValue(step);
        assertThat(Totp.match(SHA1_SEED, code, now.plusSeconds(90), -1)).isEmpty();
        assertThat(Totp.match(SHA1_SEED, code, now, step)).as("replayed").isEmpty();
        assertThat(Totp.match(SHA1_SEED, "12345", now, -1)).isEmpty();
        assertThat(Totp.match(SHA1_SEED, "abcdef", now, -1)).isEmpty();
    }

    @Test
    void base32RoundTripsAndReadsWhatPeopleType() {
        assertThat(Base32.encode("12345678901234567890".getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
        assertThat(Base32.decode("gezd gnbv gy3t qojq gezd gnbv gy3t qojq")).isEqualTo(SHA1_SEED);
        assertThat(Base32.decode("not base32!")).isNull();
    }
}
