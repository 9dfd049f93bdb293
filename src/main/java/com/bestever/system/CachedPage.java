package com.bestever.system;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/**
 * A rendered public page, kept as plain and as gzipped bytes with a strong ETag for each
 * (the hash of the plain bytes; the gzipped representation's tag ends in {@code -gz}), plus
 * the response headers to send with it again.
 */
record CachedPage(
        byte[] plain,
        byte[] gzipped,
        String etag,
        String gzipEtag,
        String contentType,
        List<Map.Entry<String, String>> headers) {

    static CachedPage of(byte[] plain, String contentType, List<Map.Entry<String, String>> headers) {
        String hash = Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(sha256(plain), 18));
        return new CachedPage(
                plain, gzip(plain), "\"" + hash + "\"", "\"" + hash + "-gz\"", contentType, List.copyOf(headers));
    }

    int weight() {
        return plain.length + gzipped.length + 512;
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /**
     * zlib's default level: the reader whose request renders the page waits for it. The best level
     * made a review 0.2% smaller for the same time, and a 5 MB sitemap page 11% smaller for three
     * times the time (170 ms against 58 ms here).
     */
    private static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 3 + 64);
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(bytes);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return out.toByteArray();
    }
}
