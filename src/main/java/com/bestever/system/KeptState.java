package com.bestever.system;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * State worked out from the content and kept in memory (the listings' order, the sitemap's keys,
 * the verdicts' backing, the polls one by one; state worked out further from these holds while their
 * {@link UntilContentChanges#changes()} stand): each {@link ContentChanged} reaches it twice,
 * when it is published and again after its transaction commits, since a load in between may have
 * read the old rows. The one place that rule lives; owners register here instead of listening.
 */
@Component
public class KeptState {

    /** State kept until the content changes: hears every change, drops itself when one concerns it. */
    interface Kept {
        void contentChanged(ContentChanged event);
    }

    private final List<Kept> keptState = new CopyOnWriteArrayList<>();

    /** Kept until a change that {@code concerns} it; {@code load} works it out from the database. */
    public <T> UntilContentChanges<T> untilChanged(Predicate<ContentChanged> concerns, Supplier<T> load) {
        UntilContentChanges<T> kept = new UntilContentChanges<>(concerns, load);
        keptState.add(kept);
        return kept;
    }

    /**
     * Kept one key at a time, the {@code most} recently used, until a change that {@code concerns}
     * them; {@code load} works one out from the database (empty: nothing to keep for that key).
     */
    public <K, V> EachUntilContentChanges<K, V> eachUntilChanged(
            Predicate<ContentChanged> concerns, long most, Function<K, Optional<V>> load) {
        EachUntilContentChanges<K, V> kept = new EachUntilContentChanges<>(concerns, most, load);
        keptState.add(kept);
        return kept;
    }

    @EventListener
    void published(ContentChanged event) {
        keptState.forEach(kept -> kept.contentChanged(event));
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
    void committed(ContentChanged event) {
        published(event);
    }
}
