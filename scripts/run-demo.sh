#!/usr/bin/env bash
# Run the web server, a Celery worker with beat (embedded broker unless REDIS_URL is set) and,
# without a Stripe key, a local fake Stripe; stop them all on Ctrl-C.
# The web server is gunicorn with the production config (deploy/gunicorn.conf.py), on SQLite:
# Django's development server reset connections beyond a handful of simultaneous clients.
# Port 0 picks a free port (gunicorn prints "Listening at: ..."). Links in e-mails and the fake
# Stripe's webhooks follow the port (SITE_URL, unless set); LOCALSTRIPE_PORT moves the fake
# Stripe (8420 unless set).
set -euo pipefail
cd "$(dirname "$0")/.."
port="${1:-8000}"
export PYTHONPATH=backend:. DJANGO_SETTINGS_MODULE=config.settings
if [ "$port" != 0 ]; then
  export SITE_URL="${SITE_URL:-http://127.0.0.1:${port}}"
fi

.venv/bin/celery -A worker.app worker --beat --loglevel=warning --concurrency=1 \
  --schedule=var/celerybeat-schedule &
worker=$!
pids=("$worker")
# No Stripe key: payments go to a local fake Stripe on 127.0.0.1:${LOCALSTRIPE_PORT:-8420}
# (localstripe behind the bridge that speaks the pinned API version: tests/stripe_server.py;
# dev/test only, GPL).
if [ -z "${STRIPE_SECRET_KEY:-}" ]; then
  .venv/bin/python -m tests.stripe_server &
  pids+=("$!")
fi
# No e-invoicing platform configured: business invoices go to the local stand-in platform on
# 127.0.0.1:${EINVOICING_LOCAL_PORT:-8430} (tests/einvoice_platform.py; dev/test only, ADR 0019).
if [ -z "${EINVOICING_PLATFORM_URL:-}" ]; then
  .venv/bin/python -m tests.einvoice_platform &
  pids+=("$!")
fi
trap 'kill "${pids[@]}" 2>/dev/null; wait "${pids[@]}" 2>/dev/null' EXIT INT TERM

.venv/bin/python scripts/demo_banner.py "${SITE_URL:-http://127.0.0.1:${port}}"
# Two processes of four threads: light on a laptop, and 50 simultaneous clients are served
# (queued by the kernel's listen backlog, never reset).
GUNICORN_BIND="127.0.0.1:${port}" WEB_CONCURRENCY="${WEB_CONCURRENCY:-2}" \
  GUNICORN_THREADS="${GUNICORN_THREADS:-4}" GUNICORN_MAX_REQUESTS=0 \
  .venv/bin/gunicorn --config deploy/gunicorn.conf.py --no-control-socket \
  --access-logfile /dev/null config.wsgi:application &
pids+=("$!")
wait "${pids[-1]}"
