package com.bestever.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.bestever.support.SiteTest;
import java.util.Optional;
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

    @Test
    void eachKeyIsKeptUntilAChangeAndThenLoadedAgain() {
        AtomicInteger loads = new AtomicInteger();
        EachUntilContentChanges<Long, String> kept = keptState.eachUntilChanged(
                event -> event.kind() == ContentChanged.Kind.POLL,
                10,
                id -> id < 0 ? Optional.empty() : Optional.of(id + "#" + loads.incrementAndGet()));
        assertThat(kept.get(7L)).contains("7#1");
        assertThat(kept.get(8L)).contains("8#2");
        assertThat(kept.get(7L)).as("kept").contains("7#1");
        assertThat(kept.get(-1L)).as("nothing to keep").isEmpty();

        transaction.executeWithoutResult(status -> {
            events.publishEvent(new ContentChanged(ContentChanged.Kind.AUTHOR, 1));
            assertThat(kept.get(7L)).as("a change that does not concern it").contains("7#1");
            events.publishEvent(new ContentChanged(ContentChanged.Kind.POLL, 7));
            assertThat(kept.get(8L))
                    .as("every key dropped when the change is published")
                    .contains("8#3");
        });
        assertThat(kept.get(8L)).as("dropped again once it committed").contains("8#4");
        assertThat(kept.get(7L)).contains("7#5");
        assertThat(kept.get(7L)).contains("7#5");
    }

    @Test
    void aLoadThatAChangeOvertookIsAnsweredButNotKept() {
        AtomicInteger loads = new AtomicInteger();
        EachUntilContentChanges<Long, Integer>[] kept = new EachUntilContentChanges[1];
        kept[0] = keptState.eachUntilChanged(event -> true, 10, id -> {
            int load = loads.incrementAndGet();
            if (load == 1) {
                // An editor's change lands while the first load is reading the old rows.
                events.publishEvent(new ContentChanged(ContentChanged.Kind.POLL, id));
            }
            return Optional.of(load);
        });
        assertThat(kept[0].get(1L)).as("the overtaken load, answered").contains(1);
        assertThat(kept[0].get(1L)).as("but not kept").contains(2);
        assertThat(kept[0].get(1L)).contains(2);
    }
}
