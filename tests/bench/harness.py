"""What every in-process benchmark shares (tests/bench/bench_*.py; not a test module).

- a fresh PostgreSQL database per run (BENCH_DATABASE_URL, dropped at the end unless --keep);
- `interleaved()`: the contenders run in alternating blocks (A B C, then B C A, ...), so
  that drift on a shared machine (other processes, CPU frequency, autovacuum) hits them alike;
- percentiles (the one a target names is the one reported), the SQL statements of one call
  counted with an execute wrapper (works with DEBUG off), transaction control included;
- `--smoke`: a tiny data set and a few calls, for CI to check that the benchmark still runs
  (tests/bench/test_bench_smoke.py); smoke runs write no report;
- reports written to docs/benchmarks/*.md with the command and the machine.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

REPO = Path(__file__).resolve().parents[2]
REPORTS = REPO / "docs" / "benchmarks"


def prepare(default_db: str, description: str | None) -> argparse.Namespace:
    """Parse the common options and point Django at the benchmark database (before setup)."""
    for entry in (str(REPO / "backend"), str(REPO)):
        if entry not in sys.path:
            sys.path.insert(0, entry)
    parser = argparse.ArgumentParser(description=(description or "").split("\n")[0])
    parser.add_argument("--smoke", action="store_true",
                        help="tiny data set, a few calls, no report (CI)")
    parser.add_argument("--rounds", type=int, default=0,
                        help="interleaved rounds (default: the benchmark's own)")
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    args = parser.parse_args()
    url = os.environ.get("BENCH_DATABASE_URL",
                         f"postgres://postgres@127.0.0.1:5432/{default_db}")
    if args.smoke:
        parsed = urlparse(url)
        url = parsed._replace(path=f"{parsed.path}_smoke_{os.getpid()}").geturl()
    args.database_url = url
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("DEBUG", "0")  # production-like: no query log
    os.environ.setdefault("SECRET_KEY", "benchmark-only-not-secret")
    os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    os.environ.setdefault("NOTIFICATIONS_NUDGE", "0")
    return args


def say(text: str) -> None:
    print(text, flush=True)  # noqa: T201 - a script's output


def _admin_url(url: str) -> tuple[str, str]:
    parsed = urlparse(url)
    return parsed._replace(path="/postgres").geturl(), parsed.path.lstrip("/")


def recreate_database(url: str) -> None:
    import psycopg

    admin, name = _admin_url(url)
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')


def drop_database(url: str) -> None:
    import psycopg
    from django.db import connections

    connections.close_all()
    admin, name = _admin_url(url)
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@contextmanager
def bench_database(args: argparse.Namespace) -> Iterator[None]:
    """A fresh migrated database for the run; dropped afterwards unless --keep."""
    recreate_database(args.database_url)
    import django

    django.setup()
    from django.core.management import call_command

    try:
        call_command("migrate", verbosity=0)
        yield
    finally:
        if not args.keep or args.smoke:
            drop_database(args.database_url)


def install_urls(module_name: str, extra: list[Any]) -> None:
    """Serve `extra` (the baselines' views) in front of Ostal's own URLs."""
    from django.conf import settings
    from django.urls import clear_url_caches

    import config.urls

    module = sys.modules[module_name]
    module.urlpatterns = [*extra, *config.urls.urlpatterns]  # type: ignore[attr-defined]
    settings.ROOT_URLCONF = module_name
    clear_url_caches()


def as_in_production() -> None:
    """What deploy/gunicorn.conf.py's post_worker_init does once the app is loaded: import every
    view, then move what is loaded out of the cyclic GC's reach. Call it after the data set is
    generated and the first calls warmed the caches, before timing."""
    import gc

    from django.urls import get_resolver

    get_resolver().url_patterns  # noqa: B018 (imports every view module)
    gc.collect()
    gc.freeze()


# --- measuring --------------------------------------------------------------------------------


@dataclass
class Samples:
    ms: list[float] = field(default_factory=list)

    def pct(self, q: float) -> float:
        ordered = sorted(self.ms)
        return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]

    @property
    def p50(self) -> float:
        return statistics.median(self.ms)

    @property
    def p95(self) -> float:
        return self.pct(0.95)

    @property
    def p99(self) -> float:
        return self.pct(0.99)

    @property
    def min(self) -> float:
        return min(self.ms)


def interleaved(contenders: dict[str, Callable[[], Any]], *, rounds: int, block: int,
                warmup: int = 3) -> dict[str, Samples]:
    """Milliseconds of each call of each contender, run in blocks of `block` calls, the order
    of the blocks rotated every round (A B C, B C A, C A B, ...)."""
    names = list(contenders)
    for name in names:
        for _ in range(warmup):
            contenders[name]()
    samples = {name: Samples() for name in names}
    for round_ in range(rounds):
        shift = round_ % len(names)
        for name in names[shift:] + names[:shift]:
            function = contenders[name]
            for _ in range(block):
                started = time.perf_counter()
                function()
                samples[name].ms.append((time.perf_counter() - started) * 1000)
    return samples


def statements(function: Callable[[], Any]) -> tuple[int, list[str]]:
    """How many SQL statements one call sends (BEGIN/COMMIT/SAVEPOINT included: psycopg sends
    them as statements, Django through the cursor or the connection; both counted)."""
    from django.db import connection

    executed: list[str] = []

    def wrapper(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        executed.append(sql)
        return execute(sql, params, many, context)

    control = _TransactionControl(executed)
    with connection.execute_wrapper(wrapper), control.counting():
        function()
    return len(executed), executed


class _TransactionControl:
    """Counts BEGIN / COMMIT / ROLLBACK that Django issues on the connection itself (not
    through a cursor, so the execute wrapper does not see them)."""

    def __init__(self, executed: list[str]) -> None:
        self.executed = executed

    @contextmanager
    def counting(self) -> Iterator[None]:
        from django.db import connection

        wrapper = connection
        original_commit, original_rollback = wrapper._commit, wrapper._rollback
        original_set_autocommit = wrapper._set_autocommit

        def commit() -> None:
            self._add("COMMIT")
            original_commit()

        def rollback() -> None:
            self._add("ROLLBACK")
            original_rollback()

        def set_autocommit(autocommit: bool) -> None:
            if not autocommit:
                self._add("BEGIN")
            original_set_autocommit(autocommit)

        wrapper._commit, wrapper._rollback = commit, rollback  # type: ignore[method-assign]
        wrapper._set_autocommit = set_autocommit  # type: ignore[method-assign]
        try:
            yield
        finally:
            wrapper._commit, wrapper._rollback = original_commit, original_rollback  # type: ignore[method-assign]
            wrapper._set_autocommit = original_set_autocommit  # type: ignore[method-assign]

    def _add(self, label: str) -> None:
        self.executed.append(label)


def ratio(ours: float, baseline: float) -> float:
    """Throughput of ours relative to the baseline (1.0 = as fast; 0.5 = half as fast)."""
    return baseline / ours if ours else 0.0


# --- reporting --------------------------------------------------------------------------------


def machine() -> str:
    from django.db import connection

    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        pg = cursor.fetchone()[0]
    return (f"{os.cpu_count()} CPU ({cpu}), {platform.system()} {platform.release()}, "
            f"Python {platform.python_version()}, PostgreSQL {pg}; machine shared with other "
            f"work, so absolute times move between runs, the interleaved ratios much less")


def command() -> str:
    script = Path(sys.argv[0]).resolve()
    try:
        shown = script.relative_to(REPO)
    except ValueError:
        shown = script
    return " ".join(["python", str(shown), *sys.argv[1:]])


def row(label: str, samples: Samples, queries: int | str, ours: Samples | None = None,
        pct: str = "p50") -> str:
    """A table row; for a baseline row, pass `ours`: the last column is then ours relative to
    this baseline at `pct` (its time / ours)."""
    relative = ""
    if ours is not None:
        relative = f"{ratio(getattr(ours, pct), getattr(samples, pct)):.2f}x ({pct})"
    return (f"| {label} | {samples.min:.2f} | {samples.p50:.2f} | {samples.p95:.2f} | "
            f"{samples.p99:.2f} | {queries} | {relative} |")


TABLE_HEAD = ("| | min ms | p50 ms | p95 ms | p99 ms | SQL statements | ours vs this "
              "baseline |\n|---|---:|---:|---:|---:|---:|---:|")


def write_report(name: str, title: str, body: str, args: argparse.Namespace) -> None:
    if args.smoke:
        say("(smoke run: no report written)")
        return
    REPORTS.mkdir(parents=True, exist_ok=True)
    path = REPORTS / name
    path.write_text(f"""# {title}

Generated by `{command()}` (or `make bench`) on {dt.date.today().isoformat()}:
{machine()}.

Not a timed test: the contenders run in the same process, in interleaved blocks (the order
rotated every round); ratios are throughput relative to the baseline (baseline time / ours).

{body.strip()}
""", encoding="utf-8")
    say(f"written to {path.relative_to(REPO)}")
