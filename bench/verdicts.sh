#!/usr/bin/env bash
# The readers' verdict pages, old jar against new, in one run, on a copy of a generated database:
#   createdb -h 127.0.0.1 -U postgres -T perf_100k board_100k
#   bench/verdicts.sh OLD.jar NEW.jar [DB] [PORT]
# For each jar: starts the site (-Xmx256m, page cache off: every request is rendered), times the
# first (cold) request of 5 genres' verdict pages, then one verdict page with curl (7 runs, median),
# the /best-ever index (3 runs, median), and wrk -t1 -c4 -d10s spread over every genre's page
# (LONG=70s: then a second wrk of that length, past the 60 s the standings are kept).
set -euo pipefail
OLD=$1 NEW=$2 DB=${3:-board_100k} PORT=${4:-8401}
BASE=http://127.0.0.1:$PORT
HERE=$(cd "$(dirname "$0")" && pwd)
WORK=$(mktemp -d)
URLS=$WORK/verdicts.txt
psql -h 127.0.0.1 -U postgres -Atc "select '/best-ever/' || slug from genre order by id" "$DB" >"$URLS"
ONE=$(sed -n 1p "$URLS")

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
timed() { curl -s -o /dev/null -w '%{time_total}\n' --max-time 60 "$BASE$1"; }

run() {
  local name=$1 jar=$2
  SPRING_DATASOURCE_URL=jdbc:postgresql://127.0.0.1:5432/$DB SPRING_DATASOURCE_USERNAME=postgres SPRING_DATASOURCE_PASSWORD=x \
  BESTEVER_SAMPLE_CONTENT=false java -Xmx256m -jar "$jar" --server.port=$PORT --bestever.page-cache.enabled=false \
    >"$WORK/$name.log" 2>&1 &
  local app=$!
  for _ in $(seq 3000); do
    curl -fsS -o /dev/null "$BASE/" 2>/dev/null && break
    kill -0 $app 2>/dev/null || { tail -30 "$WORK/$name.log"; exit 1; }
    sleep 0.2
  done
  curl -s -o /dev/null --max-time 600 "$BASE$ONE" # freezes the verdicts of every round already closed
  local cold=$(for u in $(sed -n 2,6p "$URLS"); do timed "$u"; done | median)
  timed "$ONE" >/dev/null
  local one=$(for _ in 1 2 3 4 5 6 7; do timed "$ONE"; done | median)
  local index=$(for _ in 1 2 3; do timed /best-ever; done | median)
  for u in $(cat "$URLS"); do timed "$u" >/dev/null; done # every genre once (warm)
  local out=$(URLS=$URLS ORIGIN=$BASE wrk -t1 -c4 -d10s --timeout 10s --latency -s "$HERE/spread.lua" "$BASE" 2>&1)
  local rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  local p50=$(awk '$1 == "50%" {print $2}' <<<"$out")
  local p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
  local errors=$(grep -Eo '(Non-2xx or 3xx responses|Socket errors): .*' <<<"$out" | tr '\n' ' ')
  local bytes=$(curl -s "$BASE$ONE" | wc -c)
  echo "| $name | ${cold}s | ${one}s | ${index}s | $rps | $p50 | $p99 | ${errors:-none} | $bytes |"
  if [ -n "${LONG:-}" ]; then # long enough to cross the standings' max age: recounts behind the readers
    out=$(URLS=$URLS ORIGIN=$BASE wrk -t1 -c4 -d"$LONG" --timeout 10s --latency -s "$HERE/spread.lua" "$BASE" 2>&1)
    echo "| $name, wrk ${LONG} | | | | $(awk '/Requests\/sec/ {print $2}' <<<"$out") | $(awk '$1 == "50%" {print $2}' <<<"$out") | $(awk '$1 == "99%" {print $2}' <<<"$out") | $(grep -Eo '(Non-2xx or 3xx responses|Socket errors): .*' <<<"$out" | tr '\n' ' ') | |"
  fi
  kill $app; wait $app 2>/dev/null || true
}

echo "$0 $* — $(date -u +%FT%TZ), $(wc -l <"$URLS") genres, one page: $ONE"
echo
echo "| jar | first request of a genre (median of 5) | one verdict page (median of 7) | /best-ever (median of 3) | wrk req/s | p50 | p99 | errors | page bytes |"
echo "|---|---|---|---|---|---|---|---|---|"
run old "$OLD"
run new "$NEW"
rm -rf "$WORK"
