package com.bestever.system;

import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.AntPathMatcher;
import org.springframework.util.unit.DataSize;

/**
 * How much a request body may be, and how fast it must arrive ({@code bestever.request-body.*}),
 * enforced by {@link RequestBodies}. One place for every body limit:
 * <ul>
 * <li>per route, the body it needs and no more: a vote or a sign-in is a few hundred bytes, so
 * past {@link #small()} it is refused with 413 before it is read;</li>
 * <li>any other form ({@code application/x-www-form-urlencoded}, the newsroom's) up to
 * {@link #forms()}, the general limit;</li>
 * <li>every body must arrive within {@link #deadline()}, plus the time {@link #minimumRate()}
 * allows for its size, or the connection is closed with 408. A body that stops arriving is cut
 * by the server's read timeout ({@code server.tomcat.connection-timeout}, set no longer than the
 * deadline).</li>
 * </ul>
 *
 * @param deadline how long any body may take at most, however small
 * @param minimumRate the rate a larger body must keep up on average, once the deadline is spent
 * @param small the largest sign-in or vote
 * @param forms the largest form of any other route
 * @param uploads the largest multipart form (the newsroom's film and article forms with an image):
 *        the container parses it from the connection, within {@code spring.servlet.multipart.*}
 * @param imports the largest upload to the newsroom's import ({@link #IMPORT_ROUTE}); the
 *        multipart limits are set to it, and every other route keeps {@link #uploads()}
 */
@ConfigurationProperties("bestever.request-body")
public record RequestBodyLimits(
        @DefaultValue("3s") Duration deadline,
        @DefaultValue("64KB") DataSize minimumRate,
        @DefaultValue("2KB") DataSize small,
        @DefaultValue("2MB") DataSize forms,
        @DefaultValue("12MB") DataSize uploads,
        @DefaultValue("1GB") DataSize imports) {

    /** The one route that takes a whole site's export. */
    public static final String IMPORT_ROUTE = "/admin/transfer/import";

    /** The routes that take a small body (POST), as Ant-style patterns. */
    static final Map<String, String> SMALL_BODY_ROUTES =
            Map.of("/login", "a sign-in", PublicPages.VOTE, "a vote", "/logout", "a sign-out");

    private static final AntPathMatcher PATHS = new AntPathMatcher();

    /** The largest body this path accepts. */
    long limitFor(String path) {
        for (String route : SMALL_BODY_ROUTES.keySet()) {
            if (PATHS.match(route, path)) {
                return small.toBytes();
            }
        }
        return forms.toBytes();
    }

    /** The largest multipart body this path accepts. */
    long uploadLimitFor(String path) {
        return IMPORT_ROUTE.equals(path) ? imports.toBytes() : uploads.toBytes();
    }

    /** Whether a body of which {@code received} bytes arrived within {@code elapsed} is still on time. */
    boolean onTime(long received, Duration elapsed) {
        long allowedMillis = deadline.toMillis() + received * 1000 / Math.max(1, minimumRate.toBytes());
        return elapsed.toMillis() <= allowedMillis;
    }
}
