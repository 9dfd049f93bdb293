package com.bestever.system;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The CDN in front of the site ({@code bestever.cdn.*}, README "Behind a CDN"): which purger tells
 * it that content changed, and how long it may keep public pages when one does.
 *
 * @param purger none (the default: the edge keeps pages only as long as browsers), http, fastly or cloudflare
 * @param purgeUrl for {@code http}: the cache's base URL, which takes {@code PURGE} with the tags in {@code X-Purge-Tags}
 * @param fastly the Fastly service and its API token
 * @param cloudflare the Cloudflare zone and its API token
 * @param edgeMaxAge with a purger, how long the edge keeps a public page (a purge ends it sooner)
 * @param staleIfError how long a cache may serve a page it has when the site answers with an error or not at all
 * @param purgeAfter the first purge waits this long after the commit, so every instance has dropped its own copy
 * @param purgeAgainAfter a second purge of the same tags this long after the first (a late instance's copy)
 * @param attempts how often a purge is tried before it counts as failed
 * @param firstRetry the wait before the first retry; each later one waits twice as long
 */
@ConfigurationProperties("bestever.cdn")
public record CdnSettings(
        @DefaultValue("none") Purger purger,
        @DefaultValue("") String purgeUrl,
        @DefaultValue Fastly fastly,
        @DefaultValue Cloudflare cloudflare,
        @DefaultValue("24h") Duration edgeMaxAge,
        @DefaultValue("1d") Duration staleIfError,
        @DefaultValue("1s") Duration purgeAfter,
        @DefaultValue("5s") Duration purgeAgainAfter,
        @DefaultValue("5") int attempts,
        @DefaultValue("1s") Duration firstRetry) {

    /** Who is told to purge. */
    public enum Purger {
        NONE,
        HTTP,
        FASTLY,
        CLOUDFLARE
    }

    /**
     * @param apiUrl Fastly's API (a test points it elsewhere)
     * @param serviceId the service whose cache is purged ({@code BESTEVER_CDN_FASTLY_SERVICE_ID})
     * @param apiToken a token with purge rights ({@code BESTEVER_CDN_FASTLY_API_TOKEN})
     * @param softPurge mark pages stale rather than remove them, so the edge can still serve them if the site is down
     */
    public record Fastly(
            @DefaultValue("https://api.fastly.com") String apiUrl,
            @DefaultValue("") String serviceId,
            @DefaultValue("") String apiToken,
            @DefaultValue("true") boolean softPurge) {

        @Override
        public String toString() {
            return "Fastly[apiUrl=" + apiUrl + ", serviceId=" + serviceId + ", apiToken=(hidden)]";
        }
    }

    /**
     * @param apiUrl Cloudflare's API (a test points it elsewhere)
     * @param zoneId the zone whose cache is purged ({@code BESTEVER_CDN_CLOUDFLARE_ZONE_ID})
     * @param apiToken a token with the Cache Purge permission ({@code BESTEVER_CDN_CLOUDFLARE_API_TOKEN})
     * @param tags purge by Cache-Tag; off on plans without it: then every change purges the whole zone
     */
    public record Cloudflare(
            @DefaultValue("https://api.cloudflare.com") String apiUrl,
            @DefaultValue("") String zoneId,
            @DefaultValue("") String apiToken,
            @DefaultValue("true") boolean tags) {

        @Override
        public String toString() {
            return "Cloudflare[apiUrl=" + apiUrl + ", zoneId=" + zoneId + ", apiToken=(hidden)]";
        }
    }

    public boolean purges() {
        return purger != Purger.NONE;
    }
}
