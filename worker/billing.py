"""Billing tasks: Stripe events, refunds, cancelling unfinished payments.

Each task loads its row by id (and exits quietly if it is gone) and calls one service of
ostal.billing. Provider outages are retried with backoff (the services use idempotency keys
derived from our rows, so a retry never charges or refunds twice); the periodic sweep picks up
whatever a lost message or an exhausted retry left behind.
"""

import logging
from typing import Any

from worker.app import app

logger = logging.getLogger(__name__)

RETRY = {"autoretry_for": (Exception,), "retry_backoff": 10, "retry_backoff_max": 600,
         "retry_jitter": True, "max_retries": 5, "acks_late": True}


@app.task(name="billing.process_stripe_event", **RETRY)
def process_stripe_event_task(event_pk: int) -> str:
    """Handle one stored webhook event (claimed once; see services/webhooks.py)."""
    from ostal.billing.services.webhooks import stripe_event_process

    row = stripe_event_process(event_pk)
    return row.status if row is not None else "missing"


@app.task(name="billing.process_pending_stripe_events")
def process_pending_stripe_events_task() -> int:
    """Sweep: events whose nudge was lost, failed ones with attempts left, and those whose
    worker died while processing them (lease ended)."""
    from ostal.billing.services.webhooks import stripe_events_sweep

    return stripe_events_sweep()


@app.task(name="billing.execute_refund", **RETRY)
def execute_refund_task(refund_pk: int) -> str:
    """Ask Stripe for a requested refund (idempotency key = the refund row's key)."""
    from ostal.billing.models import Refund
    from ostal.billing.services.payments import refund_execute

    refund = Refund.objects.filter(pk=refund_pk).first()
    if refund is None:
        return "missing"
    return refund_execute(refund=refund).status


@app.task(name="billing.execute_pending_refunds")
def execute_pending_refunds_task() -> int:
    """Sweep: refunds still requested (lost nudge, exhausted retries)."""
    from ostal.billing.models import Refund
    from ostal.billing.services.payments import refund_execute

    count = 0
    for refund in Refund.objects.filter(status=Refund.Status.REQUESTED).order_by("id")[:100]:
        try:
            refund_execute(refund=refund)
            count += 1
        except Exception:  # retried by the next sweep
            logger.warning("Refund %s could not be executed", refund.pk, exc_info=True)
    return count


@app.task(name="billing.cancel_payment", **RETRY)
def cancel_payment_task(payment_pk: int) -> Any:
    """Cancel an unfinished card payment whose booking was released."""
    from ostal.billing.models import Payment
    from ostal.billing.services.payments import payment_cancel

    payment = Payment.objects.filter(pk=payment_pk).first()
    if payment is None:
        return "missing"
    return payment_cancel(payment=payment).status


@app.task(name="billing.einvoice_submit", ignore_result=True, acks_late=True)
def einvoice_submit_task(transmission_pk: int) -> str:
    """Submit one queued e-invoice to the accredited platform (nudged after the issuing
    commit). Retries live in the row (backoff, see ostal.billing.einvoicing.transmission),
    picked up by the sweep below; then fetch the first statuses the platform reports."""
    from ostal.billing.einvoicing.transmission import lifecycle_fetch, transmission_submit

    row = transmission_submit(transmission_pk=transmission_pk)
    if row is None:
        return "not due"
    if row.status == "submitted":
        lifecycle_fetch()
    return row.status


@app.task(name="billing.einvoice_submit_due", ignore_result=True, acks_late=True)
def einvoice_submit_due_task() -> int:
    """Sweep: queued e-invoices whose nudge was lost, and those due for another attempt."""
    from ostal.billing.einvoicing.transmission import transmissions_submit_due

    return transmissions_submit_due()


@app.task(name="billing.einvoice_fetch_lifecycle", ignore_result=True, acks_late=True)
def einvoice_fetch_lifecycle_task() -> int:
    """Record the lifecycle statuses the platform reported since the last fetch."""
    from ostal.billing.einvoicing.transmission import lifecycle_fetch

    return lifecycle_fetch()
