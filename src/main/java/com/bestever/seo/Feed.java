package com.bestever.seo;

import static com.bestever.system.JsonLd.time;

import com.bestever.article.Article;
import com.bestever.article.Reviews;
import com.bestever.system.BestEverProperties;
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
 * The Atom feed (RFC 4287) of the newest public reviews: each entry with its author, when it
 * went public and last changed, the pull quote as summary and the review itself as HTML.
 * Ids are tag: URIs (RFC 4151) made from the site's host and the review's id, so they stay the
 * same when a review's slug changes.
 */
@Component
class Feed {

    static final String NAMESPACE = "http://www.w3.org/2005/Atom";
    static final int ENTRIES = 20;

    /** The year the site began: part of every tag: id, never to change. */
    private static final String TAG_DATE = "2025";

    private final Reviews reviews;
    private final BestEverProperties site;
    private final XMLOutputFactory xml = XMLOutputFactory.newFactory();

    Feed(Reviews reviews, BestEverProperties site) {
        this.reviews = reviews;
        this.site = site;
    }

    void write(Writer out) throws XMLStreamException {
        List<Article> newest = reviews.newest(ENTRIES);
        XMLStreamWriter writer = xml.createXMLStreamWriter(out);
        writer.writeStartDocument("UTF-8", "1.0");
        writer.writeStartElement("feed");
        writer.writeDefaultNamespace(NAMESPACE);
        writer.writeAttribute("xml", "http://www.w3.org/XML/1998/namespace", "lang", "en");
        element(writer, "id", tag("feed"));
        element(writer, "title", site.siteName() + ": the latest reviews");
        element(writer, "subtitle", "One film. One genre. You tell us.");
        element(
                writer,
                "updated",
                time(newest.stream()
                        .map(Article::lastChanged)
                        .max(Instant::compareTo)
                        .orElse(Instant.EPOCH)));
        link(writer, "self", "application/atom+xml", site.absolute("/feed.xml"));
        link(writer, "alternate", "text/html", site.absolute("/"));
        writer.writeStartElement("generator");
        writer.writeCharacters(site.siteName());
        writer.writeEndElement();
        for (Article review : newest) {
            entry(writer, review);
        }
        writer.writeEndElement();
        writer.writeEndDocument();
        writer.flush();
    }

    private void entry(XMLStreamWriter writer, Article review) throws XMLStreamException {
        String url = site.absolute("/reviews/" + review.getSlug());
        writer.writeStartElement("entry");
        element(writer, "id", tag("review:" + review.getId()));
        element(writer, "title", review.getTitle() + ": " + review.getGenre().kicker());
        link(writer, "alternate", "text/html", url);
        element(writer, "published", time(review.getPublishAt()));
        element(writer, "updated", time(review.lastChanged()));
        writer.writeStartElement("author");
        element(writer, "name", review.getAuthor().getName());
        element(writer, "uri", site.absolute("/authors/" + review.getAuthor().getSlug()));
        writer.writeEndElement();
        writer.writeStartElement("category");
        writer.writeAttribute("term", review.getGenre().getSlug());
        writer.writeAttribute("label", review.getGenre().getName());
        writer.writeEndElement();
        element(writer, "summary", review.getPullQuote());
        writer.writeStartElement("content");
        writer.writeAttribute("type", "html");
        writer.writeCharacters(reviews.bodyHtmlOf(review) + "<p><strong>" + HtmlUtils.htmlEscape(review.getVerdict())
                + "</strong></p>");
        writer.writeEndElement();
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
