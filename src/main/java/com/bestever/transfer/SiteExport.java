package com.bestever.transfer;

import static com.bestever.transfer.ExportFormat.JSON;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes the whole site as one zip ({@link ExportFormat}) to a stream, as it reads it: a thousand
 * rows at a time by keyset, each thousand's children in one query, so 100,000 reviews never sit in
 * memory at once. One repeatable-read transaction: the file is the site at one moment.
 */
@Service
public class SiteExport {

    private static final int CHUNK = 1000;

    private final DataSource dataSource;
    private final Clock clock;

    SiteExport(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    /** What was written: how many of each. */
    public record Counts(Map<String, Long> counts) {}

    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public Counts write(OutputStream out, String site) throws IOException {
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8);
            zip.setLevel(Deflater.BEST_SPEED);
            Writer writer = new Writer(connection, zip);
            Map<String, Long> counts = writer.counts();
            ObjectNode manifest = JSON.createObjectNode()
                    .put("format", ExportFormat.NAME)
                    .put("version", ExportFormat.VERSION)
                    .put("exported_at", clock.instant().toString())
                    .put("site", site);
            ObjectNode countNode = manifest.putObject("counts");
            counts.forEach(countNode::put);
            writer.entry(
                    ExportFormat.MANIFEST, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(manifest));
            writer.accounts();
            writer.catalog(ExportFormat.GENRE, ExportFormat.GENRES, "genre_earlier_slug", "genre_id");
            writer.catalog(ExportFormat.AUTHOR, ExportFormat.AUTHORS, "author_earlier_slug", "author_id");
            writer.images();
            writer.films();
            writer.reviews();
            writer.polls();
            writer.tombstones();
            zip.finish();
            zip.flush();
            return new Counts(counts);
        } catch (SQLException ex) {
            throw new IllegalStateException("the export could not read the database", ex);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    /** One export's state: the connection it reads and the zip it writes. */
    private static final class Writer {

        private final Connection connection;
        private final ZipOutputStream zip;

        Writer(Connection connection, ZipOutputStream zip) {
            this.connection = connection;
            this.zip = zip;
        }

        Map<String, Long> counts() throws SQLException {
            Map<String, Long> counts = new java.util.LinkedHashMap<>();
            for (String table : List.of(
                    "app_user",
                    "genre",
                    "author",
                    "image_file",
                    "film",
                    "article",
                    "article_revision",
                    "vote_question",
                    "poll_verdict",
                    "review_tombstone")) {
                try (PreparedStatement count = connection.prepareStatement("select count(*) from " + table);
                        ResultSet rows = count.executeQuery()) {
                    rows.next();
                    counts.put(table, rows.getLong(1));
                }
            }
            return counts;
        }

        void entry(String name, String text) throws IOException {
            zip.putNextEntry(new ZipEntry(name));
            zip.write(text.getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }

        private void line(ObjectNode node) throws IOException {
            zip.write(JSON.writeValueAsBytes(node));
            zip.write('\n');
        }

        void accounts() throws SQLException, IOException {
            zip.putNextEntry(new ZipEntry(ExportFormat.ACCOUNTS));
            each(ExportFormat.ACCOUNT, "app_user", rows -> {
                for (ObjectNode account : rows) {
                    line(account);
                }
            });
            zip.closeEntry();
        }

        /** A genre or author a line, with its earlier slugs. */
        void catalog(Table table, String entry, String earlierTable, String parent) throws SQLException, IOException {
            zip.putNextEntry(new ZipEntry(entry));
            each(table, table.name(), rows -> {
                Map<Long, List<ObjectNode>> earlier = children(ExportFormat.EARLIER_SLUG, earlierTable, parent, rows);
                for (ObjectNode item : rows) {
                    attach(item, "earlier_slugs", earlier);
                    line(item);
                }
            });
            zip.closeEntry();
        }

        void images() throws SQLException, IOException {
            List<ObjectNode> listed = new ArrayList<>();
            String sql =
                    "select name, content_type, created_at, bytes from image_file where name > ? order by name limit 200";
            String after = "";
            while (true) {
                int seen = 0;
                try (PreparedStatement select = connection.prepareStatement(sql)) {
                    select.setString(1, after);
                    try (ResultSet rows = select.executeQuery()) {
                        while (rows.next()) {
                            seen++;
                            ObjectNode node = JSON.createObjectNode();
                            ExportFormat.IMAGE.write(rows, node);
                            listed.add(node);
                            after = rows.getString("name");
                            zip.putNextEntry(new ZipEntry(ExportFormat.IMAGE_FOLDER + after));
                            zip.write(rows.getBytes("bytes"));
                            zip.closeEntry();
                        }
                    }
                }
                if (seen == 0) {
                    break;
                }
            }
            zip.putNextEntry(new ZipEntry(ExportFormat.IMAGES));
            for (ObjectNode node : listed) {
                line(node);
            }
            zip.closeEntry();
        }

        void films() throws SQLException, IOException {
            zip.putNextEntry(new ZipEntry(ExportFormat.FILMS));
            each(ExportFormat.FILM, "film", rows -> {
                Map<Long, List<ObjectNode>> directors =
                        children(ExportFormat.FILM_DIRECTOR, "film_director", "film_id", rows);
                Map<Long, List<ObjectNode>> cast =
                        children(ExportFormat.FILM_CAST, "film_cast_member", "film_id", rows);
                Map<Long, List<ObjectNode>> earlier =
                        children(ExportFormat.EARLIER_SLUG, "film_earlier_slug", "film_id", rows);
                Map<Long, List<Long>> genres = new HashMap<>();
                query(
                        "select film_id, genre_id from film_genre where film_id = any(?) order by film_id, genre_id",
                        ids(rows),
                        row -> genres.computeIfAbsent(row.getLong(1), id -> new ArrayList<>())
                                .add(row.getLong(2)));
                for (ObjectNode film : rows) {
                    attach(film, "directors", directors);
                    attach(film, "cast", cast);
                    ArrayNode genreIds = film.putArray("genre_ids");
                    genres.getOrDefault(film.get("id").asLong(), List.of()).forEach(genreIds::add);
                    attach(film, "earlier_slugs", earlier);
                    line(film);
                }
            });
            zip.closeEntry();
        }

        void reviews() throws SQLException, IOException {
            each(ExportFormat.REVIEW, "article", rows -> {
                Map<Long, List<ObjectNode>> recommendations =
                        children(ExportFormat.RECOMMENDATION, "recommendation", "article_id", rows);
                Map<Long, List<ObjectNode>> earlier =
                        children(ExportFormat.EARLIER_SLUG, "article_earlier_slug", "article_id", rows);
                Map<Long, String> bodies = new HashMap<>();
                query(
                        "select id, body from article where id = any(?)",
                        ids(rows),
                        row -> bodies.put(row.getLong(1), row.getString(2)));
                Map<Long, List<ObjectNode>> revisions = new HashMap<>();
                Map<Long, List<String>> revisionBodies = new HashMap<>();
                query(
                        "select article_id, body, " + ExportFormat.REVISION.columnList()
                                + " from article_revision where article_id = any(?) order by article_id, number",
                        ids(rows),
                        row -> {
                            ObjectNode revision = JSON.createObjectNode();
                            ExportFormat.REVISION.write(row, revision);
                            revisions
                                    .computeIfAbsent(row.getLong(1), id -> new ArrayList<>())
                                    .add(revision);
                            revisionBodies
                                    .computeIfAbsent(row.getLong(1), id -> new ArrayList<>())
                                    .add(row.getString(2));
                        });
                for (ObjectNode review : rows) {
                    long id = review.get("id").asLong();
                    attach(review, "recommendations", recommendations);
                    attach(review, "earlier_slugs", earlier);
                    String slug = review.get("slug").asString();
                    entry(ExportFormat.REVIEW_FOLDER + slug + ".md", ExportFormat.markdown(review, bodies.get(id)));
                    List<ObjectNode> its = revisions.getOrDefault(id, List.of());
                    for (int i = 0; i < its.size(); i++) {
                        ObjectNode revision = its.get(i);
                        entry(
                                ExportFormat.REVIEW_FOLDER + slug + "/revisions/"
                                        + revision.get("number").asInt() + ".md",
                                ExportFormat.markdown(
                                        revision, revisionBodies.get(id).get(i)));
                    }
                }
            });
        }

        void polls() throws SQLException, IOException {
            zip.putNextEntry(new ZipEntry(ExportFormat.POLLS));
            each(ExportFormat.POLL, "vote_question", rows -> {
                Map<Long, List<ObjectNode>> options = children(ExportFormat.OPTION, "vote_option", "question_id", rows);
                Map<Long, List<ObjectNode>> verdicts =
                        children(ExportFormat.VERDICT, "poll_verdict", "question_id", rows);
                Map<Long, List<ObjectNode>> snapshots =
                        children(ExportFormat.SNAPSHOT, "poll_share_snapshot", "question_id", rows);
                Map<Long, List<ObjectNode>> challengers =
                        children(ExportFormat.CHALLENGER, COUNTED_CHALLENGERS, "question_id", rows);
                for (ObjectNode poll : rows) {
                    attach(poll, "options", options);
                    attach(poll, "verdicts", verdicts);
                    attach(poll, "share_snapshots", snapshots);
                    attach(poll, "challengers", challengers);
                    line(poll);
                }
            });
            zip.closeEntry();
        }

        void tombstones() throws SQLException, IOException {
            zip.putNextEntry(new ZipEntry(ExportFormat.TOMBSTONES));
            query(
                    "select " + ExportFormat.TOMBSTONE.columnList() + " from review_tombstone order by slug",
                    null,
                    row -> {
                        ObjectNode node = JSON.createObjectNode();
                        ExportFormat.TOMBSTONE.write(row, node);
                        line(node);
                    });
            zip.closeEntry();
        }

        // --- reading, a chunk at a time -------------------------------------------------------

        interface Chunk {
            void take(List<ObjectNode> rows) throws SQLException, IOException;
        }

        interface RowHandler {
            void take(ResultSet row) throws SQLException, IOException;
        }

        /** Every row of the table, by id, a chunk at a time. */
        private void each(Table table, String from, Chunk chunk) throws SQLException, IOException {
            long after = Long.MIN_VALUE;
            String sql = "select " + table.columnList() + " from " + from + " where id > ? order by id limit " + CHUNK;
            while (true) {
                List<ObjectNode> rows = new ArrayList<>();
                try (PreparedStatement select = connection.prepareStatement(sql)) {
                    select.setLong(1, after);
                    try (ResultSet result = select.executeQuery()) {
                        while (result.next()) {
                            ObjectNode node = JSON.createObjectNode();
                            table.write(result, node);
                            rows.add(node);
                        }
                    }
                }
                if (rows.isEmpty()) {
                    return;
                }
                after = rows.get(rows.size() - 1).get("id").asLong();
                chunk.take(rows);
            }
        }

        private static Long[] ids(List<ObjectNode> rows) {
            return rows.stream().map(row -> row.get("id").asLong()).toArray(Long[]::new);
        }

        /**
         * The challengers that count (poll.Challengers): those whose reader's vote counts, or that
         * came in by an import. Votes stay behind, so the file carries only these, and an import
         * marks them as counting.
         */
        private static final String COUNTED_CHALLENGERS = """
                (select c.* from challenger c
                  where c.imported or exists (select 1 from vote v where v.question_id = c.question_id
                                                 and v.voter_id = c.voter_id and v.voiding_id is null)) challenger""";

        private Map<Long, List<ObjectNode>> children(Table child, String table, String parent, List<ObjectNode> rows)
                throws SQLException, IOException {
            Map<Long, List<ObjectNode>> byParent = new HashMap<>();
            String order = child.columns().containsKey("position")
                    ? "position"
                    : child.columns().containsKey("round")
                            ? "round"
                            : child.columns().containsKey("slug") ? "slug" : "id";
            String extra = child.columns().containsKey("day") ? ", day, option_id" : "";
            query(
                    "select " + parent + " as parent_id, " + child.columnList() + " from " + table + " where " + parent
                            + " = any(?) order by " + parent + ", " + order + extra,
                    ids(rows),
                    row -> {
                        ObjectNode node = JSON.createObjectNode();
                        child.write(row, node);
                        byParent.computeIfAbsent(row.getLong("parent_id"), id -> new ArrayList<>())
                                .add(node);
                    });
            return byParent;
        }

        private static void attach(ObjectNode item, String field, Map<Long, List<ObjectNode>> children) {
            ArrayNode array = item.putArray(field);
            children.getOrDefault(item.get("id").asLong(), List.of()).forEach(array::add);
        }

        private void query(String sql, Long[] ids, RowHandler handler) throws SQLException, IOException {
            try (PreparedStatement select = connection.prepareStatement(sql)) {
                select.setFetchSize(CHUNK);
                if (ids != null) {
                    Array array = connection.createArrayOf("bigint", ids);
                    select.setArray(1, array);
                }
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        handler.take(rows);
                    }
                }
            } catch (UncheckedIOException ex) {
                throw ex.getCause();
            }
        }
    }
}
