package com.bestever.system;

import java.time.Duration;
import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The site's own settings ({@code bestever.*} in application.properties).
 *
 * @param baseUrl the public address of the site, used for every absolute URL (canonical, feed, sitemap)
 * @param siteName the name in the masthead and in titles
 * @param timeZone the zone in which dates are shown to readers
 * @param sampleContent whether an empty database gets the sample review at startup
 * @param embeddedDatabase where the embedded PostgreSQL keeps its data when no datasource URL is set
 * @param httpCache how long browsers and shared caches may keep a public page ({@code bestever.http-cache.*})
 * @param pageCache the in-memory cache of rendered public pages ({@code bestever.page-cache.*})
 * @param admin the first administrator, created at startup when no ADMIN account exists
 */
@ConfigurationProperties("bestever")
public record BestEverProperties(
        @DefaultValue("http://localhost:8080") String baseUrl,
        @DefaultValue("Best Ever") String siteName,
        @DefaultValue("UTC") ZoneId timeZone,
        @DefaultValue("true") boolean sampleContent,
        @DefaultValue EmbeddedDatabase embeddedDatabase,
        @DefaultValue HttpCache httpCache,
        @DefaultValue PageCache pageCache,
        @DefaultValue Admin admin,
        @DefaultValue Operations operations) {

    public BestEverProperties {
        baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    /** The absolute URL of a site path such as {@code /reviews/the-400-blows}. */
    public String absolute(String path) {
        return baseUrl + path;
    }

    /**
     * @param dataDirectory where PostgreSQL keeps its files; kept across restarts
     * @param cleanOnStart wipe the directory first (tests)
     * @param durable flush every commit to disk (fsync, synchronous_commit) so nothing acknowledged
     *        is lost in a crash; only tests turn it off, for speed
     * @param sharedBuffers PostgreSQL's page cache ({@code shared_buffers}): the unique index on
     *        (question, voter) is written at random places, and once it outgrows the cache,
     *        commits wait for evicted pages to be written (PostgreSQL's own default is 128MB)
     * @param maxWalSize the WAL written between checkpoints ({@code max_wal_size}): under a
     *        stream of votes the default 1GB forces a checkpoint, and its writes, every minute or two
     */
    public record EmbeddedDatabase(
            @DefaultValue("./data/postgres") String dataDirectory,
            @DefaultValue("false") boolean cleanOnStart,
            @DefaultValue("true") boolean durable,
            @DefaultValue("512MB") String sharedBuffers,
            @DefaultValue("4GB") String maxWalSize) {}

    /**
     * The {@code Cache-Control} of public pages (written by {@link EdgeHeaders}).
     *
     * @param maxAge how long a browser or CDN may reuse a page without asking again
     * @param staleWhileRevalidate how much longer it may show the old page while it fetches the new one
     */
    public record HttpCache(
            @DefaultValue("60s") Duration maxAge,
            @DefaultValue("600s") Duration staleWhileRevalidate) {

        /**
         * A 301 from an earlier slug: kept as long as a page, no longer and never stale, because an
         * editor may rename back (A to B to A) and a redirect kept longer would then loop.
         */
        public String redirectCacheControl() {
            return "public, max-age=" + maxAge.toSeconds();
        }
    }

    /**
     * Public pages rendered once and kept compressed in memory until content changes.
     *
     * @param enabled off only to measure the site without it
     * @param maxAge the longest a rendered page is kept (at most 60 s: standings and scheduled reviews)
     * @param maxSize the memory all kept pages may take, plain and gzipped bytes together
     */
    public record PageCache(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("60s") Duration maxAge,
            @DefaultValue("64MB") DataSize maxSize) {}

    /**
     * @param username the first administrator's user name ({@code BESTEVER_ADMIN_USERNAME}); blank: "admin"
     * @param password their password ({@code BESTEVER_ADMIN_PASSWORD}); blank: a random one, logged once
     */
    public record Admin(String username, String password) {

        @Override
        public String toString() {
            return "Admin[username=" + username + ", password=(hidden)]";
        }
    }

    /**
     * @param metricsToken the bearer token that opens {@code /actuator/info} and
     *        {@code /actuator/prometheus} to a scraper; blank: nobody can read them
     */
    public record Operations(@DefaultValue("") String metricsToken) {}
}
