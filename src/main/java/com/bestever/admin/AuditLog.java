package com.bestever.admin;

import com.bestever.system.ClientAddresses;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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

    /** Who acts when no one is signed in: the scheduled jobs. */
    public static final String SYSTEM = "(system)";

    private final JdbcClient jdbc;
    private final Clock clock;
    private final ClientAddresses addresses;

    AuditLog(JdbcClient jdbc, Clock clock, ClientAddresses addresses) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.addresses = addresses;
    }

    /** What an entry is about: its type ("review", "film", "account"…), id and title at the time. */
    public record Subject(String type, Long id, String title) {

        public static final Subject NONE = new Subject(null, null, null);

        public static Subject of(String type, Long id, String title) {
            return new Subject(type, id, title);
        }
    }

    /**
     * "changed: title, year" (or "saved without a change"): the names whose values differ between
     * two snapshots of an entry taken with the same names, in their order.
     */
    public static String changes(Map<String, ?> before, Map<String, ?> after) {
        List<String> changed = changedNames(before, after);
        return changed.isEmpty() ? "saved without a change" : "changed: " + String.join(", ", changed);
    }

    /** The names whose values differ between two snapshots taken with the same names, in their order. */
    public static List<String> changedNames(Map<String, ?> before, Map<String, ?> after) {
        return after.keySet().stream()
                .filter(name -> !Objects.equals(before.get(name), after.get(name)))
                .toList();
    }

    /** Records an act by the account signed in to this request. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void record(AuditKind kind, Subject subject, String summary) {
        SignedIn signedIn = AdminPages.signedIn();
        if (signedIn == null) {
            // A job's act (the scheduled publishing, the first administrator at start): no person, no address.
            insert(kind, null, SYSTEM, null, subject, summary);
        } else {
            insert(kind, signedIn.accountId(), signedIn.getUsername(), currentAddress(), subject, summary);
        }
    }

    /** Records an act by someone not (yet) signed in to this request: a sign-in, say. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void recordAs(AuditKind kind, Long accountId, String actor, Subject subject, String summary) {
        insert(kind, accountId, actor, currentAddress(), subject, summary);
    }

    private void insert(AuditKind kind, Long accountId, String actor, String address, Subject subject, String summary) {
        jdbc.sql("""
                        insert into audit_entry (at, account_id, actor, address, kind, subject_type, subject_id, subject_title, summary)
                        values (:at, :accountId, :actor, :address, :kind, :type, :id, :title, :summary)""")
                .param("at", Timestamp.from(clock.instant()))
                .param("accountId", accountId)
                .param("actor", cut(actor == null ? "" : actor, 100))
                .param("address", cut(address, 64))
                .param("kind", kind.code())
                .param("type", subject.type())
                .param("id", subject.id())
                .param("title", cut(subject.title(), 300))
                .param("summary", cut(summary == null ? "" : summary, 2000))
                .update();
    }

    /**
     * The client's address as {@link ClientAddresses} resolves it, asked again here: the request
     * held for this thread may be the one from before that filter's wrapper (MockMvc, a filter
     * ordered ahead of it), whose remote address is the proxy's. None for a scheduled job.
     */
    private String currentAddress() {
        return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
                ? addresses.clientOf(attributes.getRequest())
                : null;
    }

    private static String cut(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
