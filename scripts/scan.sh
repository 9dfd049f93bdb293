#!/usr/bin/env bash
# Scans a throwaway local instance of the site with two third-party scanners, as a new user would:
# sqlmap (the vote, search, review page and sign-in; then, signed in, the newsroom's list and a
# newsroom form) and wapiti (xss, sql, exec, file, crlf, redirect, permanentxss; anonymously from /,
# then signed in as an administrator under /admin/). Loopback only, each run bounded in time.
# Prints the scanners' findings, every response >= 500 the site sent (Tomcat's access log) and the
# ERROR lines the site logged meanwhile; exits 1 if there is any of them.
#
#   scripts/scan.sh                      # build, start on 127.0.0.1:8082, scan (about 15 minutes on 2 cores)
#   SKIP_BUILD=1 scripts/scan.sh         # use target/*.jar as it is
#   SCAN_TIME=120 scripts/scan.sh        # seconds for each wapiti scan (default 240)
#
# sqlmap and wapiti come from Debian's packages (apt-get install -y sqlmap wapiti), installed on
# first use when run as root. wapiti 3.0.4 runs through a small wrapper (see target/scan/wapiti.py):
# its -x patterns do not compile on Python 3.11, and it would try to download its Wappalyzer data.
set -euo pipefail

cd "$(dirname "$0")/.."
PORT=${PORT:-8082}
BASE="http://127.0.0.1:${PORT}"
SCAN_TIME=${SCAN_TIME:-240}
SQLMAP_TIME=${SQLMAP_TIME:-300}
OUT=target/scan
DATA_DIR=$OUT/postgres
LOG=$OUT/app.log
ADMIN_USER=scan-admin
ADMIN_PASSWORD=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')

for tool in sqlmap wapiti; do
  if ! command -v "$tool" >/dev/null; then
    if [[ $(id -u) -eq 0 ]]; then
      apt-get install -y "$tool" >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get install -y "$tool" >/dev/null; }
    else
      echo "$tool is not installed: apt-get install -y sqlmap wapiti" >&2; exit 2
    fi
  fi
done

if [[ -z "${SKIP_BUILD:-}" ]]; then
  ./mvnw -B -q -DskipTests package
fi
rm -rf "$OUT"; mkdir -p "$OUT"
# A copy, so that a build meanwhile does not pull the jar from under the running site.
cp "$(ls target/bestever-*.jar | grep -v original | head -1)" "$OUT/site.jar"
JAR=$OUT/site.jar
BESTEVER_ADMIN_USERNAME=$ADMIN_USER BESTEVER_ADMIN_PASSWORD=$ADMIN_PASSWORD \
setsid java ${JAVA_OPTS:-} -jar "$JAR" \
  --server.address=127.0.0.1 \
  --server.port="$PORT" \
  --bestever.base-url="$BASE" \
  --bestever.polls.votes-per-minute=1000000 \
  --bestever.embedded-database.data-directory="$DATA_DIR" \
  --bestever.embedded-database.clean-on-start=true \
  --server.tomcat.accesslog.enabled=true \
  --server.tomcat.accesslog.directory="$PWD/$OUT/access" \
  --server.tomcat.accesslog.prefix=access --server.tomcat.accesslog.suffix=.log \
  --server.tomcat.accesslog.buffered=false \
  --server.tomcat.accesslog.pattern='%s %m %U%q' \
  > "$LOG" 2>&1 &
APP=$!
stop() { kill -TERM -- "-$APP" 2>/dev/null || true; wait "$APP" 2>/dev/null || true; }
trap stop EXIT

for _ in $(seq 1 180); do
  curl -fs "$BASE/actuator/health" >/dev/null 2>&1 && break
  sleep 1
done
curl -fs "$BASE/actuator/health" >/dev/null || { echo "the site did not start; see $LOG" >&2; exit 1; }
echo "The site is up on $BASE (log: $LOG)"
# Answers from here on are the scans' (the health probes above saw the site starting: 503).
STARTED_AT=$(cat "$OUT"/access/access*.log 2>/dev/null | wc -l)
answers() { cat "$OUT"/access/access*.log 2>/dev/null | tail -n +$((STARTED_AT + 1)); }

# The sample review's poll and its first answer.
REVIEW=$(curl -fs "$BASE/reviews/the-400-blows")
POLL_ID=$(grep -o 'action="/polls/[0-9]*/votes"' <<<"$REVIEW" | head -1 | grep -o '[0-9]\+')
CHOICE=$(grep -o 'name="choice"[^>]*value="[0-9]*"' <<<"$REVIEW" | head -1 | grep -o 'value="[0-9]*"' | grep -o '[0-9]\+')

# A signed-in session for the newsroom: the session cookie after a real sign-in.
sign_in() {
  local jar=$1 token
  token=$(curl -fs -c "$jar" -b "$jar" "$BASE/login" | grep -o 'name="_csrf" value="[^"]*"' | head -1 | sed 's/.*value="//; s/"$//')
  curl -fs -o /dev/null -c "$jar" -b "$jar" --data-urlencode "username=$ADMIN_USER" \
    --data-urlencode "password=$ADMIN_PASSWORD" --data-urlencode "_csrf=$token" "$BASE/login"
  awk '$6 == "SESSION" {print $7}' "$jar" | tail -1
}

# (No --threads: sqlmap refuses it together with --csrf-url.)
# Sessions first: the sign-in scan below fails hundreds of sign-ins from this address, and the
# sign-in throttle (5 failures in 15 minutes per address) then refuses any sign-in from it.
LIST_SESSION=$(sign_in "$OUT/list.cookies")
FORM_SESSION=$(sign_in "$OUT/form.cookies")
WAPITI_SESSION=$(sign_in "$OUT/wapiti.cookies")
signed_in() { [[ $(curl -s -o /dev/null -w '%{http_code}' -b "SESSION=$1" "$BASE/admin/articles") == 200 ]]; }
for session in "$LIST_SESSION" "$FORM_SESSION" "$WAPITI_SESSION"; do
  signed_in "$session" || { echo "could not sign in as $ADMIN_USER; see $LOG" >&2; exit 1; }
done

SQLMAP=(sqlmap --batch --flush-session --dbms=PostgreSQL --level 2 --risk 1
        --output-dir="$PWD/$OUT/sqlmap" --disable-coloring)
sqlmap_run() {
  local name=$1; shift
  echo "sqlmap: $name"
  timeout "$SQLMAP_TIME" "${SQLMAP[@]}" "$@" > "$OUT/sqlmap-$name.log" 2>&1 || true
}
sqlmap_run search -u "$BASE/search?q=truffaut"
sqlmap_run review -u "$BASE/reviews/the-400-blows*"
sqlmap_run vote -u "$BASE/polls/$POLL_ID/votes" --data "choice=$CHOICE" --headers "Origin: $BASE"
sqlmap_run sign-in -u "$BASE/login" --data "username=someone&password=secret&_csrf=x" \
  --csrf-token=_csrf --csrf-url="$BASE/login" -p username,password
sqlmap_run newsroom-list -u "$BASE/admin/articles?status=DRAFT&q=blows" --cookie "SESSION=$LIST_SESSION"
sqlmap_run newsroom-form -u "$BASE/admin/genres/new" --cookie "SESSION=$FORM_SESSION" \
  --data "name=Scanned&slug=&description=x&_csrf=x" --csrf-token=_csrf --csrf-url="$BASE/admin/genres/new" \
  -p name,description

# wapiti 3.0.4 on Python 3.11: a working wildcard_translate (flags at the start of the pattern), no
# download of the Wappalyzer database at start, and multipart forms sent as a browser sends them.
cat > "$OUT/wapiti.py" <<'PY'
import re, sys
import wapitiCore.net.crawler as crawler
def wildcard_translate(pattern):
    return re.compile("(?ms)" + "".join(".*" if c == "*" else re.escape(c) for c in pattern) + r"\Z")
crawler.wildcard_translate = wildcard_translate
import wapitiCore.attack.mod_wapp as mod_wapp
mod_wapp.mod_wapp.update = lambda self: None
# A multipart form's text fields are sent as text parts: wapiti hands them to requests as files,
# which gives each a filename, so the server sees files and no _csrf field, and every attack on
# the newsroom's multipart forms (reviews, films) was refused with 403 before reaching them.
import requests
session_post = requests.Session.post
def post(self, url, data=None, json=None, **kwargs):
    if kwargs.get("files"):
        kwargs["files"] = [(k, (None, v)) if isinstance(v, str) else (k, v) for k, v in kwargs["files"]]
    return session_post(self, url, data=data, json=json, **kwargs)
requests.Session.post = post
from wapitiCore.main.wapiti import wapiti_main
sys.argv[0] = "wapiti"
wapiti_main()
PY
MODULES=xss,sql,exec,file,crlf,redirect,permanentxss
wapiti_run() {
  local name=$1 start=$2; shift 2
  echo "wapiti: $name from $start"
  timeout $((SCAN_TIME * 2 + 120)) /usr/bin/python3 "$OUT/wapiti.py" -u "$start" --scope folder -m "$MODULES" \
    --flush-session --max-scan-time "$SCAN_TIME" --max-attack-time $((SCAN_TIME / 4)) \
    -f json -o "$OUT/wapiti-$name.json" "$@" > "$OUT/wapiti-$name.log" 2>&1 || true
}
wapiti_run anonymous "$BASE/" -x "$BASE/logout*"
signed_in "$WAPITI_SESSION" || { echo "the session for wapiti is no longer signed in" >&2; exit 1; }
# wapiti's JSON cookie file: {domain: {path: {name: attributes}}}, the domain without the port.
cat > "$OUT/cookies.json" <<JSON
{"127.0.0.1": {"/": {"SESSION": {"value": "$WAPITI_SESSION", "expires": null, "secure": false, "port": null, "version": 0}}}}
JSON
# Signed in, from each newsroom list: its folder (--scope folder) is /admin/. (Started from /admin/,
# as before, wapiti got a 404, had no link to follow and scanned nothing signed in.)
ADMIN_FROM=$(cat "$OUT"/access/access*.log | wc -l)
wapiti_run admin "$BASE/admin/articles" -s "$BASE/admin/films" -s "$BASE/admin/authors" -s "$BASE/admin/genres" \
  -s "$BASE/admin/accounts" -c "$OUT/cookies.json" -x "$BASE/logout*" -x "$BASE/admin/*/delete*" \
  -x "$BASE/admin/*/unpublish*" -x "$BASE/admin/accounts/*/enabled*" -x "$BASE/admin/account/password*" \
  -x "$BASE/admin/accounts/*/password*"
ADMIN_TO=$(cat "$OUT"/access/access*.log | wc -l)
signed_in "$WAPITI_SESSION" && admin_session="still signed in" || admin_session="NO LONGER SIGNED IN"

# What they found.
echo
echo "== Findings"
findings=0
for log in "$OUT"/sqlmap-*.log; do
  name=$(basename "$log" .log)
  # Confirmed injection points only ("appears to be injectable" is a guess sqlmap itself may discard).
  vulnerable=$(grep -c "identified the following injection point\|' is vulnerable" "$log" || true)
  tested=$(grep -c "testing '" "$log" || true)
  verdict=$(grep -o "all tested parameters do not appear to be injectable\|sqlmap identified the following injection point" "$log" | head -1 || true)
  echo "$name: $vulnerable injectable, $tested techniques tried${verdict:+ ($verdict)}"
  findings=$((findings + vulnerable))
done
for name in anonymous admin; do
  report=$OUT/wapiti-$name.json
  [[ -f "$report" ]] || { echo "wapiti-$name: no report, the scan did not run (see $OUT/wapiti-$name.log)"; findings=$((findings + 1)); continue; }
  read -r vulns anomalies < <(/usr/bin/python3 - "$report" <<'PY'
import json, sys
report = json.load(open(sys.argv[1]))
vulns = sum(len(v) for v in report.get("vulnerabilities", {}).values())
anomalies = sum(len(v) for v in report.get("anomalies", {}).values())
for kind in ("vulnerabilities", "anomalies"):
    for name, items in report.get(kind, {}).items():
        for item in items:
            print(f"  {kind[:-3] if kind == 'anomalies' else 'vulnerability'}: {name}: {item.get('method')} {item.get('path')} {item.get('info')}", file=sys.stderr)
print(vulns, anomalies)
PY
)
  echo "$(basename "$report" .json): $vulns vulnerabilities, $anomalies anomalies"
  findings=$((findings + vulns + anomalies))
done

echo
echo "== Newsroom pages answered while signed in (200) and sent to sign in (302)"
echo "$(answers | grep -c '^200 [A-Z]* /admin') and $(answers | grep -c '^302 [A-Z]* /admin')"
echo
echo "== What wapiti's signed-in scan reached (its session: $admin_session), by status, method and page"
admin_scan() { cat "$OUT"/access/access*.log | sed -n "$((ADMIN_FROM + 1)),${ADMIN_TO}p"; }
admin_scan | awk '{print $1, $2, $3}' | sed -E 's#\?.*##; s#-$##; s#/[0-9]+(/|$)#/{id}\1#g' | sort | uniq -c | sort -rn | head -30
admin_pages=$(admin_scan | awk '$1 == 200 && $2 == "GET" {print $3}' | sed -E 's#\?.*##; s#-$##; s#/[0-9]+(/|$)#/{id}\1#g' | sort -u | grep -c '^/admin/' || true)
echo "$admin_pages distinct newsroom pages answered 200 to wapiti"
if (( admin_pages < 5 )) || [[ $admin_session != "still signed in" ]]; then
  echo "the signed-in scan did not scan the newsroom"; findings=$((findings + 1))
fi

echo
echo "== Responses >= 500"
errors=$(answers | grep -c '^5[0-9][0-9] ' || true)
total=$(answers | wc -l)
answers | grep '^5[0-9][0-9] ' | cut -c1-200 | sort | uniq -c | sort -rn | head -20 || true
echo "$errors of $total responses"
echo "By status: $(answers | cut -c1 | sort | uniq -c | awk '{printf "%sxx %s  ", $2, $1}')"

echo
echo "== ERROR lines in the site's log"
error_lines=$(grep -c ' ERROR ' "$LOG" || true)
grep ' ERROR ' "$LOG" | cut -c1-300 | sort | uniq -c | sort -rn | head -20 || true
echo "$error_lines ERROR lines"

echo
echo "Summary: $findings findings, $errors responses >= 500, $error_lines ERROR lines (reports in $OUT)"
[[ $findings -eq 0 && $errors -eq 0 && $error_lines -eq 0 ]]
