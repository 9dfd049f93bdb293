package com.bestever.seo;

import com.bestever.system.BestEverProperties;
import java.io.Writer;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Writes the sitemaps (sitemaps.org protocol 0.9) while it reads the rows: nothing is built in
 * memory, however many reviews there are. Past {@link #urlsPerSitemap()} URLs, {@code /sitemap.xml}
 * is an index of {@code /sitemap-1.xml}, {@code /sitemap-2.xml}, ….
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

    private static final String PUBLIC_REVIEWS = """
            with public_now as (
                select id, slug, genre_id, film_id, author_id, noindex, greatest(updated_at, publish_at) as changed
                  from public_review
                 where public_from <= ?
            )
            """;

    /**
     * Every public page, in a stable order, so that page N of the sitemap is always the same URLs.
     * Each film, author and genre takes its latest review's moment from one grouped pass over the
     * public reviews (never a subquery per row), so the whole list costs a few scans, however large.
     */
    private static final String URLS = PUBLIC_REVIEWS + """
            , by_film as (select film_id, max(changed) as changed from public_now group by film_id),
            by_author as (select author_id, max(changed) as changed from public_now group by author_id),
            by_genre as (select genre_id, max(changed) as changed from public_now group by genre_id),
            url as (
                select 0 as kind, 0::bigint as id, '/' as path, max(changed) as lastmod
                  from public_now having count(*) > 0
                union all
                select 0, 1, '/genres', max(changed) from public_now having count(*) > 0
                union all
                select 1, r.id, '/reviews/' || r.slug, r.changed from public_now r where not r.noindex
                union all
                select 2, f.id, '/films/' || f.slug, greatest(f.updated_at, b.changed)
                  from film f join by_film b on b.film_id = f.id
                union all
                select 3, a.id, '/authors/' || a.slug, greatest(a.updated_at, b.changed)
                  from author a join by_author b on b.author_id = a.id
                union all
                select 4, g.id, '/genres/' || g.slug, greatest(g.updated_at, b.changed)
                  from genre g join by_genre b on b.genre_id = g.id
                union all
                select 5, g.id, '/best-ever/' || g.slug, greatest(g.updated_at, b.changed)
                  from genre g left join by_genre b on b.genre_id = g.id
                 where exists (select 1 from vote_question q where q.genre_id = g.id)
            )
            """;

    private static final String PAGE = URLS + "select path, lastmod from url order by kind, id offset ? limit ?";

    private static final String COUNT = PUBLIC_REVIEWS + """
            select (select count(*) from public_now where not noindex)
                 + (select case when count(*) > 0 then 2 else 0 end from public_now)
                 + (select count(distinct film_id) from public_now)
                 + (select count(distinct author_id) from public_now)
                 + (select count(distinct genre_id) from public_now)
                 + (select count(*) from genre g where exists (select 1 from vote_question q where q.genre_id = g.id))
            """;

    private final JdbcTemplate jdbc;
    private final BestEverProperties site;
    private final Clock clock;
    private final XMLOutputFactory xml = XMLOutputFactory.newFactory();

    private volatile int urlsPerSitemap = PROTOCOL_LIMIT;

    Sitemaps(JdbcTemplate jdbc, BestEverProperties site, Clock clock) {
        this.jdbc = jdbc;
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
        long urls = jdbc.queryForObject(COUNT, Long.class, Timestamp.from(clock.instant()));
        return (int) Math.max(1, (urls + urlsPerSitemap - 1) / urlsPerSitemap);
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
        XMLStreamWriter writer = xml.createXMLStreamWriter(out);
        writer.writeStartDocument("UTF-8", "1.0");
        writer.writeStartElement("urlset");
        writer.writeDefaultNamespace(NAMESPACE);
        int limit = urlsPerSitemap;
        // Room to sort a page's 50,000 URLs in memory rather than on disk.
        jdbc.execute("set local work_mem = '32MB'");
        jdbc.query(
                connection -> {
                    var statement = connection.prepareStatement(PAGE);
                    // Inside a transaction the PostgreSQL driver then reads the rows with a cursor, 500 at a time.
                    statement.setFetchSize(500);
                    statement.setTimestamp(1, Timestamp.from(clock.instant()));
                    statement.setLong(2, (long) (page - 1) * limit);
                    statement.setInt(3, limit);
                    return statement;
                },
                row -> {
                    try {
                        writer.writeStartElement("url");
                        element(writer, "loc", site.absolute(row.getString("path")));
                        element(
                                writer,
                                "lastmod",
                                row.getTimestamp("lastmod")
                                        .toInstant()
                                        .truncatedTo(ChronoUnit.SECONDS)
                                        .toString());
                        writer.writeEndElement();
                    } catch (XMLStreamException e) {
                        throw new IllegalStateException("could not write the sitemap", e);
                    }
                });
        writer.writeEndElement();
        writer.writeEndDocument();
        writer.flush();
    }

    private static void element(XMLStreamWriter writer, String name, String text) throws XMLStreamException {
        writer.writeStartElement(name);
        writer.writeCharacters(text);
        writer.writeEndElement();
    }
}
