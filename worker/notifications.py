"""Notification dispatch (scheduled every minute in worker/schedule.py, and nudged by the
backend after a commit that queued mail due now).

The task is an interface: `notifications_dispatch_due` claims due rows with
SELECT ... FOR UPDATE SKIP LOCKED, so any number of workers and overlapping runs share the work
without sending a row twice per claim; a run killed mid-batch leaves its claimed rows `sending`,
and they are claimed again once NOTIFICATIONS_SENDING_TIMEOUT_SECONDS has passed (see
docs/adr/0007-due-work-and-notifications.md for the one window in which that can duplicate a
message). The task is idempotent, hence `acks_late`: a message lost with a dead worker is
redelivered, and running it twice only finds nothing left to do.
"""

from typing import Any

from worker.app import app


@app.task(name="notifications.dispatch_due", ignore_result=True, acks_late=True)
def dispatch_due_notifications(nudge: str | None = None) -> dict[str, Any]:
    """Send every due notification (within the run's time budget). Returns the counts.
    `nudge`: the flag of the backend's coalesced nudge that sent this message (cleared before
    the first claim, see ostal.notifications.nudge)."""
    from ostal.notifications.dispatch import notifications_dispatch_due

    stats = notifications_dispatch_due(nudge=nudge)
    return {"claimed": stats.claimed, "sent": stats.sent, "cancelled": stats.cancelled,
            "retried": stats.retried, "failed": stats.failed}
