# Sourced by backup.sh and restore.sh: sets libpq's PGHOST, PGPORT, PGUSER, PGPASSWORD and
# PGDATABASE for the site's database, from the same settings the site reads:
#   - SPRING_DATASOURCE_URL (jdbc:postgresql://host[:port]/database[?…]), SPRING_DATASOURCE_USERNAME
#     and SPRING_DATASOURCE_PASSWORD, as in production and in docker-compose.yml;
#   - otherwise the embedded PostgreSQL under BESTEVER_DATA_DIR (./data/postgres): its port from
#     postmaster.pid, its generated password from the file beside the data directory. The site
#     must be running (the embedded server lives inside it).
# PG* variables already set win over both.
if [[ -n "${SPRING_DATASOURCE_URL:-}" ]]; then
  url=${SPRING_DATASOURCE_URL#jdbc:postgresql://}
  url=${url%%\?*}
  hostport=${url%%/*}
  : "${PGDATABASE:=${url#*/}}"
  : "${PGHOST:=${hostport%%:*}}"
  [[ $hostport == *:* ]] && : "${PGPORT:=${hostport##*:}}"
  : "${PGUSER:=${SPRING_DATASOURCE_USERNAME:-postgres}}"
  [[ -n "${SPRING_DATASOURCE_PASSWORD:-}" ]] && : "${PGPASSWORD:=$SPRING_DATASOURCE_PASSWORD}"
else
  data_dir=${BESTEVER_DATA_DIR:-./data/postgres}
  if [[ -z "${PGPORT:-}" ]]; then
    [[ -f "$data_dir/postmaster.pid" ]] || {
      echo "No SPRING_DATASOURCE_URL and no running embedded database under $data_dir (start the site first)" >&2
      exit 2
    }
    PGPORT=$(sed -n 4p "$data_dir/postmaster.pid")
  fi
  : "${PGHOST:=127.0.0.1}" "${PGUSER:=postgres}" "${PGDATABASE:=postgres}"
  if [[ -z "${PGPASSWORD:-}" && -f "${data_dir%/}.password" ]]; then
    PGPASSWORD=$(head -n 1 "${data_dir%/}.password")
  fi
fi
export PGHOST PGPORT PGUSER PGDATABASE
[[ -n "${PGPASSWORD:-}" ]] && export PGPASSWORD
