"""Employers' month-end invoices (scheduled in worker/schedule.py).

`employers.invoice_overage` issues, for last month, each employer's invoice of the credits its
staff used beyond the bundle. Idempotent (one invoice per employer and month, UNIQUE source
key), so the daily run during the first days of the month only issues what is missing."""

import datetime as dt

from worker.app import app


@app.task(name="employers.invoice_overage", ignore_result=True, acks_late=True)
def invoice_overage() -> int:
    """Last month's overage invoices; returns how many employers were invoiced."""
    from django.utils import timezone

    from ostal.employers.services.bundles import overage_invoices_for_month

    last_month = timezone.localdate().replace(day=1) - dt.timedelta(days=1)
    return overage_invoices_for_month(month=last_month)
