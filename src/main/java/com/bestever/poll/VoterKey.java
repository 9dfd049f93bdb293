package com.bestever.poll;

import com.bestever.system.SiteSecrets;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * The site's secrets for the poll. One signs voter cookies (HMAC-SHA256): from configuration, or
 * generated once and kept in the database, so every instance shares it and a restart does not
 * sign every reader out of their votes. The other salts the hash of client addresses and is
 * never in the database: from configuration ({@code bestever.polls.address-key}), or random and
 * held in memory only. With the salt in the database, a dump would be enough to hash every IPv4
 * address and so turn each {@code client_hash} back into an address.
 */
@Component
class VoterKey {

    static final String NAME = "voter-key";

    private final PollSettings settings;
    private final SiteSecrets secrets;
    private final SecureRandom random = new SecureRandom();
    private volatile SecretKeySpec key;
    private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(this::newMac);
    private final SecretKeySpec addressKey;
    private final ThreadLocal<Mac> addressMacs;

    VoterKey(PollSettings settings, SiteSecrets secrets) {
        this.settings = settings;
        this.secrets = secrets;
        byte[] address;
        if (StringUtils.hasText(settings.addressKey())) {
            address = settings.addressKey().getBytes(StandardCharsets.UTF_8);
        } else {
            address = new byte[32];
            random.nextBytes(address);
        }
        this.addressKey = new SecretKeySpec(address, "HmacSHA256");
        this.addressMacs = ThreadLocal.withInitial(() -> newMac(addressKey));
    }

    /** A new random voter id: 128 bits, URL-safe. */
    String newVoterId() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The signature of a voter id, URL-safe. */
    String sign(String voterId) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(mac("voter:" + voterId));
    }

    boolean verify(String voterId, String signature) {
        return MessageDigest.isEqual(
                sign(voterId).getBytes(StandardCharsets.US_ASCII), signature.getBytes(StandardCharsets.US_ASCII));
    }

    /** A salted (keyed) hash of a client address: enough to throttle, never the address itself. */
    String hashOfAddress(String address) {
        byte[] hash = addressMacs.get().doFinal(("address:" + address).getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(hash, 0, 16);
    }

    private byte[] mac(String text) {
        // A Mac is not thread-safe, and looking one up and keying it costs more than using it.
        return macs.get().doFinal(text.getBytes(StandardCharsets.UTF_8));
    }

    private Mac newMac() {
        return newMac(key());
    }

    private static Mac newMac(SecretKeySpec key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException ex) {
            throw new IllegalStateException("HmacSHA256 is not available", ex);
        }
    }

    private SecretKeySpec key() {
        SecretKeySpec current = key;
        if (current == null) {
            synchronized (this) {
                if (key == null) {
                    key = new SecretKeySpec(loadKey(), "HmacSHA256");
                }
                current = key;
            }
        }
        return current;
    }

    private byte[] loadKey() {
        if (StringUtils.hasText(settings.voterKey())) {
            return settings.voterKey().getBytes(StandardCharsets.UTF_8);
        }
        return secrets.secret(NAME);
    }
}
