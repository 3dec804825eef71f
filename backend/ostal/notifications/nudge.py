"""Start due work at once: enqueue the dispatcher by task name after commit.

The message is only a nudge (the backend never imports worker/): the per-minute sweep in
worker/schedule.py dispatches the same rows if the nudge is lost (broker down, worker killed),
so a lost message delays mail by at most a minute and loses none. One nudge per transaction,
however many rows it wrote.

Coalesced under bursts (NOTIFICATIONS_NUDGE_COALESCE, on when the cache is Redis, shared by
the web and the workers): a commit sends a message only if it raises the queue's flag (cache
`add`, atomic); the dispatch that message starts lowers the flag *before* its first claim. A
commit that finds the flag up committed before that claim, so the coming dispatch sees its
rows; a commit after the flag was lowered raises it again and sends the next message. A
thousand bookings a second then send about one message per dispatch run, not a thousand. The
flag expires after NUDGE_FLAG_SECONDS, so a lost message silences nudges for seconds at most
(the per-minute sweep still runs).
"""

from __future__ import annotations

import logging
from functools import lru_cache
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import transaction

logger = logging.getLogger(__name__)

DISPATCH_TASK = "notifications.dispatch_due"


@lru_cache(maxsize=4)
def _celery_app(broker_url: str, default_queue: str) -> Any:
    from celery import Celery

    app = Celery("ostal")
    app.config_from_object("django.conf:settings", namespace="CELERY")
    app.conf.broker_url = broker_url
    app.conf.task_default_queue = default_queue
    return app


def send_task(name: str, *args: Any) -> None:
    """Send task `name` now; a broker failure is logged, not raised (the sweep covers it)."""
    try:
        app = _celery_app(settings.CELERY_BROKER_URL, settings.CELERY_TASK_DEFAULT_QUEUE)
        app.send_task(name, args=list(args))
    except Exception:
        logger.warning("Could not enqueue %s; the periodic sweep will do it", name,
                       exc_info=True)


NUDGE_FLAG_SECONDS = 10


def _flag() -> str:
    return f"notifications:nudge:{settings.CELERY_TASK_DEFAULT_QUEUE}"


def _send_dispatch_nudge() -> None:
    if not settings.NOTIFICATIONS_NUDGE_COALESCE:
        send_task(DISPATCH_TASK)
        return
    flag = _flag()
    try:
        raised = cache.add(flag, 1, NUDGE_FLAG_SECONDS)
    except Exception:  # cache down: nudge anyway
        logger.warning("nudge flag unavailable; sending the nudge", exc_info=True)
        raised = True
    if raised:
        send_task(DISPATCH_TASK, flag)


def nudge_received(flag: str) -> None:
    """The dispatch started by a coalesced nudge lowers its flag before claiming anything."""
    try:
        cache.delete(flag)
    except Exception:
        logger.warning("nudge flag %s not lowered (it expires by itself)", flag, exc_info=True)


def nudge_dispatcher_on_commit() -> None:
    """Enqueue `notifications.dispatch_due` once the current transaction commits (never if it
    rolls back; at once outside a transaction). Registered once per transaction."""
    if not settings.NOTIFICATIONS_NUDGE:
        return
    connection = transaction.get_connection()
    pending = getattr(connection, "run_on_commit", ())
    if any(entry[1] is _send_dispatch_nudge for entry in pending):
        return
    transaction.on_commit(_send_dispatch_nudge)
