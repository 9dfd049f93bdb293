package com.bestever.poll;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The vote writer's part of readiness ({@code voteWriter}): DOWN while the writer thread is dead
 * or stuck in one batch, until the watchdog has replaced it (see {@link PollCounter}). An instance
 * that cannot count votes should get no readers to count.
 */
@Component("voteWriter")
class VoteWriterHealth implements HealthIndicator {

    private final PollCounter counter;

    VoteWriterHealth(PollCounter counter) {
        this.counter = counter;
    }

    @Override
    public Health health() {
        String trouble = counter.writerTrouble();
        Health.Builder health = trouble == null ? Health.up() : Health.down().withDetail("writer", trouble);
        return health.withDetail("queued", counter.queued())
                .withDetail("restarts", counter.restarts())
                .build();
    }
}
