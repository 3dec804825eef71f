"""Payment reconciliation with Stripe (hourly) and its daily summary to network admins
(both scheduled in worker/schedule.py).

`billing.reconcile_payments` pages through Stripe's objects since the saved cursor and
repairs what is safe through the services the webhooks use (idempotent per Stripe id: a repair
that a late webhook also applies is applied once); every other difference becomes a
ReconciliationIssue row. Two overlapping runs are serialised by a lock on the cursor rows
(the second one returns at once). A run killed midway resumes from the last saved cursor:
nothing is lost, and what it repaired before dying is not repaired again.
"""

from typing import Any

from worker.app import app


@app.task(name="billing.reconcile_payments", ignore_result=True, acks_late=True,
          autoretry_for=(ConnectionError,), retry_backoff=60, max_retries=3)
def reconcile_payments() -> dict[str, Any]:
    """One reconciliation run; returns its counts."""
    from ostal.billing.services.reconciliation import reconciliation_run

    run = reconciliation_run()
    return {"run": run.pk if run else None, "stats": run.stats if run else {}}


@app.task(name="billing.reconciliation_summary", ignore_result=True)
def reconciliation_summary() -> int:
    """Queue yesterday's summary e-mail to each network admin (once per day and admin)."""
    from ostal.billing.services.reconciliation import reconciliation_daily_summary

    return reconciliation_daily_summary()
