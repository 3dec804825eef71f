"""Enqueue worker tasks by name after commit (the backend never imports worker/).

The message is only a nudge: every task has a periodic sweep in worker/schedule.py that finds
the same work in the database, so a lost message (broker down) delays work but loses none.
"""

from __future__ import annotations

import logging
from functools import lru_cache
from typing import Any

from django.db import transaction

logger = logging.getLogger(__name__)


@lru_cache(maxsize=1)
def _celery_app() -> Any:
    from celery import Celery

    app = Celery("ostal")
    app.config_from_object("django.conf:settings", namespace="CELERY")
    return app


def _send(name: str, args: tuple[Any, ...]) -> None:
    try:
        _celery_app().send_task(name, args=list(args))
    except Exception:  # the periodic sweep will pick the work up
        logger.warning("Could not enqueue %s%r; the periodic sweep will do it", name, args,
                       exc_info=True)


def enqueue_on_commit(name: str, *args: Any) -> None:
    """Send task `name` with `args` once the current transaction commits (never if it rolls
    back)."""
    transaction.on_commit(lambda: _send(name, args))
