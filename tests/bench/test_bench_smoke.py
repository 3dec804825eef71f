"""The benchmarks still run (CI): each script with --smoke — a tiny data set, a few calls, no
report written. Benchmarks, not timed tests: nothing here looks at a timing.

Each script creates and drops its own scratch database next to the test database (PostgreSQL
only: the baselines are hand-written PostgreSQL); the reminders benchmark also needs Redis and
starts two Celery workers.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlparse

import pytest

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parents[1]
URL = os.environ.get("DATABASE_URL", "")

pytestmark = pytest.mark.skipif(not URL.startswith("postgres"),
                                reason="the benchmarks run on PostgreSQL (DATABASE_URL)")


def run(script: str) -> str:
    parsed = urlparse(URL)
    name = f"{parsed.path.lstrip('/')}_{script.removesuffix('.py')}"
    env = {**os.environ, "BENCH_DATABASE_URL": parsed._replace(path=f"/{name}").geturl(),
           "PYTHONPATH": f"{REPO / 'backend'}:{REPO}"}
    if redis := os.environ.get("REDIS_URL"):
        env["BENCH_REDIS_URL"] = redis
    done = subprocess.run([sys.executable, str(BENCH / script), "--smoke"], cwd=REPO, env=env,
                          capture_output=True, text=True, timeout=900, check=False)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    assert "smoke run: no report written" in done.stdout
    return done.stdout


def test_booking_create_benchmark_runs() -> None:
    out = run("bench_booking.py")
    assert "ostal:" in out
    assert "SQL statements per call" in out


def test_lists_benchmark_runs() -> None:
    out = run("bench_lists.py")
    for label in ("my bookings, 10 rows", "my bookings, 100 rows", "directory, 50 places",
                  "place page"):
        assert label in out


def test_availability_benchmark_runs() -> None:
    assert "answers identical" in run("bench_availability.py")


def test_calendar_feeds_benchmark_runs() -> None:
    assert "304 queries 0" in run("bench_calendars.py")


@pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="the workers need Redis")
def test_reminders_benchmark_runs() -> None:
    assert "duplicated Message-IDs 0" in run("bench_reminders.py")
