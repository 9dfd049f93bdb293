package com.bestever.system;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The browser policy on every response, public or not, rendered or replayed from the page cache
 * (this filter runs outside the cache, so a kept page gets the same headers as a fresh one):
 * styles, images and forms from this site only, scripts only the site's own by hash ({@link Scripts}), no framing, no inline script or style
 * attribute (the JSON-LD block is data, not script), the referrer cut to the origin when it
 * leaves the site, powerful browser features off, no content sniffing. HSTS only when the
 * request came over HTTPS (directly, or from a trusted proxy that said so).
 */
@Component
class BrowserPolicy extends OncePerRequestFilter implements Ordered {

    /** The policy, with {@code script-src} allowing exactly the site's own scripts, by hash ({@link Scripts}). */
    static String contentSecurityPolicy(Scripts scripts) {
        return String.join(
                "; ",
                "default-src 'self'",
                "script-src " + scripts.sources(),
                "style-src 'self'",
                "img-src 'self' data:",
                "font-src 'self'",
                "connect-src 'self'",
                "object-src 'none'",
                "base-uri 'none'",
                "form-action 'self'",
                "frame-ancestors 'none'");
    }

    static final String PERMISSIONS_POLICY = String.join(
            ", ",
            "accelerometer=()",
            "autoplay=()",
            "browsing-topics=()",
            "camera=()",
            "display-capture=()",
            "geolocation=()",
            "gyroscope=()",
            "magnetometer=()",
            "microphone=()",
            "midi=()",
            "payment=()",
            "usb=()");

    /** The headers this filter sets, lower case: the page cache leaves them to it. */
    static final java.util.Set<String> HEADERS = java.util.Set.of(
            "content-security-policy",
            "referrer-policy",
            "permissions-policy",
            "x-content-type-options",
            "x-frame-options",
            "strict-transport-security");

    private final String contentSecurityPolicy;

    BrowserPolicy(Scripts scripts) {
        this.contentSecurityPolicy = contentSecurityPolicy(scripts);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        apply(request.isSecure(), response);
        chain.doFilter(request, response);
    }

    /** Sets the policy on a response: here, and on a kept page answered before the filters ({@link KeptPages}). */
    void apply(boolean secure, HttpServletResponse response) {
        response.setHeader("Content-Security-Policy", contentSecurityPolicy);
        response.setHeader("Referrer-Policy", "strict-origin-when-cross-origin");
        response.setHeader("Permissions-Policy", PERMISSIONS_POLICY);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("X-Frame-Options", "DENY");
        if (secure) {
            response.setHeader("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
        }
    }

    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        return false;
    }

    @Override
    public int getOrder() {
        // Before the page cache (HIGHEST_PRECEDENCE + 10), so replayed pages carry the policy too.
        return Ordered.HIGHEST_PRECEDENCE + 5;
    }
}
