"""Imports of external calendars (scheduled every 15 minutes in worker/schedule.py).

The task is an interface: the service claims due calendars one at a time with
SELECT ... FOR UPDATE SKIP LOCKED and a lease on `next_sync_at`, so several workers share the
work, overlapping runs never import a calendar twice at once, and a calendar whose worker died
is simply due again when the lease ends. A failed import is recorded on the calendar (shown to
its managers) and retried later with a backoff; it is not a task failure.
"""

from worker.app import app


@app.task(name="calendars.sync_external", ignore_result=True)
def sync_external_calendars() -> int:
    """Import every due external calendar (within the run's time budget). Returns how many."""
    from ostal.calendars.services import external_calendars_sync_due

    return external_calendars_sync_due()
