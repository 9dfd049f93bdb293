package com.bestever.system;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Public pages are the same bytes for every reader, so each is rendered once: the first
 * anonymous GET of a page goes through Spring MVC and Thymeleaf, its bytes are kept (plain
 * and gzipped, with a strong ETag), and later requests are answered from memory, or with 304
 * when the reader already has them. Every {@link ContentChanged} clears the cache; no page is
 * kept longer than {@code bestever.page-cache.max-age} (at most 60 s), so standings and
 * reviews that go live on schedule trail by a minute at most.
 * <p>
 * Public pages get {@code bestever.http-cache} as their Cache-Control (Spring Security's
 * no-store is kept for every other address, see {@link SecurityConfig}). Search results are
 * served the same way but never kept. A request that carries a session or credentials, and
 * a response that sets a cookie or is not a 200, is never kept.
 */
@Component
class PublicPageCache extends OncePerRequestFilter implements Ordered {

    private static final Logger log = LoggerFactory.getLogger(PublicPageCache.class);

    private static final Duration LONGEST = Duration.ofSeconds(60);
    private static final int LARGEST_PAGE = 4 * 1024 * 1024;
    private static final Set<String> CREDENTIAL_COOKIES = Set.of("JSESSIONID", "remember-me", "SESSION");
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

    private final Cache<String, CachedPage> pages;
    private final boolean enabled;
    private final String cacheControl;
    private final AtomicLong generation = new AtomicLong();

    PublicPageCache(BestEverProperties properties) {
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
        this.cacheControl = properties.httpCache().publicCacheControl();
        this.pages = Caffeine.newBuilder()
                .expireAfterWrite(maxAge.isNegative() ? Duration.ZERO : maxAge)
                .maximumWeight(settings.maxSize().toBytes())
                .<String, CachedPage>weigher((key, page) -> key.length() + page.weight())
                .build();
    }

    @Override
    public int getOrder() {
        // Outside Spring Security and Spring MVC: a kept page costs neither.
        return Ordered.HIGHEST_PRECEDENCE + 10;
    }

    /** Content changed: no kept page may show the old version. */
    @EventListener
    void contentChanged(ContentChanged event) {
        clear();
    }

    /** Again once the editor's transaction has committed: pages rendered meanwhile read the old rows. */
    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
    void contentChangedAndCommitted(ContentChanged event) {
        clear();
    }

    void clear() {
        generation.incrementAndGet();
        pages.invalidateAll();
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !PublicPages.isPublic(request);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (carriesCredentials(request) || wantsJson(request)) {
            // A signed-in editor's view, or another representation: rendered for this request only.
            response.setHeader(HttpHeaders.CACHE_CONTROL, "private, no-store");
            chain.doFilter(request, response);
            return;
        }
        String key = enabled && PublicPages.isPage(PublicPages.path(request)) ? key(request) : null;
        if (key != null) {
            CachedPage kept = pages.getIfPresent(key);
            if (kept != null) {
                replay(kept, response);
                send(kept, request, response);
                return;
            }
        }
        long before = generation.get();
        ContentCachingResponseWrapper rendering = new Rendering(response);
        chain.doFilter(asGet(request), rendering);

        if (rendering.getStatus() != HttpServletResponse.SC_OK
                || setsCookie(response)
                || request.getSession(false) != null
                || forbidsStoring(rendering)) {
            if (rendering.getStatus() >= 400 && !rendering.containsHeader(HttpHeaders.CACHE_CONTROL)) {
                response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
            }
            if (setsCookie(response) || request.getSession(false) != null) {
                response.setHeader(HttpHeaders.CACHE_CONTROL, "private, no-store");
            }
            rendering.copyBodyToResponse();
            return;
        }
        byte[] body = rendering.getContentAsByteArray();
        CachedPage page = CachedPage.of(body, rendering.getContentType(), headersToReplay(response), key != null);
        if (key != null && body.length <= LARGEST_PAGE && generation.get() == before) {
            pages.put(key, page);
            if (generation.get() != before) {
                pages.invalidate(key); // content changed while the page was stored
            }
        }
        send(page, request, response);
    }

    /** The address and the query parameters that change a page: only {@code page} of a listing. */
    static String key(HttpServletRequest request) {
        String path = PublicPages.path(request);
        String[] page = request.getParameterValues("page");
        if (page == null) {
            return path;
        }
        if (page.length != 1) {
            return null;
        }
        try {
            int number = Integer.parseInt(page[0]);
            return number == 1 ? path : path + "?page=" + number;
        } catch (NumberFormatException ex) {
            return null;
        }
    }

    private void send(CachedPage page, HttpServletRequest request, HttpServletResponse response) throws IOException {
        boolean gzip = acceptsGzip(request);
        String etag = gzip ? page.gzipEtag() : page.etag();
        response.setHeader(HttpHeaders.CACHE_CONTROL, cacheControl);
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

    private static boolean carriesCredentials(HttpServletRequest request) {
        if (request.getHeader(HttpHeaders.AUTHORIZATION) != null) {
            return true;
        }
        Cookie[] cookies = request.getCookies();
        if (cookies != null) {
            for (Cookie cookie : cookies) {
                if (CREDENTIAL_COOKIES.contains(cookie.getName())) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean wantsJson(HttpServletRequest request) {
        String accept = request.getHeader(HttpHeaders.ACCEPT);
        return accept != null && accept.contains("json");
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
