#!/usr/bin/env bash
# CPU profile of the site under load (run by hand): starts the jar on a database with -Xmx256m,
# warms it on every kind of page, then for each scenario takes an async-profiler CPU profile
# (itimer, collapsed stacks) while wrk sends that scenario's requests, and writes a summary of
# where the time goes (bench/profile-summary.py) to bench/profiles/.
#
#   bench/profile.sh perf_100k_copy 100k-off --bestever.page-cache.enabled=false
#
# async-profiler comes from Maven Central (tools.profiler:async-profiler, linux-x64 jar):
#   curl -O https://repo1.maven.org/maven2/tools/profiler/async-profiler/4.6/async-profiler-4.6-linux-x64.jar
#   unzip async-profiler-4.6-linux-x64.jar 'linux-x64/*'   # then ASPROF_LIB=$PWD/linux-x64/libasyncProfiler.so
#
# Environment (defaults): ASPROF_LIB (required), JAR, JAVA (java), JAVA_OPTS (-Xms256m -Xmx256m -XX:-G1UseAdaptiveIHOP -XX:InitiatingHeapOccupancyPercent=70),
# SCENARIOS ("review home genre film author hot"), SECONDS_EACH (20), WARM (60s), PORT (8097),
# EVENT (itimer: CPU time; wall: wall-clock time of every thread, summarised for the request threads).
set -uo pipefail

DB=${1:?usage: bench/profile.sh DATABASE LABEL [site arguments]}
LABEL=${2:?usage: bench/profile.sh DATABASE LABEL [site arguments]}
shift 2
HERE=$(cd "$(dirname "$0")" && pwd)
ASPROF_LIB=${ASPROF_LIB:?set ASPROF_LIB to libasyncProfiler.so}
JAR=${JAR:-$(ls "$HERE"/../target/bestever-*.jar | head -1)}
JAVA=${JAVA:-java}
JAVA_OPTS=${JAVA_OPTS:--Xms256m -Xmx256m -XX:-G1UseAdaptiveIHOP -XX:InitiatingHeapOccupancyPercent=70}
SCENARIOS=${SCENARIOS:-review home genre film author hot}
SECONDS_EACH=${SECONDS_EACH:-20}
WARM=${WARM:-60s}
PORT=${PORT:-8097}
EVENT=${EVENT:-itimer}
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
BASE=http://127.0.0.1:$PORT
WORK=$(mktemp -d /tmp/profile.XXXXXX)
OUT=$HERE/profiles
mkdir -p "$OUT" "$WORK/urls"

q() { psql -d "$DB" -Atq -c "$1"; }
. "$HERE/urls.sh"
page_urls "$WORK/urls"
head -1 "$WORK/urls/review" >"$WORK/urls/hot"
cat "$WORK"/urls/{review,home,genre,author,film} | shuf -n 20000 >"$WORK/urls/mixed"

SPRING_DATASOURCE_URL=jdbc:postgresql://$PGHOST:$PGPORT/$DB SPRING_DATASOURCE_USERNAME=$PGUSER SPRING_DATASOURCE_PASSWORD=${PGPASSWORD:-x} \
BESTEVER_SAMPLE_CONTENT=false BESTEVER_SEARCH_DATABASE_MS_PER_SECOND=1000000 \
  "$JAVA" $JAVA_OPTS -jar "$JAR" --server.port=$PORT "$@" >"$WORK/app.log" 2>&1 &
APP=$!
trap 'kill $APP 2>/dev/null; wait $APP 2>/dev/null' EXIT
until curl -fsS -o /dev/null "$BASE$(cat "$WORK/urls/hot")" 2>/dev/null; do
  kill -0 $APP 2>/dev/null || { tail -30 "$WORK/app.log"; exit 1; }
  sleep 0.2
done
echo "warming $WARM" >&2
URLS=$WORK/urls/mixed wrk -t2 -c16 -d"$WARM" -s "$HERE/spread.lua" "$BASE" >/dev/null

for s in $SCENARIOS; do
  # jcmd splits an unquoted option string at its commas: the options go in double quotes.
  if [ "$EVENT" = wall ]; then OPTIONS=start,event=wall,interval=2ms,threads; else OPTIONS=start,event=itimer,interval=1ms; fi
  jcmd $APP JVMTI.agent_load "$ASPROF_LIB" "\"$OPTIONS\"" >/dev/null
  if [ "$s" = hot ]; then
    wrk -t2 -c16 -d"${SECONDS_EACH}s" --latency -H 'Accept-Encoding: gzip' "$BASE$(cat "$WORK/urls/hot")" >"$WORK/wrk-$s.txt"
  else
    URLS=$WORK/urls/$s wrk -t2 -c16 -d"${SECONDS_EACH}s" --latency -s "$HERE/spread.lua" "$BASE" >"$WORK/wrk-$s.txt"
  fi
  jcmd $APP JVMTI.agent_load "$ASPROF_LIB" "\"collapsed,file=$WORK/$s.collapsed,stop\"" >/dev/null
  sleep 1
  {
    echo "# $LABEL / $s — $(date -u +%FT%TZ), load $(uptime | sed 's/.*load average: //'), $JAVA_OPTS $*"
    echo "# wrk: $(awk '/^Requests\/sec/ {print $2 " req/s"} $1 == "99%" {print "p99 " $2}' "$WORK/wrk-$s.txt" | paste -sd' ')"
    if [ "$EVENT" = wall ]; then python3 "$HERE/profile-summary.py" "$WORK/$s.collapsed" exec; else python3 "$HERE/profile-summary.py" "$WORK/$s.collapsed"; fi
  } >"$OUT/$LABEL-$s.txt"
  cp "$WORK/$s.collapsed" "/tmp/$LABEL-$s.collapsed"
  head -3 "$OUT/$LABEL-$s.txt" >&2
done
echo "summaries in $OUT, raw collapsed stacks in /tmp/$LABEL-*.collapsed" >&2
