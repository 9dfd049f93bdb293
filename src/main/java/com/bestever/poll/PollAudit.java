package com.bestever.poll;

import com.bestever.admin.AuditKind;
import com.bestever.admin.AuditLog;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** The poll desk's acts in the audit log, each about the poll, named by its question at the time. */
@Component
class PollAudit {

    private final AuditLog audit;
    private final JdbcClient jdbc;

    PollAudit(AuditLog audit, JdbcClient jdbc) {
        this.audit = audit;
        this.jdbc = jdbc;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    void record(AuditKind kind, long pollId, String summary) {
        String question = jdbc.sql("select question from vote_question where id = ?")
                .param(pollId)
                .query(String.class)
                .optional()
                .orElse(null);
        audit.record(kind, AuditLog.Subject.of("poll", pollId, question), summary);
    }
}
