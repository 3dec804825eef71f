"""Rollups of the dashboards (ostal.analytics): rebuilt nightly, idempotently.

The rebuild deletes and rewrites whole (place, dates) and (month) slices in transactions that
lock the place row first: a retried or duplicated run writes the same rows again, and two
overlapping runs serialise per place. Safe with acks_late.
"""

import datetime as dt

from worker.app import app


@app.task(name="analytics.rebuild_rollups", ignore_result=True, acks_late=True)
def rebuild_rollups(day_from: str | None = None, day_to: str | None = None) -> int:
    """Without arguments, the nightly run: every place for the last 7 days up to yesterday,
    plus every (place, date) changed in the last 26 hours, plus the member activity of the
    months touched. With ISO dates, every place over `day_from`..`day_to` (a backfill).
    Returns the number of daily occupancy rows written."""
    from ostal.analytics.services import rollups_rebuild, rollups_rebuild_nightly

    if day_from is None:
        return rollups_rebuild_nightly().occupancy_rows
    first = dt.date.fromisoformat(day_from)
    last = dt.date.fromisoformat(day_to or day_from)
    return rollups_rebuild(first, last).occupancy_rows


@app.task(name="analytics.rebuild_today", ignore_result=True, acks_late=True)
def rebuild_today() -> int:
    """Today's rows of every place (the dashboards' "today" between nightly runs). Returns the
    number of places refreshed."""
    from ostal.analytics.services import rollups_rebuild_today
    from ostal.spaces.models import Space

    return rollups_rebuild_today(spaces=Space.objects.select_related("commune")).places


@app.task(name="analytics.publish_closed_months", ignore_result=True, acks_late=True)
def publish_closed_months() -> int:
    """Publish the network's figures of last month (and of any closed month not published yet)
    once its rollups are final. Idempotent: a published month is never published again.
    Returns the number of months published."""
    from ostal.analytics.api.publishing import publish_closed_months as publish

    return len(publish())
