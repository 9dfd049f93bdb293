package com.bestever.system;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URLDecoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Slow or oversized request bodies hold nothing: every body is read here, first, under
 * {@link RequestBodyLimits}: too big for its route is 413 before a byte is read (or as soon as it
 * grows past the limit), too slow is 408, and either way the connection is closed. What follows
 * (Spring Security, the controllers) gets the body from memory, its form fields included, so no
 * later code blocks on the client. On Java 21+ the reading itself happens on a virtual thread
 * ({@code spring.threads.virtual.enabled}), so a slow client holds no request thread meanwhile.
 */
@Component
class RequestBodies extends OncePerRequestFilter implements Ordered {

    private final RequestBodyLimits limits;

    RequestBodies(RequestBodyLimits limits) {
        this.limits = limits;
    }

    @Override
    public int getOrder() {
        // Right after the character encoding (and the poll's first pass), before everything that reads a body.
        return Ordered.HIGHEST_PRECEDENCE + 1;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return request.getContentLengthLong() <= 0 && request.getHeader(HttpHeaders.TRANSFER_ENCODING) == null;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (isMultipart(request)) {
            // An upload is parsed by the container straight from the connection (it can't be
            // handed a body read here): only its declared size is checked, and the server's read
            // timeout still cuts one that stops arriving.
            // Its size must be declared (browsers always do): the multipart limits are as large
            // as the import's, and only this check keeps every other route to its own.
            if (request.getContentLengthLong() < 0) {
                refuse(response, HttpServletResponse.SC_LENGTH_REQUIRED);
                return;
            }
            if (request.getContentLengthLong() > limits.uploadLimitFor(PublicPages.path(request))) {
                refuse(response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
                return;
            }
            chain.doFilter(request, response);
            return;
        }
        long limit = limits.limitFor(PublicPages.path(request));
        if (request.getContentLengthLong() > limit) {
            refuse(response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
            return;
        }
        byte[] body;
        try {
            body = read(request.getInputStream(), limit);
        } catch (TooLarge ex) {
            refuse(response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
            return;
        } catch (TooSlow | IOException ex) {
            // Too slow for the deadline, or the server's read timeout gave up waiting for the next byte.
            refuse(response, HttpServletResponse.SC_REQUEST_TIMEOUT);
            return;
        }
        Read read;
        try {
            read = new Read(request, body);
        } catch (IllegalArgumentException ex) {
            refuse(response, HttpServletResponse.SC_BAD_REQUEST); // a form field that is not URL-encoded
            return;
        }
        chain.doFilter(read, response);
    }

    private static boolean isMultipart(HttpServletRequest request) {
        String type = request.getContentType();
        return type != null && type.toLowerCase(Locale.ROOT).startsWith("multipart/");
    }

    private byte[] read(InputStream in, long limit) throws IOException {
        long started = System.nanoTime();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int n;
        while ((n = in.read(buffer)) != -1) {
            body.write(buffer, 0, n);
            if (body.size() > limit) {
                throw new TooLarge();
            }
            if (!limits.onTime(body.size(), Duration.ofNanos(System.nanoTime() - started))) {
                throw new TooSlow();
            }
        }
        return body.toByteArray();
    }

    private static void refuse(HttpServletResponse response, int status) {
        if (response.isCommitted()) {
            return;
        }
        response.setHeader(HttpHeaders.CONNECTION, "close");
        try {
            response.sendError(status);
        } catch (IOException | IllegalStateException ex) {
            // the client is gone: nothing to answer
        }
    }

    private static final class TooLarge extends RuntimeException {
        TooLarge() {
            super(null, null, false, false);
        }
    }

    private static final class TooSlow extends RuntimeException {
        TooSlow() {
            super(null, null, false, false);
        }
    }

    /** The request with its body in memory: the stream, the reader and the form's fields read from there. */
    static final class Read extends HttpServletRequestWrapper {

        private final byte[] body;
        private final Map<String, String[]> parameters;

        Read(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
            // The stream was read here, so the container's own parameters are the query string's.
            Map<String, List<String>> all = new LinkedHashMap<>();
            request.getParameterMap()
                    .forEach((name, values) ->
                            all.computeIfAbsent(name, key -> new ArrayList<>()).addAll(List.of(values)));
            if (isForm(request)) {
                parseForm(new String(body, StandardCharsets.ISO_8859_1), charset(request), all);
            }
            Map<String, String[]> fixed = new LinkedHashMap<>();
            all.forEach((name, values) -> fixed.put(name, values.toArray(String[]::new)));
            this.parameters = Collections.unmodifiableMap(fixed);
        }

        private static boolean isForm(HttpServletRequest request) {
            String type = request.getContentType();
            return type != null
                    && type.toLowerCase(Locale.ROOT).startsWith(MediaType.APPLICATION_FORM_URLENCODED_VALUE);
        }

        private static Charset charset(HttpServletRequest request) {
            String encoding = request.getCharacterEncoding();
            try {
                return encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
            } catch (IllegalArgumentException ex) {
                return StandardCharsets.UTF_8;
            }
        }

        private static void parseForm(String form, Charset charset, Map<String, List<String>> into) {
            for (String pair : form.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int equals = pair.indexOf('=');
                String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), charset);
                String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), charset);
                into.computeIfAbsent(name, key -> new ArrayList<>()).add(value);
            }
        }

        @Override
        public String getParameter(String name) {
            String[] values = parameters.get(name);
            return values == null || values.length == 0 ? null : values[0];
        }

        @Override
        public Map<String, String[]> getParameterMap() {
            return parameters;
        }

        @Override
        public Enumeration<String> getParameterNames() {
            return Collections.enumeration(parameters.keySet());
        }

        @Override
        public String[] getParameterValues(String name) {
            String[] values = parameters.get(name);
            return values == null ? null : values.clone();
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] bytes, int offset, int length) {
                    return in.read(bytes, offset, length);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("the body is already in memory");
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            return new BufferedReader(new InputStreamReader(getInputStream(), charset(this)));
        }
    }
}
