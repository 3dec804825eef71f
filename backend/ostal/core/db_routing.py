"""Read replica routing: heavy read-only work may read from a PostgreSQL streaming replica.

Only code that asks for it reads from the replica: the dashboards, the observatory, the open
data exports and the usage reports run their selectors under `replica_reads()` (a context
manager) or `@on_replica` (a view decorator). Everything else, every write and everything a
booking decision reads, stays on the primary ("default"), and so does any read inside a
transaction on the primary (it may depend on what that transaction wrote).

The replica is used only while it is healthy: reachable, streaming from the primary and at
most `DATABASE_REPLICA_MAX_LAG_SECONDS` behind. Its state is checked at most every
`DATABASE_REPLICA_CHECK_SECONDS` per process; while it is down or too far behind, reads fall
back to the primary. A replica that dies in the middle of a request fails that request's
queries: `@on_replica` then runs the (read-only) view again on the primary, once.

Without DATABASE_REPLICA_URL there is no "replica" alias and this module changes nothing.
"""

from __future__ import annotations

import contextvars
import functools
import logging
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

from django.conf import settings
from django.db import DatabaseError, connections

logger = logging.getLogger(__name__)

REPLICA = "replica"
PRIMARY = "default"

_wanted: contextvars.ContextVar[bool] = contextvars.ContextVar("replica_reads", default=False)

# A WAL receiver is running (its pid is the one column any role may read) and the replay
# delay: when everything received is replayed, the replica is as fresh as the stream (an idle
# primary writes nothing, so the last replay time alone would look old); otherwise the delay is
# the age of the last replayed transaction.
_HEALTH_SQL = """
SELECT EXISTS (SELECT 1 FROM pg_stat_wal_receiver WHERE pid IS NOT NULL),
       CASE WHEN pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN 0
            ELSE COALESCE(EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp()), 1e9)
       END
"""


class _ReplicaState:
    """The last health verdict of this process, shared by its threads."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.checked_at = float("-inf")
        self.healthy = False
        self.reason = "not checked"


_state = _ReplicaState()


def replica_configured() -> bool:
    return REPLICA in settings.DATABASES


def _check_replica() -> tuple[bool, str]:
    if connections[REPLICA].settings_dict is connections[PRIMARY].settings_dict:
        return True, "mirror of the primary (tests)"  # Django's test runner set TEST MIRROR
    try:
        with connections[REPLICA].cursor() as cursor:
            cursor.execute(_HEALTH_SQL)
            streaming, lag = cursor.fetchone()
    except DatabaseError as exc:
        connections[REPLICA].close()
        return False, f"unreachable: {exc.__class__.__name__}"
    if not streaming:
        return False, "not streaming from the primary"
    if float(lag) > settings.DATABASE_REPLICA_MAX_LAG_SECONDS:
        return False, f"{float(lag):.0f} s behind"
    return True, f"{float(lag):.1f} s behind"


def replica_status(*, refresh: bool = False) -> tuple[bool, str]:
    """(usable, reason), re-checked when the last check is older than the interval."""
    if not replica_configured():
        return False, "not configured"
    now = time.monotonic()
    if refresh or now - _state.checked_at >= settings.DATABASE_REPLICA_CHECK_SECONDS:
        healthy, reason = _check_replica()
        with _state.lock:
            if healthy != _state.healthy:
                logger.warning("read replica %s: %s", "usable" if healthy else "not used", reason)
            _state.healthy, _state.reason, _state.checked_at = healthy, reason, now
    return _state.healthy, _state.reason


@contextmanager
def replica_reads() -> Iterator[None]:
    """Reads of the ORM inside this block go to the replica while it is healthy. Evaluate the
    querysets inside the block: a lazy queryset picks its database when it runs."""
    token = _wanted.set(True)
    try:
        yield
    finally:
        _wanted.reset(token)


F = TypeVar("F", bound=Callable[..., Any])


def on_replica(view: F) -> F:
    """Run a read-only view under `replica_reads()`; if the replica fails during the view,
    mark it down and run the view once more on the primary."""

    @functools.wraps(view)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        if not replica_configured():
            return view(*args, **kwargs)
        try:
            with replica_reads():
                return view(*args, **kwargs)
        except DatabaseError:
            # The replica's fault only if it is unusable now; an error of the view itself
            # (the replica still healthy) is raised as it is.
            connections[REPLICA].close()
            if replica_status(refresh=True)[0]:
                raise
            logger.warning("read replica failed during %s; answering from the primary",
                           getattr(view, "__qualname__", view))
            return view(*args, **kwargs)

    return wrapper  # type: ignore[return-value]


def _use_replica() -> bool:
    if not _wanted.get() or not replica_configured():
        return False
    if connections[PRIMARY].in_atomic_block:
        return False
    return replica_status()[0]


class ReplicaRouter:
    """DATABASE_ROUTERS entry: reads go to the replica only under `replica_reads()`."""

    def db_for_read(self, model: type, **hints: Any) -> str:
        return REPLICA if _use_replica() else PRIMARY

    def db_for_write(self, model: type, **hints: Any) -> str:
        return PRIMARY

    def allow_relation(self, obj1: Any, obj2: Any, **hints: Any) -> bool:
        return True  # the same data: the replica is a copy of the primary

    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool:
        return db == PRIMARY  # a physical standby is read-only; it gets the schema by WAL
