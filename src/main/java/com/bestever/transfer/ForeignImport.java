package com.bestever.transfer;

import com.bestever.article.Markdown;
import com.bestever.system.ImageRejected;
import com.bestever.system.Images;
import com.bestever.system.Picture;
import com.bestever.system.Slugs;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;

/**
 * Another platform's export brought in as draft reviews: WordPress's WXR ({@code .xml}, or a zip
 * with it and its {@code wp-content/uploads}) and Ghost's JSON export ({@code .json}, or a zip
 * with it and its {@code content/images}). Each post's HTML goes through the site's own sanitiser;
 * an image the file carries goes through the image pipeline, one it only links to is reported as
 * not brought across (this site fetches nothing from elsewhere). A post needs a film, a genre and
 * a critic here: its author becomes (or matches) a critic, its first category or tag a genre, and
 * a film is made from its title, for the editor to complete before publishing.
 *
 * <p>XML is read with DTDs and external entities off; a file that declares a DOCTYPE is refused.
 */
@Service
class ForeignImport implements Importer {

    private static final String FALLBACK_GENRE = "Imported";

    private final JdbcTemplate jdbc;
    private final Markdown markdown;
    private final Images images;
    private final TransferLimits limits;
    private final ImportTransactions transactions;

    ForeignImport(
            JdbcTemplate jdbc,
            Markdown markdown,
            Images images,
            TransferLimits limits,
            ImportTransactions transactions) {
        this.jdbc = jdbc;
        this.markdown = markdown;
        this.images = images;
        this.limits = limits;
        this.transactions = transactions;
    }

    /** A post as both platforms describe it. */
    record Post(String title, String slug, String html, String author, String category, Instant date, String image) {}

    /** Whether the file is a WordPress or Ghost export (and not the site's own zip). */
    boolean recognises(Path file) throws IOException {
        if (SafeZip.looksLikeZip(file)) {
            try (SafeZip zip = SafeZip.open(file, limits)) {
                return !zip.has(ExportFormat.MANIFEST)
                        && zip.names().stream().anyMatch(name -> name.endsWith(".xml") || name.endsWith(".json"));
            } catch (ImportRefused ex) {
                return false; // the site's importer refuses it, saying why
            }
        }
        try (InputStream in = Files.newInputStream(file)) {
            String head = new String(in.readNBytes(512), StandardCharsets.UTF_8).stripLeading();
            return head.startsWith("<") || head.startsWith("{");
        }
    }

    @Override
    public SiteImport.Outcome preview(Path file, Progress progress) {
        return transactions.preview(() -> run(file, progress, false));
    }

    @Override
    public SiteImport.Outcome apply(Path file, Progress progress, Long accountId, String actor) {
        return transactions.apply(() -> run(file, progress, true), accountId, actor, "Posts imported as drafts");
    }

    private SiteImport.Outcome run(Path file, Progress progress, boolean write) {
        SiteImport.Outcome outcome = new SiteImport.Outcome();
        try {
            if (SafeZip.looksLikeZip(file)) {
                try (SafeZip zip = SafeZip.open(file, limits)) {
                    String source = zip.names().stream()
                            .filter(name -> name.endsWith(".xml") || name.endsWith(".json"))
                            .findFirst()
                            .orElseThrow(() -> new ImportRefused(
                                    "This zip holds neither a WordPress (.xml) nor a Ghost (.json) export."));
                    byte[] bytes = zip.bytes(source);
                    write(posts(bytes), zip, progress, write, outcome);
                }
            } else {
                if (Files.size(file) > limits.maxInflated().toBytes()) {
                    throw new ImportRefused("This file is larger than an import may be.");
                }
                write(posts(Files.readAllBytes(file)), null, progress, write, outcome);
            }
        } catch (IOException ex) {
            throw new ImportRefused("The file could not be read whole: " + ex.getMessage());
        }
        return outcome;
    }

    private List<Post> posts(byte[] bytes) {
        String head = new String(bytes, 0, Math.min(bytes.length, 512), StandardCharsets.UTF_8).stripLeading();
        if (head.startsWith("{")) {
            return ghost(bytes);
        }
        if (head.startsWith("<")) {
            return wordPress(bytes);
        }
        throw new ImportRefused("This file is neither a WordPress export (WXR) nor a Ghost export (JSON).");
    }

    // --- WordPress -------------------------------------------------------------------------

    private static List<Post> wordPress(byte[] bytes) {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        List<Post> posts = new ArrayList<>();
        Map<String, String> authors = new HashMap<>();
        try {
            XMLStreamReader xml = factory.createXMLStreamReader(new java.io.ByteArrayInputStream(bytes));
            Map<String, String> item = null;
            Map<String, String> author = null;
            String text = null;
            StringBuilder buffer = new StringBuilder();
            boolean sawRss = false;
            while (xml.hasNext()) {
                int event = xml.next();
                switch (event) {
                    case XMLStreamConstants.DTD ->
                        throw new ImportRefused(
                                "This XML file declares a DOCTYPE (entities, a DTD): refused, nothing was imported.");
                    case XMLStreamConstants.ENTITY_REFERENCE ->
                        throw new ImportRefused("This XML file uses an entity (&" + xml.getLocalName()
                                + ";) it does not define in plain XML: refused, nothing was imported.");
                    case XMLStreamConstants.START_ELEMENT -> {
                        String name = xml.getLocalName();
                        if (name.equals("rss")) {
                            sawRss = true;
                        }
                        if (name.equals("item")) {
                            item = new HashMap<>();
                        } else if (name.equals("author") && "wp".equals(xml.getPrefix())) {
                            author = new HashMap<>();
                        } else if (name.equals("category") && item != null && !item.containsKey("category")) {
                            item.put("category.domain", String.valueOf(xml.getAttributeValue(null, "domain")));
                        }
                        buffer.setLength(0);
                        text = name;
                    }
                    case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE ->
                        buffer.append(xml.getText());
                    case XMLStreamConstants.END_ELEMENT -> {
                        String name = xml.getLocalName();
                        String prefix = xml.getPrefix() == null ? "" : xml.getPrefix();
                        String value = buffer.toString().strip();
                        if (item != null && !name.equals("item")) {
                            String key = prefix.isEmpty() ? name : prefix + ":" + name;
                            if (name.equals("category")) {
                                if (!item.containsKey("category") && !value.isEmpty()) {
                                    item.put("category", value);
                                }
                            } else {
                                item.putIfAbsent(key, value);
                            }
                        } else if (author != null) {
                            if (name.equals("author")) {
                                authors.put(
                                        author.getOrDefault("author_login", ""),
                                        author.getOrDefault("author_display_name", ""));
                                author = null;
                            } else {
                                author.put(name, value);
                            }
                        }
                        if (name.equals("item") && item != null) {
                            String type = item.getOrDefault("wp:post_type", "post");
                            if (type.equals("post")) {
                                String login = item.getOrDefault("dc:creator", "");
                                posts.add(new Post(
                                        item.getOrDefault("title", ""),
                                        item.getOrDefault("wp:post_name", ""),
                                        item.getOrDefault("content:encoded", ""),
                                        authors.getOrDefault(login, login),
                                        item.get("category"),
                                        wordPressDate(item.get("wp:post_date_gmt")),
                                        null));
                            }
                            item = null;
                        }
                        buffer.setLength(0);
                        text = null;
                    }
                    default -> {}
                }
            }
            if (!sawRss) {
                throw new ImportRefused("This XML file is not a WordPress export (no <rss> channel).");
            }
            if (text != null) {
                throw new ImportRefused("This XML file ends in the middle of an element.");
            }
        } catch (XMLStreamException ex) {
            throw new ImportRefused("This XML file could not be read ("
                    + ExportFormat.cut(String.valueOf(ex.getMessage()).replace('\n', ' '))
                    + "): refused, nothing was imported.");
        }
        return posts;
    }

    private static Instant wordPressDate(String text) {
        if (text == null || text.isBlank() || text.startsWith("0000")) {
            return null;
        }
        try {
            return LocalDateTime.parse(text, DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss"))
                    .toInstant(ZoneOffset.UTC);
        } catch (RuntimeException ex) {
            return null;
        }
    }

    // --- Ghost -----------------------------------------------------------------------------

    private static List<Post> ghost(byte[] bytes) {
        JsonNode root;
        try {
            root = ExportFormat.JSON.readTree(bytes);
        } catch (RuntimeException ex) {
            throw new ImportRefused("This JSON file could not be read: it is not a Ghost export.");
        }
        JsonNode data = root.path("db").path(0).path("data");
        if (!data.path("posts").isArray()) {
            throw new ImportRefused("This JSON file is not a Ghost export (no db[0].data.posts).");
        }
        Map<String, String> users = new HashMap<>();
        data.path("users")
                .forEach(user -> users.put(
                        user.path("id").asString(""), user.path("name").asString("")));
        Map<String, String> tags = new HashMap<>();
        data.path("tags")
                .forEach(tag ->
                        tags.put(tag.path("id").asString(""), tag.path("name").asString("")));
        Map<String, String> authorOf = new HashMap<>();
        data.path("posts_authors")
                .forEach(link -> authorOf.putIfAbsent(
                        link.path("post_id").asString(""),
                        link.path("author_id").asString("")));
        Map<String, String> tagOf = new HashMap<>();
        data.path("posts_tags")
                .forEach(link -> tagOf.putIfAbsent(
                        link.path("post_id").asString(""), link.path("tag_id").asString("")));
        List<Post> posts = new ArrayList<>();
        for (JsonNode post : data.path("posts")) {
            if (!post.path("type").asString("post").equals("post")) {
                continue;
            }
            String id = post.path("id").asString("");
            String author = authorOf.getOrDefault(id, post.path("author_id").asString(""));
            Instant date = null;
            String published =
                    post.path("published_at").asString(post.path("created_at").asString(""));
            if (!published.isBlank()) {
                try {
                    date = OffsetDateTime.parse(published).toInstant();
                } catch (RuntimeException ex) {
                    date = null;
                }
            }
            posts.add(new Post(
                    post.path("title").asString(""),
                    post.path("slug").asString(""),
                    post.path("html").asString(""),
                    users.getOrDefault(author, ""),
                    tags.get(tagOf.get(id)),
                    date,
                    post.path("feature_image").isString()
                            ? post.path("feature_image").asString()
                            : null));
        }
        return posts;
    }

    // --- writing drafts --------------------------------------------------------------------

    private void write(List<Post> posts, SafeZip zip, Progress progress, boolean write, SiteImport.Outcome outcome) {
        progress.total(posts.size());
        for (Post post : posts) {
            progress.step();
            String title =
                    post.title().isBlank() ? "Untitled" : cut(post.title().strip(), 200);
            String slug = Slugs.isValid(post.slug()) ? post.slug() : Slugs.of(title);
            if (slug.isBlank()) {
                outcome.notBrought("A post with no usable title or slug was not brought across.");
                continue;
            }
            if (jdbc.queryForObject(
                    "select exists (select 1 from article where slug = ?) or exists (select 1 from article_earlier_slug where slug = ?)",
                    Boolean.class,
                    slug,
                    slug)) {
                outcome.conflict(
                        "/reviews/" + slug + " is already here: the post \"" + title + "\" was not brought across.");
                continue;
            }
            Document html = Jsoup.parseBodyFragment(post.html());
            html.outputSettings().prettyPrint(false);
            for (Element image : html.select("img")) {
                String src = image.attr("src");
                byte[] bytes = zip == null ? null : carried(zip, src);
                if (bytes == null) {
                    outcome.notBrought("\"" + title + "\": the image " + cut(src, 120)
                            + " is only linked, not in the file: not brought across.");
                    image.remove();
                    continue;
                }
                try {
                    Images.Upload upload = images.check(bytes);
                    if (write) {
                        Picture picture = images.store(upload, image.attr("alt"));
                        image.attr("src", picture.src());
                    }
                    outcome.added("image");
                } catch (ImageRejected ex) {
                    outcome.notBrought(
                            "\"" + title + "\": the image " + cut(src, 120) + " was refused: " + ex.getMessage());
                    image.remove();
                }
            }
            if (post.image() != null && !post.image().isBlank()) {
                outcome.notBrought(
                        "\"" + title + "\": its feature image is not brought across (add a still on the review).");
            }
            // The site's own sanitiser: the same allow-list as an editor's Markdown.
            String body = markdown.toSafeHtml(html.body().html()).strip();
            outcome.added("draft review");
            if (!write) {
                continue;
            }
            String authorName = post.author().isBlank()
                    ? "Imported critic"
                    : cut(post.author().strip(), 120);
            long author = findOrCreate("author", authorName, outcome);
            long genre = genreId(
                    post.category() == null || post.category().isBlank() ? FALLBACK_GENRE : post.category(), outcome);
            long film = film(title, slug, post.date(), genre);
            jdbc.update("""
                    insert into article (title, slug, genre_id, film_id, author_id, pull_quote, body, verdict, status,
                                         body_html, body_html_version)
                    values (?, ?, ?, ?, ?, '', ?, '', 'DRAFT', ?, ?)""", title, slug, genre, film, author, body, markdown.toSafeHtml(body), Markdown.VERSION);
        }
        if (posts.isEmpty()) {
            outcome.notBrought("The file holds no posts.");
        }
    }

    /** The bytes of an image the zip carries under the path the post links to, or null. */
    private static byte[] carried(SafeZip zip, String src) {
        for (String marker : List.of("wp-content/uploads/", "content/images/")) {
            int at = src.indexOf(marker);
            if (at >= 0) {
                String tail = src.substring(at);
                for (String name : zip.names()) {
                    if (name.endsWith(tail)) {
                        try {
                            return zip.bytes(name);
                        } catch (IOException ex) {
                            throw new UncheckedIOException(ex);
                        }
                    }
                }
            }
        }
        return null;
    }

    private long findOrCreate(String table, String name, SiteImport.Outcome outcome) {
        String slug = Slugs.of(name);
        List<Long> found = jdbc.queryForList("select id from " + table + " where slug = ?", Long.class, slug);
        if (!found.isEmpty()) {
            return found.get(0);
        }
        outcome.added(table.equals("author") ? "critic" : table);
        return jdbc.queryForObject(
                "insert into " + table + " (name, slug) values (?, ?) returning id", Long.class, name, slug);
    }

    private long genreId(String name, SiteImport.Outcome outcome) {
        String clean = cut(name.strip(), 80);
        List<Long> named = jdbc.queryForList(
                "select id from genre where lower(name) = lower(?) or slug = ?", Long.class, clean, Slugs.of(clean));
        return named.isEmpty() ? findOrCreate("genre", clean, outcome) : named.get(0);
    }

    private long film(String title, String slug, Instant date, long genre) {
        List<Long> found = jdbc.queryForList("select id from film where slug = ?", Long.class, slug);
        if (!found.isEmpty()) {
            return found.get(0);
        }
        int year = date == null
                ? 2000
                : Math.max(1888, Math.min(2100, date.atZone(ZoneOffset.UTC).getYear()));
        long film = jdbc.queryForObject(
                "insert into film (title, slug, release_year) values (?, ?, ?) returning id",
                Long.class,
                title,
                slug,
                year);
        jdbc.update("insert into film_genre (film_id, genre_id) values (?, ?)", film, genre);
        return film;
    }

    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }

    static Timestamp at(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
