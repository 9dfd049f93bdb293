package com.bestever.system;

import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;

/**
 * How many carrier threads run the request work's virtual threads: one per core more than
 * {@link BusyLimit} lets pages be worked out at once. Virtual threads are never preempted, so with
 * fewer carriers than permits a flood of pages that must be rendered keeps every carrier busy and
 * a reader of a kept page (or a vote, or a health probe) waits behind them; with one spare per
 * core the operating system shares the cores between them fairly (scripts/flood.sh: the review
 * page's p50 during a sign-in flood went from 13 ms to 3 ms).
 *
 * <p>Set from the configuration as soon as it is read, before the first virtual thread starts
 * (registered in {@code BestEverApplication}); {@code -Djdk.virtualThreadScheduler.parallelism=N}
 * overrides it.
 */
public final class RequestCarriers implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {

    /** The JDK's setting for how many carrier threads run virtual threads (by default, one per core). */
    static final String CARRIERS = "jdk.virtualThreadScheduler.parallelism";

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        if (System.getProperty(CARRIERS) == null) {
            System.setProperty(CARRIERS, Integer.toString(carriers(event.getEnvironment())));
        }
    }

    static int carriers(Environment environment) {
        int cores = Runtime.getRuntime().availableProcessors();
        int permits = BusyLimit.permits(
                environment.getProperty("bestever.busy.concurrent-requests", Integer.class, 0),
                environment.getProperty("spring.datasource.hikari.maximum-pool-size", Integer.class, 10),
                cores);
        return permits + cores;
    }
}
