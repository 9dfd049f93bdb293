package com.bestever.system;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.FilterChain;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** Work waits its turn, at most so long; health probes never wait. */
class BusyLimitTests {

    @Test
    void aRequestBeyondTheLimitWaitsForAPermitThenIsAnswered503() throws Exception {
        BusyLimit limit = new BusyLimit(1, Duration.ofMillis(300));
        CountDownLatch working = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        FilterChain slow = (request, response) -> {
            working.countDown();
            try {
                finish.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        };
        CompletableFuture<Void> first = CompletableFuture.runAsync(() -> {
            try {
                limit.doFilter(new MockHttpServletRequest("GET", "/login"), new MockHttpServletResponse(), slow);
            } catch (Exception ex) {
                throw new IllegalStateException(ex);
            }
        });
        assertThat(working.await(5, TimeUnit.SECONDS)).isTrue();

        MockHttpServletResponse refused = new MockHttpServletResponse();
        boolean[] ran = {false};
        limit.doFilter(new MockHttpServletRequest("GET", "/search"), refused, (request, response) -> ran[0] = true);
        assertThat(refused.getStatus()).isEqualTo(503);
        assertThat(refused.getHeader("Retry-After")).isEqualTo("5");
        assertThat(ran[0]).isFalse();

        MockHttpServletResponse health = new MockHttpServletResponse();
        limit.doFilter(
                new MockHttpServletRequest("GET", "/actuator/health/readiness"),
                health,
                (request, response) -> ran[0] = true);
        assertThat(ran[0]).as("the health probe never waits").isTrue();

        ran[0] = false;
        limit.doFilter(
                new MockHttpServletRequest("POST", "/polls/1/votes"),
                new MockHttpServletResponse(),
                (request, response) -> ran[0] = true);
        assertThat(ran[0]).as("a vote never waits behind other work").isTrue();

        finish.countDown();
        first.get(5, TimeUnit.SECONDS);
        MockHttpServletResponse admitted = new MockHttpServletResponse();
        limit.doFilter(new MockHttpServletRequest("GET", "/search"), admitted, (request, response) -> {});
        assertThat(admitted.getStatus()).isEqualTo(200);
    }

    @Test
    void byDefaultAsManyPagesWorkAsTheDatabaseHasConnectionsAndAtLeastTwoPerCore() {
        assertThat(BusyLimit.permits(0, 10, 2)).isEqualTo(10);
        assertThat(BusyLimit.permits(0, 10, 8)).isEqualTo(16);
        assertThat(BusyLimit.permits(3, 10, 2)).as("configured").isEqualTo(3);
    }
}
