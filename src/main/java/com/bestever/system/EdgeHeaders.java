package com.bestever.system;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;

/**
 * What a public response tells the caches in front of the site: the tags of the content it shows
 * (from {@link PageTags}, the one page-to-content map, plus the site-wide {@link #SITE}) in the
 * header the configured CDN reads, and how long each cache may keep it.
 *
 * <p>Without a purger a page is kept by the edge as briefly as by a browser
 * ({@code bestever.http-cache}). With one, the edge keeps it for {@code bestever.cdn.edge-max-age}
 * ({@code Surrogate-Control} for Fastly and Varnish, {@code CDN-Cache-Control} for Cloudflare and
 * RFC 9213 caches) and a purge ends that when the content changes; browsers still keep it briefly.
 * Pages that show live standings ({@link PageTags#LIVE_STANDINGS}) change with every vote, which
 * is never purged: the edge keeps them as briefly as browsers do, so they trail the count by a
 * minute at most. Every public page may be served stale while the site is down ({@code stale-if-error}).
 */
@Component
public class EdgeHeaders {

    /** The site-wide key, on every public page: purging it purges everything. */
    public static final String SITE = ContentChanged.everything().tag();

    /** Fastly's and Cloudflare's limit on the whole header is 16 KB; stay below it. */
    static final int LONGEST_HEADER = 16_000;
    /** Fastly's and Cloudflare's limit on one key. */
    static final int LONGEST_KEY = 1024;

    private static final Pattern ONE_THING = Pattern.compile("[a-z]+-\\d+");

    private final String tagHeader;
    private final String separator;
    private final boolean purged;
    private final String browserCacheControl;
    private final String edgeCacheControl;

    EdgeHeaders(CdnSettings cdn, BestEverProperties properties) {
        boolean cloudflare = cdn.purger() == CdnSettings.Purger.CLOUDFLARE;
        this.tagHeader = cloudflare ? "Cache-Tag" : "Surrogate-Key";
        this.separator = cloudflare ? "," : " ";
        this.purged = cdn.purges();
        BestEverProperties.HttpCache http = properties.httpCache();
        String stale = ", stale-while-revalidate=" + http.staleWhileRevalidate().toSeconds() + ", stale-if-error="
                + cdn.staleIfError().toSeconds();
        this.browserCacheControl = "public, max-age=" + http.maxAge().toSeconds() + stale;
        this.edgeCacheControl = "max-age=" + cdn.edgeMaxAge().toSeconds() + stale;
    }

    /** The name of the tag header the configured CDN reads. */
    public String tagHeader() {
        return tagHeader;
    }

    /**
     * The caching headers of a public response that shows {@code tags} (worked out once per kept
     * page); {@code purgeable} is false for a response no purge reaches (search results).
     */
    List<Map.Entry<String, String>> headers(Set<String> tags, boolean purgeable) {
        List<Map.Entry<String, String>> headers = new ArrayList<>(4);
        headers.add(Map.entry(HttpHeaders.CACHE_CONTROL, browserCacheControl));
        headers.add(Map.entry(tagHeader, header(tags, separator)));
        if (purged && purgeable && !tags.contains(PageTags.LIVE_STANDINGS)) {
            headers.add(Map.entry("Surrogate-Control", edgeCacheControl));
            headers.add(Map.entry("CDN-Cache-Control", edgeCacheControl));
        }
        return List.copyOf(headers);
    }

    /**
     * The tag header's value: the site-wide key and every tag, within the vendors' limits. When
     * they don't fit (a sitemap page), the page keeps the site-wide key and its listings' keys
     * ({@code reviews}, {@code genre-2-reviews}): any change of a review, which is what such a
     * page lists, names them too; a film's or author's rename then waits for the next one.
     */
    static String header(Set<String> tags, String separator) {
        Set<String> keys = new LinkedHashSet<>();
        keys.add(SITE);
        keys.addAll(tags);
        String all = String.join(separator, keys);
        if (all.length() <= LONGEST_HEADER && keys.stream().allMatch(key -> key.length() <= LONGEST_KEY)) {
            return all;
        }
        Set<String> listings = new LinkedHashSet<>();
        listings.add(SITE);
        for (String key : keys) {
            if (!ONE_THING.matcher(key).matches() && key.length() <= LONGEST_KEY) {
                listings.add(key);
            }
        }
        String collapsed = String.join(separator, listings);
        return collapsed.length() <= LONGEST_HEADER ? collapsed : SITE;
    }
}
