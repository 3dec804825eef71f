"""Transmitting business invoices to the accredited platform, and following their lifecycle.

- `transmission_queue` (einvoicing/outbox.py) writes an outbox row (`EInvoiceTransmission`)
  in the issuing transaction, for every business document (invoice or credit note) whose
  seller transmits through Ostal: the network always, an operator once it gave the mandate
  (`OperatorEInvoicing`). The worker is nudged after commit; a sweep every minute is the
  safety net (worker/billing.py, worker/schedule.py).
- `transmission_submit` claims a due row by a conditional UPDATE (attempts + 1, the due time
  pushed past the call's longest duration: a lease), calls the platform outside any
  transaction, then records the flow id or the error. A platform that is down is retried with
  exponential backoff up to EINVOICING_MAX_ATTEMPTS; a refusal is final. Two workers never
  submit the same row at once; a worker dying after the platform answered leaves the row to be
  submitted again once the lease ends, and the platform answers the same tracking id (our
  invoice's reference) with the same flow: an invoice is never filed twice.
- `lifecycle_fetch` reads the statuses reported since the saved mark and records each once
  (UNIQUE event id); `transmission.lifecycle` follows the latest.
"""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from ostal.billing.einvoicing.gateway import (
    EInvoicingPlatform,
    LifecycleEvent,
    PlatformError,
    PlatformRefused,
    platform,
)
from ostal.billing.invoicing.pdf import invoice_pdf_get
from ostal.billing.models import (
    EInvoiceStatus,
    EInvoiceTransmission,
    EInvoicingCursor,
    Invoice,
)

logger = logging.getLogger(__name__)

FIRST_RETRY_SECONDS = 60
MAX_RETRY_SECONDS = 6 * 3600
LIFECYCLE_CODES = set(EInvoiceTransmission.Lifecycle.values)


def _retry_delay(attempts: int) -> dt.timedelta:
    return dt.timedelta(seconds=min(FIRST_RETRY_SECONDS * 2 ** max(attempts - 1, 0),
                                    MAX_RETRY_SECONDS))


def _processing_rule(invoice: Invoice) -> str:
    """B2G for a public buyer (routed to Chorus Pro by the platform), B2B otherwise."""
    return "B2G" if invoice.buyer_snapshot.get("public_buyer") else "B2B"


def transmission_submit(*, transmission_pk: int, gateway: EInvoicingPlatform | None = None,
                        now: dt.datetime | None = None) -> EInvoiceTransmission | None:
    """Submit one due transmission. Returns the row as it ends, or None when it was not due
    (already submitted, failed, or held by another worker's lease) or no platform is set."""
    gateway = gateway or platform()
    if gateway is None:
        return None
    now = now or timezone.now()
    lease = dt.timedelta(seconds=2 * settings.EINVOICING_TIMEOUT_SECONDS + 60)
    claimed = EInvoiceTransmission.objects.filter(
        pk=transmission_pk, status=EInvoiceTransmission.Status.PENDING,
        next_attempt_at__lte=now).update(attempts=F("attempts") + 1,
                                         next_attempt_at=now + lease, updated_at=now)
    if not claimed:
        return None
    row = EInvoiceTransmission.objects.select_related("invoice").get(pk=transmission_pk)
    invoice = row.invoice
    try:
        flow_id = gateway.flow_submit(tracking_id=str(invoice.reference),
                                      filename=f"{invoice.number}.pdf",
                                      document=invoice_pdf_get(invoice),
                                      processing_rule=_processing_rule(invoice))
    except PlatformError as error:
        final = (isinstance(error, PlatformRefused)
                 or row.attempts >= settings.EINVOICING_MAX_ATTEMPTS)
        logger.warning("E-invoice %s not submitted (attempt %s): %s", invoice.number,
                       row.attempts, error)
        EInvoiceTransmission.objects.filter(pk=row.pk).update(
            status=(EInvoiceTransmission.Status.FAILED if final
                    else EInvoiceTransmission.Status.PENDING),
            next_attempt_at=now + _retry_delay(row.attempts),
            last_error=str(error)[:500], updated_at=timezone.now())
    else:
        EInvoiceTransmission.objects.filter(pk=row.pk).update(
            status=EInvoiceTransmission.Status.SUBMITTED, flow_id=flow_id,
            submitted_at=timezone.now(), last_error="", updated_at=timezone.now())
    row.refresh_from_db()
    return row


def transmissions_submit_due(*, limit: int = 100, now: dt.datetime | None = None) -> int:
    """Sweep: submit the due transmissions, oldest first; returns how many were submitted."""
    gateway = platform()
    if gateway is None:
        return 0
    now = now or timezone.now()
    due = list(EInvoiceTransmission.objects.filter(
        status=EInvoiceTransmission.Status.PENDING, next_attempt_at__lte=now)
        .order_by("next_attempt_at", "id").values_list("pk", flat=True)[:limit])
    submitted = 0
    for pk in due:
        row = transmission_submit(transmission_pk=pk, gateway=gateway, now=now)
        if row is not None and row.status == EInvoiceTransmission.Status.SUBMITTED:
            submitted += 1
    return submitted


def lifecycle_record(*, event: LifecycleEvent) -> bool:
    """Record one reported status; False when it was already recorded, names an unknown flow
    or an unknown code (logged: a platform speaking a newer list)."""
    if event.code not in LIFECYCLE_CODES:
        logger.warning("Unknown lifecycle code %s for flow %s", event.code, event.flow_id)
        return False
    with transaction.atomic():
        row = (EInvoiceTransmission.objects.select_for_update()
               .filter(flow_id=event.flow_id).first())
        if row is None and event.tracking_id:
            row = (EInvoiceTransmission.objects.select_for_update()
                   .filter(invoice__reference=event.tracking_id).first())
        if row is None:
            logger.warning("Lifecycle status for an unknown flow %s", event.flow_id)
            return False
        _, created = EInvoiceStatus.objects.get_or_create(
            event_id=event.event_id, defaults={"transmission": row, "code": event.code,
                                               "reason": event.reason,
                                               "occurred_at": event.occurred_at})
        if not created:
            return False
        if row.lifecycle_at is None or event.occurred_at >= row.lifecycle_at:
            row.lifecycle = event.code
            row.lifecycle_at = event.occurred_at
            if not row.flow_id:  # the answer to our submission was lost: the status says it
                row.flow_id = event.flow_id
                row.status = EInvoiceTransmission.Status.SUBMITTED
            row.save(update_fields=["lifecycle", "lifecycle_at", "flow_id", "status",
                                    "updated_at"])
    return True


def lifecycle_fetch(*, gateway: EInvoicingPlatform | None = None, max_pages: int = 20) -> int:
    """Fetch the lifecycle statuses reported since the saved mark, page by page; returns how
    many new ones were recorded. The mark is saved after each page's rows are recorded, so a
    crash re-reads at most one page (recorded once: UNIQUE event id)."""
    gateway = gateway or platform()
    if gateway is None:
        return 0
    cursor, _ = EInvoicingCursor.objects.get_or_create(platform=gateway.name)
    recorded = 0
    for _page in range(max_pages):
        page = gateway.lifecycle_since(updated_after=cursor.updated_after)
        recorded += sum(1 for event in page.events if lifecycle_record(event=event))
        if not page.events or page.updated_after == cursor.updated_after:
            break
        cursor.updated_after = page.updated_after
        cursor.save(update_fields=["updated_after", "updated_at"])
    return recorded
