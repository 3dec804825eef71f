"""Run a function in N threads at once, each on its own database connection."""

import threading
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection, connections

requires_postgres = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="Concurrency tests need PostgreSQL (row locks); SQLite serialises every write "
           "transaction with BEGIN IMMEDIATE. Run with DATABASE_URL=postgres://...")


def run_concurrently(count: int, target: Callable[[int], Any]) -> list[Any]:
    """Start `count` threads behind a barrier; return each one's result or exception."""
    barrier = threading.Barrier(count)
    results: list[Any] = [None] * count

    def worker(index: int) -> None:
        try:
            barrier.wait(timeout=10)
            results[index] = target(index)
        except Exception as exc:
            results[index] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results
