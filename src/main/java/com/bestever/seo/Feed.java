package com.bestever.seo;

import static com.bestever.system.JsonLd.time;

import com.bestever.article.ReviewEntry;
import com.bestever.article.Reviews;
import com.bestever.author.Author;
import com.bestever.genre.Genre;
import com.bestever.poll.PollVerdicts;
import com.bestever.system.BestEverProperties;
import java.io.BufferedWriter;
import java.io.Writer;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

/**
 * The Atom feeds (RFC 4287) of the newest public reviews, of the site, of a genre or of a critic: each entry with its author, when it
 * went public and last changed, the pull quote as summary and the review itself as HTML.
 * Ids are tag: URIs (RFC 4151) made from the site's host and the review's id, so they stay the
 * same when a review's slug changes.
 */
@Component
class Feed {

    static final String NAMESPACE = "http://www.w3.org/2005/Atom";
    static final int ENTRIES = 20;
    /** The newest final verdicts of readers' polls, after the reviews. */
    static final int VERDICTS = 10;

    /** The year the site began: part of every tag: id, never to change. */
    private static final String TAG_DATE = "2025";

    private final Reviews reviews;
    private final BestEverProperties site;
    private final PollVerdicts verdicts;
    private final XMLOutputFactory xml = XMLOutputFactory.newFactory();

    Feed(Reviews reviews, BestEverProperties site, PollVerdicts verdicts) {
        this.reviews = reviews;
        this.verdicts = verdicts;
        this.site = site;
    }

    /** One feed: its tag: id, title, own address, the page it follows, and its newest reviews. */
    record Channel(
            String id,
            String title,
            String self,
            String alternate,
            List<ReviewEntry> newest,
            List<PollVerdicts.Published> finals) {}

    /** {@code /feed.xml}: the latest reviews of the whole site. */
    Channel latest() {
        return new Channel(
                "feed",
                site.siteName() + ": the latest reviews",
                "/feed.xml",
                "/",
                reviews.newest(ENTRIES),
                verdicts.latest(VERDICTS));
    }

    /** {@code /genres/{slug}/feed.xml}: the latest reviews in a genre. */
    Channel genre(Genre genre) {
        return new Channel(
                "genre:" + genre.getId(),
                site.siteName() + ": " + genre.kicker(),
                "/genres/" + genre.getSlug() + "/feed.xml",
                "/genres/" + genre.getSlug(),
                reviews.newestInGenre(genre.getId(), ENTRIES),
                List.of());
    }

    /** {@code /authors/{slug}/feed.xml}: a critic's latest reviews. */
    Channel author(Author author) {
        return new Channel(
                "author:" + author.getId(),
                site.siteName() + ": reviews by " + author.getName(),
                "/authors/" + author.getSlug() + "/feed.xml",
                "/authors/" + author.getSlug(),
                reviews.newestByAuthor(author.getId(), ENTRIES),
                List.of());
    }

    void write(Channel channel, Writer out) throws XMLStreamException {
        List<ReviewEntry> newest = channel.newest();
        // The readers' final verdicts go in the site's own feed only.
        List<PollVerdicts.Published> finals = channel.finals();
        XMLStreamWriter writer = xml.createXMLStreamWriter(new BufferedWriter(out, Sitemaps.BUFFER));
        writer.writeStartDocument("UTF-8", "1.0");
        writer.writeStartElement("feed");
        writer.writeDefaultNamespace(NAMESPACE);
        writer.writeAttribute("xml", "http://www.w3.org/XML/1998/namespace", "lang", "en");
        element(writer, "id", tag(channel.id()));
        element(writer, "title", channel.title());
        element(writer, "subtitle", "One film. One genre. You tell us.");
        element(
                writer,
                "updated",
                time(java.util.stream.Stream.concat(
                                newest.stream().map(ReviewEntry::lastChanged),
                                finals.stream().map(f -> f.verdict().closedAt()))
                        .max(Instant::compareTo)
                        .orElse(Instant.EPOCH)));
        link(writer, "self", "application/atom+xml", site.absolute(channel.self()));
        link(writer, "alternate", "text/html", site.absolute(channel.alternate()));
        writer.writeStartElement("generator");
        writer.writeCharacters(site.siteName());
        writer.writeEndElement();
        for (ReviewEntry review : newest) {
            entry(writer, review);
        }
        for (PollVerdicts.Published verdict : finals) {
            entry(writer, verdict);
        }
        writer.writeEndElement();
        writer.writeEndDocument();
        writer.flush();
    }

    private void entry(XMLStreamWriter writer, ReviewEntry review) throws XMLStreamException {
        String url = site.absolute("/reviews/" + review.slug());
        writer.writeStartElement("entry");
        element(writer, "id", tag("review:" + review.id()));
        element(writer, "title", review.title() + ": " + review.kicker());
        link(writer, "alternate", "text/html", url);
        element(writer, "published", time(review.publishAt()));
        element(writer, "updated", time(review.lastChanged()));
        writer.writeStartElement("author");
        element(writer, "name", review.author().name());
        element(writer, "uri", site.absolute("/authors/" + review.author().slug()));
        writer.writeEndElement();
        writer.writeStartElement("category");
        writer.writeAttribute("term", review.genre().slug());
        writer.writeAttribute("label", review.genre().name());
        writer.writeEndElement();
        element(writer, "summary", review.pullQuote());
        writer.writeStartElement("content");
        writer.writeAttribute("type", "html");
        writer.writeCharacters(
                review.bodyHtml() + "<p><strong>" + HtmlUtils.htmlEscape(review.verdict()) + "</strong></p>");
        writer.writeEndElement();
        writer.writeEndElement();
    }

    /** A poll's final verdict: dated when its round closed, linking to the poll under its review. */
    private void entry(XMLStreamWriter writer, PollVerdicts.Published published) throws XMLStreamException {
        PollVerdicts.Verdict verdict = published.verdict();
        writer.writeStartElement("entry");
        element(writer, "id", tag("verdict:" + verdict.pollId() + ":" + verdict.round()));
        element(writer, "title", "Readers’ verdict, final: " + verdict.question());
        link(
                writer,
                "alternate",
                "text/html",
                site.absolute("/reviews/" + published.reviewSlug() + "#poll-" + verdict.pollId()));
        element(writer, "published", time(verdict.closedAt()));
        element(writer, "updated", time(verdict.closedAt()));
        writer.writeStartElement("author");
        element(writer, "name", site.siteName() + " readers");
        writer.writeEndElement();
        writer.writeStartElement("category");
        writer.writeAttribute("term", verdict.genreSlug());
        writer.writeAttribute("label", verdict.genreName());
        writer.writeEndElement();
        element(writer, "summary", verdict.filmTitle() + ": " + verdict.figuresText() + " · " + verdict.rankText());
        writer.writeEndElement();
    }

    private String tag(String specific) {
        return "tag:" + URI.create(site.baseUrl()).getHost() + "," + TAG_DATE + ":" + specific;
    }

    private static void link(XMLStreamWriter writer, String rel, String type, String href) throws XMLStreamException {
        writer.writeEmptyElement("link");
        writer.writeAttribute("rel", rel);
        writer.writeAttribute("type", type);
        writer.writeAttribute("href", href);
    }

    private static void element(XMLStreamWriter writer, String name, String text) throws XMLStreamException {
        writer.writeStartElement(name);
        writer.writeCharacters(text);
        writer.writeEndElement();
    }
}
