package com.bestever.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.bestever.support.SiteTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.Status;
import org.springframework.test.web.servlet.MockMvc;

/** Readiness says DOWN while the heap stays nearly full after every collection, and UP again once freed. */
@SiteTest
class HeapPressureTests {

    static final long SECOND = Duration.ofSeconds(1).toNanos();
    static final long MAX = Runtime.getRuntime().maxMemory();

    @Autowired
    HeapPressure heap;

    @Autowired
    MockMvc mvc;

    @Test
    void aHeapThatStaysFullAfterCollectionsIsDownAfterTheGracePeriodOnly() {
        HeapPressure pressure = new HeapPressure(0.9, Duration.ofSeconds(10));
        pressure.collected(MAX * 95 / 100, 0);
        assertThat(pressure.health(5 * SECOND).getStatus()).isEqualTo(Status.UP);
        pressure.collected(MAX * 97 / 100, 8 * SECOND);
        assertThat(pressure.health(11 * SECOND).getStatus()).isEqualTo(Status.DOWN);
        assertThat(pressure.health(11 * SECOND).getDetails()).containsEntry("heapUsedAfterLastCollection", "97%");

        pressure.collected(MAX / 2, 12 * SECOND);
        assertThat(pressure.health(30 * SECOND).getStatus()).isEqualTo(Status.UP);
    }

    @Test
    void aCollectionThatFreesTheHeapRestartsTheGracePeriod() {
        HeapPressure pressure = new HeapPressure(0.9, Duration.ofSeconds(10));
        pressure.collected(MAX, 0);
        pressure.collected(MAX / 10, 6 * SECOND);
        pressure.collected(MAX, 7 * SECOND);
        assertThat(pressure.health(12 * SECOND).getStatus()).isEqualTo(Status.UP);
        assertThat(pressure.health(18 * SECOND).getStatus()).isEqualTo(Status.DOWN);
    }

    @Test
    void readinessFollowsTheHeap() throws Exception {
        mvc.perform(get("/actuator/health/readiness")).andExpect(status().isOk());
        try {
            heap.collected(MAX, System.nanoTime() - 60 * SECOND);
            mvc.perform(get("/actuator/health/readiness")).andExpect(status().isServiceUnavailable());
            mvc.perform(get("/actuator/health/liveness")).andExpect(status().isOk());
        } finally {
            heap.collected(0);
        }
        mvc.perform(get("/actuator/health/readiness")).andExpect(status().isOk());
    }
}
