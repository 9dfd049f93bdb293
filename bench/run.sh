#!/usr/bin/env bash
# The benchmark suite (run by hand, never by verify). Starts the site on a given PostgreSQL
# database with -Xmx256m, warms it, and measures with wrk every kind of public page, as one
# URL and spread over many (bench/spread.lua), the search and the vote, against the static
# ceiling measured in the same run: the review page's HTML saved with its .gz beside it,
# served by nginx with gzip_static. Prints one Markdown table (req/s, p50, p99, errors and
# each row's ratio to the ceiling) and writes it to bench/results/.
#
#   bench/run.sh perf_100k 100k          # database perf_100k on 127.0.0.1:5432, label 100k
#
# Fill a database first (the site migrates it at its first start, then):
#   createdb perf_100k && java -jar target/*.jar (once, against it) &&
#   PGOPTIONS='-c bench.n=100000' psql -1 -d perf_100k -f bench/generate.sql
#
# Environment (defaults): JAR (target/bestever-*.jar), JAVA (java), JAVA_OPTS (-Xms256m -Xmx256m -XX:-G1UseAdaptiveIHOP -XX:InitiatingHeapOccupancyPercent=70),
# MODES ("on off": the page cache as shipped, then off, i.e. what every miss pays),
# ROWS (a regex of the row names to run; all), DURATION (5s), RUNS (3), CONNECTIONS (16),
# WARM (20s: one warming round; rounds go on until the site is steady, see warm_up), WARM_MAX (600: seconds),
# PORT (8095), CEILING_PORT (8096), BARE_PORT (8094), PGHOST/PGPORT/PGUSER (127.0.0.1/5432/postgres).
# With the page cache on, one more row: the same bytes from a bare embedded Tomcat (bench/BareTomcat.java,
# the jar's own Tomcat, no Spring): the floor of what any page from this server can cost.
# wrk runs on the same two cores as the site: only ratios from one run compare. The vote throttle
# and the search budget are lifted (wrk is one client address): the table measures capacity.
# The vote rows POST without a voter cookie (wrk keeps none), so they measure a vote's first step
# (the 307 that sends the reader for a voter cookie), not votes counted: for those, and the check
# that each is counted once, see scripts/bench-votes.sh.
set -uo pipefail

DB=${1:?usage: bench/run.sh DATABASE [LABEL]}
LABEL=${2:-$DB}
HERE=$(cd "$(dirname "$0")" && pwd)
JAR=${JAR:-$(ls "$HERE"/../target/bestever-*.jar | head -1)}
JAVA=${JAVA:-java}
JAVA_OPTS=${JAVA_OPTS:--Xms256m -Xmx256m -XX:-G1UseAdaptiveIHOP -XX:InitiatingHeapOccupancyPercent=70}
MODES=${MODES:-on off}
ROWS=${ROWS:-.}
DURATION=${DURATION:-5s}
RUNS=${RUNS:-3}
CONNECTIONS=${CONNECTIONS:-16}
WARM=${WARM:-20s}
WARM_MAX=${WARM_MAX:-600}
PORT=${PORT:-8095}
CEILING_PORT=${CEILING_PORT:-8096}
BARE_PORT=${BARE_PORT:-8094}
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
BASE=http://127.0.0.1:$PORT
WORK=$(mktemp -d /tmp/bench.XXXXXX)
RESULTS=$HERE/results
mkdir -p "$RESULTS" "$WORK/urls" "$WORK/www"
chmod 755 "$WORK" "$WORK/www"
OUT=$RESULTS/$LABEL-$(date -u +%Y%m%dT%H%M%SZ).md

for tool in wrk nginx psql curl; do
  command -v $tool >/dev/null || { echo "$tool is not installed (apt-get install -y wrk nginx-light postgresql-client curl)" >&2; exit 1; }
done

APP=
NGINX=
BARE=
cleanup() {
  [ -n "$APP" ] && kill "$APP" 2>/dev/null && wait "$APP" 2>/dev/null
  [ -n "$BARE" ] && kill "$BARE" 2>/dev/null && wait "$BARE" 2>/dev/null
  [ -n "$NGINX" ] && kill "$NGINX" 2>/dev/null && wait "$NGINX" 2>/dev/null
}
trap cleanup EXIT

q() { psql -d "$DB" -Atq -c "$1"; }

# --- The URLs, straight from the database ---------------------------------------------------
. "$HERE/urls.sh"
page_urls "$WORK/urls"
q "select '/best-ever/' || slug from genre g where exists (select 1 from vote_question v where v.genre_id = g.id)" >"$WORK/urls/leaderboard"
# Search: one or two words as readers type them, taken from the reviews' own text (rare and common).
q "select '/search?q=' || w from (select split_part(pull_quote, ' ', 1 + (id % 12)::int) as w from article order by random() limit 1500) s where w ~ '^[a-z]+$'
   union all select '/search?q=' || a || '+' || b from (select split_part(title, ' ', 4) a, split_part(pull_quote, ' ', 3) b from article order by random() limit 500) s where a ~ '^[a-z]+$' and b ~ '^[a-z]+$'" >"$WORK/urls/search"
q "select 'POST /polls/' || q.id || '/votes choice=' || o.id from vote_question q join vote_option o on o.question_id = q.id and o.position = 0
    join public_review r on r.id = q.article_id where r.public_from <= now() and q.opens_at <= now() and (q.closes_at is null or q.closes_at > now()) order by random() limit 20000" >"$WORK/urls/vote"
head -1 "$WORK/urls/review" >"$WORK/urls/review-one"
head -1 "$WORK/urls/vote" >"$WORK/urls/vote-one"
REVIEW=$(cat "$WORK/urls/review-one")
SEARCH_ONE=$(head -1 "$WORK/urls/search")
LEADER_ONE=$(head -1 "$WORK/urls/leaderboard")
cat "$WORK"/urls/{review,home,genre,author,film,leaderboard} <(shuf -n 1000 "$WORK/urls/search") <(shuf -n 1000 "$WORK/urls/vote") |
  shuf -n 20000 >"$WORK/urls/mixed"
for f in review home genre author film leaderboard search vote; do printf '%s: %s URLs\n' "$f" "$(wc -l <"$WORK/urls/$f")"; done

# --- The site -------------------------------------------------------------------------------
start_app() {
  local started=$(date +%s%N)
  SPRING_DATASOURCE_URL=jdbc:postgresql://$PGHOST:$PGPORT/$DB SPRING_DATASOURCE_USERNAME=$PGUSER SPRING_DATASOURCE_PASSWORD=${PGPASSWORD:-x} \
  BESTEVER_POLL_VOTES_PER_MINUTE=100000000 BESTEVER_SEARCH_DATABASE_MS_PER_SECOND=1000000 BESTEVER_SAMPLE_CONTENT=false \
    "$JAVA" $JAVA_OPTS -jar "$JAR" --server.port=$PORT "$@" >"$WORK/app.log" 2>&1 &
  APP=$!
  for _ in $(seq 3000); do
    if curl -fsS -o /dev/null "$BASE$REVIEW" 2>/dev/null; then
      STARTUP_MS=$(( ($(date +%s%N) - started) / 1000000 ))
      return 0
    fi
    kill -0 "$APP" 2>/dev/null || { echo "the site did not start:" >&2; tail -30 "$WORK/app.log" >&2; exit 1; }
    sleep 0.1
  done
  echo "the site did not answer within 300 s" >&2; exit 1
}
stop_app() { kill "$APP"; wait "$APP" 2>/dev/null; APP=; }

# --- The ceiling: the same review page, pre-compressed, from nginx ----------------------------
start_ceiling() {
  curl -fsS "$BASE$REVIEW" >"$WORK/www/review.html"
  gzip -9 -k -f "$WORK/www/review.html"
  cat >"$WORK/nginx.conf" <<EOF
worker_processes 2;
daemon off;
pid $WORK/nginx.pid;
error_log $WORK/nginx.err warn;
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 1000000;
  server {
    listen 127.0.0.1:$CEILING_PORT;
    root $WORK/www;
    gzip_static on;
    location = /review { default_type text/html; try_files /review.html =404; }
  }
}
EOF
  nginx -c "$WORK/nginx.conf" -p "$WORK" &
  NGINX=$!
  sleep 0.5
  curl -fsS -o /dev/null -H 'Accept-Encoding: gzip' "http://127.0.0.1:$CEILING_PORT/review" || { echo "nginx did not start" >&2; cat "$WORK/nginx.err" >&2; exit 1; }
}

# --- The floor: the same bytes from a bare embedded Tomcat (no Spring, no filters, no log) --------
start_bare() {
  "$JAVA" -Djarmode=tools -jar "$JAR" extract --destination "$WORK/jar" >/dev/null
  "$JAVA" $JAVA_OPTS -cp "$WORK/jar/lib/*" "$HERE/BareTomcat.java" "$BARE_PORT" "$WORK/www/review.html.gz" >"$WORK/bare.log" 2>&1 &
  BARE=$!
  for _ in $(seq 300); do
    curl -fsS -o /dev/null "http://127.0.0.1:$BARE_PORT/review" 2>/dev/null && return 0
    sleep 0.2
  done
  echo "the bare Tomcat did not start:" >&2; cat "$WORK/bare.log" >&2; exit 1
}

# --- One measurement ------------------------------------------------------------------------
to_ms() { awk '{ v = $1; if (v ~ /us$/) { sub(/us$/, "", v); printf "%.2f", v / 1000 } else if (v ~ /ms$/) { sub(/ms$/, "", v); printf "%.2f", v } else { sub(/s$/, "", v); printf "%.2f", v * 1000 } }' <<<"$1"; }
median() { sort -g | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }

# wrk_once URL-or-@listfile connections duration -> "rps p50ms p99ms errors"
wrk_once() {
  local target=$1 conns=$2 duration=$3 out
  if [[ $target == @* ]]; then
    out=$(URLS=${target#@} ORIGIN=$BASE wrk -t2 -c"$conns" -d"$duration" --timeout 5s --latency -s "$HERE/spread.lua" "$BASE" 2>&1)
  else
    out=$(wrk -t2 -c"$conns" -d"$duration" --timeout 5s --latency -H 'Accept-Encoding: gzip' "$target" 2>&1)
  fi
  local rps p50 p99 non2xx sock
  rps=$(awk '/^Requests\/sec/ {print $2}' <<<"$out")
  p50=$(to_ms "$(awk '$1 == "50%" {print $2}' <<<"$out")")
  p99=$(to_ms "$(awk '$1 == "99%" {print $2}' <<<"$out")")
  non2xx=$(awk -F': ' '/Non-2xx/ {print $2}' <<<"$out")
  sock=$(awk '/Socket errors/ { n = 0; for (i = 1; i <= NF; i++) if ($i ~ /^[0-9]+,?$/) n += $i; print n }' <<<"$out")
  echo "${rps:-0} ${p50:-0} ${p99:-0} $(( ${non2xx:-0} + ${sock:-0} ))"
}

# Rounds of $WARM over every kind of page (and some searches and votes) until two rounds in a row
# do no better than 5% over the best round before them, or $WARM_MAX seconds: on two cores the JIT
# is still compiling the rendering path minutes after launch (a review page rendered from the
# database goes from ~230 to ~550/s over the first four minutes), and a row measured before it is
# done measures the compiler. WARMED says how long it took, and the rounds' req/s.
warm_up() {
  local started=$SECONDS best=0 flat=0 rps rounds=()
  while :; do
    read -r rps _ < <(wrk_once "@$WORK/urls/mixed" "$CONNECTIONS" "$WARM")
    rounds+=("${rps%.*}")
    if awk -v a="$rps" -v b="$best" 'BEGIN { exit !(a > b * 1.05) }'; then best=$rps; flat=0; else flat=$((flat + 1)); fi
    [ "$flat" -ge 2 ] || [ $((SECONDS - started)) -ge "$WARM_MAX" ] && break
  done
  WARMED="$((SECONDS - started)) s (rounds of $WARM, req/s: ${rounds[*]})"
  echo "  warmed: $WARMED" >&2
}

CEILING_RPS=()
CEILING_P99=()
ceiling() {
  for _ in $(seq "$RUNS"); do
    read -r rps p50 p99 err < <(wrk_once "http://127.0.0.1:$CEILING_PORT/review" "$CONNECTIONS" "$DURATION")
    CEILING_RPS+=("$rps"); CEILING_P99+=("$p99")
    echo "  ceiling: $rps req/s, p50 $p50 ms, p99 $p99 ms, errors $err" >&2
  done
}

TABLE=()
# row NAME TARGET [CONNECTIONS]
row() {
  local name=$1 target=$2 conns=${3:-$CONNECTIONS}
  [[ $name =~ $ROWS ]] || return 0
  wrk_once "$target" "$conns" 2s >/dev/null
  local all_rps=() all_p50=() all_p99=() all_err=()
  for _ in $(seq "$RUNS"); do
    read -r rps p50 p99 err < <(wrk_once "$target" "$conns" "$DURATION")
    all_rps+=("$rps"); all_p50+=("$p50"); all_p99+=("$p99"); all_err+=("$err")
  done
  local m_rps m_p50 m_p99 m_err
  m_rps=$(printf '%s\n' "${all_rps[@]}" | median)
  m_p50=$(printf '%s\n' "${all_p50[@]}" | median)
  m_p99=$(printf '%s\n' "${all_p99[@]}" | median)
  m_err=$(printf '%s\n' "${all_err[@]}" | median)
  TABLE+=("$name|$conns|$m_rps|$m_p50|$m_p99|$m_err|${all_rps[*]}")
  echo "  $name: $m_rps req/s, p50 $m_p50 ms, p99 $m_p99 ms, errors $m_err  (runs: ${all_rps[*]})" >&2
}

sitemap_fetch() {
  local started=$(date +%s%N) pages total=0 failed=
  curl -fsS -m 30 "$BASE/sitemap.xml" >"$WORK/sitemap.xml" || failed=" (the index failed or took over 30 s)"
  pages=$(grep -o '<loc>[^<]*sitemap-[0-9]*\.xml</loc>' "$WORK/sitemap.xml" | sed 's|.*/\(sitemap-[0-9]*\.xml\)</loc>|/\1|')
  for p in $pages; do
    total=$(( total + $(curl -fsS -m 30 "$BASE$p" | wc -c) ))
  done
  SITEMAP_MS=$(( ($(date +%s%N) - started) / 1000000 ))
  SITEMAP_INFO="index + $(wc -w <<<"$pages") pages, $(( total / 1024 )) KiB, ${SITEMAP_MS} ms$failed"
  if [ -n "$pages" ]; then printf '%s\n' $pages >"$WORK/urls/sitemap"; else echo /sitemap.xml >"$WORK/urls/sitemap"; fi
}

{
  echo "## $LABEL: $(q "select count(*) from public_review where public_from <= now()") public reviews ($DB), $(date -u +%FT%TZ)"
  echo
  echo "\`$0 $*\` — JAVA=$JAVA ($("$JAVA" -version 2>&1 | head -1)), JAVA_OPTS=$JAVA_OPTS, wrk -t2 -c$CONNECTIONS, $RUNS × $DURATION per row (medians), Accept-Encoding: gzip; commit $(git -C "$HERE" rev-parse --short HEAD)"
  echo
} >"$OUT"

for mode in $MODES; do
  case $mode in
    on) start_app ;;
    off) start_app --bestever.page-cache.enabled=false ;;
    *) start_app $mode ;;
  esac
  echo "page cache $mode: first page served ${STARTUP_MS} ms after launch" >&2
  [ -z "$NGINX" ] && start_ceiling
  warm_up
  sitemap_fetch
  echo "  sitemap: $SITEMAP_INFO" >&2
  TABLE=()
  CEILING_RPS=(); CEILING_P99=()
  ceiling
  if [ "$mode" = on ]; then
    if [[ "bare Tomcat" =~ $ROWS ]]; then
      [ -z "$BARE" ] && start_bare
      wrk_once "http://127.0.0.1:$BARE_PORT/review" "$CONNECTIONS" "$WARM" >/dev/null # its JIT warms too
      row "bare Tomcat (no Spring), same bytes" "http://127.0.0.1:$BARE_PORT/review"
    fi
    # A shared page is hot for hours: the JIT gets the kept-page path warm before it is measured.
    [[ "review, one URL (hot)" =~ $ROWS ]] && wrk_once "$BASE$REVIEW" "$CONNECTIONS" "$WARM" >/dev/null
    row "review, one URL (hot)" "$BASE$REVIEW"
    row "review, spread" "@$WORK/urls/review"
    row "home ?page=N, spread" "@$WORK/urls/home"
    row "genre pages, spread" "@$WORK/urls/genre"
    row "film pages, spread" "@$WORK/urls/film"
    row "author pages, spread" "@$WORK/urls/author"
    row "leaderboard, spread" "@$WORK/urls/leaderboard"
    row "sitemap pages, spread" "@$WORK/urls/sitemap"
    row "feed" "$BASE/feed.xml"
  else
    row "review, one URL" "$BASE$REVIEW"
    row "review, spread" "@$WORK/urls/review"
    row "home, first page" "$BASE/"
    row "home ?page=N, spread" "@$WORK/urls/home"
    row "genre pages, spread" "@$WORK/urls/genre"
    row "film pages, spread" "@$WORK/urls/film"
    row "author pages, spread" "@$WORK/urls/author"
    row "leaderboard, one" "$BASE$LEADER_ONE"
    row "leaderboard, spread" "@$WORK/urls/leaderboard"
    row "search, one query" "$BASE$SEARCH_ONE" 8
    row "search, spread" "@$WORK/urls/search" 8
    row "sitemap index" "$BASE/sitemap.xml"
    row "sitemap pages, spread" "@$WORK/urls/sitemap"
    row "feed" "$BASE/feed.xml"
    row "vote, one poll" "@$WORK/urls/vote-one"
    row "vote, spread" "@$WORK/urls/vote"
  fi
  ceiling
  c_rps=$(printf '%s\n' "${CEILING_RPS[@]}" | median)
  c_p99=$(printf '%s\n' "${CEILING_P99[@]}" | median)
  heap=$(jcmd "$APP" GC.heap_info 2>/dev/null | awk '/garbage-first heap|def new generation|total/ {print; exit}')
  {
    echo "### page cache $mode — first page ${STARTUP_MS} ms after launch; warmed $WARMED; sitemap $SITEMAP_INFO; load: $(uptime | sed 's/.*load average: //')"
    echo
    echo "| row | conns | req/s | p50 ms | p99 ms | errors | ratio to ceiling | runs (req/s) |"
    echo "|---|---|---|---|---|---|---|---|"
    echo "| ceiling (nginx gzip_static, same page) | $CONNECTIONS | $c_rps | | $c_p99 | | 1.00 | ${CEILING_RPS[*]} |"
    for r in "${TABLE[@]}"; do
      IFS='|' read -r name conns rps p50 p99 err runs <<<"$r"
      echo "| $name | $conns | $rps | $p50 | $p99 | $err | $(awk -v a="$rps" -v b="$c_rps" 'BEGIN { printf "%.3f", a / b }') | $runs |"
    done
    echo
    [ -n "$heap" ] && echo "heap after the run: $heap" && echo
  } >>"$OUT"
  stop_app
done

cat "$OUT"
echo "written to $OUT" >&2
