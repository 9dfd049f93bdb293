package com.bestever.system;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * The page-to-content map, as a page is rendered: whoever puts content on a public page names it
 * here (a review page its review, film, author, genre and poll; a listing its own listing tag and
 * each card's), and {@link PublicPageCache} keeps the page under those tags. A {@link ContentChanged}
 * drops exactly the kept pages tagged with one of its {@link ContentChanged#tags()}. The same tags
 * are what a CDN's {@code Surrogate-Key}/{@code Cache-Tag} header is to carry.
 *
 * <p>Every kept page also carries {@link #NAVIGATION}: the header shows the genres that have public
 * reviews ({@code article.Navigation}), and a change of that list drops everything.
 */
public final class PageTags {

    /** Shown on every page: the site's navigation. */
    public static final String NAVIGATION = "navigation";

    /**
     * Shown on a page with live standings (a film's polls, the readers' verdict): they change with
     * every vote, which is never purged, so the edge keeps such a page only briefly ({@link EdgeHeaders}).
     */
    public static final String LIVE_STANDINGS = "standings";

    static final String ATTRIBUTE = PageTags.class.getName();

    private final Set<String> tags = new LinkedHashSet<>();

    PageTags() {
        tags.add(NAVIGATION);
    }

    /** Names content shown on the page being rendered (no effect outside a kept page's rendering). */
    public static void add(String... tags) {
        PageTags current = current();
        if (current != null) {
            synchronized (current) {
                current.tags.addAll(java.util.Arrays.asList(tags));
            }
        }
    }

    /** Names content shown on the page being rendered. */
    public static void add(Collection<String> tags) {
        PageTags current = current();
        if (current != null) {
            synchronized (current) {
                current.tags.addAll(tags);
            }
        }
    }

    synchronized Set<String> tags() {
        return Set.copyOf(tags);
    }

    private static PageTags current() {
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        return request == null ? null : (PageTags) request.getAttribute(ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
    }
}
