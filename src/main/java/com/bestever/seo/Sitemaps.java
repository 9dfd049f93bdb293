package com.bestever.seo;

import com.bestever.seo.SitemapKeys.Key;
import com.bestever.seo.SitemapKeys.Plan;
import com.bestever.system.BestEverProperties;
import java.io.BufferedWriter;
import java.io.Writer;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Writes the sitemaps (sitemaps.org protocol 0.9) while it reads the rows: no page's URLs are built in
 * memory, however many reviews there are. Past {@link #urlsPerSitemap()} URLs, {@code /sitemap.xml}
 * is an index of {@code /sitemap-1.xml}, {@code /sitemap-2.xml}, ….
 *
 * <p>How many URLs there are and where each page starts come from {@link SitemapKeys} (in memory,
 * never counted per request); a page then reads its reviews and films by primary key from its
 * first key to the next page's (no {@code OFFSET}), its critics, genres and leaderboards likewise,
 * and takes each film's, critic's and genre's latest public review from the keys.
 *
 * <p>Only pages with public content are listed (a review its editor marked noindex is not): the home page and {@code /genres} once a review is
 * public, and a film, author or genre page only while it has a public review (without one it is a
 * thin page marked {@code noindex}).
 *
 * <p>Every URL has a {@code lastmod}: a review's own last change (or the moment it went public,
 * if later); a film, author or genre page's own change or its latest public review's, whichever is
 * later; a leaderboard ({@code /best-ever/{genre}}) like its genre — votes never move it.
 */
@Component
class Sitemaps {

    static final String NAMESPACE = "http://www.sitemaps.org/schemas/sitemap/0.9";

    /** The protocol's limit of URLs in one sitemap file. */
    static final int PROTOCOL_LIMIT = 50_000;

    /** A page's public reviews (not those marked noindex), from one key to the next: a primary-key range. */
    private static final String REVIEWS = """
            select id, slug, greatest(updated_at, publish_at) as lastmod
              from public_review
             where public_from <= ? and not noindex and id >= ? and id < ?
             order by id
            """;

    /** A page's films, critics or genres (those with a public review are listed): a primary-key range. */
    private static final String THINGS = """
            select id, slug, updated_at from %s
             where id >= ? and id < ?
             order by id
            """;

    private static final String LEADERBOARDS = """
            select g.id, g.slug, g.updated_at from genre g
             where exists (select 1 from vote_question q where q.genre_id = g.id)
               and g.id >= ? and g.id < ?
             order by g.id
            """;

    /** Characters written to the response at a time. */
    static final int BUFFER = 16 * 1024;

    private final JdbcTemplate jdbc;
    private final SitemapKeys keys;
    private final BestEverProperties site;
    private final Clock clock;
    private final XMLOutputFactory xml = XMLOutputFactory.newFactory();

    private volatile int urlsPerSitemap = PROTOCOL_LIMIT;

    Sitemaps(JdbcTemplate jdbc, SitemapKeys keys, BestEverProperties site, Clock clock) {
        this.jdbc = jdbc;
        this.keys = keys;
        this.site = site;
        this.clock = clock;
    }

    int urlsPerSitemap() {
        return urlsPerSitemap;
    }

    /** Tests lower the limit to see the index without 50,000 rows (and restore it after). */
    void urlsPerSitemap(int limit) {
        this.urlsPerSitemap = limit;
    }

    /** How many sitemap files the site needs right now (1: {@code /sitemap.xml} is the urlset itself). */
    @Transactional(readOnly = true)
    int pages() {
        return keys.plan(clock.instant(), urlsPerSitemap).pages();
    }

    /** The sitemap index: one {@code <sitemap>} per page. */
    void writeIndex(int pages, Writer out) throws XMLStreamException {
        XMLStreamWriter writer = xml.createXMLStreamWriter(out);
        writer.writeStartDocument("UTF-8", "1.0");
        writer.writeStartElement("sitemapindex");
        writer.writeDefaultNamespace(NAMESPACE);
        for (int page = 1; page <= pages; page++) {
            writer.writeStartElement("sitemap");
            element(writer, "loc", site.absolute("/sitemap-" + page + ".xml"));
            writer.writeEndElement();
        }
        writer.writeEndElement();
        writer.writeEndDocument();
        writer.flush();
    }

    /** Page {@code page} (1-based) of the URLs, written row by row as the database returns them. */
    @Transactional(readOnly = true)
    void writeUrls(int page, Writer out) throws XMLStreamException {
        Instant now = clock.instant();
        int limit = urlsPerSitemap;
        Plan plan = keys.plan(now, limit);
        // The XML writer hands the response a few characters at a time: buffered, they are encoded in blocks.
        Urls urls = new Urls(
                xml.createXMLStreamWriter(new BufferedWriter(out, BUFFER)),
                plan.start(page),
                plan.start(page + 1),
                limit);
        urls.begin();
        Instant home = plan.homeChanged();
        if (home != null) {
            urls.add(SitemapKeys.HOME, 0, "/", home);
            urls.add(SitemapKeys.HOME, 1, "/genres", home);
        }
        if (urls.reaches(SitemapKeys.REVIEW)) {
            read(
                    REVIEWS,
                    urls,
                    SitemapKeys.REVIEW,
                    Timestamp.from(now),
                    row -> urls.add(
                            SitemapKeys.REVIEW,
                            row.getLong("id"),
                            "/reviews/" + row.getString("slug"),
                            row.getTimestamp("lastmod").toInstant()));
        }
        things(urls, SitemapKeys.FILM, "film", "/films/", plan::filmChanged);
        things(urls, SitemapKeys.AUTHOR, "author", "/authors/", plan::authorChanged);
        things(urls, SitemapKeys.GENRE, "genre", "/genres/", plan::genreChanged);
        if (urls.reaches(SitemapKeys.LEADERBOARD)) {
            // Every genre with a poll has its leaderboard, public reviews or not.
            read(LEADERBOARDS, urls, SitemapKeys.LEADERBOARD, null, row -> {
                Instant changed = row.getTimestamp("updated_at").toInstant();
                urls.add(
                        SitemapKeys.LEADERBOARD,
                        row.getLong("id"),
                        "/best-ever/" + row.getString("slug"),
                        later(changed, plan.genreChanged(row.getLong("id"))));
            });
        }
        urls.end();
    }

    /** The films, critics or genres of the page that have a public review, changed when they or it last did. */
    private void things(
            Urls urls, int kind, String table, String path, java.util.function.LongFunction<Instant> latestReview) {
        if (!urls.reaches(kind)) {
            return;
        }
        read(THINGS.formatted(table), urls, kind, null, row -> {
            Instant review = latestReview.apply(row.getLong("id"));
            if (review != null) {
                urls.add(
                        kind,
                        row.getLong("id"),
                        path + row.getString("slug"),
                        later(row.getTimestamp("updated_at").toInstant(), review));
            }
        });
    }

    /** Runs a page's statement for one kind, over the ids of that kind the page holds. */
    private void read(String sql, Urls urls, int kind, Timestamp now, RowCallback each) {
        jdbc.query(
                connection -> {
                    var statement = connection.prepareStatement(sql);
                    // Inside a transaction the PostgreSQL driver then reads the rows with a cursor, 500 at a time.
                    statement.setFetchSize(500);
                    int parameter = 1;
                    if (now != null) {
                        statement.setTimestamp(parameter++, now);
                    }
                    statement.setLong(parameter++, urls.lowestId(kind));
                    statement.setLong(parameter, urls.idAfterLast(kind));
                    return statement;
                },
                row -> {
                    try {
                        each.row(row);
                    } catch (XMLStreamException e) {
                        throw new IllegalStateException("could not write the sitemap", e);
                    }
                });
    }

    private interface RowCallback {
        void row(java.sql.ResultSet row) throws java.sql.SQLException, XMLStreamException;
    }

    private static Instant later(Instant one, Instant other) {
        return other == null || one.isAfter(other) ? one : other;
    }

    /** One page's {@code <urlset>}: the URLs whose keys are from {@code first} up to (not including) {@code next}. */
    private final class Urls {

        private final XMLStreamWriter writer;
        private final Key first;
        private final Key next;
        private final int limit;
        private int written;

        Urls(XMLStreamWriter writer, Key first, Key next, int limit) {
            this.writer = writer;
            this.first = first;
            this.next = next;
            this.limit = limit;
        }

        void begin() throws XMLStreamException {
            writer.writeStartDocument("UTF-8", "1.0");
            writer.writeStartElement("urlset");
            writer.writeDefaultNamespace(NAMESPACE);
        }

        /** Whether the page holds any URL of this kind. */
        boolean reaches(int kind) {
            return first.kind() <= kind && kind <= next.kind();
        }

        long lowestId(int kind) {
            return kind == first.kind() ? first.id() : Long.MIN_VALUE;
        }

        long idAfterLast(int kind) {
            return kind == next.kind() ? next.id() : Long.MAX_VALUE;
        }

        void add(int kind, long id, String path, Instant lastmod) throws XMLStreamException {
            Key key = new Key(kind, id);
            // Never past the protocol's limit, even if the keys are a moment behind the database.
            if (key.compareTo(first) < 0 || key.compareTo(next) >= 0 || written == limit) {
                return;
            }
            written++;
            writer.writeStartElement("url");
            element(writer, "loc", site.absolute(path));
            element(writer, "lastmod", lastmod.truncatedTo(ChronoUnit.SECONDS).toString());
            writer.writeEndElement();
        }

        void end() throws XMLStreamException {
            writer.writeEndElement();
            writer.writeEndDocument();
            writer.flush();
        }
    }

    private static void element(XMLStreamWriter writer, String name, String text) throws XMLStreamException {
        writer.writeStartElement(name);
        writer.writeCharacters(text);
        writer.writeEndElement();
    }
}
