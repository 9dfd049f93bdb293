package com.bestever.system;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Tells the CDN what changed: every {@link ContentChanged}, once committed (or at once when it
 * is published outside a transaction, as a scheduled review going live is), adds its tags to
 * the next purge. That purge is sent {@code bestever.cdn.purge-after} later (by then every
 * instance has heard of the change through the database and dropped its own copy, so the edge
 * can't fetch the old page again from a late one), with all the tags that arrived meanwhile
 * (twenty saves in a second are one purge), and sent again {@code purge-again-after} later for
 * an instance that heard late. All of it happens on this class's own thread: a save never waits
 * for the CDN and never fails because of it. A purge the CDN refuses is retried with back-off;
 * one that keeps failing is logged once, counted ({@code bestever.cdn.purge.failures}) and shown
 * on the newsroom's front page until a purge succeeds again.
 */
@Component
public class EdgePurges {

    private static final Logger log = LoggerFactory.getLogger(EdgePurges.class);

    /** More tags than this waiting for one purge: purge the site-wide key instead (the queue stays bounded). */
    static final int MOST_TAGS = 2000;

    private final EdgePurger purger;
    /** True for a change another instance committed (it purges the CDN itself) or a reconnect's catch-up. */
    private final BooleanSupplier relayed;

    private final CdnSettings settings;
    private final ScheduledExecutorService thread;
    private final Counter sent;
    private final Counter failures;
    private final Object lock = new Object();
    private Set<String> waiting = new LinkedHashSet<>();
    private boolean scheduled;
    private volatile Failure lastFailure;

    /** A purge that failed every attempt: when, and what the CDN said. */
    public record Failure(Instant at, String reason) {}

    @Autowired
    EdgePurges(CdnSettings settings, MeterRegistry metrics, ContentNotices notices) {
        this(settings, metrics, purger(settings), notices::relaying);
    }

    EdgePurges(CdnSettings settings, MeterRegistry metrics) {
        this(settings, metrics, purger(settings), () -> false);
    }

    EdgePurges(CdnSettings settings, MeterRegistry metrics, EdgePurger purger, BooleanSupplier relayed) {
        this.settings = settings;
        this.purger = purger;
        this.relayed = relayed;
        this.sent = Counter.builder("bestever.cdn.purges")
                .description("Purge requests the CDN accepted")
                .register(metrics);
        this.failures = Counter.builder("bestever.cdn.purge.failures")
                .description("Purges that failed every attempt")
                .register(metrics);
        this.thread = purger == null
                ? null
                : Executors.newSingleThreadScheduledExecutor(runnable -> {
                    Thread thread = new Thread(runnable, "cdn-purges");
                    thread.setDaemon(true);
                    return thread;
                });
    }

    private static EdgePurger purger(CdnSettings settings) {
        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        return switch (settings.purger()) {
            case NONE -> null;
            case HTTP -> new EdgePurger.Http(client, URI.create(required(settings.purgeUrl(), "purge-url")));
            case FASTLY -> {
                required(settings.fastly().serviceId(), "fastly.service-id");
                required(settings.fastly().apiToken(), "fastly.api-token");
                yield new EdgePurger.Fastly(client, settings.fastly());
            }
            case CLOUDFLARE -> {
                required(settings.cloudflare().zoneId(), "cloudflare.zone-id");
                required(settings.cloudflare().apiToken(), "cloudflare.api-token");
                yield new EdgePurger.Cloudflare(client, settings.cloudflare());
            }
        };
    }

    private static String required(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("bestever.cdn." + name + " must be set for this CDN purger");
        }
        return value;
    }

    /** Content changed and is committed: its tags go into the next purge. */
    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void changed(ContentChanged event) {
        if (!event.isEverything()) {
            purgeSoon(event);
        }
    }

    /**
     * Everything changed (the navigation on every page, a missed notice at start-up, which also
     * means a new release's pages): purged at once, as it may be announced after a commit, where
     * no transactional listener hears it.
     */
    @EventListener
    void everythingChanged(ContentChanged event) {
        if (event.isEverything()) {
            purgeSoon(event);
        }
    }

    private void purgeSoon(ContentChanged event) {
        if (purger == null || relayed.getAsBoolean()) {
            return;
        }
        synchronized (lock) {
            if (event.isEverything() || waiting.size() + event.tags().size() > MOST_TAGS) {
                waiting = new LinkedHashSet<>(Set.of(EdgeHeaders.SITE));
            } else if (!waiting.contains(EdgeHeaders.SITE)) {
                waiting.addAll(event.tags());
            }
            if (!scheduled) {
                scheduled = true;
                thread.schedule(this::purgeWaiting, settings.purgeAfter().toMillis(), TimeUnit.MILLISECONDS);
            }
        }
    }

    /** The latest purge that failed every attempt, while no purge has succeeded since. */
    public Optional<Failure> failing() {
        return Optional.ofNullable(lastFailure);
    }

    private void purgeWaiting() {
        List<String> tags;
        synchronized (lock) {
            tags = waiting.stream().sorted().toList(); // in a stable order, for the logs and the tests
            waiting = new LinkedHashSet<>();
            scheduled = false;
        }
        send(tags, 1);
        thread.schedule(() -> send(tags, 1), settings.purgeAgainAfter().toMillis(), TimeUnit.MILLISECONDS);
    }

    private void send(List<String> tags, int attempt) {
        try {
            for (List<String> batch : batches(tags, purger.batch())) {
                purger.purge(batch);
                sent.increment();
            }
            if (lastFailure != null) {
                log.info("The CDN takes purges again");
                lastFailure = null;
            }
        } catch (Exception ex) {
            if (ex instanceof InterruptedException) {
                Thread.currentThread().interrupt();
                return;
            }
            if (attempt < settings.attempts()) {
                long wait = settings.firstRetry().toMillis() << Math.min(attempt - 1, 10);
                thread.schedule(() -> send(tags, attempt + 1), wait, TimeUnit.MILLISECONDS);
                return;
            }
            failures.increment();
            if (lastFailure == null) {
                log.warn(
                        "The CDN refused a purge {} times; its pages may be stale until they expire: {}",
                        attempt,
                        ex.toString());
            }
            lastFailure = new Failure(
                    Instant.now(),
                    ex.getMessage() == null ? "no answer (" + ex.getClass().getSimpleName() + ")" : ex.getMessage());
        }
    }

    static List<List<String>> batches(List<String> tags, int size) {
        List<List<String>> batches = new ArrayList<>();
        for (int from = 0; from < tags.size(); from += size) {
            batches.add(tags.subList(from, Math.min(tags.size(), from + size)));
        }
        return batches;
    }

    @PreDestroy
    void stop() {
        if (thread != null) {
            thread.shutdownNow();
        }
    }
}
