package com.bestever;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class BestEverApplication {

    /** The JDK's setting for how many carrier threads run virtual threads (by default, one per core). */
    static final String CARRIERS = "jdk.virtualThreadScheduler.parallelism";

    public static void main(String[] args) {
        keepCarriersForKeptPages();
        SpringApplication.run(BestEverApplication.class, args);
    }

    /**
     * Request work runs on virtual threads, which are never preempted: with one carrier per core,
     * a flood of pages that must be worked out (system.BusyLimit lets two per core at once) keeps
     * every carrier busy, and a reader of a kept page waits behind them. One more carrier per core
     * than BusyLimit lets work always leaves a carrier per core for kept pages, votes and health
     * probes; the system then shares the cores between them fairly (scripts/flood.sh: the review
     * page's p50 during a sign-in flood went from 13 ms to 3 ms). Set before the first virtual
     * thread starts; {@code -Djdk.virtualThreadScheduler.parallelism=N} overrides it.
     */
    static void keepCarriersForKeptPages() {
        if (System.getProperty(CARRIERS) == null) {
            System.setProperty(
                    CARRIERS, Integer.toString(3 * Runtime.getRuntime().availableProcessors()));
        }
    }
}
