"""The Celery application: the asynchronous edge of Ostal.

Tasks live in this package, grouped by job; each loads rows by id and calls one domain service
from backend/ostal. The backend never imports this package: it writes due rows in the database,
or enqueues by task name after commit (`current_app.send_task("bookings.release_no_shows")`).
"""

import os
import sys
from pathlib import Path

from celery import Celery

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "backend"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("ostal")
app.config_from_object("django.conf:settings", namespace="CELERY")
# Every module of this package that defines tasks; a worker imports them all at start.
app.conf.imports = ("worker.bookings", "worker.billing", "worker.calendars",
                    "worker.notifications", "worker.reconciliation", "worker.settlements",
                    "worker.analytics", "worker.employers", "worker.privacy",
                    "worker.joining")


@app.on_after_finalize.connect
def _load_schedule(sender: Celery, **kwargs: object) -> None:
    from worker.schedule import BEAT_SCHEDULE

    sender.conf.beat_schedule = BEAT_SCHEDULE


@app.task(name="core.ping")
def ping() -> str:
    """Liveness probe: `celery -A worker.app call core.ping`."""
    return "pong"
