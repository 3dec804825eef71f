"""The e-invoicing outbox: which documents go to the accredited platform through Ostal, queued
in the issuing transaction (ostal.billing.invoicing.issue calls `transmission_queue`). The
submission itself is ostal.billing.einvoicing.transmission."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.utils import timezone

from ostal.billing.models import (
    NETWORK_SELLER_KEY,
    EInvoiceTransmission,
    Invoice,
    OperatorEInvoicing,
)
from ostal.billing.tasks import enqueue_on_commit

SUBMIT_TASK = "billing.einvoice_submit"


def transmits_through_ostal(invoice: Invoice) -> bool:
    """Whether this document goes to the platform through Ostal: business buyers only
    (consumer sales are e-reported, not e-invoiced), and only for a seller that transmits
    through the network."""
    if not invoice.is_business:
        return False
    if invoice.seller_key == NETWORK_SELLER_KEY:
        return True
    if invoice.seller_operator_id is None:
        return False
    return OperatorEInvoicing.objects.filter(operator_id=invoice.seller_operator_id,
                                             mandate_given=True).exists()


def transmission_queue(*, invoice: Invoice, now: dt.datetime | None = None
                       ) -> EInvoiceTransmission | None:
    """Queue `invoice` for the platform when its seller transmits through Ostal. Runs inside
    the issuing transaction (the row and the invoice commit or roll back together)."""
    if not transmits_through_ostal(invoice):
        return None
    row, created = EInvoiceTransmission.objects.get_or_create(
        invoice=invoice, defaults={"platform": settings.EINVOICING_PLATFORM_NAME,
                                   "next_attempt_at": now or timezone.now()})
    if created and settings.NOTIFICATIONS_NUDGE:  # the same switch as every other nudge
        enqueue_on_commit(SUBMIT_TASK, row.pk)
    return row


def transmission_retry(*, transmission: EInvoiceTransmission) -> EInvoiceTransmission:
    """Put a failed transmission back in the queue (a manager's « réessayer »), attempts
    counted afresh."""
    EInvoiceTransmission.objects.filter(
        pk=transmission.pk, status=EInvoiceTransmission.Status.FAILED).update(
        status=EInvoiceTransmission.Status.PENDING, attempts=0,
        next_attempt_at=timezone.now(), updated_at=timezone.now())
    if settings.NOTIFICATIONS_NUDGE:
        enqueue_on_commit(SUBMIT_TASK, transmission.pk)
    transmission.refresh_from_db()
    return transmission
