# Ostal — the commands a developer needs. `make demo` runs Ostal with demo data on this machine
# (no server to install); `make test` runs the whole test suite. See README.md.

SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
export PYTHONPATH := backend:.
export DJANGO_SETTINGS_MODULE := config.settings
MANAGE := $(PY) backend/manage.py
INSTALLED := $(VENV)/.installed
NPM_INSTALLED := frontend/node_modules/.installed
PORT ?= 8000
# The demo's past: three closed months at half the demand seed in under a minute on SQLite
# (docs/benchmarks/demo-seed.md); `make demo DEMO_MONTHS=12 DEMO_SCALE=1` writes a full year.
DEMO_MONTHS ?= 3
DEMO_SCALE ?= 0.5

.PHONY: demo test install frontend check lint typecheck imports schema migrations-check \
        compose-check k8s-check cluster-test bench clean stripe-smoke

## install: Python dependencies (pinned by constraints.txt) and frontend packages
install: $(INSTALLED) $(NPM_INSTALLED)

$(INSTALLED): pyproject.toml constraints.txt
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -c constraints.txt -e ".[dev]"
	@touch $@

$(NPM_INSTALLED): frontend/package.json frontend/package-lock.json
	cd frontend && npm ci --no-audit --no-fund --loglevel=error
	@touch $@

## frontend: build the single-page app into frontend/dist (served by Django in the demo)
frontend: $(NPM_INSTALLED)
	cd frontend && npm run --silent build

## demo: run Ostal with the demo network on http://127.0.0.1:8000 (Ctrl-C stops everything)
demo: install frontend
	$(MANAGE) migrate --noinput
	$(MANAGE) seed_demo --if-empty --months $(DEMO_MONTHS) --scale $(DEMO_SCALE)
	@./scripts/run-demo.sh $(PORT)

## test: the whole suite — frontend unit tests, then backend, worker and browser tests (pytest)
test: install frontend
	./scripts/ensure-chromium.sh
	cd frontend && NO_COLOR=1 npm test --silent
	$(VENV)/bin/pytest $(PYTEST_ARGS)

## check: lint, types, the layers of the apps, migrations (and their expand/contract rule),
## manifests, contract drift
check: lint typecheck imports migrations-check k8s-check schema-check

lint: install
	$(VENV)/bin/ruff check backend tests worker scripts
	cd frontend && npm run --silent lint

typecheck: install
	$(VENV)/bin/mypy backend/ostal backend/config worker scripts/k8s-check.py \
	  scripts/migration-check.py
	cd frontend && npm run --silent typecheck

## imports: the import contracts of pyproject.toml (layers, domain free of HTTP, no worker)
imports: install
	$(VENV)/bin/lint-imports --no-cache

migrations-check: install
	$(MANAGE) makemigrations --check --dry-run
	$(PY) scripts/migration-check.py

## k8s-check: deploy/k8s validated offline against the Kubernetes schemas
k8s-check: install
	$(PY) scripts/k8s-check.py

## cluster-test: Ostal on several simulated hosts (network namespaces, root), hosts killed
## under load; a few minutes (tests/cluster/cluster.py). Not part of `make test`.
cluster-test: install
	./scripts/ensure-cluster-packages.sh
	$(PY) tests/cluster/cluster.py

## schema: regenerate backend/openapi.json and the frontend's API types from the code
schema: install
	$(MANAGE) spectacular --validate --fail-on-warn --format openapi-json --file backend/openapi.json
	cd frontend && npm run --silent gen:api

schema-check: schema
	git diff --exit-code -- backend/openapi.json frontend/src/lib/api/schema.d.ts

## compose-check: compose.yaml is valid (needs `docker compose`, or run scripts/compose-check.sh)
compose-check:
	./scripts/compose-check.sh

## stripe-smoke: the payment gateway against Stripe's test mode (needs STRIPE_SECRET_KEY=sk_test_...
## and the network; not run in CI): card, 3-D Secure, refund, subscription, webhook round trip
stripe-smoke: install
	$(PY) -m tests.stripe_smoke

## bench: every benchmark against PostgreSQL, interleaved blocks (tests/bench/harness.py); each
## writes docs/benchmarks/*.md with its command and the machine. CI runs them with --smoke
## (tests/bench/test_bench_smoke.py). S1 booking create, S4 lists and place page, availability,
## calendar feeds (304), reminders, dashboards.
bench: install
	$(PY) tests/bench/bench_booking.py
	$(PY) tests/bench/bench_lists.py
	$(PY) tests/bench/bench_availability.py
	$(PY) tests/bench/bench_calendars.py
	REDIS_URL=$${BENCH_REDIS_URL:-redis://127.0.0.1:6379/13} $(PY) tests/bench/bench_calendars.py
	$(PY) tests/bench/bench_reminders.py
	$(PY) tests/bench/bench_dashboards.py

clean:
	rm -rf var frontend/dist backend/staticfiles
