package com.bestever.article;

import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.safety.Cleaner;
import org.jsoup.safety.Safelist;
import org.springframework.stereotype.Component;

/**
 * Turns an editor's Markdown into HTML that is safe to put in a page: commonmark-java
 * renders it, then jsoup keeps only an allow-list of elements, attributes and URL schemes
 * (no script, no event handlers, no javascript: or data: URLs).
 */
@Component
public class Markdown {

    /**
     * The renderer's version: raise it whenever the HTML made from the same Markdown changes
     * (commonmark or jsoup upgraded, the allow-list changed), and every stored body is rendered
     * again ({@link BodyHtmlBackfill}).
     */
    public static final int VERSION = 1;

    private static final Safelist ALLOWED = new Safelist()
            .addTags(
                    "h1",
                    "p",
                    "br",
                    "hr",
                    "em",
                    "strong",
                    "b",
                    "i",
                    "s",
                    "sub",
                    "sup",
                    "small",
                    "mark",
                    "blockquote",
                    "q",
                    "cite",
                    "code",
                    "pre",
                    "kbd",
                    "ul",
                    "ol",
                    "li",
                    "dl",
                    "dt",
                    "dd",
                    "h2",
                    "h3",
                    "h4",
                    "h5",
                    "h6",
                    "a",
                    "img",
                    "figure",
                    "figcaption",
                    "table",
                    "thead",
                    "tbody",
                    "tr",
                    "th",
                    "td")
            .addAttributes("a", "href", "title")
            .addAttributes("img", "src", "alt", "title", "width", "height")
            .addAttributes("ol", "start")
            .addAttributes("th", "align")
            .addAttributes("td", "align")
            .addAttributes("blockquote", "cite")
            .addAttributes("q", "cite")
            .addProtocols("a", "href", "http", "https", "mailto")
            .addProtocols("img", "src", "http", "https")
            .addProtocols("blockquote", "cite", "http", "https")
            .addProtocols("q", "cite", "http", "https")
            .preserveRelativeLinks(true);

    private static final String BASE = "https://bestever.invalid/";

    private static final Document.OutputSettings OUTPUT = new Document.OutputSettings().prettyPrint(false);

    private final Parser parser = Parser.builder().build();
    private final HtmlRenderer renderer =
            HtmlRenderer.builder().sanitizeUrls(true).build();

    // Relative links ("/films/…") are checked against a placeholder base and kept relative.
    /** Safe HTML for the given Markdown; never null. */
    public String toSafeHtml(String markdown) {
        if (markdown == null || markdown.isBlank()) {
            return "";
        }
        String html = renderer.render(parser.parse(markdown));
        Document clean = new Cleaner(ALLOWED).clean(Jsoup.parseBodyFragment(html, BASE));
        clean.outputSettings(OUTPUT);
        // The page's only <h1> is the review's title: an editor's "# Heading" becomes a subheading.
        clean.body().select("h1").tagName("h2");
        // A link or image whose URL the allow-list refused is left with nothing: drop the empty husk.
        clean.body().select("a[href=], a[href~=^\\s*$]").removeAttr("href");
        clean.body().select("img:not([src]), img[src=], img[src~=^\\s*$]").remove();
        return clean.body().html();
    }
}
