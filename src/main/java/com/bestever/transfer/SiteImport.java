package com.bestever.transfer;

import static com.bestever.transfer.ExportFormat.JSON;

import com.bestever.article.Markdown;
import com.bestever.system.ImageStore;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Brings a site export ({@link ExportFormat}) into this site. Twice over the same file: a
 * preview, which reads the site and writes nothing, says what would be added, what is already
 * here the same, and what clashes (a slug taken by different content, an old URL already in use);
 * then the import itself, in one transaction, adding what is new and keeping the site's own
 * version of every clash. Anything wrong in the file refuses the whole of it.
 *
 * <p>Items match by slug (accounts by user name, images by their content-hashed name). Into a
 * table that is empty on this site, rows keep the file's ids, so an empty site gets the same
 * addresses (poll and option ids are in public pages); otherwise they get new ones.
 */
@Service
public class SiteImport implements Importer {

    private static final Pattern IMAGE_NAME = Pattern.compile("[0-9a-f]{24}-[0-9]{1,4}\\.jpg");
    private static final List<String> KEPT_ID_TABLES =
            List.of("genre", "author", "film", "article", "vote_question", "vote_option");

    private final JdbcTemplate jdbc;
    private final Markdown markdown;
    private final ImageStore images;
    private final TransferLimits limits;
    private final ImportTransactions transactions;
    private final String unusablePassword;

    SiteImport(
            JdbcTemplate jdbc,
            Markdown markdown,
            ImageStore images,
            TransferLimits limits,
            ImportTransactions transactions) {
        this.jdbc = jdbc;
        this.markdown = markdown;
        this.images = images;
        this.limits = limits;
        this.transactions = transactions;
        // A hash of a secret nobody keeps: an imported account signs in once an admin sets its password.
        this.unusablePassword = PasswordEncoderFactories.createDelegatingPasswordEncoder()
                .encode(UUID.randomUUID().toString());
    }

    /** What the file would bring (preview), or brought (import); nothing is written by a preview. */
    @Override
    public Outcome preview(Path file, Progress progress) {
        return transactions.preview(() -> run(file, progress, false));
    }

    /** Imports the file in one transaction, with its audit entry; a refusal writes nothing. */
    @Override
    public Outcome apply(Path file, Progress progress, Long accountId, String actor) {
        return transactions.apply(() -> run(file, progress, true), accountId, actor, "Site export imported");
    }

    private Outcome run(Path file, Progress progress, boolean write) {
        try (SafeZip zip = SafeZip.open(file, limits)) {
            Walk walk = new Walk(zip, progress, write);
            walk.all();
            return walk.outcome;
        } catch (IOException ex) {
            throw new ImportRefused("The file could not be read whole: " + ex.getMessage());
        } catch (UncheckedIOException ex) {
            throw new ImportRefused(
                    "The file could not be read whole: " + ex.getCause().getMessage());
        }
    }

    /** One pass over a file: reads it, matches it to the site, and (when writing) adds what is new. */
    private final class Walk {

        private final SafeZip zip;
        private final Progress progress;
        private final boolean write;
        private final Outcome outcome = new Outcome();
        private final Map<String, Map<Long, Long>> ids = new HashMap<>();
        private final Set<Long> newReviews = new HashSet<>();
        private final Set<String> keepIds = new HashSet<>();

        Walk(SafeZip zip, Progress progress, boolean write) {
            this.zip = zip;
            this.progress = progress;
            this.write = write;
        }

        void all() throws IOException {
            manifest();
            for (String table : KEPT_ID_TABLES) {
                if (!jdbc.queryForObject("select exists (select 1 from " + table + ")", Boolean.class)) {
                    keepIds.add(table);
                }
            }
            accounts();
            catalog(ExportFormat.GENRE, ExportFormat.GENRES, "genre", "/genres/");
            catalog(ExportFormat.AUTHOR, ExportFormat.AUTHORS, "author", "/authors/");
            images();
            films();
            reviews();
            polls();
            tombstones();
            if (write) {
                for (String table : KEPT_ID_TABLES) {
                    jdbc.queryForObject(
                            "select setval(pg_get_serial_sequence(?, 'id'), greatest((select max(id) from " + table
                                    + "), 1))",
                            Long.class,
                            table);
                }
            }
        }

        private void manifest() throws IOException {
            if (!zip.has(ExportFormat.MANIFEST)) {
                throw new ImportRefused("This zip has no manifest.json: it is not a Best Ever export.");
            }
            JsonNode manifest = readJson(ExportFormat.MANIFEST, zip.text(ExportFormat.MANIFEST));
            if (!ExportFormat.NAME.equals(manifest.path("format").asString(""))) {
                throw new ImportRefused("This zip's manifest is not a Best Ever export's (format \""
                        + manifest.path("format").asString("") + "\").");
            }
            int version = manifest.path("version").asInt(0);
            if (version < 1 || version > ExportFormat.VERSION) {
                throw new ImportRefused("This export is in format version " + version
                        + "; this site reads versions 1 to " + ExportFormat.VERSION + ". Upgrade the site first.");
            }
            progress.total(manifest.path("counts").path("article").asLong(0));
        }

        private void accounts() throws IOException {
            lines(ExportFormat.ACCOUNTS, account -> {
                String username = text(account, "username");
                List<Long> existing =
                        jdbc.queryForList("select id from app_user where username = ?", Long.class, username);
                long fileId = account.path("id").asLong();
                if (!existing.isEmpty()) {
                    map("app_user", fileId, existing.get(0));
                    outcome.unchanged("account");
                    return;
                }
                Long id = write ? nextId("app_user") : null;
                map("app_user", fileId, id);
                if (write) {
                    Map<String, Object> values = values(ExportFormat.ACCOUNT, account, id);
                    values.put("password_hash", unusablePassword);
                    values.put("must_change_password", true);
                    insert("app_user", values);
                }
                outcome.added("account");
            });
        }

        private void catalog(Table table, String entry, String kind, String path) throws IOException {
            lines(entry, item -> {
                long fileId = item.path("id").asLong();
                String slug = text(item, "slug");
                Existing existing = existing(table, slug);
                if (existing == null && table == ExportFormat.GENRE) {
                    List<Long> named =
                            jdbc.queryForList("select id from genre where name = ?", Long.class, text(item, "name"));
                    if (!named.isEmpty()) {
                        map(table.name(), fileId, named.get(0));
                        outcome.conflict("The genre \"" + text(item, "name") + "\" is already here under another"
                                + " address: the site's is kept.");
                        return;
                    }
                }
                if (existing != null) {
                    map(table.name(), fileId, existing.id());
                    compare(kind, path + slug, table, item, existing.row());
                    return;
                }
                Long id = add(table, item, fileId);
                earlierSlugs(item, table.name(), id, path);
                outcome.added(kind);
            });
        }

        private void images() throws IOException {
            lines(ExportFormat.IMAGES, image -> {
                String name = text(image, "name");
                if (!IMAGE_NAME.matcher(name).matches()) {
                    throw new ImportRefused("The file names an image \"" + ExportFormat.cut(name)
                            + "\" that is not one of this site's image files.");
                }
                if (images.get(name).isPresent()) {
                    outcome.unchanged("image file");
                    return;
                }
                byte[] bytes = zip.bytes(ExportFormat.IMAGE_FOLDER + name);
                if (write) {
                    images.put(name, "image/jpeg", bytes);
                }
                outcome.added("image file");
            });
        }

        private void films() throws IOException {
            lines(ExportFormat.FILMS, film -> {
                long fileId = film.path("id").asLong();
                String slug = text(film, "slug");
                Existing existing = existing(ExportFormat.FILM, slug);
                if (existing != null) {
                    map("film", fileId, existing.id());
                    compare("film", "/films/" + slug, ExportFormat.FILM, film, existing.row());
                    return;
                }
                Long id = add(ExportFormat.FILM, film, fileId);
                if (write) {
                    for (JsonNode director : iterable(film, "directors")) {
                        child("film_director", ExportFormat.FILM_DIRECTOR, director, "film_id", id);
                    }
                    for (JsonNode member : iterable(film, "cast")) {
                        child("film_cast_member", ExportFormat.FILM_CAST, member, "film_id", id);
                    }
                    for (JsonNode genre : iterable(film, "genre_ids")) {
                        jdbc.update(
                                "insert into film_genre (film_id, genre_id) values (?, ?)",
                                id,
                                reference("genre", genre.asLong(), "film " + slug));
                    }
                }
                earlierSlugs(film, "film", id, "/films/");
                outcome.added("film");
            });
        }

        private void reviews() throws IOException {
            Map<String, List<String>> revisions = new HashMap<>();
            List<String> reviews = new ArrayList<>();
            for (String name : zip.names()) {
                if (!name.startsWith(ExportFormat.REVIEW_FOLDER) || !name.endsWith(".md")) {
                    continue;
                }
                int at = name.indexOf("/revisions/");
                if (at > 0) {
                    revisions
                            .computeIfAbsent(
                                    name.substring(ExportFormat.REVIEW_FOLDER.length(), at), s -> new ArrayList<>())
                            .add(name);
                } else {
                    reviews.add(name);
                }
            }
            for (String name : reviews) {
                ExportFormat.Document document = ExportFormat.parse(name, zip.text(name));
                ObjectNode front = document.front();
                long fileId = front.path("id").asLong();
                String slug = text(front, "slug");
                progress.step();
                Existing existing = existing(ExportFormat.REVIEW, slug);
                if (existing != null) {
                    map("article", fileId, existing.id());
                    String body =
                            jdbc.queryForObject("select body from article where id = ?", String.class, existing.id());
                    if (Objects.equals(body, document.body())) {
                        compare("review", "/reviews/" + slug, ExportFormat.REVIEW, front, existing.row());
                    } else {
                        outcome.conflict(
                                "/reviews/" + slug + " is already here with a different text: the site's is kept.");
                    }
                    continue;
                }
                if (jdbc.queryForObject(
                        "select exists (select 1 from article_earlier_slug where slug = ?)", Boolean.class, slug)) {
                    outcome.conflict(
                            "/reviews/" + slug + " is an old address of another review here: not brought across.");
                    map("article", fileId, null);
                    continue;
                }
                Long id = write ? (keepIds.contains("article") ? fileId : nextId("article")) : null;
                map("article", fileId, id);
                newReviews.add(fileId);
                if (write) {
                    Map<String, Object> values = values(ExportFormat.REVIEW, front, id);
                    values.put("body", document.body());
                    values.put("body_html", markdown.toSafeHtml(document.body()));
                    values.put("body_html_version", Markdown.VERSION);
                    insert("article", values);
                    for (JsonNode recommendation : iterable(front, "recommendations")) {
                        child("recommendation", ExportFormat.RECOMMENDATION, recommendation, "article_id", id);
                    }
                    for (String revisionName : revisions.getOrDefault(slug, List.of())) {
                        ExportFormat.Document revision = ExportFormat.parse(revisionName, zip.text(revisionName));
                        Map<String, Object> row = values(ExportFormat.REVISION, revision.front(), null);
                        row.put("article_id", id);
                        row.put("body", revision.body());
                        insert("article_revision", row);
                    }
                }
                earlierSlugs(front, "article", id, "/reviews/");
                outcome.added("review");
            }
        }

        private void polls() throws IOException {
            lines(ExportFormat.POLLS, poll -> {
                long fileId = poll.path("id").asLong();
                JsonNode article = poll.get("article_id");
                if (article != null && !article.isNull()) {
                    if (!newReviews.contains(article.asLong())) {
                        outcome.unchanged("poll");
                        return;
                    }
                } else {
                    Long film = ids.getOrDefault("film", Map.of())
                            .get(poll.path("film_id").asLong());
                    Long genre = ids.getOrDefault("genre", Map.of())
                            .get(poll.path("genre_id").asLong());
                    if (film != null
                            && genre != null
                            && jdbc.queryForObject(
                                    "select exists (select 1 from vote_question where film_id = ? and genre_id = ? and question = ?)",
                                    Boolean.class,
                                    film,
                                    genre,
                                    text(poll, "question"))) {
                        outcome.unchanged("poll");
                        return;
                    }
                }
                outcome.added("poll");
                if (!write) {
                    return;
                }
                Long id = keepIds.contains("vote_question") ? fileId : nextId("vote_question");
                map("vote_question", fileId, id);
                insert("vote_question", values(ExportFormat.POLL, poll, id));
                for (JsonNode option : iterable(poll, "options")) {
                    long optionFileId = option.path("id").asLong();
                    Long optionId = keepIds.contains("vote_option") ? optionFileId : nextId("vote_option");
                    map("vote_option", optionFileId, optionId);
                    child("vote_option", ExportFormat.OPTION, option, "question_id", id, optionId);
                }
                for (JsonNode verdict : iterable(poll, "verdicts")) {
                    child("poll_verdict", ExportFormat.VERDICT, verdict, "question_id", id);
                }
                for (JsonNode snapshot : iterable(poll, "share_snapshots")) {
                    child("poll_share_snapshot", ExportFormat.SNAPSHOT, snapshot, "question_id", id);
                }
                int reader = 0;
                for (JsonNode challenger : iterable(poll, "challengers")) {
                    Map<String, Object> values = values(ExportFormat.CHALLENGER, challenger, null);
                    values.put("question_id", id);
                    values.put("voter_id", "imported-" + ++reader);
                    values.put("imported", true); // counts without a vote here (V141)
                    insert("challenger", values);
                }
            });
        }

        private void tombstones() throws IOException {
            lines(ExportFormat.TOMBSTONES, tombstone -> {
                String slug = text(tombstone, "slug");
                boolean taken = jdbc.queryForObject(
                        "select exists (select 1 from review_tombstone where slug = ?) or exists (select 1 from article where slug = ?)",
                        Boolean.class,
                        slug,
                        slug);
                if (taken) {
                    outcome.unchanged("deleted review");
                    return;
                }
                if (write) {
                    insert("review_tombstone", values(ExportFormat.TOMBSTONE, tombstone, null));
                }
                outcome.added("deleted review");
            });
        }

        // --- matching ----------------------------------------------------------------------

        private record Existing(long id, ObjectNode row) {}

        private Existing existing(Table table, String slug) {
            if (keepIds.contains(table.name())) {
                return null; // nothing of this kind on the site yet
            }
            List<ObjectNode> rows = jdbc.query(
                    "select " + table.columnList() + " from " + table.name() + " where slug = ?",
                    (row, n) -> {
                        ObjectNode node = JSON.createObjectNode();
                        table.write(row, node);
                        return node;
                    },
                    slug);
            return rows.isEmpty() ? null : new Existing(rows.get(0).path("id").asLong(), rows.get(0));
        }

        /** The same (content columns equal, references aside) or a clash, where the site's is kept. */
        private void compare(String kind, String address, Table table, JsonNode item, JsonNode here) {
            List<String> differing = table.contentColumns().stream()
                    .filter(column -> !table.references().containsKey(column))
                    .filter(column -> !Objects.equals(item.get(column), here.get(column)))
                    .collect(Collectors.toList());
            if (differing.isEmpty()) {
                outcome.unchanged(kind);
            } else {
                outcome.conflict(address + " is already here with a different " + String.join(", ", differing)
                        + ": the site's " + kind + " is kept.");
            }
        }

        // --- writing -----------------------------------------------------------------------

        private Long add(Table table, JsonNode item, long fileId) {
            if (!write) {
                map(table.name(), fileId, null);
                return null;
            }
            Long id = keepIds.contains(table.name()) ? fileId : nextId(table.name());
            map(table.name(), fileId, id);
            insert(table.name(), values(table, item, id));
            return id;
        }

        private void earlierSlugs(JsonNode item, String table, Long id, String path) {
            for (JsonNode earlier : iterable(item, "earlier_slugs")) {
                String slug = text(earlier, "slug");
                boolean taken = jdbc.queryForObject(
                        "select exists (select 1 from " + table
                                + "_earlier_slug where slug = ?) or exists (select 1 from " + table
                                + " where slug = ?)",
                        Boolean.class,
                        slug,
                        slug);
                if (taken) {
                    outcome.conflict("The old address " + path + slug
                            + " already leads elsewhere here: its 301 is not brought across.");
                    continue;
                }
                if (write) {
                    Map<String, Object> values = values(ExportFormat.EARLIER_SLUG, earlier, null);
                    values.put(table + "_id", id);
                    insert(table + "_earlier_slug", values);
                }
            }
        }

        private void child(String table, Table spec, JsonNode item, String parent, Long parentId) {
            child(table, spec, item, parent, parentId, null);
        }

        private void child(String table, Table spec, JsonNode item, String parent, Long parentId, Long id) {
            Map<String, Object> values = values(spec, item, id);
            values.put(parent, parentId);
            insert(table, values);
        }

        /** The item's columns, its references turned into this site's ids. */
        private Map<String, Object> values(Table table, JsonNode item, Long id) {
            Map<String, Object> values = new LinkedHashMap<>();
            for (String column : table.columns().keySet()) {
                if (column.equals("id")) {
                    if (id != null) {
                        values.put("id", id);
                    }
                    continue;
                }
                if (!item.has(column)) {
                    continue; // the column's default
                }
                String target = table.references().get(column);
                Object value = table.value(column, item);
                if (target != null && value != null) {
                    value = target.equals("app_user")
                            ? ids.getOrDefault("app_user", Map.of()).get((Long) value)
                            : reference(target, (Long) value, table.name());
                }
                values.put(column, value);
            }
            return values;
        }

        private Long reference(String table, long fileId, String from) {
            Map<Long, Long> known = ids.getOrDefault(table, Map.of());
            if (!known.containsKey(fileId)) {
                throw new ImportRefused("The file's " + from + " refers to " + table + " " + fileId
                        + ", which the file does not hold.");
            }
            return known.get(fileId);
        }

        private void insert(String table, Map<String, Object> values) {
            String columns = String.join(", ", values.keySet());
            String marks = values.keySet().stream().map(c -> "?").collect(Collectors.joining(", "));
            jdbc.update(
                    "insert into " + table + " (" + columns + ") values (" + marks + ")",
                    values.values().toArray());
        }

        private long nextId(String table) {
            return jdbc.queryForObject("select nextval(pg_get_serial_sequence(?, 'id'))", Long.class, table);
        }

        private void map(String table, long fileId, Long id) {
            ids.computeIfAbsent(table, t -> new HashMap<>()).put(fileId, id);
        }

        // --- reading -----------------------------------------------------------------------

        interface Line {
            void take(JsonNode node) throws IOException;
        }

        private void lines(String entry, Line handler) throws IOException {
            if (!zip.has(entry)) {
                return;
            }
            try (BufferedReader reader =
                    new BufferedReader(new InputStreamReader(zip.open(entry), StandardCharsets.UTF_8))) {
                String line;
                int number = 0;
                while ((line = reader.readLine()) != null) {
                    number++;
                    if (!line.isBlank()) {
                        handler.take(readJson(entry + " line " + number, line));
                    }
                }
            }
        }

        private static JsonNode readJson(String where, String text) {
            try {
                JsonNode node = JSON.readTree(text);
                if (!node.isObject()) {
                    throw new ImportRefused(where + " is not a JSON object: " + ExportFormat.cut(text));
                }
                return node;
            } catch (ImportRefused ex) {
                throw ex;
            } catch (RuntimeException ex) {
                throw new ImportRefused(where + " is not valid JSON.");
            }
        }

        private static String text(JsonNode node, String field) {
            JsonNode value = node.get(field);
            if (value == null || !value.isString() || value.asString().isBlank()) {
                throw new ImportRefused("An entry of the file has no " + field + ".");
            }
            return value.asString();
        }

        private static Iterable<JsonNode> iterable(JsonNode node, String field) {
            return () -> ExportFormat.elements(node, field);
        }
    }

    /** How many of each kind were added or already here, and every clash, in the editor's words. */
    public static final class Outcome {
        private final Map<String, Long> added = new LinkedHashMap<>();
        private final Map<String, Long> unchanged = new LinkedHashMap<>();
        private final List<String> conflicts = new ArrayList<>();
        private final List<String> notBrought = new ArrayList<>();

        void added(String kind) {
            added.merge(kind, 1L, Long::sum);
        }

        void unchanged(String kind) {
            unchanged.merge(kind, 1L, Long::sum);
        }

        void conflict(String sentence) {
            if (conflicts.size() < 1000) {
                conflicts.add(sentence);
            }
        }

        void notBrought(String sentence) {
            if (notBrought.size() < 1000) {
                notBrought.add(sentence);
            }
        }

        public Map<String, Long> getAdded() {
            return added;
        }

        public Map<String, Long> getUnchanged() {
            return unchanged;
        }

        public List<String> getConflicts() {
            return conflicts;
        }

        public List<String> getNotBrought() {
            return notBrought;
        }

        public String summary() {
            return "added " + added + ", already here " + unchanged + ", " + conflicts.size()
                    + " clashes kept as the site had them";
        }
    }
}
