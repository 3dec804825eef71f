"""Celery queues by kind of work, and the one routing rule (CELERY_TASK_ROUTES names it).

Tasks are named "<area>.<job>"; the area picks the queue, so a storm of calendar imports or
analytics rebuilds never sits in front of a payment or a confirmation mail. Every process that
sends tasks (web, worker, beat) reads this rule through the settings: the web tier's senders
(ostal.notifications.nudge, ostal.billing.tasks) never import worker/.

Queue names are the default queue's name plus the kind ("celery.mail", ...). A worker started
without -Q consumes every queue (CELERY_TASK_QUEUES): the embedded default and the one-host
compose run one worker for everything, as before; a bigger deployment runs one worker
Deployment per queue (deploy/k8s/). Tests rename the default queue to isolate a run, and the
kind queues follow.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from kombu import Queue

# Area of the task name → kind of queue. Areas not listed go to the default queue (bookings'
# sweeps: holds, no-shows, waiting-list offers — short and due every minute).
KIND_BY_AREA = {
    "notifications": "mail",
    "billing": "payments",     # Stripe events, refunds, reconciliation, settlements
    "employers": "payments",   # month-end overage invoices
    "analytics": "analytics",  # rollups
    "calendars": "calendars",  # external calendar imports (network fetches)
}
KINDS = ("mail", "payments", "analytics", "calendars")


def queue_name(kind: str | None, default_queue: str) -> str:
    return default_queue if kind is None else f"{default_queue}.{kind}"


def all_queues(default_queue: str) -> tuple[Queue, ...]:
    names = [default_queue, *(queue_name(kind, default_queue) for kind in KINDS)]
    return tuple(Queue(name, routing_key=name) for name in names)


def route_task(name: str, args: Any, kwargs: Any, options: Any, task: Any = None,
               **extra: Any) -> dict[str, str]:
    """Celery router: the queue of task `name` (read at send time, so a renamed default queue
    is followed)."""
    kind = KIND_BY_AREA.get(name.split(".", 1)[0])
    queue = queue_name(kind, settings.CELERY_TASK_DEFAULT_QUEUE)
    return {"queue": queue, "routing_key": queue}
