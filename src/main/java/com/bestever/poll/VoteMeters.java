package com.bestever.poll;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Collection;
import org.springframework.stereotype.Component;

/**
 * What the operators see of the votes ({@code /actuator/prometheus}): votes counted, votes refused
 * by reason, the vote writer's batch sizes, its queue and its restarts.
 */
@Component
class VoteMeters {

    private final MeterRegistry registry;
    private final Counter counted;
    private final DistributionSummary batches;
    private final Counter restarts;

    VoteMeters(MeterRegistry registry) {
        this.registry = registry;
        this.counted = Counter.builder("bestever.votes.counted")
                .description("Votes counted (committed)")
                .register(registry);
        this.batches = DistributionSummary.builder("bestever.votes.batch.size")
                .description("Votes the vote writer commits together")
                .publishPercentileHistogram()
                .maximumExpectedValue(512.0)
                .register(registry);
        this.restarts = Counter.builder("bestever.votes.writer.restarts")
                .description("Vote writers that died or got stuck and were replaced")
                .register(registry);
    }

    /** A new vote's fate (a deadline's refusals are counted where they happen, in the counter). */
    void settled(VoteAnswers.Outcome outcome) {
        switch (outcome) {
            case COUNTED -> counted.increment();
            case REPEAT -> refused("repeat");
            case FAILED -> refused("failed");
            case UNKNOWN -> refused("unconfirmed");
            case NOT_TAKEN -> {}
        }
    }

    /**
     * A vote not counted, by why: throttled, cap, closed, not-open, invalid, cross-site, repeat,
     * deadline, failed (not written), unconfirmed (the database did not say).
     */
    void refused(String reason) {
        refused(reason, 1);
    }

    void refused(String reason, int votes) {
        Counter.builder("bestever.votes.refused")
                .description("Votes not counted, by reason")
                .tag("reason", reason)
                .register(registry)
                .increment(votes);
    }

    void batch(int size) {
        batches.record(size);
    }

    void writerRestarted() {
        restarts.increment();
    }

    /** The votes waiting for the writer. */
    void queueDepth(Collection<?> queue) {
        Gauge.builder("bestever.votes.queue", queue, Collection::size)
                .description("Votes waiting for the vote writer")
                .register(registry);
    }
}
