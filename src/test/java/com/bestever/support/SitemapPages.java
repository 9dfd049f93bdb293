package com.bestever.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.parser.Parser;

/** Every public page a site's sitemap lists (as paths, through its index if it has one), and the feed. */
public final class SitemapPages {

    private SitemapPages() {}

    /**
     * A page as two sites serving the same content must serve it: the one line that tells when the
     * readers' verdict was counted ("Standings as of …", poll.GenreStandings) is each site's own.
     */
    public static String withoutCountingTime(String page) {
        return page.replaceAll("<p class=\"verdict-as-of\">.*?</p>", "");
    }

    public static List<String> of(LiveServer site) throws Exception {
        List<String> pages = new ArrayList<>();
        collect(site, "/sitemap.xml", pages);
        pages.add("/feed.xml");
        return pages;
    }

    private static void collect(LiveServer site, String sitemap, List<String> pages) throws Exception {
        HttpResponse<String> answer = site.get(sitemap);
        assertThat(answer.statusCode()).as(sitemap).isEqualTo(200);
        Document xml = Jsoup.parse(answer.body(), "", Parser.xmlParser());
        boolean index = !xml.select("sitemapindex").isEmpty();
        for (String url : xml.select("loc").eachText()) {
            String path = URI.create(url).getRawPath();
            if (index) {
                collect(site, path, pages);
            } else {
                pages.add(path);
            }
        }
    }
}
