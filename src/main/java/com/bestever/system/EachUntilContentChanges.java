package com.bestever.system;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Things worked out from the content one key at a time (a poll by its id) and kept in memory, the
 * most recently used {@code most} of them, until the content changes: all are dropped by a
 * {@link ContentChanged} that concerns them, on both deliveries of each event (made with {@link
 * KeptState#eachUntilChanged}). A load that a change overtook is answered to its caller but not
 * kept, as in {@link UntilContentChanges}.
 *
 * @param <K> the key
 * @param <V> what is kept for it
 */
public final class EachUntilContentChanges<K, V> implements KeptState.Kept {

    private final Predicate<ContentChanged> concerns;
    private final Function<K, Optional<V>> load;
    private final AtomicLong generation = new AtomicLong();
    private final Cache<K, V> kept;

    EachUntilContentChanges(Predicate<ContentChanged> concerns, long most, Function<K, Optional<V>> load) {
        this.concerns = concerns;
        this.load = load;
        this.kept = Caffeine.newBuilder().maximumSize(most).build();
    }

    /** What is kept for {@code key}, loaded now if nothing is; empty when there is nothing to keep. */
    public Optional<V> get(K key) {
        V current = kept.getIfPresent(key);
        if (current != null) {
            return Optional.of(current);
        }
        long before = generation.get();
        Optional<V> loaded = load.apply(key);
        loaded.ifPresent(value -> {
            kept.put(key, value);
            // Checked after the put: a change between the load and here either moved the count
            // (and the value is taken back) or comes after the put and drops it with the rest.
            if (generation.get() != before) {
                kept.invalidate(key);
            }
        });
        return loaded;
    }

    @Override
    public void contentChanged(ContentChanged event) {
        if (concerns.test(event)) {
            generation.incrementAndGet();
            kept.invalidateAll();
        }
    }
}
