package com.bestever.system;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The port through which the site tells a CDN that the pages tagged with some tags are stale
 * ({@link EdgePurges} decides when). One adapter per kind of CDN, chosen by {@code bestever.cdn.purger}.
 */
interface EdgePurger {

    Duration TIMEOUT = Duration.ofSeconds(10);

    /** Purges the pages tagged with any of {@code tags} (at most {@link #batch()} of them); throws when the CDN refuses. */
    void purge(List<String> tags) throws IOException, InterruptedException;

    /** The most tags one purge request may name (the vendor's documented limit). */
    int batch();

    /** Sends a purge request and fails unless the CDN answers 2xx. */
    static void send(HttpClient client, HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> response =
                client.send(request.timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            String body = response.body();
            throw new IOException("the CDN answered " + response.statusCode() + ": "
                    + (body.length() > 200 ? body.substring(0, 200) : body));
        }
    }

    static String base(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** Tags as a JSON array; a tag is letters, digits and dashes, but quotes are escaped all the same. */
    static String jsonArray(List<String> values) {
        return values.stream()
                .map(value -> "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"")
                .collect(Collectors.joining(",", "[", "]"));
    }

    /**
     * A cache that takes {@code PURGE} requests (the shipped Varnish VCL, most self-hosted caches):
     * {@code PURGE /} with the tags, space-separated, in {@code X-Purge-Tags}.
     */
    record Http(HttpClient client, URI url) implements EdgePurger {

        @Override
        public void purge(List<String> tags) throws IOException, InterruptedException {
            send(
                    client,
                    HttpRequest.newBuilder(url)
                            .header("X-Purge-Tags", String.join(" ", tags))
                            .method("PURGE", HttpRequest.BodyPublishers.noBody()));
        }

        @Override
        public int batch() {
            return 100; // keeps the request header far below Varnish's 8 KB
        }
    }

    /**
     * Fastly: {@code POST /service/{id}/purge} with {@code {"surrogate_keys":[...]}} (up to 256 keys),
     * the API token in {@code Fastly-Key}, and {@code Fastly-Soft-Purge: 1} so the edge may still
     * serve the stale page while the site is down.
     */
    record Fastly(HttpClient client, CdnSettings.Fastly settings) implements EdgePurger {

        @Override
        public void purge(List<String> tags) throws IOException, InterruptedException {
            HttpRequest.Builder request = HttpRequest.newBuilder(
                            URI.create(base(settings.apiUrl()) + "/service/" + settings.serviceId() + "/purge"))
                    .header("Fastly-Key", settings.apiToken())
                    .header("Content-Type", "application/json")
                    .header("Accept", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"surrogate_keys\":" + jsonArray(tags) + "}"));
            if (settings.softPurge()) {
                request.header("Fastly-Soft-Purge", "1");
            }
            send(client, request);
        }

        @Override
        public int batch() {
            return 256;
        }
    }

    /**
     * Cloudflare: {@code POST /client/v4/zones/{zone}/purge_cache} with {@code {"tags":[...]}} (30 a
     * call) and {@code Authorization: Bearer}; on plans without Cache-Tag purges,
     * {@code {"purge_everything":true}}.
     */
    record Cloudflare(HttpClient client, CdnSettings.Cloudflare settings) implements EdgePurger {

        @Override
        public void purge(List<String> tags) throws IOException, InterruptedException {
            String body = settings.tags() ? "{\"tags\":" + jsonArray(tags) + "}" : "{\"purge_everything\":true}";
            send(
                    client,
                    HttpRequest.newBuilder(URI.create(
                                    base(settings.apiUrl()) + "/client/v4/zones/" + settings.zoneId() + "/purge_cache"))
                            .header("Authorization", "Bearer " + settings.apiToken())
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body)));
        }

        @Override
        public int batch() {
            return settings.tags() ? 30 : Integer.MAX_VALUE;
        }
    }
}
