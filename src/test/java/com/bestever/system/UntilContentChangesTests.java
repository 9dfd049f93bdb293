package com.bestever.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** State worked out from the content: loaded once, dropped by the changes that concern it, never kept stale. */
class UntilContentChangesTests {

    final AtomicInteger loads = new AtomicInteger();

    @Test
    void itIsLoadedOnceAndKeptUntilAChangeThatConcernsIt() {
        var order = new UntilContentChanges<>(
                event -> event.kind() == ContentChanged.Kind.REVIEW, () -> "order " + loads.incrementAndGet());

        assertThat(order.get()).isEqualTo("order 1");
        assertThat(order.get()).isEqualTo("order 1");

        order.contentChanged(new ContentChanged(ContentChanged.Kind.FILM, 3));
        assertThat(order.get()).isEqualTo("order 1");
        assertThat(order.changes()).isZero();

        order.contentChanged(new ContentChanged(ContentChanged.Kind.REVIEW, 12));
        assertThat(order.changes()).isEqualTo(1);
        assertThat(order.get()).isEqualTo("order 2");
        assertThat(loads).hasValue(2);
    }

    @Test
    void aLoadThatAChangeOvertookIsAnsweredButNotKept() {
        AtomicReference<UntilContentChanges<String>> self = new AtomicReference<>();
        var keys = new UntilContentChanges<>(event -> true, () -> {
            int load = loads.incrementAndGet();
            if (load == 1) {
                // An editor's change lands while the first load reads the old rows.
                self.get().contentChanged(new ContentChanged(ContentChanged.Kind.REVIEW, 12));
            }
            return "keys " + load;
        });
        self.set(keys);

        assertThat(keys.get()).isEqualTo("keys 1");
        assertThat(keys.get()).isEqualTo("keys 2");
        assertThat(keys.get()).isEqualTo("keys 2");
        assertThat(loads).hasValue(2);
    }
}
