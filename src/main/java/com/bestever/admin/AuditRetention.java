package com.bestever.admin;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * How long the audit log keeps its entries ({@code bestever.audit.keep}, at least 30 days, 730
 * by default), and the one path that deletes any: once a day, the entries older than that. The
 * retention is written to {@code audit_retention} at start, where V111's trigger reads it: the
 * database itself refuses to delete a younger entry, whatever asks.
 */
@Component
class AuditRetention {

    private static final Logger log = LoggerFactory.getLogger(AuditRetention.class);

    /** The shortest retention the table accepts (its check constraint says the same). */
    static final Duration SHORTEST = Duration.ofDays(30);

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final Duration keep;

    AuditRetention(
            JdbcClient jdbc, TransactionTemplate transaction, @Value("${bestever.audit.keep:730d}") Duration keep) {
        if (keep.compareTo(SHORTEST) < 0) {
            throw new IllegalArgumentException(
                    "bestever.audit.keep is " + keep.toDays() + " days; the audit log keeps entries at least 30 days");
        }
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.keep = keep;
    }

    Duration keep() {
        return keep;
    }

    /** At start: the configured retention becomes the database's (so the trigger agrees with the job). */
    @EventListener(ApplicationReadyEvent.class)
    void apply() {
        transaction.executeWithoutResult(status -> jdbc.sql(
                        "update audit_retention set keep = make_interval(secs => :seconds) where keep <> make_interval(secs => :seconds)")
                .param("seconds", keep.toSeconds())
                .update());
    }

    /** Daily at 03:17 (server time): entries past the retention go, in batches, so no long lock is held. */
    @Scheduled(cron = "${bestever.audit.purge-cron:0 17 3 * * *}")
    void purge() {
        try {
            long deleted = deleteExpired();
            if (deleted > 0) {
                log.info("Deleted {} audit entries older than {} days", deleted, keep.toDays());
            }
        } catch (RuntimeException ex) {
            log.warn("Deleting expired audit entries failed; will try again tomorrow", ex);
        }
    }

    /** Deletes the entries older than the retention; how many went. */
    long deleteExpired() {
        long total = 0;
        while (true) {
            Integer deleted = transaction.execute(status -> jdbc.sql("""
                            delete from audit_entry where id in (
                                select id from audit_entry
                                 where at < now() - (select keep from audit_retention)
                                 order by at limit 10000)
                            """).update());
            total += deleted == null ? 0 : deleted;
            if (deleted == null || deleted < 10000) {
                return total;
            }
        }
    }
}
