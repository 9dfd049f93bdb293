# Best Ever behind Varnish (README "Behind a CDN"). The site names the content of every public
# page in Surrogate-Key and sends PURGE requests with the tags of what changed in X-Purge-Tags
# (BESTEVER_CDN_PURGER=http, BESTEVER_CDN_PURGE_URL=http://varnish:80). Without the xkey vmod,
# a tag purge is a ban on the stored Surrogate-Key, which Varnish checks on every lookup.
vcl 4.1;

import std;

backend default {
    .host = "web";
    .port = "80";
    .connect_timeout = 2s;
    .first_byte_timeout = 30s;
    # A stopped site is noticed within seconds; meanwhile, and after, pages are served from grace.
    .probe = {
        .url = "/actuator/health/liveness";
        .interval = 2s;
        .timeout = 1s;
        .window = 3;
        .threshold = 2;
        .initial = 2;
    }
}

# Who may purge: the site's instances only. Names in parentheses are skipped when they don't resolve.
acl purgers {
    "127.0.0.1";
    "::1";
    ("app1");
    ("app2");
}

sub vcl_recv {
    if (req.method == "PURGE" || req.method == "BAN") {
        if (client.ip !~ purgers) {
            return (synth(405, "Not allowed"));
        }
        if (!req.http.X-Purge-Tags) {
            return (purge); # the one URL
        }
        if (req.http.X-Purge-Tags !~ "^[A-Za-z0-9_-]+( [A-Za-z0-9_-]+)*$") {
            return (synth(400, "Bad X-Purge-Tags"));
        }
        ban("obj.http.Surrogate-Key ~ (^|[[:space:]])(" + regsuball(req.http.X-Purge-Tags, " ", "|")
            + ")([[:space:]]|$)");
        return (synth(200, "Purged"));
    }
    # Editors (their SESSION cookie) and the newsroom are never served from or stored in the cache; nor is a
    # vote, or anything a reader's own poll state shows.
    if (req.url ~ "^/(admin|login|logout)(/|\?|$)" || req.url ~ "^/polls/[^/]+/vote"
            || req.http.Cookie ~ "(^|;[[:space:]]*)SESSION=") {
        return (pass);
    }
    # Only a poll's own addresses read the reader's voter cookie (kept to /polls/): elsewhere a
    # stray cookie must not send a reader past the cache.
    if (req.url !~ "^/polls/") {
        unset req.http.Cookie;
    }
    # While the site is up, a page past its lifetime is served stale only briefly while it is
    # fetched again; while it is down, for as long as the grace below.
    if (std.healthy(req.backend_hint)) {
        set req.grace = 10s;
    }
}

sub vcl_backend_response {
    # The site's edge lifetime (with a purger configured) overrides the browsers' Cache-Control.
    if (beresp.http.Surrogate-Control ~ "max-age=[0-9]+") {
        set beresp.ttl = std.duration(
            regsub(beresp.http.Surrogate-Control, "^.*max-age=([0-9]+).*$", "\1") + "s", beresp.ttl)
            - beresp.age;
    }
    # A public page may be served stale while the site is down (stale-if-error).
    if (beresp.http.Cache-Control ~ "stale-if-error=[0-9]+") {
        set beresp.grace = std.duration(
            regsub(beresp.http.Cache-Control, "^.*stale-if-error=([0-9]+).*$", "\1") + "s", 10s);
    }
    # An error page is never kept: a review that answered 404 before it went live shows at once.
    # Nor is a redirect the site gave no lifetime (an old slug's 301 carries no tags to purge it by).
    if (beresp.status >= 400 || (beresp.status >= 300 && !beresp.http.Cache-Control)) {
        set beresp.ttl = 0s;
        set beresp.grace = 0s;
        set beresp.uncacheable = true;
        return (deliver);
    }
}

sub vcl_backend_error {
    # The site is down and the page is not in the cache: a plain 503, never kept.
    set beresp.ttl = 0s;
}

sub vcl_deliver {
    # The tags and the edge lifetime are for this cache only.
    unset resp.http.Surrogate-Key;
    unset resp.http.Cache-Tag;
    unset resp.http.Surrogate-Control;
    unset resp.http.CDN-Cache-Control;
    if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
}
