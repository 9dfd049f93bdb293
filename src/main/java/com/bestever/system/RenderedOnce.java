package com.bestever.system;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.context.event.EventListener;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.web.servlet.View;
import org.springframework.web.servlet.support.RequestContextUtils;
import org.springframework.web.util.ContentCachingResponseWrapper;
import org.thymeleaf.spring6.view.ThymeleafViewResolver;

/**
 * Pages that anyone may ask for in a flood and that are the same for everyone but for one value:
 * the 404 page (for every unknown address) and the sign-in form (all but its CSRF token). Each
 * is rendered by Thymeleaf once, kept as text, and answered from it with that value spliced in,
 * so a client that sends thousands of them a second costs a copy of a few kilobytes each, not a
 * render (about half of such a request's work, and most of its garbage: see scripts/flood.sh).
 * <p>
 * Bounded: at most {@value #MOST} variants (the callers' keys are a handful of fixed messages),
 * each kept {@value #SECONDS} seconds at most and dropped on any {@link ContentChanged} (the
 * header's genres are part of every page), as kept public pages are.
 */
@Component
public class RenderedOnce {

    static final int MOST = 64;
    static final int SECONDS = 60;

    /**
     * A rendering cut where the per-request value goes (or whole, when it has none), as UTF-8 and
     * as the two halves of one gzip stream: {@link GzipAround} puts the value between them, so
     * no answer is compressed per request (which was a fifth of a sign-in page's cost).
     */
    private record Kept(byte[] before, byte[] after, GzipAround gzip) {

        static Kept of(String before, String after) {
            byte[] head = before.getBytes(StandardCharsets.UTF_8);
            byte[] tail = after.getBytes(StandardCharsets.UTF_8);
            return new Kept(head, tail, GzipAround.of(head, tail));
        }

        byte[] plain(byte[] value) {
            byte[] bytes = Arrays.copyOf(before, before.length + value.length + after.length);
            System.arraycopy(value, 0, bytes, before.length, value.length);
            System.arraycopy(after, 0, bytes, before.length + value.length, after.length);
            return bytes;
        }
    }

    private static final MediaType HTML = new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8);

    private final ThymeleafViewResolver views;
    private final Cache<Object, Kept> kept = Caffeine.newBuilder()
            .maximumSize(MOST)
            .expireAfterWrite(Duration.ofSeconds(SECONDS))
            .build();
    private final AtomicLong generation = new AtomicLong();

    RenderedOnce(ThymeleafViewResolver views) {
        this.views = views;
    }

    @EventListener
    void contentChanged(ContentChanged event) {
        drop();
    }

    /** Again once the editor's transaction has committed: a render meanwhile read the old rows. */
    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
    void contentChangedAndCommitted(ContentChanged event) {
        drop();
    }

    private void drop() {
        generation.incrementAndGet();
        kept.invalidateAll();
    }

    /**
     * The view as HTML with {@code status}: kept under {@code key}, rendered with {@code model}
     * the first time. {@code value} is the one part that differs per request (null: none); the
     * rendering must contain it exactly once (else the page is answered as rendered and not kept).
     */
    public ResponseEntity<byte[]> answer(
            Object key,
            String view,
            Map<String, ?> model,
            String value,
            HttpStatus status,
            HttpServletRequest request,
            HttpServletResponse response)
            throws Exception {
        Kept page = kept.getIfPresent(key);
        if (page == null) {
            long before = generation.get();
            String html = render(view, model, request, response);
            page = cut(html, value);
            if (page == null) {
                return ResponseEntity.status(status).contentType(HTML).body(html.getBytes(StandardCharsets.UTF_8));
            }
            kept.put(key, page);
            if (generation.get() != before) {
                kept.invalidate(key); // content changed while it was rendered
            }
        }
        // As Spring MVC does for every rendered view (Content-Language), kept or not.
        response.setLocale(RequestContextUtils.getLocale(request));
        byte[] spliced = value == null ? new byte[0] : value.getBytes(StandardCharsets.UTF_8);
        ResponseEntity.BodyBuilder answer =
                ResponseEntity.status(status).contentType(HTML).header(HttpHeaders.VARY, HttpHeaders.ACCEPT_ENCODING);
        if (PublicPageCache.acceptsGzip(request)) {
            // Compressed already: the server's own compression leaves a Content-Encoding alone.
            return answer.header(HttpHeaders.CONTENT_ENCODING, "gzip")
                    .body(page.gzip().around(spliced, page.plain(spliced)));
        }
        return answer.body(page.plain(spliced));
    }

    private static Kept cut(String html, String value) {
        if (value == null) {
            return Kept.of(html, "");
        }
        int at = html.indexOf(value);
        if (value.isEmpty() || at < 0 || html.indexOf(value, at + value.length()) >= 0) {
            return null;
        }
        return Kept.of(html.substring(0, at), html.substring(at + value.length()));
    }

    private String render(String name, Map<String, ?> model, HttpServletRequest request, HttpServletResponse response)
            throws Exception {
        View view = views.resolveViewName(name, Locale.ENGLISH);
        if (view == null) {
            throw new IllegalStateException("No template " + name);
        }
        // Rendered into memory: nothing reaches the client until the answer is sent.
        ContentCachingResponseWrapper capture = new ContentCachingResponseWrapper(response);
        view.render(model, request, capture);
        return new String(capture.getContentAsByteArray(), StandardCharsets.UTF_8);
    }
}
