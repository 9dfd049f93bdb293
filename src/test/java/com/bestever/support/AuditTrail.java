package com.bestever.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Test helper: the audit entries written since a mark. Other tests' background jobs may write
 * entries meanwhile (the scheduled publishing, as "(system)"), so entries are read by who acted
 * (each test acts as an account of its own) or by what they are about.
 */
@Component
public class AuditTrail {

    /** One entry, as the table keeps it. */
    public record Entry(
            long id,
            String kind,
            Long accountId,
            String actor,
            String address,
            String subjectType,
            Long subjectId,
            String subjectTitle,
            String summary) {}

    private final JdbcClient jdbc;

    AuditTrail(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The newest entry's id now: entries after it are the ones a test's act wrote. */
    public long mark() {
        return jdbc.sql("select coalesce(max(id), 0) from audit_entry")
                .query(Long.class)
                .single();
    }

    /** The entries by this actor (a user name, "(system)", "(unknown name)") since the mark, oldest first. */
    public List<Entry> by(String actor, long mark) {
        return jdbc.sql("select * from audit_entry where id > ? and actor = ? order by id")
                .params(mark, actor)
                .query(Entry.class)
                .list();
    }

    /** The entries about this subject since the mark, oldest first. */
    public List<Entry> about(String subjectType, long subjectId, long mark) {
        return jdbc.sql("select * from audit_entry where id > ? and subject_type = ? and subject_id = ? order by id")
                .params(mark, subjectType, subjectId)
                .query(Entry.class)
                .list();
    }

    /** The one entry this actor wrote since the mark; fails unless there is exactly one, of this kind. */
    public Entry onlyBy(String actor, long mark, String kind) {
        List<Entry> entries = by(actor, mark);
        assertThat(entries).as("entries by %s since %d", actor, mark).hasSize(1);
        assertThat(entries.get(0).kind()).isEqualTo(kind);
        return entries.get(0);
    }
}
