#!/usr/bin/env bash
# EXPLAIN ANALYZE of the audit page's queries (admin.AuditEntries) at 1,000,000 entries, on a
# scratch database of its own (never the perf_* templates). Writes bench/explain-audit-1m.txt.
#   bench/explain-audit.sh            # PGHOST=127.0.0.1 PGUSER=postgres by default
set -euo pipefail
cd "$(dirname "$0")/.."
export PGHOST=${PGHOST:-127.0.0.1} PGUSER=${PGUSER:-postgres}
DB=${AUDIT_DB:-audit_1m}
OUT=bench/explain-audit-1m.txt
dropdb --if-exists "$DB"
createdb "$DB"
psql -q -v ON_ERROR_STOP=1 -d "$DB" -f db/migration/V111__audit_log.sql -f db/migration/V120__audit_kind_codes.sql -f db/migration/V121__audit_entry_actor_kind_index.sql
start=$(date +%s)
psql -q -v ON_ERROR_STOP=1 -d "$DB" -f bench/audit-1m.sql
filled=$(( $(date +%s) - start ))

# The cursor of a deep page: the entry 900,000 from the top; a person's deep page likewise.
deep=$(psql -At -d "$DB" -c "select at || '|' || id from audit_entry order by at desc, id desc offset 900000 limit 1")
deep_at=${deep%|*}; deep_id=${deep#*|}
pdeep=$(psql -At -d "$DB" -c "select at || '|' || id from audit_entry where actor = 'editor20' order by at desc, id desc offset 10000 limit 1")
pdeep_at=${pdeep%|*}; pdeep_id=${pdeep#*|}
cols="id, at, account_id, actor, address, kind, subject_type, subject_id, subject_title, summary"

{
  echo "# The audit page's queries at 1,000,000 entries (admin.AuditEntries, 51 rows: a page of 50 and one to know of an older page)"
  echo "# Command: bench/explain-audit.sh (fills a scratch database '$DB' with bench/audit-1m.sql: $filled s)"
  echo "# PostgreSQL: $(psql -At -d "$DB" -c 'show server_version'), $(date -u +%Y-%m-%dT%H:%MZ), a 2-core machine shared with other builds"
  psql -At -d "$DB" -c "select '# entries: ' || count(*) || ', table ' || pg_size_pretty(pg_relation_size('audit_entry')) || ', indexes ' || pg_size_pretty(pg_indexes_size('audit_entry')) from audit_entry"
  psql -At -d "$DB" -c "select '# editor20: ' || count(*) || ' entries; (system): ' || (select count(*) from audit_entry where actor = '(system)') || '; review.deleted: ' || (select count(*) from audit_entry where kind = 'review.deleted') from audit_entry where actor = 'editor20'"
  run() {
    echo
    echo "## $1"
    echo "$2;"
    # Each query twice: the first may read from disk; the second shows it warm, as the page mostly sees it.
    psql -At -d "$DB" -c "explain (analyze, buffers) $2" > /dev/null
    psql -At -d "$DB" -c "explain (analyze, buffers) $2"
  }
  run "No filter, newest page" \
      "select $cols from audit_entry order by at desc, id desc limit 51"
  run "By person (editor20)" \
      "select $cols from audit_entry where actor = 'editor20' order by at desc, id desc limit 51"
  run "By kind (review.deleted, a rare one)" \
      "select $cols from audit_entry where kind = 'review.deleted' order by at desc, id desc limit 51"
  run "By kind (review.saved, a common one)" \
      "select $cols from audit_entry where kind = 'review.saved' order by at desc, id desc limit 51"
  run "By days (one day, a year ago)" \
      "select $cols from audit_entry where at >= (current_date - 365)::timestamptz and at < (current_date - 364)::timestamptz order by at desc, id desc limit 51"
  run "By person and kind" \
      "select $cols from audit_entry where actor = 'editor20' and kind = 'review.published' order by at desc, id desc limit 51"
  run "By the busiest person and a rare kind ((system), review.deleted)" \
      "select $cols from audit_entry where actor = '(system)' and kind = 'review.deleted' order by at desc, id desc limit 51"
  run "By the busiest person and a common kind ((system), sign_in.failure)" \
      "select $cols from audit_entry where actor = '(system)' and kind = 'sign_in.failure' order by at desc, id desc limit 51"
  run "By person, kind and days (a month)" \
      "select $cols from audit_entry where actor = 'editor20' and kind = 'review.saved' and at >= (current_date - 400)::timestamptz and at < (current_date - 370)::timestamptz order by at desc, id desc limit 51"
  run "By person and days (a month)" \
      "select $cols from audit_entry where actor = 'editor20' and at >= (current_date - 400)::timestamptz and at < (current_date - 370)::timestamptz order by at desc, id desc limit 51"
  run "Deep page, no filter: 900,000 entries down (keyset: (at, id) < the last entry's)" \
      "select $cols from audit_entry where (at, id) < ('$deep_at'::timestamptz, $deep_id) order by at desc, id desc limit 51"
  run "Deep page by person: 10,000 of editor20's entries down" \
      "select $cols from audit_entry where actor = 'editor20' and (at, id) < ('$pdeep_at'::timestamptz, $pdeep_id) order by at desc, id desc limit 51"
  run "The CSV of everything (no filter, no limit: read from a cursor 1,000 rows at a time)" \
      "select $cols from audit_entry order by at desc, id desc"
  echo
  echo "## The retention job's delete (admin.AuditRetention, batches of 10,000), with the retention set to 700 days"
  psql -q -d "$DB" -c "update audit_retention set keep = interval '700 days'"
  echo "-- entries older than 700 days: $(psql -At -d "$DB" -c "select count(*) from audit_entry where at < now() - interval '700 days'")"
  batch="delete from audit_entry where id in (select id from audit_entry where at < now() - (select keep from audit_retention) order by at limit 10000)"
  echo "$batch;"
  psql -At -d "$DB" -c "explain (analyze, buffers) $batch"
  t0=$(date +%s%N)
  while [ "$(psql -At -d "$DB" -c "with d as ($batch returning 1) select count(*) from d")" = 10000 ]; do :; done
  echo "-- every batch until none is left: $(( ($(date +%s%N) - t0) / 1000000 )) ms; left older than 700 days: $(psql -At -d "$DB" -c "select count(*) from audit_entry where at < now() - interval '700 days'")"
  echo "-- and a younger entry is still refused: $(psql -At -d "$DB" -c "delete from audit_entry where id = (select max(id) from audit_entry)" 2>&1 | head -1)"
} > "$OUT"
[ "${AUDIT_KEEP:-}" = 1 ] || dropdb "$DB"
echo "wrote $OUT"
