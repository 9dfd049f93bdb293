#!/usr/bin/env bash
# Load-tests one public page the way DESIGN.md measures it: wrk, 2 threads, 32 connections,
# gzip, 15 s per run, 3 runs; prints each run and the median requests/s and p99 latency.
#
#   java -jar target/bestever-0.1.0-SNAPSHOT.jar --server.port=8085 &   # then:
#   scripts/bench-pages.sh                                        # the sample review
#   scripts/bench-pages.sh http://127.0.0.1:8085/                 # any other page
#
# Compare with the page cache off: start the jar with --bestever.page-cache.enabled=false.
# wrk shares the machine's cores with the server: compare runs made side by side.
set -euo pipefail

URL=${1:-http://127.0.0.1:8085/reviews/the-400-blows}
RUNS=${RUNS:-3}
DURATION=${DURATION:-15s}

command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install -y wrk)" >&2; exit 1; }
curl -fsS -o /dev/null -H 'Accept-Encoding: gzip' "$URL" || { echo "$URL does not answer 200" >&2; exit 1; }
echo "page: $(curl -fsS "$URL" | wc -c) bytes, $(curl -fsS -H 'Accept-Encoding: gzip' "$URL" | wc -c) gzipped"

# Warm-up: JIT, connection pool, the page cache.
wrk -t2 -c32 -d5s -H 'Accept-Encoding: gzip' "$URL" >/dev/null

rps_all=()
p99_all=()
for run in $(seq "$RUNS"); do
  out=$(wrk -t2 -c32 -d"$DURATION" --latency -H 'Accept-Encoding: gzip' "$URL")
  rps=$(awk '/^Requests\/sec/ {print $2}' <<<"$out")
  p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
  errors=$(grep -E 'Non-2xx|Socket errors' <<<"$out" || true)
  echo "run $run: $rps req/s, p99 $p99 ${errors:+($errors)}"
  rps_all+=("$rps")
  p99_all+=("$p99")
done

# p99 comes with a unit (us, ms, s): compare in microseconds.
to_us() { awk '{ v = $1; if (v ~ /us$/) { sub(/us$/, "", v); print v } else if (v ~ /ms$/) { sub(/ms$/, "", v); print v * 1000 } else { sub(/s$/, "", v); print v * 1000000 } }' <<<"$1"; }
median_rps=$(printf '%s\n' "${rps_all[@]}" | sort -g | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }')
median_p99=$(for p in "${p99_all[@]}"; do echo "$(to_us "$p") $p"; done | sort -g | awk '{ a[NR] = $2 } END { print a[int((NR + 1) / 2)] }')
echo "median of $RUNS: $median_rps req/s, p99 $median_p99  ($URL)"
