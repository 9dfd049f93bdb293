package com.bestever.system;

import java.security.SecureRandom;
import java.util.Base64;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Secrets the site makes for itself (keys for signing and for keyed hashes), kept in the table
 * {@code site_secret}: made once by the first instance that needs one, then read by every
 * instance, so all of them sign and hash alike and a restart changes nothing.
 */
@Component
public class SiteSecrets {

    private final JdbcClient jdbc;
    private final SecureRandom random = new SecureRandom();

    public SiteSecrets(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The secret of this name: 32 random bytes, the same on every instance. */
    public byte[] secret(String name) {
        byte[] fresh = new byte[32];
        random.nextBytes(fresh);
        // The first instance to get here wins; every other one reads the same secret.
        jdbc.sql("insert into site_secret (name, value) values (?, ?) on conflict (name) do nothing")
                .params(name, Base64.getEncoder().encodeToString(fresh))
                .update();
        String stored = jdbc.sql("select value from site_secret where name = ?")
                .param(name)
                .query(String.class)
                .single();
        return Base64.getDecoder().decode(stored);
    }
}
