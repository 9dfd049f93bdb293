package com.bestever.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.bestever.support.SiteTest;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;

/** Kept state hears each change twice: when it is published, and again once its transaction has committed. */
@SiteTest
class KeptStateTests {

    @Autowired
    KeptState keptState;

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    TransactionTemplate transaction;

    @Test
    void whatWasLoadedWhileTheChangeWasUncommittedIsDroppedAfterTheCommit() {
        AtomicInteger loads = new AtomicInteger();
        UntilContentChanges<Integer> kept =
                keptState.untilChanged(event -> event.kind() == ContentChanged.Kind.REVIEW, loads::incrementAndGet);
        assertThat(kept.get()).isEqualTo(1);

        transaction.executeWithoutResult(status -> {
            events.publishEvent(new ContentChanged(ContentChanged.Kind.FILM, 1));
            assertThat(kept.get()).as("a change that does not concern it").isEqualTo(1);
            events.publishEvent(new ContentChanged(ContentChanged.Kind.REVIEW, 1));
            // Another reader's load now would see the rows before this transaction's change.
            assertThat(kept.get()).as("dropped when the change is published").isEqualTo(2);
        });
        assertThat(kept.get()).as("dropped again once it committed").isEqualTo(3);
        assertThat(kept.get()).isEqualTo(3);
    }

    @Test
    void itHearsEveryChangeOnBothDeliveries() {
        UntilContentChanges<Integer> kept = keptState.untilChanged(event -> true, () -> 1);
        events.publishEvent(new ContentChanged(ContentChanged.Kind.GENRE, 1)); // no transaction: once
        assertThat(kept.changes()).isEqualTo(1);
        transaction.executeWithoutResult(
                status -> events.publishEvent(new ContentChanged(ContentChanged.Kind.GENRE, 1)));
        assertThat(kept.changes()).isEqualTo(3);
    }
}
