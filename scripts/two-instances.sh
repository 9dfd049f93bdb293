#!/usr/bin/env bash
# The compose file's setup without Docker: two app instances with docker-compose.yml's environment
# (its app1 and app2 entries: deploy/app.env plus their `environment`, interpolated as compose
# does), on this machine's PostgreSQL (127.0.0.1:5432, a throwaway database), behind a local nginx
# running the shipped deploy/nginx/nginx.conf with only the upstream addresses, the port and the
# temporary paths substituted. Then it checks, through nginx:
#   1. both instances get ready on one database (started at the same moment, as compose does),
#   2. the sample review is served, and by both instances (each instance's own access log),
#   3. with one instance stopped (a rolling restart), every request is still answered, by the other.
# Prints what it saw and stops everything it started. Loopback only; about a minute.
#
#   scripts/two-instances.sh                 # builds the jar if the sources are newer
#   NO_BUILD=1 scripts/two-instances.sh      # the jar as it is
#   PGHOST=... PGUSER=... scripts/two-instances.sh   # another PostgreSQL (needs createdb rights)
#
# Needs nginx (apt-get install -y nginx-light), python3 with PyYAML (python3-yaml), curl, and the
# PostgreSQL client (createdb, dropdb).
set -euo pipefail
cd "$(dirname "$0")/.."

export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
REQUESTS=${REQUESTS:-20}
REVIEW=/reviews/the-400-blows
JAVA=${JAVA:-$(ls /usr/lib/jvm/temurin-25*/bin/java 2>/dev/null | head -n1 || true)}
JAVA=${JAVA:-java}

for tool in nginx python3 curl psql createdb dropdb "$JAVA"; do
  command -v "$tool" >/dev/null || { echo "$tool is not installed" >&2; exit 1; }
done
python3 -c 'import yaml' 2>/dev/null || { echo "python3-yaml is not installed" >&2; exit 1; }
pg_isready -q || { echo "no PostgreSQL answers on $PGHOST:$PGPORT" >&2; exit 1; }

JAR=$(ls target/bestever-*.jar 2>/dev/null | grep -v original | head -n1 || true)
if [[ -z "${NO_BUILD:-}" ]] && { [[ -z "$JAR" ]] || [[ -n $(find pom.xml src db templates-static -newer "$JAR" -type f | head -n1) ]]; }; then
  echo "building the jar"
  ./mvnw -B -q package -DskipTests
  JAR=$(ls target/bestever-*.jar | grep -v original | head -n1)
fi
[[ -n "$JAR" ]] || { echo "no jar in target/: run without NO_BUILD" >&2; exit 1; }

WORK=$(mktemp -d /tmp/bestever-two.XXXXXX)
chmod 755 "$WORK" # nginx's workers (user nobody) write request bodies under it
DB=bestever_two_$$
PIDS=()
NGINX_PID=""
DB_MADE=""
cleanup() {
  [[ -n "$NGINX_PID" ]] && kill "$NGINX_PID" 2>/dev/null && wait "$NGINX_PID" 2>/dev/null
  for pid in "${PIDS[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${PIDS[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
  [[ -n "$DB_MADE" ]] && dropdb --if-exists "$DB"
  rm -rf "$WORK"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
PORT1=$(free_port)
PORT2=$(free_port)
NGINX_PORT=$(free_port)

createdb "$DB"
DB_MADE=1
echo "database $DB on $PGHOST:$PGPORT (dropped at the end)"

# The compose file's environment for each instance, as compose would give it (secrets it would take
# from the operator's environment are made up here), then pointed at the throwaway database.
export BESTEVER_POLL_ADDRESS_KEY=${BESTEVER_POLL_ADDRESS_KEY:-$(head -c 24 /dev/urandom | base64 | tr -d '/+=')}
export BESTEVER_METRICS_TOKEN=${BESTEVER_METRICS_TOKEN:-$(head -c 24 /dev/urandom | base64 | tr -d '/+=')}
export BESTEVER_ADMIN_PASSWORD=${BESTEVER_ADMIN_PASSWORD:-$(head -c 24 /dev/urandom | base64 | tr -d '/+=')}
export BESTEVER_BASE_URL="http://127.0.0.1:$NGINX_PORT"
python3 - docker-compose.yml "$WORK" <<'PY'
import os, re, sys, yaml

compose_file, work = sys.argv[1], sys.argv[2]
services = yaml.safe_load(open(compose_file))["services"]
pattern = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?\}")

def interpolate(value):
    def one(match):
        name, op, arg = match.group(1), match.group(2), match.group(3) or ""
        value = os.environ.get(name)
        if op and op.endswith("-") and not value:
            return arg
        if op and op.endswith("?") and not value:
            sys.exit(f"{name}: {arg}")
        return value or ""
    return pattern.sub(one, str(value))

def environment(service):
    env = {}
    for path in service.get("env_file", []):
        for line in open(os.path.join(os.path.dirname(compose_file) or ".", path)):
            line = line.strip()
            if line and not line.startswith("#"):
                key, _, value = line.partition("=")
                env[key] = value
    for key, value in (service.get("environment") or {}).items():
        env[key] = interpolate(value)
    return env

envs = [environment(services[name]) for name in ("app1", "app2")]
if envs[0] != envs[1]:
    sys.exit("app1 and app2 differ in docker-compose.yml: " + str(set(envs[0].items()) ^ set(envs[1].items())))
for i, env in enumerate(envs, 1):
    with open(f"{work}/app{i}.env", "w") as out:
        for key, value in sorted(env.items()):
            out.write(f"{key}={value}\n")
print("environment from docker-compose.yml (identical for app1 and app2):",
      ", ".join(sorted(envs[0])))
PY

start() { # instance number, port: the compose environment, the local database, a port of its own
  local i=$1 port=$2 env=() line
  while IFS= read -r line; do env+=("$line"); done <"$WORK/app$i.env"
  env+=("SPRING_DATASOURCE_URL=jdbc:postgresql://$PGHOST:$PGPORT/$DB" "SPRING_DATASOURCE_USERNAME=$PGUSER"
        "SPRING_DATASOURCE_PASSWORD=${PGPASSWORD:-}" "SERVER_ADDRESS=127.0.0.1" "SERVER_PORT=$port"
        # Here the proxy is the local nginx, and no edge cache runs to be purged.
        "BESTEVER_TRUSTED_PROXIES=127.0.0.1" "BESTEVER_CDN_PURGER=none")
  env -i PATH="$PATH" HOME="$WORK" "${env[@]}" \
    "$JAVA" -XX:MaxRAMPercentage=25 -XX:+ExitOnOutOfMemoryError -jar "$JAR" >"$WORK/app$i.log" 2>&1 &
  PIDS+=($!)
}
"$JAVA" -version 2>&1 | head -n1
start 1 "$PORT1"
start 2 "$PORT2"
echo "app1 (pid ${PIDS[0]}) on 127.0.0.1:$PORT1 and app2 (pid ${PIDS[1]}) on 127.0.0.1:$PORT2, started together"

ready() { [[ $(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$1/actuator/health/readiness") == 200 ]]; }
START=$(date +%s)
for i in 1 2; do
  port=$([[ $i == 1 ]] && echo "$PORT1" || echo "$PORT2")
  until ready "$port"; do
    if ! kill -0 "${PIDS[$((i - 1))]}" 2>/dev/null; then
      echo "app$i stopped while starting:" >&2; tail -n 40 "$WORK/app$i.log" >&2; exit 1
    fi
    (( $(date +%s) - START < 240 )) || { echo "app$i not ready after 240 s" >&2; tail -n 40 "$WORK/app$i.log" >&2; exit 1; }
    sleep 1
  done
done
echo "both ready after $(( $(date +%s) - START )) s"
# What an empty database gets at startup is written once, by one of them (system.OneAtATime).
admins=$(psql -d "$DB" -Atc "select count(*) from app_user where role = 'ADMIN'")
reviews=$(psql -d "$DB" -Atc "select count(*) from article")
seeded_by=$(grep -l 'No administrator account existed' "$WORK"/app1.log "$WORK"/app2.log | xargs -n1 basename | sed 's/.log$//' | paste -sd' ')
echo "seeded once: $admins administrator (created by ${seeded_by:-none}), $reviews sample review"

# The shipped nginx config; only the addresses, the port and the temporary paths change.
sed -e "s/server app1:8080/server 127.0.0.1:$PORT1/" -e "s/server app2:8080/server 127.0.0.1:$PORT2/" \
    -e "s/listen 80;/listen 127.0.0.1:$NGINX_PORT;/" -e "s#/tmp/nginx-bestever#$WORK/nginx#g" \
    deploy/nginx/nginx.conf >"$WORK/nginx.conf"
grep -q "server 127.0.0.1:$PORT2" "$WORK/nginx.conf" || { echo "deploy/nginx/nginx.conf has no app1/app2 upstream" >&2; exit 1; }
nginx -t -q -p "$WORK" -e "$WORK/nginx-error.log" -c "$WORK/nginx.conf"
nginx -p "$WORK" -e "$WORK/nginx-error.log" -c "$WORK/nginx.conf" -g 'daemon off;' 2>>"$WORK/nginx-error.log" &
NGINX_PID=$!
BASE="http://127.0.0.1:$NGINX_PORT"
for _ in $(seq 50); do curl -s -o /dev/null "$BASE/actuator/health" && break; sleep 0.1; done
echo "nginx (pid $NGINX_PID) on $BASE, deploy/nginx/nginx.conf balancing over both"

served() { grep -c "\"GET $REVIEW HTTP/1.1\" 200 " "$WORK/app$1.log" || true; }
fetch() { # n requests to the review through nginx; prints the statuses seen
  for _ in $(seq "$1"); do
    curl -s -o "$WORK/page.html" -w '%{http_code}\n' "$BASE$REVIEW"
  done | sort | uniq -c | awk '{printf "%s x %s  ", $2, $1}'
}

echo
echo "== $REQUESTS requests for $REVIEW through nginx"
sleep 2 # the access log is flushed every second
before1=$(served 1) before2=$(served 2)
statuses=$(fetch "$REQUESTS")
title=$(grep -o '<h1[^>]*>[^<]*' "$WORK/page.html" | head -n1 | sed 's/<h1[^>]*>//')
sleep 2 # the access log is flushed every second
by1=$(( $(served 1) - before1 )) by2=$(( $(served 2) - before2 ))
echo "answers: $statuses"
echo "page title: $title"
echo "served by app1: $by1, by app2: $by2 (each instance's access log)"
ok=1
[[ $admins == 1 && $reviews == 1 ]] || ok=0
[[ "$statuses" == "200 x $REQUESTS  " ]] || ok=0
[[ "$title" == *"400 Blows"* ]] || ok=0
(( by1 > 0 && by2 > 0 && by1 + by2 == REQUESTS )) || ok=0

echo
echo "== app1 stopped (SIGTERM, as in a rolling restart); $REQUESTS more requests"
kill -TERM "${PIDS[0]}"
wait "${PIDS[0]}" 2>/dev/null || true
before2=$(served 2)
statuses=$(fetch "$REQUESTS")
by2=$(( $(served 2) - before2 ))
echo "answers: $statuses"
echo "served by app2: $by2"
[[ "$statuses" == "200 x $REQUESTS  " && $by2 == "$REQUESTS" ]] || ok=0

errors=$(cat "$WORK"/app1.log "$WORK"/app2.log | grep -c ' ERROR ' || true)
echo
echo "ERROR lines in the instances' logs: $errors"
grep -h ' ERROR ' "$WORK"/app1.log "$WORK"/app2.log | cut -c1-240 | head -n 5 || true
(( errors == 0 )) || ok=0
if (( ok )); then
  echo "OK: two instances on one database behind nginx serve the sample review, and one alone keeps it served"
else
  echo "FAILED (logs: app1.log, app2.log, nginx-error.log were in $WORK)" >&2
  cp "$WORK"/app1.log "$WORK"/app2.log "$WORK"/nginx-error.log target/ 2>/dev/null || true
  exit 1
fi
