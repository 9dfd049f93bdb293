#!/usr/bin/env bash
# One client must not take the site down. Run by hand, on loopback only, bounded in time (about
# eight minutes): starts the site as in production (-Xmx256m, -XX:+ExitOnOutOfMemoryError, a fresh
# embedded database under a temporary folder), then
#   0. asks each route gently for $WARM_SECONDS s (start-up compiles the code; not measured),
#   1. floods each anonymous route for $SECONDS_PER_ROUTE s with wrk (2 threads, 16 connections),
#   2. holds slow-body connections to each POST route (one byte a second),
#   3. holds a few thousand slow-header connections, directly and through the compose file's
#      nginx config (deploy/nginx/nginx.conf) run locally,
# and prints, per phase: requests, 5xx, session cookies, the live heap after a full GC and the
# live session count before and after, and the review page's answer times meanwhile (a new
# connection every 20 ms).
#
#   scripts/flood.sh                          # Java 25 if installed (as the Dockerfile), else `java`
#   JAVA=/usr/lib/jvm/java-17-openjdk-amd64/bin/java scripts/flood.sh    # another runtime
#   NO_BUILD=1 SECONDS_PER_ROUTE=10 scripts/flood.sh                     # the jar as it is, shorter
#   NO_BUILD=1 PHASES=1 ROUTES='/login /no-such-page/{n}' scripts/flood.sh  # some phases, some routes
#   JAVA_OPTS='-agentpath:...' scripts/flood.sh                          # more JVM options (a profiler)
#
# Needs wrk (apt-get install -y wrk), nginx (apt-get install -y nginx-light), python3, a JDK's jcmd.
set -euo pipefail
cd "$(dirname "$0")/.."

PORT=${PORT:-18480}
NGINX_PORT=${NGINX_PORT:-18481}
SECONDS_PER_ROUTE=${SECONDS_PER_ROUTE:-30}
SLOW_SECONDS=${SLOW_SECONDS:-20}
SLOW_BODIES=${SLOW_BODIES:-32}
SLOW_HEADERS=${SLOW_HEADERS:-3000}
PHASES=${PHASES:-1 2 3}
# Before anything is measured, each route is asked for this long at a gentle rate: in its first
# minute the JVM compiles the site's code on the same two cores (about 40% of the CPU, seen with
# async-profiler), which is start-up, not the flood. WARM_SECONDS=0 measures a cold site.
WARM_SECONDS=${WARM_SECONDS:-10}
# The probe of phase 3c comes from another loopback address than the slow connections, so nginx's
# per-address limits count them apart, as they would two clients.
PROBE_ADDRESS=${PROBE_ADDRESS:-127.0.0.2}
if [[ -z "${JAVA:-}" ]]; then
  JAVA=$(ls /usr/lib/jvm/temurin-25*/bin/java 2>/dev/null | head -n1 || true)
  JAVA=${JAVA:-java}
fi
JCMD="$(dirname "$(readlink -f "$(command -v "$JAVA")")")/jcmd"

for tool in wrk nginx python3 curl; do
  command -v "$tool" >/dev/null || { echo "$tool is not installed" >&2; exit 1; }
done
[[ -x "$JCMD" ]] || { echo "no jcmd beside $JAVA: use a JDK" >&2; exit 1; }
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"

JAR=$(ls target/bestever-*.jar 2>/dev/null | grep -v original | head -n1 || true)
if [[ -z "$JAR" || -z "${NO_BUILD:-}" ]]; then
  ./mvnw -B -q package -DskipTests
  JAR=$(ls target/bestever-*.jar | grep -v original | head -n1)
fi

WORK=$(mktemp -d /tmp/bestever-flood.XXXXXX)
APP_PID=""
NGINX_PID=""
cleanup() {
  [[ -n "$NGINX_PID" ]] && kill "$NGINX_PID" 2>/dev/null || true
  if [[ -n "$APP_PID" ]]; then
    kill "$APP_PID" 2>/dev/null || true
    wait "$APP_PID" 2>/dev/null || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

BASE="http://127.0.0.1:$PORT"
# The session counts come from /actuator/metrics, which answers only with the metrics token.
METRICS_TOKEN=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')
"$JAVA" -version 2>&1 | head -n1
# shellcheck disable=SC2086 # JAVA_OPTS is a list of options
"$JAVA" -Xmx256m -XX:+ExitOnOutOfMemoryError ${JAVA_OPTS:-} -jar "$JAR" \
  --server.address=127.0.0.1 --server.port="$PORT" \
  --bestever.embedded-database.data-directory="$WORK/postgres" \
  --bestever.admin.password=flood-admin-password \
  --management.endpoints.web.exposure.include=health,metrics \
  --bestever.operations.metrics-token="$METRICS_TOKEN" \
  >"$WORK/app.log" 2>&1 &
APP_PID=$!
for _ in $(seq 180); do
  curl -fsS -o /dev/null "$BASE/actuator/health/readiness" 2>/dev/null && break
  kill -0 "$APP_PID" 2>/dev/null || { tail -n 30 "$WORK/app.log"; exit 1; }
  sleep 1
done
curl -fsS -o /dev/null "$BASE/reviews/the-400-blows"
POLL=$(curl -fsS "$BASE/reviews/the-400-blows" | grep -o '/polls/[0-9]*/results' | head -n1 | cut -d/ -f3)
echo "site up (pid $APP_PID), poll $POLL"

heap_mb() { # the live heap after a full collection
  "$JCMD" "$APP_PID" GC.run >/dev/null
  "$JCMD" "$APP_PID" GC.heap_info | awk '/used/ { for (i = 1; i <= NF; i++) if ($i == "used") { v = $(i + 1); sub(/K,?/, "", v); printf "%.1f", v / 1024; exit } }'
}
sessions() { # server sessions: Tomcat's (live, created) and the rows of spring_session (where editors' sessions live)
  local live created rows
  live=$(curl -fsS -H "Authorization: Bearer $METRICS_TOKEN" "$BASE/actuator/metrics/tomcat.sessions.active.current" | grep -o '"value":[0-9.]*' | cut -d: -f2)
  created=$(curl -fsS -H "Authorization: Bearer $METRICS_TOKEN" "$BASE/actuator/metrics/tomcat.sessions.created" | grep -o '"value":[0-9.]*' | cut -d: -f2)
  rows=$(PGPASSWORD=$(head -n 1 "$WORK/postgres.password") psql -h 127.0.0.1 -p "$(sed -n 4p "$WORK/postgres/postmaster.pid")" \
    -U postgres -d postgres -Atqc "select count(*) from spring_session")
  [[ -n "$live" && -n "$created" && -n "$rows" ]] || { echo "cannot read the session counts" >&2; exit 1; }
  echo "${live%.*} live/${created%.*} created, ${rows} in spring_session"
}
review_probe() { # $1 URL, $2 seconds[, $3 the local address to probe from]: in the background, into $WORK/probe.json
  python3 scripts/flood.py probe "$1" "$2" "$WORK/probe.json" ${3:+"$3"} &
  PROBE_PID=$!
}
review_summary() { # $1 label
  wait "$PROBE_PID"
  echo "    $1: $(python3 scripts/flood.py summary "$WORK/probe.json")"
}

ROUTES=${ROUTES:-"/login /polls/$POLL/results /search?q=truffaut{n} /no-such-page/{n} /reviews/the-400-blows /reviews/the-400-blows?utm={n}"}
if [[ "$WARM_SECONDS" != 0 ]]; then
  echo "warming up: each route for ${WARM_SECONDS}s (wrk -t1 -c2), not measured"
  for route in $ROUTES; do
    wrk -t1 -c2 -d"${WARM_SECONDS}s" -s scripts/flood.lua "$BASE$route" >/dev/null
  done
fi

START_HEAP=$(heap_mb)
echo "start: heap after GC ${START_HEAP} MB, sessions $(sessions)"
echo

phase() { [[ " $PHASES " == *" $1 "* ]]; }

if phase 1; then
echo "== 1. wrk -t2 -c16 -d${SECONDS_PER_ROUTE}s per anonymous route ({n}: a new value each request)"
for route in $ROUTES; do
  before_heap=$(heap_mb)
  before_sessions=$(sessions)
  review_probe "$BASE/reviews/the-400-blows" "$SECONDS_PER_ROUTE"
  result=$(wrk -t2 -c16 -d"${SECONDS_PER_ROUTE}s" -s scripts/flood.lua "$BASE$route" | grep '^FLOOD' | cut -d' ' -f2-)
  echo "$route"
  echo "    $result"
  review_summary "review page meanwhile"
  echo "    heap after GC: ${before_heap} -> $(heap_mb) MB; sessions: ${before_sessions} -> $(sessions)"
done
echo
fi

if phase 2; then
echo "== 2. slow bodies: $SLOW_BODIES connections to each POST route, one byte a second, ${SLOW_SECONDS}s"
review_probe "$BASE/reviews/the-400-blows" "$SLOW_SECONDS"
python3 scripts/flood.py slow-body 127.0.0.1 "$PORT" "$SLOW_SECONDS" "$SLOW_BODIES" /login "/polls/$POLL/votes"
review_summary "review page meanwhile"
echo "    heap after GC: $(heap_mb) MB; sessions: $(sessions)"
echo
fi

if phase 3; then
echo "== 3a. slow headers, directly: $SLOW_HEADERS connections, a header line every 2 s, ${SLOW_SECONDS}s"
review_probe "$BASE/reviews/the-400-blows" "$SLOW_SECONDS"
python3 scripts/flood.py slow-headers 127.0.0.1 "$PORT" "$SLOW_SECONDS" "$SLOW_HEADERS"
review_summary "review page meanwhile"
echo

sed -e "s/server app1:8080/server 127.0.0.1:$PORT/" -e "/server app2:8080/d" -e "s/listen 80;/listen 127.0.0.1:$NGINX_PORT;/" \
  -e "s#/tmp/nginx-bestever#$WORK/nginx#g" deploy/nginx/nginx.conf >"$WORK/nginx.conf"
nginx -c "$WORK/nginx.conf" -g 'daemon off;' 2>"$WORK/nginx.log" &
NGINX_PID=$!
sleep 1
NGINX="http://127.0.0.1:$NGINX_PORT"
curl -fsS -o /dev/null "$NGINX/reviews/the-400-blows"
echo "== 3b. through nginx (deploy/nginx/nginx.conf): slow headers, $SLOW_HEADERS connections, ${SLOW_SECONDS}s"
review_probe "$NGINX/reviews/the-400-blows" "$SLOW_SECONDS" "$PROBE_ADDRESS"
python3 scripts/flood.py slow-headers 127.0.0.1 "$NGINX_PORT" "$SLOW_SECONDS" "$SLOW_HEADERS"
review_summary "review page meanwhile (through nginx, from $PROBE_ADDRESS)"
echo "== 3c. through nginx: slow bodies, $SLOW_BODIES connections to each POST route, ${SLOW_SECONDS}s"
review_probe "$NGINX/reviews/the-400-blows" "$SLOW_SECONDS" "$PROBE_ADDRESS"
python3 scripts/flood.py slow-body 127.0.0.1 "$NGINX_PORT" "$SLOW_SECONDS" "$SLOW_BODIES" /login "/polls/$POLL/votes"
review_summary "review page meanwhile (through nginx, from $PROBE_ADDRESS)"
echo
fi

echo "end: heap after GC $(heap_mb) MB (start ${START_HEAP} MB), sessions $(sessions)"
echo "errors in the log: $(grep -cE ' ERROR |OutOfMemoryError' "$WORK/app.log" || true)"
