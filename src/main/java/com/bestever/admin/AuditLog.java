package com.bestever.admin;

import jakarta.servlet.http.HttpServletRequest;
import java.sql.Timestamp;
import java.time.Clock;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The newsroom's audit log: who did what, when, from where. Every act calls {@link #record}
 * inside its own transaction (the propagation is {@code MANDATORY}), so an act cannot commit
 * without its entry, nor an entry without its act. The table refuses updates and deletes of
 * entries younger than the retention (V111's triggers); this class has no path to change one.
 *
 * <p>Who and where are taken from the request: the signed-in account (or the name given, for a
 * refused sign-in) and the client's address as {@code system.ClientAddresses} resolved it.
 */
@Component
public class AuditLog {

    private final JdbcClient jdbc;
    private final Clock clock;

    AuditLog(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** What an entry is about: its type ("review", "film", "account"…), id and title at the time. */
    public record Subject(String type, Long id, String title) {

        public static final Subject NONE = new Subject(null, null, null);

        public static Subject of(String type, Long id, String title) {
            return new Subject(type, id, title);
        }
    }

    /** Records an act by the account signed in to this request. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void record(AuditKind kind, Subject subject, String summary) {
        SignedIn signedIn = AdminPages.signedIn();
        Long accountId = signedIn == null ? null : signedIn.accountId();
        String actor = signedIn == null ? "(system)" : signedIn.getUsername();
        insert(kind, accountId, actor, subject, summary);
    }

    /** Records an act by someone not (yet) signed in to this request: a sign-in, say. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void recordAs(AuditKind kind, Long accountId, String actor, Subject subject, String summary) {
        insert(kind, accountId, actor, subject, summary);
    }

    private void insert(AuditKind kind, Long accountId, String actor, Subject subject, String summary) {
        jdbc.sql("""
                        insert into audit_entry (at, account_id, actor, address, kind, subject_type, subject_id, subject_title, summary)
                        values (:at, :accountId, :actor, :address, :kind, :type, :id, :title, :summary)""")
                .param("at", Timestamp.from(clock.instant()))
                .param("accountId", accountId)
                .param("actor", cut(actor == null ? "" : actor, 100))
                .param("address", cut(currentAddress(), 64))
                .param("kind", kind.code())
                .param("type", subject.type())
                .param("id", subject.id())
                .param("title", cut(subject.title(), 300))
                .param("summary", cut(summary == null ? "" : summary, 2000))
                .update();
    }

    private static String currentAddress() {
        return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
                ? address(attributes.getRequest())
                : null;
    }

    private static String address(HttpServletRequest request) {
        return request.getRemoteAddr();
    }

    private static String cut(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
