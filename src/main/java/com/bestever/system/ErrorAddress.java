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
 * {@code /error} is where the server renders its error pages, not a page of its own: requested
 * directly it has nothing to show, so it answers as any address with nothing at it does, the
 * site's 404 (Boot's error controller, finding no error, would answer 500). The request is
 * forwarded to an address no handler maps, so {@link ErrorPages} answers it, page or problem+json.
 * The server's own error dispatch to {@code /error} is not filtered here.
 */
@Component
class ErrorAddress extends OncePerRequestFilter implements Ordered {

    private static final String ERROR_PATH = "/error";
    private static final String NOTHING_HERE = "/error/nothing-here";

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = PublicPages.path(request);
        return !path.equals(ERROR_PATH);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        request.getRequestDispatcher(NOTHING_HERE).forward(request, response);
    }

    @Override
    public int getOrder() {
        // After the browser policy (HIGHEST_PRECEDENCE + 5), so the 404 page carries it too.
        return Ordered.HIGHEST_PRECEDENCE + 6;
    }
}
