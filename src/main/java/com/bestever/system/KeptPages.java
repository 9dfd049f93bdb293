package com.bestever.system;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.servlet.ServletException;
import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

/**
 * A kept page answered by Tomcat itself, before the servlet filters: the request that most readers
 * and crawlers send (a GET of a page that is kept, no session cookie, a plain path, no query but a
 * listing's page number) costs a look-up in {@link PublicPageCache} and the bytes, not the dozen
 * filters, the request observation and the wrappers around them. The answer is the one
 * {@link PublicPageCache} gives from memory, with the browser policy ({@link BrowserPolicy}), the
 * caching headers and the ETag; it is counted in {@code http.server.requests} under the page's
 * route, as if Spring MVC had answered, and the access log has its line (that valve runs first).
 * Every other request goes on through the filters as before.
 */
@Component
class KeptPages extends ValveBase implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

    private static final String REQUESTS = "http.server.requests";
    private static final long RETRY_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final PublicPageCache cache;
    private final BrowserPolicy policy;
    private final ClientAddresses addresses;
    private final ObjectProvider<MeterRegistry> registry;
    /** The request timer of each route and method, found once (it exists once the page was rendered). */
    private final ConcurrentHashMap<String, Found> timers = new ConcurrentHashMap<>();

    private final LongAdder answered = new LongAdder();

    KeptPages(
            PublicPageCache cache,
            BrowserPolicy policy,
            ClientAddresses addresses,
            ObjectProvider<MeterRegistry> registry) {
        super(true);
        this.cache = cache;
        this.policy = policy;
        this.addresses = addresses;
        this.registry = registry;
    }

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        factory.addContextValves(this);
    }

    @Override
    public void invoke(Request request, Response response) throws IOException, ServletException {
        PublicPageCache.Kept kept = cache.keptFor(request);
        if (kept == null) {
            getNext().invoke(request, response);
            return;
        }
        long start = System.nanoTime();
        answered.increment(); // before the bytes: the client may read them before this thread goes on
        policy.apply(addresses.isSecure(request), response);
        cache.send(kept, request, response);
        timerOf(request.getMethod(), kept.route(), response.getStatus())
                .ifPresent(timer -> timer.record(System.nanoTime() - start, TimeUnit.NANOSECONDS));
    }

    /** How many requests were answered here, before the filters (for tests). */
    long answered() {
        return answered.sum();
    }

    /**
     * The timer to count an answer in. While a route's timer is not found (its first rendering's
     * observation is recorded after the reader has the bytes, so the next reader may come first),
     * it is looked for on every answer; only when it has stayed missing for {@link #RETRY_NANOS}
     * (request metrics filtered out) is it looked for once per that interval.
     */
    private Optional<Timer> timerOf(String method, String route, int status) {
        if (route == null) {
            return Optional.empty();
        }
        String key = method + ' ' + status + ' ' + route;
        Found known = timers.get(key);
        long now = System.nanoTime();
        if (known != null
                && (known.timer().isPresent()
                        || (now - known.missingSince() >= RETRY_NANOS && now - known.atNanos() < RETRY_NANOS))) {
            return known.timer();
        }
        Optional<Timer> timer = find(method, route, status);
        timers.put(key, new Found(timer, known == null ? now : known.missingSince(), now));
        return timer;
    }

    /**
     * The timer Spring MVC's request observation made for this route's 200 answers to a GET, or one
     * with the same tags but the method and status (a HEAD, or a 304 to a reader who has the page,
     * may never have reached Spring MVC). None while the route's first rendering is still under
     * way, or when request metrics are off.
     */
    private Optional<Timer> find(String method, String route, int status) {
        MeterRegistry meters = registry.getIfAvailable();
        if (meters == null) {
            return Optional.empty();
        }
        Timer rendered = meters.find(REQUESTS)
                .tag("method", "GET")
                .tag("uri", route)
                .tag("status", "200")
                .timer();
        if (rendered == null || (method.equals("GET") && status == 200)) {
            return Optional.ofNullable(rendered);
        }
        return Optional.of(Timer.builder(REQUESTS)
                .tags(rendered.getId().getTags())
                .tag("method", method)
                .tag("status", Integer.toString(status))
                .tag("outcome", status < 300 ? "SUCCESS" : "REDIRECTION") // a kept page answers 200 or 304
                .register(meters));
    }

    /** A timer looked for: when it was first missing, and when it was last looked for. */
    private record Found(Optional<Timer> timer, long missingSince, long atNanos) {}
}
