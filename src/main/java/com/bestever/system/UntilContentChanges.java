package com.bestever.system;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Something worked out from the content and kept in memory until the content changes (the order of
 * every public review, the sitemap's keys): loaded on first use, by one thread at a time, and
 * dropped by a {@link ContentChanged} that concerns it, on both deliveries of each event (made with
 * {@link KeptState#untilChanged}, which passes them on). A load that a change overtook is answered
 * to its caller but not kept.
 *
 * @param <T> what is kept
 */
public final class UntilContentChanges<T> implements KeptState.Kept {

    private final Predicate<ContentChanged> concerns;
    private final Supplier<T> load;
    private final AtomicLong generation = new AtomicLong();
    private volatile T kept;

    /** Kept until a change that {@code concerns} it; {@code load} works it out from the database. */
    UntilContentChanges(Predicate<ContentChanged> concerns, Supplier<T> load) {
        this.concerns = concerns;
        this.load = load;
    }

    /** What is kept, loaded now if nothing is. */
    public T get() {
        T current = kept;
        if (current != null) {
            return current;
        }
        synchronized (this) {
            if (kept != null) {
                return kept;
            }
            long before = generation.get();
            T loaded = load.get();
            if (generation.get() == before) {
                kept = loaded;
            }
            return loaded;
        }
    }

    /** Drops what is kept if the change concerns it. */
    @Override
    public void contentChanged(ContentChanged event) {
        if (concerns.test(event)) {
            generation.incrementAndGet();
            kept = null;
        }
    }

    /**
     * How many changes have dropped it: state worked out further from {@link #get()} (a plan for one
     * moment, say) may be kept when this has not moved while it was worked out.
     */
    public long changes() {
        return generation.get();
    }
}
