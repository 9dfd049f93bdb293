package com.bestever.poll;

import com.bestever.system.BestEverProperties;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * The poll form sits on cached public pages, so it carries no CSRF token: a vote is accepted
 * only when the browser says it comes from this site. The {@code Origin} header decides; without
 * it, the {@code Referer}. "This site" is the configured base URL or the host the request was
 * sent to. A request with neither header (not a browser) is let through; the voter cookie is
 * SameSite=Lax, so another site cannot vote with a reader's cookie anyway.
 */
@Component
class SameSiteCheck {

    private final URI baseUrl;

    SameSiteCheck(BestEverProperties properties) {
        this.baseUrl = URI.create(properties.baseUrl());
    }

    boolean fromThisSite(HttpServletRequest request) {
        String origin = request.getHeader("Origin");
        String source = origin != null ? origin : request.getHeader("Referer");
        if (source == null) {
            return true;
        }
        URI uri;
        try {
            uri = new URI(source.strip());
        } catch (Exception ex) {
            return false;
        }
        if (uri.getHost() == null || uri.getScheme() == null) {
            return false; // "null" origins (sandboxed frames, file:) and anything without a host
        }
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        int port = port(uri.getScheme(), uri.getPort());
        boolean base = uri.getScheme().equalsIgnoreCase(baseUrl.getScheme())
                && host.equalsIgnoreCase(baseUrl.getHost())
                && port == port(baseUrl.getScheme(), baseUrl.getPort());
        boolean requested = host.equalsIgnoreCase(request.getServerName()) && port == request.getServerPort();
        return base || requested;
    }

    private static int port(String scheme, int port) {
        if (port != -1) {
            return port;
        }
        return "https".equalsIgnoreCase(scheme) ? 443 : 80;
    }
}
