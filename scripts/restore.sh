#!/usr/bin/env bash
# Restore a backup made by scripts/backup.sh into an EMPTY database (a fresh cluster, or a
# database just created), stopping at the first error. Then run `manage.py migrate` (a no-op
# when the code matches the backup) before starting the application.
#   scripts/restore.sh /backups/ostal-2026-12-07.dump
# Connection from DATABASE_URL, or the usual PG* variables.
set -euo pipefail
in="${1:?usage: scripts/restore.sh FILE}"
target=()
if [ -n "${DATABASE_URL:-}" ]; then target=(--dbname "$DATABASE_URL"); else target=(--dbname "${PGDATABASE:-ostal}"); fi
pg_restore --exit-on-error --single-transaction --no-owner --no-privileges "${target[@]}" "$in"
echo "restored: $in"
