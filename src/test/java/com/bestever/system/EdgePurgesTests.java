package com.bestever.system;

import static com.bestever.support.Eventually.until;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The purger adapters against a local HTTP server standing in for each vendor's API: the exact
 * request their documented APIs take, coalescing, the second purge, and a failing endpoint.
 */
class EdgePurgesTests {

    /** One request as the vendor's API received it. */
    record Received(String method, String path, Map<String, List<String>> headers, String body) {

        String header(String name) {
            return headers.entrySet().stream()
                    .filter(entry -> entry.getKey().equalsIgnoreCase(name))
                    .map(entry -> String.join(",", entry.getValue()))
                    .findFirst()
                    .orElse(null);
        }
    }

    private HttpServer api;
    private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    private final AtomicInteger failuresToGo = new AtomicInteger();
    private final SimpleMeterRegistry metrics = new SimpleMeterRegistry();
    private EdgePurges purges;

    @BeforeEach
    void startApi() throws IOException {
        api = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        api.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.add(new Received(
                    exchange.getRequestMethod(),
                    exchange.getRequestURI().getPath(),
                    Map.copyOf(exchange.getRequestHeaders()),
                    body));
            boolean fail = failuresToGo.getAndUpdate(left -> left > 0 ? left - 1 : left) != 0;
            byte[] answer = (fail ? "{\"success\":false}" : "{\"success\":true}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(fail ? 503 : 200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        api.start();
    }

    @AfterEach
    void stop() {
        if (purges != null) {
            purges.stop();
        }
        api.stop(0);
    }

    private String apiUrl() {
        return "http://127.0.0.1:" + api.getAddress().getPort();
    }

    private EdgePurges purges(CdnSettings.Purger purger, int attempts) {
        CdnSettings settings = new CdnSettings(
                purger,
                apiUrl() + "/",
                new CdnSettings.Fastly(apiUrl(), "SU1Z0isxPaozGVKXdv0eY", "fastly-token-123", true),
                new CdnSettings.Cloudflare(apiUrl(), "023e105f4ecef8ad9ca31a8372d0c353", "cf-token-456", true),
                Duration.ofHours(24),
                Duration.ofDays(1),
                Duration.ofMillis(300),
                Duration.ofMillis(700),
                attempts,
                Duration.ofMillis(50));
        purges = new EdgePurges(settings, metrics);
        return purges;
    }

    private Received next() throws InterruptedException {
        Received request = received.poll(5, TimeUnit.SECONDS);
        assertThat(request).as("a purge request within 5 s").isNotNull();
        return request;
    }

    private static ContentChanged reviewChanged(long id) {
        return new ContentChanged(ContentChanged.Kind.REVIEW, id, Set.of("reviews", "genre-2-reviews"));
    }

    @Test
    void fastlyPurgesTheChangedKeysSoftlyWithTheServiceToken() throws Exception {
        EdgePurges purges = purges(CdnSettings.Purger.FASTLY, 3);

        purges.changed(reviewChanged(12));

        Received request = next();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/service/SU1Z0isxPaozGVKXdv0eY/purge");
        assertThat(request.header("Fastly-Key")).isEqualTo("fastly-token-123");
        assertThat(request.header("Fastly-Soft-Purge")).isEqualTo("1");
        assertThat(request.header("Content-Type")).isEqualTo("application/json");
        assertThat(request.body()).isEqualTo("{\"surrogate_keys\":[\"genre-2-reviews\",\"review-12\",\"reviews\"]}");
        // Sent again a moment later, for an instance that heard of the change late.
        assertThat(next().body()).isEqualTo(request.body());
        until(() -> metrics.counter("bestever.cdn.purges").count() == 2);
        assertThat(metrics.counter("bestever.cdn.purges").count()).isEqualTo(2);
    }

    @Test
    void cloudflarePurgesTheChangedTagsWithABearerToken() throws Exception {
        EdgePurges purges = purges(CdnSettings.Purger.CLOUDFLARE, 3);

        purges.changed(reviewChanged(7));

        Received request = next();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/client/v4/zones/023e105f4ecef8ad9ca31a8372d0c353/purge_cache");
        assertThat(request.header("Authorization")).isEqualTo("Bearer cf-token-456");
        assertThat(request.header("Content-Type")).isEqualTo("application/json");
        assertThat(request.body()).isEqualTo("{\"tags\":[\"genre-2-reviews\",\"review-7\",\"reviews\"]}");
    }

    @Test
    void cloudflareTakesThirtyTagsACall() throws Exception {
        EdgePurges purges = purges(CdnSettings.Purger.CLOUDFLARE, 3);

        for (long id = 1; id <= 40; id++) {
            purges.changed(new ContentChanged(ContentChanged.Kind.FILM, id, Set.of()));
        }

        assertThat(next().body().split(",")).hasSize(30);
        assertThat(next().body().split(",")).hasSize(10);
    }

    @Test
    void aPlainCacheGetsPurgeWithTheTagsInAHeader() throws Exception {
        EdgePurges purges = purges(CdnSettings.Purger.HTTP, 3);

        purges.changed(reviewChanged(3));

        Received request = next();
        assertThat(request.method()).isEqualTo("PURGE");
        assertThat(request.path()).isEqualTo("/");
        assertThat(request.header("X-Purge-Tags")).isEqualTo("genre-2-reviews review-3 reviews");
    }

    @Test
    void changesWithinTheWaitAreOnePurgeOfTheirUnion() throws Exception {
        EdgePurges purges = purges(CdnSettings.Purger.FASTLY, 3);

        for (long id = 1; id <= 20; id++) {
            purges.changed(reviewChanged(id));
        }

        Received first = next();
        for (long id = 1; id <= 20; id++) {
            assertThat(first.body()).contains("\"review-" + id + "\"");
        }
        assertThat(first.body()).containsOnlyOnce("\"reviews\"");
        Received second = next(); // the same purge again, a moment later
        assertThat(second.body()).isEqualTo(first.body());
        assertThat(received.poll(1, TimeUnit.SECONDS)).as("no third purge").isNull();
    }

    @Test
    void everythingPurgesTheSiteWideKey() throws Exception {
        EdgePurges purges = purges(CdnSettings.Purger.FASTLY, 3);

        purges.changed(reviewChanged(1));
        purges.everythingChanged(ContentChanged.everything());
        purges.changed(reviewChanged(2));

        assertThat(next().body()).isEqualTo("{\"surrogate_keys\":[\"site\"]}");
    }

    @Test
    void aFailingPurgeIsRetriedThenCountedAndShownWithoutFailingTheCaller() throws Exception {
        EdgePurges purges = purges(CdnSettings.Purger.FASTLY, 3);
        failuresToGo.set(-1); // fails for good

        long before = System.nanoTime();
        purges.changed(reviewChanged(5)); // the save: returns at once
        assertThat(Duration.ofNanos(System.nanoTime() - before)).isLessThan(Duration.ofMillis(100));

        for (int attempt = 1; attempt <= 3; attempt++) {
            assertThat(next().body()).contains("review-5");
        }
        until(() -> purges.failing().isPresent());
        assertThat(purges.failing())
                .hasValueSatisfying(failure -> assertThat(failure.reason()).contains("503"));
        assertThat(metrics.counter("bestever.cdn.purge.failures").count()).isGreaterThanOrEqualTo(1);

        failuresToGo.set(0); // the CDN is back: the next purge clears the warning
        purges.changed(reviewChanged(6));
        until(() -> purges.failing().isEmpty());
        assertThat(purges.failing()).isEmpty();
    }

    @Test
    void aPurgeThatFailsOnceSucceedsOnRetry() throws Exception {
        EdgePurges purges = purges(CdnSettings.Purger.CLOUDFLARE, 3);
        failuresToGo.set(1);

        purges.changed(reviewChanged(8));

        Received refused = next();
        Received retried = next();
        assertThat(retried.body()).isEqualTo(refused.body());
        Thread.sleep(300);
        assertThat(purges.failing()).isEmpty();
        assertThat(metrics.counter("bestever.cdn.purge.failures").count()).isZero();
    }

    @Test
    void withoutAPurgerNothingIsSent() throws Exception {
        EdgePurges purges = purges(CdnSettings.Purger.NONE, 3);

        purges.changed(reviewChanged(9));

        assertThat(received.poll(1, TimeUnit.SECONDS)).isNull();
    }
}
