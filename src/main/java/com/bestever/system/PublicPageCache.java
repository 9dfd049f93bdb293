package com.bestever.system;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.util.ContentCachingResponseWrapper;
import org.springframework.web.util.UriUtils;

/**
 * Public pages are the same bytes for every reader, so each is rendered once: the first
 * anonymous GET of a page goes through Spring MVC and Thymeleaf, its bytes are kept (plain
 * and gzipped, with a strong ETag) under the tags of the content it shows ({@link PageTags}),
 * and later requests are answered from memory, or with 304 when the reader already has them.
 * A {@link ContentChanged} drops only the kept pages tagged with one of its tags
 * ({@link ContentChanged#everything()} drops all); no page is kept longer than
 * {@code bestever.page-cache.max-age} (at most 60 s), so standings trail by a minute at most.
 * <p>
 * One page, one render: concurrent requests for a page that is being rendered wait for that
 * render (single flight), and the variants of one page share it: the key is the decoded path,
 * plus {@code ?page=N} on a listing ({@code ?page=1} and none are the same page; a page number
 * that is not a number is a 400, never kept); other query parameters, {@code Accept}, {@code Authorization} and a
 * session cookie the server does not know change nothing. Only a valid editor's session (one
 * the server knows, holding a sign-in) gets a private rendering. Sessions live in PostgreSQL
 * (Spring Session JDBC), whose filter runs before this one: a request without a session cookie
 * costs no query, one with a cookie one look-up by the session's unique id.
 * <p>
 * Several instances: each keeps its own pages; {@link ContentNotices} tells every instance what
 * changed on any of them. Before the site is ready, public pages answer 503 (Retry-After), and
 * nothing is kept.
 * <p>
 * Public pages get {@code bestever.http-cache} as their Cache-Control (Spring Security's
 * no-store is kept for every other address, see {@link SecurityConfig}); a 301 from an earlier
 * slug gets {@link BestEverProperties.HttpCache#redirectCacheControl()}. Search results are
 * served the same way but never kept. A response that sets a cookie or is not a 200 is never kept.
 */
@Component
class PublicPageCache extends OncePerRequestFilter implements Ordered {

    private static final Logger log = LoggerFactory.getLogger(PublicPageCache.class);

    private static final Duration LONGEST = Duration.ofSeconds(60);
    // A sitemap page of 50,000 URLs is about 6 MB.
    private static final int LARGEST_PAGE = 8 * 1024 * 1024;
    /** Spring Security keeps a sign-in in the session under this name (HttpSessionSecurityContextRepository). */
    private static final String SIGN_IN = "SPRING_SECURITY_CONTEXT";
    /** What a kept page is rendered for, whatever the first reader's client asked. */
    private static final String RENDERED_FOR = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
    /** The listings, whose {@code ?page=N} is part of the page; elsewhere {@code page} changes nothing. */
    private static final String[] LISTINGS = {"/genres/", "/authors/", "/best-ever/"};

    private static final long WAIT_FOR_RENDER_SECONDS = 10;
    // Headers that belong to one response, or that this filter sets itself.
    private static final Set<String> NOT_REPLAYED = Set.of(
            "content-type",
            "content-length",
            "content-encoding",
            "transfer-encoding",
            "date",
            "cache-control",
            "pragma",
            "expires",
            "etag",
            "vary",
            "set-cookie",
            "connection",
            "keep-alive");

    private final Cache<String, Kept> pages;
    private final boolean enabled;
    private final EdgeHeaders edge;
    private final String redirectCacheControl;
    private final AtomicLong generation = new AtomicLong();
    private final AtomicLong renders = new AtomicLong();
    /** Pages are kept only while the site is ready: before that, the sample content may not be in yet. */
    private volatile boolean ready;

    private final ConcurrentHashMap<String, CompletableFuture<Kept>> rendering = new ConcurrentHashMap<>();

    /**
     * A kept page, the tags of what it shows, when it was rendered (for {@code Age}), its caching
     * headers ({@link EdgeHeaders}, worked out once) and the route that rendered it
     * ({@code /reviews/{slug}}, for the request metrics of the answers {@link KeptPages} gives).
     */
    record Kept(
            CachedPage page,
            Set<String> tags,
            long keptAtMillis,
            List<Map.Entry<String, String>> caching,
            String route) {}

    /** A listing's page number as the only query: the form {@link KeptPages} answers without the filters. */
    private static final Pattern PAGE_NUMBER_ONLY = Pattern.compile("page=[1-9][0-9]{0,8}");

    PublicPageCache(BestEverProperties properties, EdgeHeaders edge) {
        BestEverProperties.PageCache settings = properties.pageCache();
        Duration maxAge = settings.maxAge();
        if (maxAge.compareTo(LONGEST) > 0) {
            log.warn(
                    "bestever.page-cache.max-age={} is longer than a minute; pages are kept for {} at most",
                    maxAge,
                    LONGEST);
            maxAge = LONGEST;
        }
        this.enabled = settings.enabled() && !maxAge.isZero() && !maxAge.isNegative();
        this.edge = edge;
        this.redirectCacheControl = properties.httpCache().redirectCacheControl();
        this.pages = Caffeine.newBuilder()
                .expireAfterWrite(maxAge.isNegative() ? Duration.ZERO : maxAge)
                .maximumWeight(settings.maxSize().toBytes())
                .<String, Kept>weigher((key, kept) ->
                        key.length() + kept.page().weight() + 32 * kept.tags().size())
                .recordStats() // hits, misses and evictions, for the operators (PageCacheMetrics)
                .build();
    }

    @Override
    public int getOrder() {
        // Outside Spring Security and Spring MVC: a kept page costs neither.
        return Ordered.HIGHEST_PRECEDENCE + 10;
    }

    /** Content changed: no kept page that shows it may show the old version. */
    @EventListener
    void contentChanged(ContentChanged event) {
        drop(event);
    }

    /** Again once the editor's transaction has committed: pages rendered meanwhile read the old rows. */
    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
    void contentChangedAndCommitted(ContentChanged event) {
        drop(event);
    }

    /**
     * The site became ready (migrations run, the sample content in: Spring Boot's readiness follows
     * the application runners) or stopped being ready. A page rendered before readiness may show a
     * site without its content ("No reviews are published yet."): it is never kept, and becoming
     * ready drops every kept page, which also fails any render that began before it.
     */
    @EventListener
    void readinessChanged(AvailabilityChangeEvent<ReadinessState> event) {
        boolean nowReady = event.getState() == ReadinessState.ACCEPTING_TRAFFIC;
        if (nowReady && !ready) {
            clear();
        }
        ready = nowReady;
    }

    /** Drops the kept pages tagged with one of the event's tags (all of them for everything). */
    void drop(ContentChanged event) {
        generation.incrementAndGet();
        if (event.isEverything()) {
            pages.invalidateAll();
            return;
        }
        Set<String> tags = event.tags();
        pages.asMap().values().removeIf(kept -> !Collections.disjoint(kept.tags(), tags));
    }

    void clear() {
        drop(ContentChanged.everything());
    }

    /** The kept pages, for their metrics (PageCacheMetrics). */
    Cache<String, Kept> pages() {
        return pages;
    }

    /** How many pages have been rendered to be kept since start (for tests that count renders). */
    long renders() {
        return renders.get();
    }

    /** The tags a kept page was kept under, if it is kept. */
    Set<String> tagsOf(String key) {
        Kept kept = pages.getIfPresent(key);
        return kept == null ? null : kept.tags();
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !PublicPages.isPublic(request);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!ready) {
            // Still starting (the web server opens before the sample content is in): a page now
            // could say "No reviews are published yet." of a site that has them. Come back shortly.
            response.setHeader(HttpHeaders.RETRY_AFTER, "5");
            response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
            response.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
            return;
        }
        if (signedIn(request)) {
            // A signed-in editor's view: rendered for this request only.
            response.setHeader(HttpHeaders.CACHE_CONTROL, "private, no-store");
            chain.doFilter(request, response);
            return;
        }
        boolean page = PublicPages.isPage(PublicPages.path(request));
        String key = page ? key(request) : null;
        if (!enabled || key == null) {
            // Search, the cache off, or ?page=abc / ?page=1&page=2 (a 400 from Spring MVC, never kept).
            render(request, response, chain, null);
            return;
        }
        Kept kept = pages.getIfPresent(key);
        if (kept != null) {
            send(kept, request, response);
            return;
        }
        CompletableFuture<Kept> mine = new CompletableFuture<>();
        CompletableFuture<Kept> other = rendering.putIfAbsent(key, mine);
        if (other != null) {
            // Someone is rendering this page right now: one render serves us both.
            Kept theirs = await(other);
            if (theirs != null) {
                send(theirs, request, response);
                return;
            }
            render(request, response, chain, key);
            return;
        }
        try {
            mine.complete(render(request, response, chain, key));
        } catch (IOException | ServletException | RuntimeException ex) {
            mine.complete(null);
            throw ex;
        } finally {
            rendering.remove(key, mine);
        }
    }

    /** Renders the page through Spring MVC; keeps it under {@code key} when it may be kept, and returns it then. */
    private Kept render(HttpServletRequest request, HttpServletResponse response, FilterChain chain, String key)
            throws ServletException, IOException {
        long before = generation.get();
        ContentCachingResponseWrapper rendering = new Rendering(response);
        PageTags tags = new PageTags();
        request.setAttribute(PageTags.ATTRIBUTE, tags);
        if (key != null) {
            renders.incrementAndGet();
        }
        chain.doFilter(key != null ? asPageRequest(request) : asGet(request), rendering);
        request.removeAttribute(PageTags.ATTRIBUTE);

        if (rendering.getStatus() != HttpServletResponse.SC_OK
                || setsCookie(response)
                || request.getSession(false) != null
                || forbidsStoring(rendering)) {
            if (rendering.getStatus() >= 400 && !rendering.containsHeader(HttpHeaders.CACHE_CONTROL)) {
                response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
            }
            if (rendering.getStatus() == HttpServletResponse.SC_MOVED_PERMANENTLY
                    && !rendering.containsHeader(HttpHeaders.CACHE_CONTROL)) {
                // An earlier slug (MovedPermanently): browsers and CDNs may keep the redirect a while.
                response.setHeader(HttpHeaders.CACHE_CONTROL, redirectCacheControl);
            }
            if (setsCookie(response) || request.getSession(false) != null) {
                response.setHeader(HttpHeaders.CACHE_CONTROL, "private, no-store");
            }
            rendering.copyBodyToResponse();
            return null;
        }
        byte[] body = rendering.getContentAsByteArray();
        Set<String> shown = tags.tags();
        Kept page = new Kept(
                CachedPage.of(body, rendering.getContentType(), headersToReplay(response)),
                shown,
                System.currentTimeMillis(),
                edge.headers(shown, PublicPages.isPage(PublicPages.path(request))),
                (String) request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE));
        boolean keep = key != null && ready && body.length <= LARGEST_PAGE && generation.get() == before;
        if (keep) {
            pages.put(key, page);
            if (generation.get() != before) {
                pages.invalidate(key); // content changed while the page was stored
                keep = false;
            }
        }
        deliver(page, request, response);
        return keep ? page : null;
    }

    private static Kept await(CompletableFuture<Kept> render) {
        try {
            return render.get(WAIT_FOR_RENDER_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return null;
        } catch (ExecutionException | TimeoutException ex) {
            return null;
        }
    }

    /**
     * The kept page a request asks for: the decoded path (so {@code /reviews/the%2D400-blows} is
     * {@code /reviews/the-400-blows}), plus the page number on a listing. Null when the request
     * names no page of ours ({@code ?page=abc}, two page numbers).
     */
    static String key(HttpServletRequest request) {
        String path = decodedPath(request);
        String[] page = request.getParameterValues("page");
        if (page == null || !isListing(path)) {
            return path;
        }
        if (page.length != 1) {
            return null;
        }
        try {
            return listingKey(path, Integer.parseInt(page[0].strip()));
        } catch (NumberFormatException ex) {
            return null;
        }
    }

    /** Page 1 of a listing is the listing itself: {@code ?page=1} and none are one kept page. */
    private static String listingKey(String path, int number) {
        return number == 1 ? path : path + "?page=" + number;
    }

    /**
     * The kept page a plain request is answered with before any filter runs ({@link KeptPages}): a
     * GET or HEAD of a kept page without a session cookie, whose path needs no decoding and whose
     * query is nothing or a listing's page number. Null for anything else: such a request goes
     * through the filters, and this filter still answers it from memory when it can.
     */
    Kept keptFor(HttpServletRequest request) {
        if (!ready || !enabled || !PublicPages.isRead(request) || hasSessionCookie(request)) {
            return null;
        }
        String path = PublicPages.path(request);
        if (path.indexOf('%') >= 0 || path.indexOf(';') >= 0 || !PublicPages.isPage(path)) {
            return null;
        }
        String query = request.getQueryString();
        if (query == null) {
            return pages.getIfPresent(path);
        }
        if (!isListing(path) || !PAGE_NUMBER_ONLY.matcher(query).matches()) {
            return null;
        }
        return pages.getIfPresent(listingKey(path, Integer.parseInt(query.substring("page=".length()))));
    }

    private static boolean hasSessionCookie(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies != null) {
            for (Cookie cookie : cookies) {
                if (PublicPages.SESSION_COOKIE.equals(cookie.getName())) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The path as Spring MVC matches it: without {@code ;parameters}, %-escapes decoded (but not {@code %2F}). */
    static String decodedPath(HttpServletRequest request) {
        String path = PublicPages.path(request);
        if (path.indexOf(';') >= 0) {
            path = path.replaceAll(";[^/]*", "");
        }
        if (path.indexOf('%') < 0) {
            return path;
        }
        try {
            String decoded = UriUtils.decode(path, StandardCharsets.UTF_8);
            return decoded.chars().filter(c -> c == '/').count()
                            == path.chars().filter(c -> c == '/').count()
                    ? decoded
                    : path;
        } catch (IllegalArgumentException ex) {
            return path;
        }
    }

    private static boolean isListing(String path) {
        if (path.equals("/")) {
            return true;
        }
        for (String listing : LISTINGS) {
            if (path.startsWith(listing) && path.indexOf('/', listing.length()) < 0) {
                return true;
            }
        }
        return false;
    }

    /** Answers with a kept page: its headers from the rendering, then its bytes. */
    void send(Kept kept, HttpServletRequest request, HttpServletResponse response) throws IOException {
        replay(kept.page(), response);
        deliver(kept, request, response);
    }

    /** Sends the page's bytes (its headers from the rendering are already on the response). */
    private void deliver(Kept kept, HttpServletRequest request, HttpServletResponse response) throws IOException {
        CachedPage page = kept.page();
        long age = (System.currentTimeMillis() - kept.keptAtMillis()) / 1000;
        if (age > 0) {
            response.setHeader(HttpHeaders.AGE, Long.toString(age));
        }
        boolean gzip = acceptsGzip(request);
        String etag = gzip ? page.gzipEtag() : page.etag();
        // Cache-Control and the CDN's tag header, on a fresh render and a kept page alike.
        for (Map.Entry<String, String> header : kept.caching()) {
            response.setHeader(header.getKey(), header.getValue());
        }
        response.setHeader(HttpHeaders.VARY, HttpHeaders.ACCEPT_ENCODING);
        response.setHeader(HttpHeaders.ETAG, etag);
        if (notModified(request, page)) {
            response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
            return;
        }
        byte[] bytes = gzip ? page.gzipped() : page.plain();
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType(page.contentType());
        if (gzip) {
            // Set here, so the server's own compression leaves these bytes alone.
            response.setHeader(HttpHeaders.CONTENT_ENCODING, "gzip");
        }
        response.setContentLength(bytes.length);
        if (!"HEAD".equals(request.getMethod())) {
            response.getOutputStream().write(bytes);
        }
    }

    private static void replay(CachedPage page, HttpServletResponse response) {
        for (Map.Entry<String, String> header : page.headers()) {
            response.addHeader(header.getKey(), header.getValue());
        }
    }

    private static List<Map.Entry<String, String>> headersToReplay(HttpServletResponse response) {
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        for (String name : Set.copyOf(response.getHeaderNames())) {
            String lowerCase = name.toLowerCase(Locale.ROOT);
            // The browser policy is set on every response, kept or fresh, by BrowserPolicy.
            if (!NOT_REPLAYED.contains(lowerCase) && !BrowserPolicy.HEADERS.contains(lowerCase)) {
                for (String value : response.getHeaders(name)) {
                    headers.add(Map.entry(name, value));
                }
            }
        }
        return headers;
    }

    private static boolean notModified(HttpServletRequest request, CachedPage page) {
        String ifNoneMatch = request.getHeader(HttpHeaders.IF_NONE_MATCH);
        if (ifNoneMatch == null) {
            return false;
        }
        for (String tag : ifNoneMatch.split(",")) {
            String candidate = tag.strip();
            if (candidate.startsWith("W/")) {
                candidate = candidate.substring(2); // If-None-Match compares weakly
            }
            if (candidate.equals("*") || candidate.equals(page.etag()) || candidate.equals(page.gzipEtag())) {
                return true;
            }
        }
        return false;
    }

    static boolean acceptsGzip(HttpServletRequest request) {
        String accepted = request.getHeader(HttpHeaders.ACCEPT_ENCODING);
        if (accepted == null) {
            return false;
        }
        for (String coding : accepted.toLowerCase(Locale.ROOT).split(",")) {
            String[] parts = coding.split(";");
            String name = parts[0].strip();
            if (name.equals("gzip") || name.equals("x-gzip")) {
                for (int i = 1; i < parts.length; i++) {
                    String parameter = parts[i].strip();
                    if (parameter.startsWith("q=")
                            && parameter.substring(2).strip().matches("0(\\.0{0,3})?")) {
                        return false;
                    }
                }
                return true;
            }
        }
        return false;
    }

    /**
     * A signed-in editor: a session the server knows that holds a sign-in. A made-up session
     * cookie, an expired one or an {@code Authorization} header (no public page reads it) is
     * a reader like any other.
     */
    private static boolean signedIn(HttpServletRequest request) {
        HttpSession session;
        try {
            // The session filter runs first (spring.session.servlet.filter-order), so this asks the
            // shared session table, once per request and only when the request has a session cookie.
            session = request.getSession(false);
        } catch (DataAccessException | TransactionException ex) {
            return false; // the database is away: a kept page can still be served
        }
        return session != null && session.getAttribute(SIGN_IN) != null;
    }

    private static boolean setsCookie(HttpServletResponse response) {
        return response.containsHeader(HttpHeaders.SET_COOKIE);
    }

    private static boolean forbidsStoring(HttpServletResponse response) {
        String cacheControl = response.getHeader(HttpHeaders.CACHE_CONTROL);
        return cacheControl != null && (cacheControl.contains("no-store") || cacheControl.contains("private"));
    }

    /**
     * The response as the page is rendered into memory. An error page is rendered by the
     * container after this filter has returned, so it is marked no-store before that happens.
     */
    private static final class Rendering extends ContentCachingResponseWrapper {

        Rendering(HttpServletResponse response) {
            super(response);
        }

        @Override
        public void sendError(int status) throws IOException {
            setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
            super.sendError(status);
        }

        @Override
        public void sendError(int status, String message) throws IOException {
            setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
            super.sendError(status, message);
        }
    }

    /**
     * A kept page is rendered the same for every reader: as a GET, for a browser's {@code Accept},
     * without the reader's {@code Authorization} or {@code If-None-Match}.
     */
    private static HttpServletRequest asPageRequest(HttpServletRequest request) {
        return new HttpServletRequestWrapper(request) {
            @Override
            public String getMethod() {
                return "GET";
            }

            @Override
            public String getHeader(String name) {
                if (HttpHeaders.ACCEPT.equalsIgnoreCase(name)) {
                    return RENDERED_FOR;
                }
                return ignored(name) ? null : super.getHeader(name);
            }

            @Override
            public Enumeration<String> getHeaders(String name) {
                if (HttpHeaders.ACCEPT.equalsIgnoreCase(name)) {
                    return Collections.enumeration(List.of(RENDERED_FOR));
                }
                return ignored(name) ? Collections.emptyEnumeration() : super.getHeaders(name);
            }

            private static boolean ignored(String name) {
                return HttpHeaders.AUTHORIZATION.equalsIgnoreCase(name)
                        || HttpHeaders.IF_NONE_MATCH.equalsIgnoreCase(name)
                        || HttpHeaders.IF_MODIFIED_SINCE.equalsIgnoreCase(name);
            }
        };
    }

    /** A HEAD is rendered as the GET it stands for, so it gets the same ETag and length. */
    private static HttpServletRequest asGet(HttpServletRequest request) {
        if (!"HEAD".equals(request.getMethod())) {
            return request;
        }
        return new HttpServletRequestWrapper(request) {
            @Override
            public String getMethod() {
                return "GET";
            }
        };
    }
}
