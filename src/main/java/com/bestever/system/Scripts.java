package com.bestever.system;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * The site's few scripts (progressive enhancement in {@code static/js}), each by its SHA-256.
 * The browser policy allows exactly these scripts, by hash, rather than anything served from the
 * site's own origin: an uploaded file or a future endpoint that answers with script-like text
 * can never be run as a script. Templates put the same hash in each script tag's
 * {@code integrity} attribute ({@code ${integrity['poll.js']}}), which is how the
 * browser matches an external script to a hash in the policy. A browser that can't match
 * external scripts by hash runs none of them; every page works without them.
 */
@Component
@ControllerAdvice
public class Scripts {

    private final Map<String, String> integrity;
    private final String sources;

    Scripts() {
        this(new PathMatchingResourcePatternResolver());
    }

    Scripts(PathMatchingResourcePatternResolver resolver) {
        Map<String, String> hashes = new TreeMap<>();
        try {
            for (Resource script : resolver.getResources("classpath*:static/js/*.js")) {
                try (InputStream in = script.getInputStream()) {
                    hashes.put(script.getFilename(), "sha256-" + sha256(in.readAllBytes()));
                }
            }
        } catch (IOException ex) {
            throw new UncheckedIOException("The site's scripts could not be read", ex);
        }
        this.integrity = Map.copyOf(hashes);
        // In the order of the files' names, so the policy is the same text on every instance.
        this.sources = hashes.values().stream().map(hash -> "'" + hash + "'").collect(Collectors.joining(" "));
    }

    /** Each script's {@code integrity} attribute by its file name, for templates: {@code ${integrity['poll.js']}}. */
    @ModelAttribute("integrity")
    public Map<String, String> integrity() {
        return integrity;
    }

    /** The policy's {@code script-src} sources: each script's hash, quoted. */
    String sources() {
        return sources;
    }

    private static String sha256(byte[] bytes) {
        try {
            return Base64.getEncoder()
                    .encodeToString(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", ex);
        }
    }
}
