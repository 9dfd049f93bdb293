package com.bestever.system;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A flood of pages that must be worked out (sign-in, a poll's standings, search, unknown
 * addresses) cannot starve the pages that are already kept: at most
 * {@code bestever.busy.concurrent-requests} requests (default: two per core, and at least as
 * many as the database has connections) do their work at once, and the others wait their turn, parked (on Java 21+ a waiting virtual thread costs no
 * request thread and no CPU). Kept public pages are answered before this point
 * ({@code PublicPageCache} comes first), so they never wait here; nor do the health probes. A
 * request that waits longer than {@code bestever.busy.longest-wait} is answered 503 with
 * Retry-After. Virtual threads are never preempted, so the site runs more carrier threads than
 * permits here ({@link RequestCarriers}): a kept page never waits for a carrier behind work.
 */
@Component
class BusyLimit extends OncePerRequestFilter implements Ordered {

    private static final Logger log = LoggerFactory.getLogger(BusyLimit.class);

    private final Semaphore permits;
    private final long longestWaitNanos;

    @Autowired
    BusyLimit(
            @Value("${bestever.busy.concurrent-requests:0}") int concurrentRequests,
            @Value("${spring.datasource.hikari.maximum-pool-size:10}") int connections,
            @Value("${bestever.busy.longest-wait:20s}") Duration longestWait) {
        this(permits(concurrentRequests, connections, Runtime.getRuntime().availableProcessors()), longestWait);
    }

    BusyLimit(int permits, Duration longestWait) {
        this.permits = new Semaphore(permits, true);
        this.longestWaitNanos = longestWait.toNanos();
        // Kept pages find a carrier only if there are more carriers than permits (RequestCarriers).
        String carriers = System.getProperty(RequestCarriers.CARRIERS);
        if (carriers != null && carriers.strip().matches("\\d+") && Integer.parseInt(carriers.strip()) <= permits) {
            log.warn(
                    "jdk.virtualThreadScheduler.parallelism={} is not above bestever.busy.concurrent-requests={}:"
                            + " during a flood of work, readers of kept pages wait behind it",
                    carriers.strip(),
                    permits);
        }
    }

    /**
     * The configured count, or else two per core but never fewer than the database's connections.
     * A page rendered from the database spends most of its time waiting for PostgreSQL's answers
     * (bench/profiles: about two thirds of a permit holder's time at 100,000 reviews), so two per core left
     * the CPU idle while other pages queued for a permit (about half of their time); the connection
     * pool bounds the database work anyway.
     */
    static int permits(int configured, int connections, int cores) {
        return configured > 0 ? configured : Math.max(2 * cores, connections);
    }

    @Override
    public int getOrder() {
        // After the page cache (HIGHEST_PRECEDENCE + 10), before Spring Security and Spring MVC.
        return Ordered.HIGHEST_PRECEDENCE + 20;
    }

    /**
     * Health probes never wait, nor do votes: a vote is little work and bounded on its own
     * (per-address throttle and cap, the vote writer's queue and deadline), but it waits on the
     * database; when PostgreSQL was away, votes holding the few permits for their connection
     * timeouts kept every other page waiting past it (scripts/fault-db-restart.sh).
     */
    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return PublicPages.path(request).startsWith("/actuator/") || PublicPages.isVote(request);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        boolean admitted;
        try {
            admitted = permits.tryAcquire(longestWaitNanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            admitted = false;
        }
        if (!admitted) {
            response.setHeader(HttpHeaders.RETRY_AFTER, "5");
            response.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
            return;
        }
        try {
            chain.doFilter(request, response);
        } finally {
            permits.release();
        }
    }
}
