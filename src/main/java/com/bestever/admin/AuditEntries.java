package com.bestever.admin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reading the audit log for the administrator's page: filtered by person, kind and dates, newest
 * first, a page at a time by keyset (the last entry's (at, id), so a deep page costs what the first
 * does: each filter has its index, see V111), and all of a filter's entries as CSV, streamed from
 * a database cursor. This class only reads: the log has no update or delete path here.
 */
@Component
class AuditEntries {

    private static final java.time.format.DateTimeFormatter WHEN =
            java.time.format.DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss", Locale.ROOT);

    /** Entries on one page. */
    static final int PAGE = 50;

    /** One entry as the page and the CSV show it. */
    record Entry(
            long id,
            Instant at,
            Long accountId,
            String actor,
            String address,
            String kind,
            String subjectType,
            Long subjectId,
            String subjectTitle,
            String summary) {

        /** The kind's label, or its code for a kind this version no longer knows. */
        public String kindLabel() {
            return AuditKind.ofCode(kind).map(AuditKind::label).orElse(kind);
        }

        /** When, to the second, in the site's zone: "2026-12-07 02:20:26". */
        public String when(ZoneId zone) {
            return WHEN.format(at.atZone(zone));
        }
    }

    /** Where the next (older) page starts: strictly before this entry. */
    record Cursor(Instant at, long id) {

        static Cursor of(Entry entry) {
            return new Cursor(entry.at(), entry.id());
        }

        String text() {
            return at + "~" + id;
        }
    }

    /** What the administrator filters by; nulls mean "any". {@code to} is included (to its day's end). */
    record Filter(String person, AuditKind kind, LocalDate from, LocalDate to) {}

    /** A page: its entries and whether there are older ones. */
    record Page(List<Entry> entries, boolean hasOlder) {

        Cursor next() {
            return hasOlder ? Cursor.of(entries.get(entries.size() - 1)) : null;
        }
    }

    private final JdbcClient jdbc;
    private final JdbcClient streaming;
    private final TransactionTemplate readOnly;

    AuditEntries(JdbcClient jdbc, DataSource dataSource, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        // A CSV of a million entries is read from a cursor, a thousand rows at a time, never held whole.
        JdbcTemplate cursor = new JdbcTemplate(dataSource);
        cursor.setFetchSize(1000);
        this.streaming = JdbcClient.create(new NamedParameterJdbcTemplate(cursor));
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
    }

    Page page(Filter filter, Cursor after, ZoneId zone) {
        Query query = query(filter, after, zone);
        List<Entry> rows = jdbc.sql(query.sql() + " limit " + (PAGE + 1))
                .params(query.params())
                .query(AuditEntries::entry)
                .list();
        boolean older = rows.size() > PAGE;
        return new Page(older ? rows.subList(0, PAGE) : rows, older);
    }

    /** Writes every entry the filter keeps, newest first, as CSV rows (header included). */
    void csv(Filter filter, ZoneId zone, Writer out) {
        Query query = query(filter, null, zone);
        readOnly.executeWithoutResult(status -> {
            try {
                out.write(Csv.row(List.of(
                        "at",
                        "actor",
                        "account_id",
                        "address",
                        "kind",
                        "what",
                        "subject_type",
                        "subject_id",
                        "subject_title",
                        "summary")));
                streaming.sql(query.sql()).params(query.params()).query(rs -> {
                    Entry entry = entry(rs, 0);
                    try {
                        out.write(Csv.row(java.util.Arrays.asList(
                                entry.at().toString(),
                                entry.actor(),
                                entry.accountId() == null
                                        ? ""
                                        : entry.accountId().toString(),
                                entry.address(),
                                entry.kind(),
                                entry.kindLabel(),
                                entry.subjectType(),
                                entry.subjectId() == null
                                        ? ""
                                        : entry.subjectId().toString(),
                                entry.subjectTitle(),
                                entry.summary())));
                    } catch (IOException ex) {
                        throw new UncheckedIOException(ex);
                    }
                });
            } catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        });
    }

    private record Query(String sql, Map<String, Object> params) {}

    /** The filtered, newest-first query; each condition only when asked for, so the planner sees plain predicates. */
    private static Query query(Filter filter, Cursor after, ZoneId zone) {
        List<String> where = new ArrayList<>();
        Map<String, Object> params = new LinkedHashMap<>();
        if (filter.person() != null) {
            where.add("actor = :person");
            params.put("person", filter.person());
        }
        if (filter.kind() != null) {
            where.add("kind = :kind");
            params.put("kind", filter.kind().code());
        }
        if (filter.from() != null) {
            where.add("at >= :from");
            params.put("from", Timestamp.from(filter.from().atStartOfDay(zone).toInstant()));
        }
        if (filter.to() != null) {
            where.add("at < :to");
            params.put(
                    "to",
                    Timestamp.from(filter.to().plusDays(1).atStartOfDay(zone).toInstant()));
        }
        if (after != null) {
            where.add("(at, id) < (:afterAt, :afterId)");
            params.put("afterAt", Timestamp.from(after.at()));
            params.put("afterId", after.id());
        }
        String sql = """
                select id, at, account_id, actor, address, kind, subject_type, subject_id, subject_title, summary
                  from audit_entry"""
                + (where.isEmpty() ? "" : "\n where " + String.join(" and ", where))
                + "\n order by at desc, id desc";
        return new Query(sql, params);
    }

    private static Entry entry(ResultSet rs, int row) throws SQLException {
        return new Entry(
                rs.getLong("id"),
                rs.getTimestamp("at").toInstant(),
                rs.getObject("account_id", Long.class),
                rs.getString("actor"),
                rs.getString("address"),
                rs.getString("kind"),
                rs.getString("subject_type"),
                rs.getObject("subject_id", Long.class),
                rs.getString("subject_title"),
                rs.getString("summary"));
    }

    /** The people the log names, for the filter's suggestions: the accounts, then the log's own names. */
    List<String> people() {
        List<String> names = new ArrayList<>(jdbc.sql("select username from app_user order by username")
                .query(String.class)
                .list());
        names.add(AuditLog.SYSTEM);
        names.add(SignInAudit.UNKNOWN_NAME);
        return names;
    }

    /** CSV as RFC 4180 writes it, and safe to open in a spreadsheet. */
    static final class Csv {

        private Csv() {}

        static String row(List<String> cells) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < cells.size(); i++) {
                if (i > 0) {
                    line.append(',');
                }
                line.append(cell(cells.get(i)));
            }
            return line.append("\r\n").toString();
        }

        /**
         * One cell: a value a spreadsheet would run as a formula (starting with =, +, -, @, or a tab or
         * carriage return that hides one) gets a leading apostrophe; a value with a comma, a quote or a
         * line break is quoted, its quotes doubled.
         */
        static String cell(String value) {
            if (value == null || value.isEmpty()) {
                return "";
            }
            String text = "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
            boolean quote = text.indexOf(',') >= 0
                    || text.indexOf('"') >= 0
                    || text.indexOf('\n') >= 0
                    || text.indexOf('\r') >= 0;
            return quote ? '"' + text.replace("\"", "\"\"") + '"' : text;
        }
    }
}
