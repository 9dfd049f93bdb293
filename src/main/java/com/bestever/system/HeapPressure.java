package com.bestever.system;

import com.sun.management.GarbageCollectionNotificationInfo;
import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Under memory pressure the site says so: the heap left after each garbage collection is
 * watched, and while every collection for {@code bestever.memory.pressure-for} has left more than
 * {@code bestever.memory.pressure-threshold} of the heap in use, this health check is DOWN. It is
 * part of the readiness group, so a load balancer stops sending requests to an instance that is
 * running out of memory, and sends them again once collections free the heap.
 *
 * <p>An {@link OutOfMemoryError} must stop the process ({@code -XX:+ExitOnOutOfMemoryError}, set
 * in the Dockerfile and README), so that the orchestrator restarts it rather than leaving it
 * half-alive; started without that flag, the site says so in its log.
 */
@Component("heap")
class HeapPressure implements HealthIndicator {

    private static final Logger log = LoggerFactory.getLogger(HeapPressure.class);

    private final double threshold;
    private final long pressureForNanos;
    private final long maxHeap = Runtime.getRuntime().maxMemory();
    private volatile double lastAfterGc = -1;
    private volatile long aboveSince = -1;

    HeapPressure(
            @Value("${bestever.memory.pressure-threshold:0.9}") double threshold,
            @Value("${bestever.memory.pressure-for:10s}") Duration pressureFor) {
        this.threshold = threshold;
        this.pressureForNanos = pressureFor.toNanos();
        listenToCollections();
        warnWithoutExitOnOutOfMemory();
    }

    private void listenToCollections() {
        Set<String> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP)
                .map(pool -> pool.getName())
                .collect(Collectors.toSet());
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (collector instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener(
                        (notification, handback) -> {
                            if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(
                                    notification.getType())) {
                                var info = GarbageCollectionNotificationInfo.from(
                                        (CompositeData) notification.getUserData());
                                collected(usedAfter(info.getGcInfo().getMemoryUsageAfterGc(), heapPools));
                            }
                        },
                        null,
                        null);
            }
        }
    }

    private static long usedAfter(Map<String, MemoryUsage> pools, Set<String> heapPools) {
        return pools.entrySet().stream()
                .filter(pool -> heapPools.contains(pool.getKey()))
                .mapToLong(pool -> pool.getValue().getUsed())
                .sum();
    }

    private static void warnWithoutExitOnOutOfMemory() {
        try {
            var hotSpot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            if (hotSpot != null
                    && !Boolean.parseBoolean(
                            hotSpot.getVMOption("ExitOnOutOfMemoryError").getValue())) {
                log.warn("Started without -XX:+ExitOnOutOfMemoryError: after an OutOfMemoryError the site would"
                        + " stay up half-working instead of stopping to be restarted (see the README)");
            }
        } catch (IllegalArgumentException ex) {
            // not a HotSpot JVM: its own options apply
        }
    }

    /** A collection left {@code usedBytes} of the heap in use. */
    void collected(long usedBytes) {
        collected(usedBytes, System.nanoTime());
    }

    void collected(long usedBytes, long nanoTime) {
        double fraction = (double) usedBytes / maxHeap;
        lastAfterGc = fraction;
        if (fraction < threshold) {
            aboveSince = -1;
        } else if (aboveSince == -1) {
            aboveSince = nanoTime;
        }
    }

    @Override
    public Health health() {
        return health(System.nanoTime());
    }

    Health health(long nanoTime) {
        long since = aboveSince;
        Health.Builder health = since != -1 && nanoTime - since >= pressureForNanos ? Health.down() : Health.up();
        return health.withDetail("heapUsedAfterLastCollection", Math.round(Math.max(0, lastAfterGc) * 100) + "%")
                .withDetail("threshold", Math.round(threshold * 100) + "%")
                .build();
    }
}
