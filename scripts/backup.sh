#!/usr/bin/env bash
# A backup of the whole site: one pg_dump in PostgreSQL's custom format (compressed, restorable
# table by table). The database is the whole site — reviews and their revisions, films, critics,
# genres, polls, every vote, final verdicts, earlier slugs, accounts, sessions, and the images
# (system.DatabaseImageStore keeps them in PostgreSQL) — so there is nothing else to copy.
#
#   scripts/backup.sh                      # writes backups/bestever-YYYYmmddTHHMMSSZ.dump
#   scripts/backup.sh /path/to/file.dump
#
# Which database: see scripts/pg-connection.sh (SPRING_DATASOURCE_* as the site reads them, or the
# running embedded database). pg_dump takes a consistent snapshot while the site keeps running.
# The archive is read back (pg_restore --list) before the script says it is done.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v pg_dump >/dev/null || { echo "pg_dump is not installed (Debian: postgresql-client)" >&2; exit 2; }
source scripts/pg-connection.sh

out=${1:-backups/bestever-$(date -u +%Y%m%dT%H%M%SZ).dump}
mkdir -p "$(dirname "$out")"
partial="$out.partial"
# Written beside the target and renamed only when complete: a failed run never leaves a file that
# looks like a backup.
pg_dump --format=custom --compress=6 --no-owner --no-privileges --file="$partial"
entries=$(pg_restore --list "$partial" | grep -c ' TABLE DATA ')
mv "$partial" "$out"
echo "backup: $out ($(du -h "$out" | cut -f1), $entries tables) of $PGDATABASE on $PGHOST:$PGPORT"
