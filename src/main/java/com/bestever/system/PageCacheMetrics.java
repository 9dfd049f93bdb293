package com.bestever.system;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import org.springframework.stereotype.Component;

/**
 * The rendered-page cache's hits, misses, evictions and size for the operators, as Micrometer's
 * cache meters tagged {@code cache="pages"} ({@code cache_gets_total{result="hit"|"miss"}},
 * {@code cache_evictions_total}, {@code cache_size} on {@code /actuator/prometheus}).
 */
@Component
class PageCacheMetrics {

    PageCacheMetrics(PublicPageCache cache, MeterRegistry registry) {
        CaffeineCacheMetrics.monitor(registry, cache.pages(), "pages");
    }
}
