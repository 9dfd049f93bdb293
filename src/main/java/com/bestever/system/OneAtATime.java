package com.bestever.system;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Work that instances starting at once on one database must do one after the other, such as
 * loading the sample content into an empty database: the second waits until the first has
 * committed, then finds the work done. A PostgreSQL advisory lock, held until the caller's
 * transaction ends.
 */
@Component
public class OneAtATime {

    private final JdbcClient jdbc;

    OneAtATime(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Waits until no other transaction holds the lock of this work, however long that takes (start-up
     * work: the statement timeout is lifted for the rest of the transaction), and holds it until this
     * transaction ends.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void hold(String work) {
        jdbc.sql("set local statement_timeout = 0").update();
        jdbc.sql("select 1 from pg_advisory_xact_lock(hashtext(?))")
                .param(work)
                .query(Integer.class)
                .single();
    }
}
