package com.bestever.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/** A kept page's gzip with a value put in per answer is the same text as the page, for any value. */
class GzipAroundTests {

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String gunzip(byte[] gzipped) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzipped))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void theValueGoesBetweenTheKeptHalves() throws IOException {
        String before = "<!DOCTYPE html><p>Sign in — é ".repeat(200) + "<input name=\"_csrf\" value=\"";
        String after = "\"><p>The newsroom.</p>".repeat(150);
        GzipAround gzip = GzipAround.of(bytes(before), bytes(after));
        for (String value : new String[] {"", "a", "3f9c-token-" + "x".repeat(40), "y".repeat(70_000)}) {
            byte[] plain = bytes(before + value + after);
            byte[] gzipped = gzip.around(bytes(value), plain);
            assertThat(gunzip(gzipped)).isEqualTo(before + value + after);
            if (value.length() < 100) {
                assertThat(gzipped.length).isLessThan(plain.length / 4);
            }
        }
    }

    @Test
    void aPageWithoutAValueIsOneWholeStream() throws IOException {
        String page = "<h1>This page is not here</h1>".repeat(100);
        GzipAround gzip = GzipAround.of(bytes(page), new byte[0]);
        assertThat(gunzip(gzip.around(new byte[0], bytes(page)))).isEqualTo(page);
        assertThat(GzipAround.of(new byte[0], new byte[0]).around(new byte[0], new byte[0]))
                .satisfies(empty -> assertThat(gunzip(empty)).isEmpty());
    }
}
