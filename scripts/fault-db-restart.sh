#!/usr/bin/env bash
# The database goes away under load and comes back: what readers and voters see meanwhile, how
# long the site takes to recover by itself, and whether every acknowledged vote was counted once.
#
#   scripts/fault-db-restart.sh                 # build, run against this machine's PostgreSQL cluster
#   SKIP_BUILD=1 OUTAGE=10 scripts/fault-db-restart.sh
#
# Needs: wrk, curl, psql and a local PostgreSQL cluster that pg_ctlcluster can stop and start
# (Debian's postgresql package; TOOLING.md). Loopback only, bounded: about a minute in all.
# The site is started on its own database (bestever_fault, dropped and made anew), with the
# access log on so the acknowledged votes (303) can be counted.
set -euo pipefail
cd "$(dirname "$0")/.."
PORT=${PORT:-8092}
OUTAGE=${OUTAGE:-10}
BASE="http://127.0.0.1:$PORT"
WORK=target/fault
LOG=$WORK/app.log
CLUSTER=${CLUSTER:-$(ls /etc/postgresql | sort -V | tail -1)}
for tool in wrk curl psql pg_ctlcluster; do
  command -v "$tool" >/dev/null || { echo "$tool is not installed" >&2; exit 1; }
done
pg() { psql -h 127.0.0.1 -U postgres -Atq "$@"; }
pg_isready -h 127.0.0.1 -q || pg_ctlcluster "$CLUSTER" main start
pg -c "drop database if exists bestever_fault" -c "create database bestever_fault"

if [[ -z "${SKIP_BUILD:-}" ]]; then ./mvnw -B -q -DskipTests package; fi
JAR=$(ls target/bestever-*.jar | grep -v original | head -1)
rm -rf "$WORK"; mkdir -p "$WORK"
SPRING_DATASOURCE_URL=jdbc:postgresql://127.0.0.1:5432/bestever_fault SPRING_DATASOURCE_USERNAME=postgres \
setsid java -Xmx256m -jar "$JAR" --server.port="$PORT" --bestever.base-url="$BASE" \
  --bestever.polls.votes-per-minute=1000000000 --bestever.polls.votes-per-client-per-poll=1000000000 \
  --server.tomcat.accesslog.directory="$PWD/$WORK" --server.tomcat.accesslog.prefix=access \
  --server.tomcat.accesslog.suffix=.log --server.tomcat.accesslog.pattern='%m %U %s' > "$LOG" 2>&1 &
APP=$!
stop() { kill -TERM -- "-$APP" 2>/dev/null || true; wait "$APP" 2>/dev/null || true; pg_isready -h 127.0.0.1 -q || pg_ctlcluster "$CLUSTER" main start; }
trap stop EXIT
for _ in $(seq 1 120); do curl -fs "$BASE/actuator/health/readiness" >/dev/null 2>&1 && break; sleep 1; done
curl -fs "$BASE/actuator/health/readiness" >/dev/null || { echo "the site did not start; see $LOG" >&2; exit 1; }

REVIEW=$(curl -fs "$BASE/reviews/the-400-blows")
POLL_ID=$(grep -o 'action="/polls/[0-9]*/votes"' <<<"$REVIEW" | head -1 | grep -o '[0-9]\+')
CHOICE=$(grep -o 'name="choice"[^>]*value="[0-9]*"' <<<"$REVIEW" | head -1 | grep -o 'value="[0-9]*"' | grep -o '[0-9]\+')
DURATION=$((OUTAGE + 25))
echo "Load for ${DURATION}s (votes and pages); PostgreSQL $CLUSTER stopped at 8 s for ${OUTAGE} s."
POLL_ID=$POLL_ID CHOICE=$CHOICE ORIGIN=$BASE wrk -t1 -c8 -d"${DURATION}s" -s scripts/votes.lua "$BASE" > "$WORK/wrk-votes.txt" 2>&1 &
VOTES=$!
wrk -t1 -c8 -d"${DURATION}s" "$BASE/reviews/the-400-blows" > "$WORK/wrk-pages.txt" 2>&1 &
PAGES=$!

# Probes every half second: a kept page, a page rendered from the database, readiness.
probe() {
  local start=$1
  while (( $(date +%s) - start < DURATION )); do
    t=$(awk "BEGIN{printf \"%.1f\", $(date +%s.%N) - $start}")
    # A probe that times out says 000 (and the loop goes on: curl's exit code is not the answer).
    kept=$(curl -s -o /dev/null -m 5 -w '%{http_code}' "$BASE/reviews/the-400-blows" || true)
    fresh=$(curl -s -o /dev/null -m 5 -w '%{http_code}/%{time_total}' "$BASE/search?q=truffaut+$RANDOM" || true)
    ready=$(curl -s -o /dev/null -m 5 -w '%{http_code}' "$BASE/actuator/health/readiness" || true)
    echo "$t kept=$kept fresh=$fresh ready=$ready"
    sleep 0.5
  done
}
START=$(date +%s)
probe "$START" > "$WORK/probes.txt" &
PROBE=$!
sleep 8; pg_ctlcluster "$CLUSTER" main stop -m fast; DOWN=$(date +%s.%N)
sleep "$OUTAGE"; pg_ctlcluster "$CLUSTER" main start; UP=$(date +%s.%N)
wait "$PROBE" "$VOTES" "$PAGES"
sleep 2

echo; echo "== Probes (seconds from the start; kept page, page from the database / its time, readiness)"
cat "$WORK/probes.txt"
up_at=$(awk "BEGIN{print $UP - $START}")
first_ok=$(awk -v up="$up_at" '$1 > up && $3 ~ /^fresh=200/ {print $1; exit}' "$WORK/probes.txt")
first_ready=$(awk -v up="$up_at" '$1 > up && $4 == "ready=200" {print $1; exit}' "$WORK/probes.txt")
echo; echo "== Outage"
echo "database stopped at $(awk "BEGIN{printf \"%.1f\", $DOWN - $START}") s, started again at $(printf %.1f "$up_at") s"
echo "first page from the database after the restart: ${first_ok:-never} s; readiness UP again: ${first_ready:-never} s"
echo "probes during the outage: $(awk -v d="$(awk "BEGIN{print $DOWN - $START}")" -v u="$up_at" '$1>=d && $1<=u' "$WORK/probes.txt" | awk '{print $2, $3}' | sed 's#/[0-9.]*##' | sort | uniq -c | tr '\n' ';')"
echo "slowest probe answer: $(grep -o 'fresh=[0-9]*/[0-9.]*' "$WORK/probes.txt" | cut -d/ -f2 | sort -n | tail -1) s"
echo; echo "== Answers under load (access log, by route and status)"
awk '{split($2, p, "/"); print $1, "/" p[2], $3}' "$WORK"/access*.log | sort | uniq -c
echo "ERROR lines in the site's log: $(grep -c ' ERROR ' "$LOG" || true); 500s: $(awk '$3 == 500' "$WORK"/access*.log | wc -l)"
echo; echo "== Count check"
acked=$(grep -c "^POST /polls/$POLL_ID/votes 303" "$WORK"/access*.log || true)
counted=$(pg -d bestever_fault -c "select coalesce(sum(votes), 0) from vote_option where question_id = $POLL_ID")
rows=$(pg -d bestever_fault -c "select count(*) from vote where question_id = $POLL_ID")
echo "acknowledged (303): $acked; counted: $counted; vote rows: $rows"
[[ "$acked" == "$counted" && "$counted" == "$rows" ]] && echo "count check: OK" || echo "count check: MISMATCH (an acknowledged vote must be counted exactly once)"
