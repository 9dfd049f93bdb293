#!/usr/bin/env bash
# Start-up, launch to the first served review page (issue 11: ≤ 8 s, in a 256 MB heap taken whole), run by hand:
# the jar on Java 17, on Java 25, and on Java 25 with the AOT cache the Dockerfile and the README
# make (the jar extracted, a training start that stops once the context is refreshed), one after
# the other, RUNS times each, against a copy of a generated database. Prints a Markdown table
# (each run and the median) and appends it to bench/results/startup-LABEL-<time>.md.
#
#   bench/startup.sh perf_1k startup-1k
#
# Environment: JAR (target/bestever-*.jar), JAVA17, JAVA25, RUNS (5), PORT (8095),
# PGHOST/PGPORT/PGUSER (127.0.0.1/5432/postgres).
set -euo pipefail
DB=${1:?database}
LABEL=${2:-startup}
HERE=$(cd "$(dirname "$0")" && pwd)
JAR=${JAR:-$(ls "$HERE"/../target/bestever-*.jar | head -1)}
JAVA17=${JAVA17:-/usr/lib/jvm/java-17-openjdk-amd64/bin/java}
JAVA25=${JAVA25:-$(ls -d /usr/lib/jvm/temurin-25*/bin/java | head -1)}
RUNS=${RUNS:-5}
PORT=${PORT:-8095}
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
WORK=$(mktemp -d)
OUT="$HERE/results/$LABEL-$(date -u +%Y%m%dT%H%M%SZ).md"
APP=
cleanup() { [ -n "$APP" ] && kill "$APP" 2>/dev/null && wait "$APP" 2>/dev/null; rm -rf "$WORK"; }
trap cleanup EXIT

REVIEW=$(psql -d "$DB" -Atq -c "select '/reviews/' || slug from public_review where public_from <= now() order by id limit 1")

# The Dockerfile's way: the jar beside its lib/, and a training start writing the AOT cache.
"$JAVA25" -Djarmode=tools -jar "$JAR" extract --destination "$WORK/app" >/dev/null
APP_JAR="$WORK/app/$(basename "$JAR")"
BESTEVER_DATA_DIR="$WORK/training" "$JAVA25" -XX:AOTCacheOutput="$WORK/app/app.aot" -Dspring.context.exit=onRefresh \
  -jar "$APP_JAR" --server.port=0 >"$WORK/training.log" 2>&1 || { echo "training failed:" >&2; tail -20 "$WORK/training.log" >&2; exit 1; }

# Launch to the first 200 of the review page, in milliseconds.
launch() {
  local started=$(date +%s%N)
  SPRING_DATASOURCE_URL=jdbc:postgresql://$PGHOST:$PGPORT/$DB SPRING_DATASOURCE_USERNAME=$PGUSER SPRING_DATASOURCE_PASSWORD=${PGPASSWORD:-x} \
  BESTEVER_SAMPLE_CONTENT=false "$@" --server.port=$PORT >"$WORK/app.log" 2>&1 &
  APP=$!
  for _ in $(seq 6000); do
    if curl -fsS -o /dev/null "http://127.0.0.1:$PORT$REVIEW" 2>/dev/null; then
      echo $(( ($(date +%s%N) - started) / 1000000 ))
      kill "$APP"; wait "$APP" 2>/dev/null || true; APP=
      return 0
    fi
    kill -0 "$APP" 2>/dev/null || { echo "the site did not start:" >&2; tail -30 "$WORK/app.log" >&2; exit 1; }
    sleep 0.05
  done
  echo "no page within 300 s" >&2; exit 1
}

median() { tr ' ' '\n' | grep . | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : int((a[NR/2]+a[NR/2+1])/2))}'; }

# The heap as the README's commands and the Dockerfile take it.
HEAP=(-Xms256m -Xmx256m -XX:-G1UseAdaptiveIHOP -XX:InitiatingHeapOccupancyPercent=70)
declare -A RESULT
NAMES=("Java 17, jar" "Java 25, jar" "Java 25, extracted jar + AOT cache")
for run in $(seq "$RUNS"); do # interleaved, so the machine's load falls on every variant alike
  RESULT[0]+="$(launch "$JAVA17" "${HEAP[@]}" -jar "$JAR") "
  RESULT[1]+="$(launch "$JAVA25" "${HEAP[@]}" -jar "$JAR") "
  RESULT[2]+="$(launch "$JAVA25" -XX:AOTCache="$WORK/app/app.aot" "${HEAP[@]}" -jar "$APP_JAR") "
  echo "run $run of $RUNS: ${RESULT[0]}| ${RESULT[1]}| ${RESULT[2]}" >&2
done

{
  echo "## $LABEL: launch to the first served review page ($DB), $(date -u +%FT%TZ)"
  echo
  echo "\`$0 $*\` — RUNS=$RUNS, ${HEAP[*]}, commit $(git -C "$HERE" rev-parse --short HEAD), $(nproc) cores, load before: $(uptime | sed 's/.*load average: //')"
  echo
  echo "| runtime | median ms | runs (ms) |"
  echo "|---|---|---|"
  for i in 0 1 2; do
    echo "| ${NAMES[$i]} | $(median <<<"${RESULT[$i]}") | ${RESULT[$i]} |"
  done
} | tee "$OUT"
