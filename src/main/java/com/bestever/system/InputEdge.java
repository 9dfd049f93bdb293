package com.bestever.system;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The edge of the site, before security and before Spring MVC: what can be refused without
 * binding is refused here, with a 400 (or 413) page, or problem+json for a client that asked for
 * JSON. The path and every query parameter follow {@link TextRule} (percent-escapes must be UTF-8);
 * a body may be at most {@link #MAX_BODY_BYTES}; a request carries at most {@link #MAX_PARAMETERS}
 * parameter values. The sign-in form, which Spring Security reads and nothing binds, follows the
 * text rule here too. Form fields that are bound are checked where they are bound
 * ({@code InputBinding}), so that the form comes back with the field marked and the rest kept.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
class InputEdge extends OncePerRequestFilter {

    /** The largest body any form may send: a 200,000-character review, escaped, fits several times over. */
    static final long MAX_BODY_BYTES = 4L * 1024 * 1024;

    /** The most parameter values one request may carry (the article form sends about 70). */
    static final int MAX_PARAMETERS = 1000;

    private static final String SIGN_IN = "/login";

    private final Refusals refusals;
    private final RequestBodyLimits limits;

    InputEdge(Refusals refusals, RequestBodyLimits limits) {
        this.refusals = refusals;
        this.limits = limits;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<String> problem = problem(request);
        if (problem.isPresent()) {
            HttpStatus status = problem.get().equals(TOO_LARGE) || problem.get().startsWith(IMPORT_TOO_LARGE)
                    ? HttpStatus.CONTENT_TOO_LARGE
                    : HttpStatus.BAD_REQUEST;
            refuse(request, response, status, problem.get());
            return;
        }
        chain.doFilter(request, response);
    }

    static final String TOO_LARGE = "This request is larger than the site accepts (at most 4 MB).";
    static final String IMPORT_TOO_LARGE = "This file is larger than an import may be";
    static final String BAD_ADDRESS = "This address contains a character we can't read (a control character,"
            + " or a %-escape that is not UTF-8).";
    static final String TOO_MANY = "This request carries more fields than any of our forms has.";

    private Optional<String> problem(HttpServletRequest request) {
        // The newsroom's import is the one body larger than a form: RequestBodies holds it to its own limit.
        long most = RequestBodyLimits.IMPORT_ROUTE.equals(PublicPages.path(request))
                ? limits.imports().toBytes()
                : MAX_BODY_BYTES;
        if (request.getContentLengthLong() > most) {
            return Optional.of(
                    most == MAX_BODY_BYTES
                            ? TOO_LARGE
                            : IMPORT_TOO_LARGE + " (at most " + limits.imports().toMegabytes()
                                    + " MB, BESTEVER_IMPORT_MAX_SIZE): nothing was stored.");
        }
        Optional<String> path = TextRule.urlDecoded(request.getRequestURI(), false);
        if (path.isEmpty() || !TextRule.acceptable(path.get())) {
            return Optional.of(BAD_ADDRESS);
        }
        String query = request.getQueryString();
        int values = 0;
        if (query != null && !query.isEmpty()) {
            for (String pair : query.split("&", -1)) {
                values++;
                int equals = pair.indexOf('=');
                String name = equals < 0 ? pair : pair.substring(0, equals);
                String value = equals < 0 ? "" : pair.substring(equals + 1);
                Optional<String> decodedName = TextRule.urlDecoded(name, true);
                Optional<String> decodedValue = TextRule.urlDecoded(value, true);
                if (decodedName.isEmpty()
                        || decodedValue.isEmpty()
                        || !TextRule.acceptable(decodedName.get())
                        || !TextRule.acceptable(decodedValue.get())) {
                    return Optional.of(BAD_ADDRESS);
                }
            }
        }
        if (values > MAX_PARAMETERS) {
            return Optional.of(TOO_MANY);
        }
        if (HttpMethod.POST.matches(request.getMethod())
                && request.getContentType() != null
                && request.getContentType().startsWith("application/x-www-form-urlencoded")) {
            Map<String, String[]> parameters = request.getParameterMap();
            int all = parameters.values().stream().mapToInt(v -> v.length).sum();
            if (all > MAX_PARAMETERS) {
                return Optional.of(TOO_MANY);
            }
            if (SIGN_IN.equals(request.getServletPath())) {
                for (var entry : parameters.entrySet()) {
                    if (!TextRule.acceptable(entry.getKey())) {
                        return Optional.of(TextRule.MESSAGE);
                    }
                    for (String value : entry.getValue()) {
                        if (!TextRule.acceptable(value)) {
                            return Optional.of(TextRule.MESSAGE);
                        }
                    }
                }
            }
        }
        return Optional.empty();
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String detail)
            throws IOException {
        refusals.count(status == HttpStatus.CONTENT_TOO_LARGE ? "too-large" : "edge");
        if (Refusals.wantsJson(request)) {
            response.setStatus(status.value());
            response.setContentType("application/problem+json");
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            response.getWriter().write(Refusals.problemJson(status, detail));
        } else {
            response.sendError(status.value(), detail);
        }
    }
}
