#!/usr/bin/env bash
# Loads the vote endpoint with wrk and checks the count: every acknowledged vote (303) must be
# in the poll's total, and nothing else. Prints votes/s and p99 for each run and the medians.
#
# Two counts of "acknowledged": the answers wrk read that were not 4xx/5xx, and the 303s the
# site sent (Tomcat's access log). They differ by the requests still in flight when wrk stops
# (at most one per connection): the site answered them, wrk no longer listened. The exact check
# is the site's: counted == 303s sent + votes whose client hung up before the answer was ready
# (logged "500 X"; wrk closing its connections). wrk's count must be within a connection count.
#
# The 2 cores may be shared with other work; each run also reports the CPU time the site (Java
# and its PostgreSQL) and wrk spent, and the votes/s that CPU time would give on 2 cores of
# its own (votes / (CPU seconds / 2)): an estimate, printed apart from the measurement.
#
#   scripts/bench-votes.sh                 # build, start the site on :8081, 90 s warm-up, 5 runs of 15 s
#   RUNS=3 WARMUP=30s DURATION=30s scripts/bench-votes.sh
#   SKIP_BUILD=1 scripts/bench-votes.sh    # use target/*.jar as it is
#   SKIP_BUILD=1 JAR=../main/target/bestever-0.1.0-SNAPSHOT.jar scripts/bench-votes.sh   # another build, side by side
#   ACCEPT=application/json scripts/bench-votes.sh   # the script's way: a 200 with the standings
#
# The benchmark comes from one address, so the site is started with a throttle and a per-poll cap high enough
# not to get in the way (--bestever.polls.votes-per-minute); its own data directory is wiped
# first, so the sample poll starts at zero.
set -euo pipefail

cd "$(dirname "$0")/.."
PORT=${PORT:-8081}
RUNS=${RUNS:-5}
# The JIT compiler has one thread on 2 cores and a whole web stack to compile: the site is
# still getting faster after a minute of load, so the runs start after 90 s of it.
WARMUP=${WARMUP:-90s}
DURATION=${DURATION:-15s}
CONNECTIONS=${CONNECTIONS:-64}
THREADS=${THREADS:-2}
# The form gets a 303; the page's script asks for JSON and gets a 200 with the standings.
export ACCEPT=${ACCEPT:-text/html}
ACK=$([[ $ACCEPT == application/json ]] && echo 200 || echo 303)
BASE="http://127.0.0.1:${PORT}"
DATA_DIR=${DATA_DIR:-target/bench-postgres}
LOG=target/bench-app.log
ACCESS_DIR=target/bench-access

command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install -y wrk)" >&2; exit 1; }

if [[ -z "${SKIP_BUILD:-}" ]]; then
  ./mvnw -B -q -DskipTests package
fi
JAR=${JAR:-$(ls target/bestever-*.jar | grep -v original | head -1)}

rm -rf "$DATA_DIR" "$ACCESS_DIR"
setsid java ${JAVA_OPTS:-} -jar "$JAR" \
  --server.port="$PORT" \
  --bestever.base-url="$BASE" \
  --bestever.polls.votes-per-minute=1000000000 \
  --bestever.polls.votes-per-client-per-poll=2000000000 \
  --bestever.embedded-database.data-directory="$DATA_DIR" \
  --server.tomcat.accesslog.enabled=true \
  --server.tomcat.accesslog.directory="$PWD/target/bench-access" \
  --server.tomcat.accesslog.prefix=access --server.tomcat.accesslog.suffix=.log \
  --server.tomcat.accesslog.buffered=false \
  --server.tomcat.accesslog.pattern='%m %U %s %X' \
  --bestever.embedded-database.clean-on-start=true \
  > "$LOG" 2>&1 &
APP=$!
stop() { kill -TERM -- "-$APP" 2>/dev/null || true; wait "$APP" 2>/dev/null || true; }
trap stop EXIT

for _ in $(seq 1 120); do
  curl -fs "$BASE/actuator/health" >/dev/null 2>&1 && break
  sleep 1
done
curl -fs "$BASE/actuator/health" >/dev/null || { echo "the site did not start; see $LOG" >&2; exit 1; }

# The sample review's poll: its id and its first option ("Yes, it's the best ever").
REVIEW=$(curl -fs "$BASE/reviews/the-400-blows")
POLL_ID=$(grep -o 'action="/polls/[0-9]*/votes"' <<<"$REVIEW" | head -1 | grep -o '[0-9]\+')
CHOICE=$(grep -o 'name="choice"[^>]*value="[0-9]*"' <<<"$REVIEW" | head -1 | grep -o 'value="[0-9]*"' | grep -o '[0-9]\+')
[[ -n "$POLL_ID" && -n "$CHOICE" ]] || { echo "no poll on /reviews/the-400-blows" >&2; exit 1; }
echo "Poll $POLL_ID, choice $CHOICE, $RUNS runs of wrk -t$THREADS -c$CONNECTIONS -d$DURATION on $BASE"

total() {
  curl -fs -H 'Accept: application/json' "$BASE/polls/$POLL_ID/results" | grep -o '"total":[0-9]*' | grep -o '[0-9]\+'
}

# Warm up the JIT (these votes count too; every run checks its own difference).
POLL_ID=$POLL_ID CHOICE=$CHOICE ORIGIN=$BASE wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" --timeout 30s -s scripts/votes.lua \
  "$BASE/polls/$POLL_ID/votes" > target/bench-warmup.out
echo "warm-up: $(grep '^RESULT' target/bench-warmup.out | sed 's/^RESULT //')"

# Acknowledgements ($ACK) the site has sent for votes so far (the access log is written unbuffered).
sent() { cat "$ACCESS_DIR"/access*.log 2>/dev/null | grep -c "^POST /polls/$POLL_ID/votes $ACK " || true; }
# Votes whose client hung up before the answer was ready (wrk stopping mid-request): Tomcat logs
# them "500 X" (X: connection aborted). The vote was queued before that, so it is counted; only
# its answer went unread. Not acknowledged, and no error any reader saw.
abandoned() { cat "$ACCESS_DIR"/access*.log 2>/dev/null | grep -Ec "^POST /polls/$POLL_ID/votes 5[0-9]{2} X$" || true; }

# CPU ticks (user + system) of every process of the site: the JVM (its own session) and its
# PostgreSQL (the postmaster named in the data directory, and its backends).
HZ=$(getconf CLK_TCK)
site_cpu() {
  local ticks=0 postmaster
  postmaster=$(head -1 "$DATA_DIR/postmaster.pid" 2>/dev/null || echo none)
  for stat in /proc/[0-9]*/stat; do
    # Fields after the command name (which may hold spaces): find ") " and count from there.
    local pid=${stat#/proc/}; pid=${pid%/stat}
    local rest; rest=$(sed 's/^.*) //' "$stat" 2>/dev/null) || continue
    read -r -a r <<<"$rest"
    if [[ "${r[3]:-}" == "$APP" || "$pid" == "$postmaster" || "${r[1]:-}" == "$postmaster" ]]; then
      ticks=$((ticks + r[11] + r[12]))
    fi
  done
  echo "$ticks"
}

# The answers wrk stopped waiting for still finish after it stops: wait until both counts hold still.
settle() {
  settled_total=$(total); settled_sent=$(sent); settled_abandoned=$(abandoned)
  for _ in $(seq 1 60); do
    sleep 1
    local now_total now_sent now_abandoned; now_total=$(total); now_sent=$(sent); now_abandoned=$(abandoned)
    [[ "$now_total" == "$settled_total" && "$now_sent" == "$settled_sent" && "$now_abandoned" == "$settled_abandoned" ]] && return
    settled_total=$now_total; settled_sent=$now_sent; settled_abandoned=$now_abandoned
  done
}

rates=(); p99s=(); estimates=(); ok=1
for run in $(seq 1 "$RUNS"); do
  settle; before=$settled_total; sent_before=$settled_sent; abandoned_before=$settled_abandoned
  site_cpu_before=$(site_cpu)
  TIMEFORMAT='%U %S'
  { time POLL_ID=$POLL_ID CHOICE=$CHOICE ORIGIN=$BASE wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --timeout 30s \
    -s scripts/votes.lua "$BASE/polls/$POLL_ID/votes" > target/bench-wrk.out ; } 2> target/bench-wrk.time
  line=$(grep '^RESULT' target/bench-wrk.out)
  site_cpu_after=$(site_cpu)
  wrk_cpu=$(awk '{print $1 + $2}' target/bench-wrk.time)
  settle; after=$settled_total; sent_after=$settled_sent; abandoned_after=$settled_abandoned
  acked=$(grep -o 'acked=[0-9]*' <<<"$line" | cut -d= -f2)
  rate=$(grep -o 'votes_per_s=[0-9.]*' <<<"$line" | cut -d= -f2)
  p99=$(grep -o 'p99_ms=[0-9.]*' <<<"$line" | cut -d= -f2)
  counted=$((after - before)); answered=$((sent_after - sent_before)); in_flight=$((answered - acked))
  hung_up=$((abandoned_after - abandoned_before))
  if [[ "$counted" -eq $((answered + hung_up)) && "$in_flight" -ge 0 && $((in_flight + hung_up)) -le "$CONNECTIONS" ]]; then check=OK; else check=MISMATCH; ok=0; fi
  echo "run $run: ${line#RESULT } | total $before -> $after: counted=$counted, ${ACK}s sent=$answered, read by wrk=$acked (in flight at stop: $in_flight), client hung up first: $hung_up $check"
  cpu=$(awk -v a="$site_cpu_before" -v b="$site_cpu_after" -v w="$wrk_cpu" 'BEGIN {printf "%.1f", (b - a) / '"$HZ"' + w}')
  estimate=$(awk -v n="$answered" -v c="$cpu" 'BEGIN {printf "%.0f", (c > 0 ? n / (c / 2) : 0)}')
  echo "       CPU: site $(awk -v a="$site_cpu_before" -v b="$site_cpu_after" 'BEGIN {printf "%.1f", (b - a) / '"$HZ"'}') s + wrk $wrk_cpu s = $cpu s for $answered votes -> ~$estimate votes/s on 2 cores of its own (estimate)"
  rates+=("$rate"); p99s+=("$p99"); estimates+=("$estimate")
done

median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
echo "median: $(median "${rates[@]}") votes/s, p99 $(median "${p99s[@]}") ms over $RUNS runs; count check: $([[ $ok == 1 ]] && echo "every $ACK sent is counted, and nothing else but the votes whose client hung up before the answer" || echo 'MISMATCH')"
settle
all_sent=$(sent); all_abandoned=$(abandoned)
# The database's own view: vote rows against the counts (the port is in the site's log).
PG_PORT=$(grep -o 'Embedded PostgreSQL is running on port [0-9]*' "$LOG" | grep -o '[0-9]*$' | head -1)
if command -v psql >/dev/null && [[ -n "$PG_PORT" ]]; then
  # The embedded server's generated password is kept beside its data directory.
  rows=$(PGPASSWORD=$(cat "$DATA_DIR.password") psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -Atc "select count(*) from vote where question_id = $POLL_ID")
  [[ "$rows" == "$settled_total" ]] || ok=0
  echo "database: $rows vote rows, counts add up to $settled_total: $([[ "$rows" == "$settled_total" ]] && echo OK || echo MISMATCH)"
fi
[[ "$settled_total" == $((all_sent + all_abandoned)) ]] || ok=0
echo "whole session (warm-up included): poll total $settled_total, ${ACK}s sent $all_sent, client hung up first $all_abandoned: $([[ "$settled_total" == $((all_sent + all_abandoned)) ]] && echo OK || echo MISMATCH)"
if [[ $ok != 1 ]]; then
  echo "answers to votes by status:"; cat "$ACCESS_DIR"/access*.log | grep "^POST /polls/$POLL_ID/votes" | cut -d' ' -f3 | sort | uniq -c
  echo "warnings and errors of the site:"; grep -E ' (WARN|ERROR) ' "$LOG" | grep -v FirstAdmin | tail -20
fi
echo "estimate on 2 dedicated cores (from CPU time, wrk included): median ~$(median "${estimates[@]}") votes/s"
echo "load average at the end (other work on this machine): $(cut -d' ' -f1-3 /proc/loadavg)"
[[ $ok == 1 ]]
