package com.bestever.system;

import java.time.ZoneId;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The site's own settings ({@code bestever.*} in application.properties).
 *
 * @param baseUrl the public address of the site, used for every absolute URL (canonical, feed, sitemap)
 * @param siteName the name in the masthead and in titles
 * @param timeZone the zone in which dates are shown to readers
 * @param sampleContent whether an empty database gets the sample review at startup
 * @param embeddedDatabase where the embedded PostgreSQL keeps its data when no datasource URL is set
 * @param admin the first administrator, created at startup when no ADMIN account exists
 */
@ConfigurationProperties("bestever")
public record BestEverProperties(
        @DefaultValue("http://localhost:8080") String baseUrl,
        @DefaultValue("Best Ever") String siteName,
        @DefaultValue("UTC") ZoneId timeZone,
        @DefaultValue("true") boolean sampleContent,
        @DefaultValue EmbeddedDatabase embeddedDatabase,
        @DefaultValue Admin admin) {

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
     */
    public record EmbeddedDatabase(
            @DefaultValue("./data/postgres") String dataDirectory,
            @DefaultValue("false") boolean cleanOnStart) {
    }

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
}
