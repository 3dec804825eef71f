#!/usr/bin/env bash
# Run the web server, a Celery worker with beat (embedded broker unless REDIS_URL is set) and,
# without a Stripe key, a local fake Stripe; stop them all on Ctrl-C.
set -euo pipefail
cd "$(dirname "$0")/.."
port="${1:-8000}"
export PYTHONPATH=backend:. DJANGO_SETTINGS_MODULE=config.settings

.venv/bin/celery -A worker.app worker --beat --loglevel=warning --concurrency=1 \
  --schedule=var/celerybeat-schedule &
worker=$!
pids=("$worker")
# No Stripe key: payments go to a local fake Stripe (localstripe, dev only) on 127.0.0.1:8420.
if [ -z "${STRIPE_SECRET_KEY:-}" ]; then
  .venv/bin/python backend/manage.py run_localstripe &
  pids+=("$!")
fi
trap 'kill "${pids[@]}" 2>/dev/null; wait "${pids[@]}" 2>/dev/null' EXIT INT TERM

cat <<MSG

  Ostal runs on http://127.0.0.1:${port}/
  Administration: http://127.0.0.1:${port}/admin/
  Demo accounts (password: ostal-demo-2026): admin@ostal.demo (network admin),
  manager@ostal.demo (manager of « Le Camion des Causses »), membre@ostal.demo (member).
  E-mails (sign-up verification, password reset) are printed below.

MSG
.venv/bin/python backend/manage.py runserver "127.0.0.1:${port}" --noreload
