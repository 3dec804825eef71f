#!/usr/bin/env bash
# Back the database up into one file (pg_dump, custom format: compressed, restorable table by
# table). For a small network; past a few GB, or to lose less than a day, use base backups
# and WAL archiving (deploy/README.md, "Backups").
#   scripts/backup.sh /backups/ostal-$(date +%F).dump
# Connection from DATABASE_URL, or the usual PG* variables (PGHOST, PGUSER, PGDATABASE...).
set -euo pipefail
out="${1:?usage: scripts/backup.sh FILE}"
target=()
if [ -n "${DATABASE_URL:-}" ]; then target=(--dbname "$DATABASE_URL"); fi
# One consistent snapshot (a single transaction, repeatable read); no owners or privileges,
# so it restores under any role.
pg_dump --format=custom --no-owner --no-privileges "${target[@]}" --file "$out.partial"
pg_restore --list "$out.partial" >/dev/null   # the file reads back
mv "$out.partial" "$out"
echo "backup: $out ($(du -h "$out" | cut -f1))"
