#!/usr/bin/env bash
# The site behind Varnish with the shipped VCL (deploy/varnish/default.vcl), at the size of the
# database given: hit ratio per kind of reader, origin requests per 1,000 page views under a
# crawler-like spread, and seconds from an editor's save to the change showing at the edge.
#
#   bench/edge.sh perf_100k            # a database filled as bench/run.sh says
#
# Environment: JAR, JAVA_OPTS (-Xms256m -Xmx256m -XX:-G1UseAdaptiveIHOP -XX:InitiatingHeapOccupancyPercent=70), PORT (8095), EDGE_PORT (6081), CRAWL (60s, each of two crawls),
# READER_VIEWS (2000), EDITS (20), ADMIN_PASSWORD (the database's admin password; a generated
# first password is changed to ADMIN_NEW_PASSWORD on the way).
set -uo pipefail
DB=${1:?usage: bench/edge.sh DATABASE}
HERE=$(cd "$(dirname "$0")" && pwd)
JAR=${JAR:-$(ls "$HERE"/../target/bestever-*.jar | head -1)}
JAVA_OPTS=${JAVA_OPTS:--Xms256m -Xmx256m -XX:-G1UseAdaptiveIHOP -XX:InitiatingHeapOccupancyPercent=70}
PORT=${PORT:-8095}
EDGE_PORT=${EDGE_PORT:-6081}
CRAWL=${CRAWL:-60s}
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
export ORIGIN=http://127.0.0.1:$PORT EDGE=http://127.0.0.1:$EDGE_PORT DB
WORK=$(mktemp -d /tmp/edge.XXXXXX)
chmod 755 "$WORK" # varnishd reads the VCL as its own user
for tool in varnishd varnishstat wrk psql curl python3; do
  command -v $tool >/dev/null || { echo "$tool is not installed" >&2; exit 1; }
done
APP= VARNISH=
cleanup() {
  [ -n "$APP" ] && kill "$APP" 2>/dev/null && wait "$APP" 2>/dev/null
  [ -n "$VARNISH" ] && kill "$VARNISH" 2>/dev/null && wait "$VARNISH" 2>/dev/null
}
trap cleanup EXIT
q() { psql -d "$DB" -Atq -c "$1"; }

# Every public URL, as a crawler finds them (reviews, films, critics, genres and their pages,
# the readers' verdicts, feeds), shuffled.
{
  q "select '/reviews/' || slug from public_review where public_from <= now()"
  q "select '/films/' || slug from film"
  q "select '/authors/' || slug from author"
  q "select '/genres/' || slug from genre"
  q "select '/best-ever/' || g.slug from genre g where exists (select 1 from vote_question v where v.genre_id = g.id)"
  q "select '/?page=' || p from generate_series(1, (select greatest(1, ceil(count(*) / 20.0)::int) from public_review where public_from <= now())) p"
  echo /; echo /feed.xml; echo /genres; echo /best-ever
} | shuf --random-source=<(yes) >"$WORK/urls"
echo "$(wc -l <"$WORK/urls") public URLs"

BESTEVER_CDN_PURGER=http BESTEVER_CDN_PURGE_URL=$EDGE BESTEVER_ACCESS_LOG=false \
SPRING_DATASOURCE_URL=jdbc:postgresql://$PGHOST:$PGPORT/$DB SPRING_DATASOURCE_USERNAME=$PGUSER \
java $JAVA_OPTS -jar "$JAR" --server.port="$PORT" --bestever.base-url="$ORIGIN" \
  --bestever.polls.votes-per-minute=1000000 >"$WORK/app.log" 2>&1 &
APP=$!
for _ in $(seq 1 180); do curl -fs "$ORIGIN/actuator/health/readiness" >/dev/null 2>&1 && break; sleep 1; done
curl -fs "$ORIGIN/actuator/health/readiness" >/dev/null || { echo "the site did not start: $WORK/app.log" >&2; exit 1; }
sed -e 's/\.host = "web";/.host = "127.0.0.1";/' -e "s/\.port = \"80\";/.port = \"$PORT\";/" \
  "$HERE/../deploy/varnish/default.vcl" >"$WORK/default.vcl"
varnishd -F -a 127.0.0.1:$EDGE_PORT -T 127.0.0.1:0 -f "$WORK/default.vcl" -n "$WORK/varnish" -s malloc,512m >"$WORK/varnish.log" 2>&1 &
VARNISH=$!
for _ in $(seq 1 30); do varnishstat -n "$WORK/varnish" -1 -f MAIN.uptime >/dev/null 2>&1 && break; sleep 1; done
stat() { varnishstat -n "$WORK/varnish" -1 -f "$1" | awk '{print $2}'; }

echo; echo "## Hit ratio per kind of reader (pages the crawler fetched once, then read at random)"
URLS=$WORK/urls python3 "$HERE/edge.py" readers

echo; echo "## A crawler through the edge: wrk -t1 -c4 for $CRAWL over every public URL in random order"
# Page views from wrk's own count; origin requests from Varnish's backend fetches meanwhile.
crawl() {
  local b0 b1 out views
  b0=$(stat MAIN.backend_req)
  out=$(URLS=$WORK/urls wrk -t1 -c4 -d"$CRAWL" --latency -s "$HERE/spread.lua" "$EDGE")
  b1=$(stat MAIN.backend_req)
  views=$(awk '/requests in/ {print $1}' <<<"$out")
  grep -E 'Requests/sec|50%|99%|Non-2xx' <<<"$out"
  echo "page views $views, origin requests $((b1 - b0)): $(( (b1 - b0) * 1000 / (views > 0 ? views : 1) )) per 1,000 page views"
}
crawl
echo "the same crawl again (the edge now holds what the first one fetched):"
crawl
# Let the origin finish what the crawl left it before an editor saves.
sleep 20

echo; echo "## Save to visible through the edge"
URLS=$WORK/urls python3 "$HERE/edge.py" edits
echo; echo "varnish: $(varnishstat -n "$WORK/varnish" -1 -f MAIN.cache_hit -f MAIN.cache_miss -f MAIN.bans_added -f MAIN.n_purges | awk '{printf "%s=%s ", $1, $2}')"
grep -c ' ERROR ' "$WORK/app.log" | xargs echo "ERROR lines in the site's log:"
