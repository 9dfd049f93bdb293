package com.bestever.seo;

import com.bestever.system.BestEverProperties;
import com.bestever.system.ContentChanged;
import com.bestever.system.NotFoundException;
import com.bestever.system.PageTags;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import javax.xml.stream.XMLStreamException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.ResponseBody;

/** What crawlers read first: {@code /robots.txt} and the sitemaps it names. */
@Controller
class CrawlerController {

    private static final String XML = "application/xml;charset=UTF-8";

    private final Sitemaps sitemaps;
    private final BestEverProperties site;

    CrawlerController(Sitemaps sitemaps, BestEverProperties site) {
        this.sitemaps = sitemaps;
        this.site = site;
    }

    @GetMapping(value = "/robots.txt", produces = MediaType.TEXT_PLAIN_VALUE + ";charset=UTF-8")
    @ResponseBody
    String robots() {
        return """
                User-agent: *
                Disallow: /admin
                Disallow: /login

                Sitemap: %s
                """.formatted(site.absolute("/sitemap.xml"));
    }

    /** The whole sitemap, or past the protocol's limit an index of the paged sitemaps. */
    @GetMapping("/sitemap.xml")
    void sitemap(HttpServletResponse response) throws IOException, XMLStreamException {
        tagSitemap();
        int pages = sitemaps.pages();
        response.setContentType(XML);
        if (pages == 1) {
            sitemaps.writeUrls(1, response.getWriter());
        } else {
            sitemaps.writeIndex(pages, response.getWriter());
        }
    }

    /** One page of the sitemap, when {@code /sitemap.xml} is an index. */
    @GetMapping("/sitemap-{page}.xml")
    void sitemapPage(@PathVariable String page, HttpServletResponse response) throws IOException, XMLStreamException {
        tagSitemap();
        int number = pageNumber(page);
        if (number > sitemaps.pages()) {
            throw new NotFoundException("sitemap page " + page);
        }
        response.setContentType(XML);
        sitemaps.writeUrls(number, response.getWriter());
    }

    /** A sitemap lists every public review, film, author, genre and verdict, with when each changed. */
    private static void tagSitemap() {
        PageTags.add(
                ContentChanged.Kind.REVIEW.all(),
                ContentChanged.Kind.FILM.all(),
                ContentChanged.Kind.AUTHOR.all(),
                ContentChanged.Kind.GENRE.all(),
                ContentChanged.Kind.POLL.all());
    }

    private static int pageNumber(String page) {
        if (!page.matches("[1-9][0-9]{0,5}")) {
            throw new NotFoundException("sitemap page " + page);
        }
        return Integer.parseInt(page);
    }
}
