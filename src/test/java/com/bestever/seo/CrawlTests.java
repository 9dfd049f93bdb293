package com.bestever.seo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import com.bestever.support.SiteTest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

/** A crawler's walk from the home page: every internal link leads somewhere. */
@SiteTest
class CrawlTests {

    static final String BASE = "http://localhost:8080";

    /** Enough to reach every kind of page without walking the whole shared test database. */
    static final int MAX_PAGES = 300;

    @Autowired
    MockMvc mvc;

    @Test
    void everyInternalLinkFromTheHomePageLeadsToAPage() throws Exception {
        Map<String, String> broken = new LinkedHashMap<>();
        Set<String> seen = new LinkedHashSet<>(List.of("/"));
        Deque<String> queue = new ArrayDeque<>(seen);
        int crawled = 0;
        while (!queue.isEmpty() && crawled < MAX_PAGES) {
            String path = queue.removeFirst();
            crawled++;
            MockHttpServletResponse response = follow(path);
            if (response.getStatus() != 200) {
                broken.put(path, String.valueOf(response.getStatus()));
                continue;
            }
            if (response.getContentType() == null || !response.getContentType().startsWith("text/html")) {
                continue;
            }
            Document page = Jsoup.parse(response.getContentAsString(StandardCharsets.UTF_8), BASE + path);
            for (Element link : page.select("a[href], link[rel=canonical][href], link[rel=alternate][href]")) {
                String internal = internal(link.attr("href"));
                if (internal != null && seen.add(internal)) {
                    queue.addLast(internal);
                }
            }
        }
        assertThat(broken).as("broken links").isEmpty();
        assertThat(seen)
                .contains(
                        "/reviews/the-400-blows",
                        "/films/the-400-blows",
                        "/authors/philip-dale",
                        "/genres/drama",
                        "/feed.xml");
        assertThat(crawled).isGreaterThan(5);
    }

    /** Follows redirects (an old slug's 301) to where they end. */
    MockHttpServletResponse follow(String path) throws Exception {
        String current = path;
        for (int hops = 0; hops < 5; hops++) {
            MockHttpServletResponse response =
                    mvc.perform(get(URI.create(BASE + current))).andReturn().getResponse();
            if (response.getStatus() / 100 != 3) {
                return response;
            }
            String next = internal(response.getRedirectedUrl());
            assertThat(next)
                    .as("redirect from " + current + " stays on the site")
                    .isNotNull();
            current = next;
        }
        throw new AssertionError("too many redirects from " + path);
    }

    /** The path and query of a link to this site (fragment dropped), or null for anything else. */
    static String internal(String href) {
        if (href == null || href.isBlank()) {
            return null;
        }
        URI uri = URI.create(BASE + "/").resolve(href.strip());
        if (!(uri.getScheme() + "://" + uri.getRawAuthority()).equals(BASE)) {
            return null;
        }
        String path = uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
    }
}
