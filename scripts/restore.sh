#!/usr/bin/env bash
# Restores a backup made by scripts/backup.sh into a NEW database (never over a live one), then
# prints what it holds, so the restore can be checked before the site is pointed at it.
#
#   scripts/restore.sh backups/bestever-….dump bestever_restored
#   SPRING_DATASOURCE_URL=jdbc:postgresql://db:5432/postgres scripts/restore.sh FILE NEWDB
#
# The server is the one scripts/pg-connection.sh finds (the database named there is only used to
# connect). Afterwards start the site with SPRING_DATASOURCE_URL=jdbc:postgresql://HOST:PORT/NEWDB:
# Flyway finds the schema at the backup's version and migrates it forward if the site is newer.
set -euo pipefail
cd "$(dirname "$0")/.."
[[ $# -eq 2 ]] || { echo "usage: $0 BACKUP_FILE NEW_DATABASE" >&2; exit 2; }
file=$1 target=$2
[[ -f "$file" ]] || { echo "no such backup: $file" >&2; exit 2; }
[[ "$target" =~ ^[a-z_][a-z0-9_]{0,62}$ ]] || { echo "database name must be lower-case letters, digits and _: $target" >&2; exit 2; }
for tool in pg_restore psql createdb; do
  command -v "$tool" >/dev/null || { echo "$tool is not installed (Debian: postgresql-client)" >&2; exit 2; }
done
source scripts/pg-connection.sh

# createdb refuses an existing name: a restore never writes into a database that is in use.
createdb --template=template0 --encoding=UTF8 "$target"
pg_restore --exit-on-error --single-transaction --no-owner --no-privileges --dbname="$target" "$file"
echo "restored $file into $target on $PGHOST:$PGPORT"
psql --dbname="$target" -Atq -F ' ' -c "
  select 'reviews', count(*) from article
  union all select 'public reviews', count(*) from public_review
  union all select 'films', count(*) from film
  union all select 'votes', count(*) from vote
  "
psql --dbname="$target" -Atq -c "select 'schema version ' || version from flyway_schema_history where success order by installed_rank desc limit 1"
