"""Stripe webhooks: verify, record, de-duplicate, re-fetch, apply from allowed states.

1. `stripe_event_receive` (the HTTP view): the signature is checked against our endpoint
   secret and its date (400 otherwise), the body must be an event (id, type, object; 400
   otherwise), its API version the pinned one, settings.STRIPE_API_VERSION (400 otherwise: we
   would misread another version's shapes); then the raw event is stored with get_or_create on
   its UNIQUE id, and processing is enqueued after commit. A redelivery finds the row and does
   nothing more.
2. `stripe_event_process` (the worker, or a test, or the periodic sweep): claims the event by a
   conditional UPDATE (received/failed, or processing whose lease ran out → processing, with a
   lease of STRIPE_EVENT_LEASE_SECONDS), so one process handles it at a time, a processed event
   is never handled again, and an event whose worker died mid-way is taken over once its lease
   ends. It then *re-fetches* the object from Stripe, because events can arrive late, twice, or
   out of order, and only the current state counts (so a takeover after a partial run repeats
   nothing: the services it calls are idempotent per Stripe id). Objects we never created (no
   StripeObjectRef) are ignored: a foreign payment intent changes nothing.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone

from ostal.billing.errors import BillingError, BillingErrorCode
from ostal.billing.models import Payment, Refund, StripeEvent, StripeObjectRef
from ostal.billing.services.payments import dispute_apply, payment_apply_intent, refund_apply
from ostal.billing.services.subscriptions import (
    subscription_apply_remote,
    subscription_invoice_failed,
    subscription_invoice_paid,
)
from ostal.billing.stripe.gateway import InvalidEvent, SignatureError, get_gateway, parse_event
from ostal.billing.tasks import enqueue_on_commit

logger = logging.getLogger(__name__)
Ref = StripeObjectRef
Status = StripeEvent.Status
MAX_ATTEMPTS = 5


def stripe_event_receive(*, payload: bytes, signature: str) -> tuple[StripeEvent, bool]:
    """Verify and store one delivery; (event, created). Nothing is stored when refused."""
    try:
        data = get_gateway().verify_webhook(payload, signature)
    except SignatureError as exc:
        raise BillingError(BillingErrorCode.INVALID_SIGNATURE) from exc
    except InvalidEvent as exc:
        raise BillingError(BillingErrorCode.INVALID_EVENT) from exc
    event = parse_event(data)
    if event.api_version != settings.STRIPE_API_VERSION:
        raise BillingError(BillingErrorCode.UNEXPECTED_API_VERSION, version=event.api_version)
    try:
        with transaction.atomic():
            row, created = StripeEvent.objects.get_or_create(
                stripe_event_id=event.id, defaults={
                    "type": event.type, "api_version": event.api_version,
                    "livemode": event.livemode, "payload": json.loads(payload)})
            if created:
                enqueue_on_commit("billing.process_stripe_event", row.pk)
    except IntegrityError:  # a concurrent delivery of the same event won
        return StripeEvent.objects.get(stripe_event_id=event.id), False
    return row, created


def _lease() -> dt.timedelta:
    return dt.timedelta(seconds=settings.STRIPE_EVENT_LEASE_SECONDS)


def _claimable(now: dt.datetime) -> Q:
    return (Q(status__in=[Status.RECEIVED, Status.FAILED])
            | Q(status=Status.PROCESSING, lease_until__lt=now))


def _claim(event_pk: int) -> bool:
    now = timezone.now()
    return bool(StripeEvent.objects.filter(_claimable(now), pk=event_pk,
                                           attempts__lt=MAX_ATTEMPTS).update(
        status=Status.PROCESSING, attempts=F("attempts") + 1, lease_until=now + _lease()))


def stripe_event_process(event_pk: int) -> StripeEvent | None:
    """Handle a stored event once. Returns the row (None if it does not exist). A failure is
    recorded (status failed, error) and re-raised for the task to retry; the periodic sweep
    retries failed events, and takes over those whose worker died (lease ended), up to
    MAX_ATTEMPTS claims in all."""
    if not _claim(event_pk):
        return StripeEvent.objects.filter(pk=event_pk).first()
    row = StripeEvent.objects.get(pk=event_pk)
    try:
        handled = _dispatch(parse_event(row.payload))
    except Exception as exc:
        StripeEvent.objects.filter(pk=row.pk).update(
            status=Status.FAILED, lease_until=None, error=f"{type(exc).__name__}: {exc}"[:2000])
        raise
    StripeEvent.objects.filter(pk=row.pk).update(
        status=Status.SUCCEEDED if handled else Status.IGNORED, lease_until=None,
        processed_at=timezone.now(), error="")
    row.refresh_from_db()
    return row


def stripe_events_pending() -> list[int]:
    """Events the sweep should (re)process: received but not processed after a minute (lost
    nudge), failed, or processing past their lease (the worker died) — with attempts left."""
    now = timezone.now()
    stale = now - dt.timedelta(minutes=1)
    return list(StripeEvent.objects.filter(
        Q(status=Status.RECEIVED, received_at__lte=stale)
        | Q(status=Status.FAILED, attempts__lt=MAX_ATTEMPTS)
        | Q(status=Status.PROCESSING, lease_until__lt=now, attempts__lt=MAX_ATTEMPTS),
    ).order_by("received_at").values_list("pk", flat=True)[:200])


def stripe_events_sweep() -> int:
    """The periodic sweep: process every pending event (see `stripe_events_pending`), then
    mark failed the events whose last allowed claim died with its worker (kept, with their
    error, for a person to look at in the admin). A failure is recorded on its row and left
    to the next sweep. Returns how many events were processed."""
    done = 0
    for pk in stripe_events_pending():
        try:
            stripe_event_process(pk)
            done += 1
        except Exception:  # recorded on the row; retried by the next sweep
            logger.warning("Stripe event %s failed again", pk, exc_info=True)
    StripeEvent.objects.filter(
        status=Status.PROCESSING, lease_until__lt=timezone.now(),
        attempts__gte=MAX_ATTEMPTS).update(
        status=Status.FAILED, lease_until=None,
        error="the worker handling it stopped (lease ended) and no attempt is left")
    return done


def _ref(stripe_id: str, object_type: str) -> Ref | None:
    return Ref.objects.filter(stripe_id=stripe_id, object_type=object_type).first()


def _dispatch(event: Any) -> bool:
    """Apply the current state of the event's object; False when the event is not for us."""
    gateway = get_gateway()
    kind, object_id = event.type, event.object_id
    if kind.startswith("payment_intent."):
        ref = _ref(object_id, Ref.ObjectType.PAYMENT_INTENT)
        if ref is None or ref.payment_id is None:
            return False
        payment = Payment.objects.get(pk=ref.payment_id)
        payment_apply_intent(payment=payment, intent=gateway.retrieve_payment_intent(object_id))
        return True
    if kind in ("invoice.paid", "invoice.payment_succeeded", "invoice.payment_failed"):
        invoice = gateway.retrieve_invoice(object_id)
        if invoice.status == "paid":
            return subscription_invoice_paid(invoice=invoice) is not None
        if kind == "invoice.payment_failed":
            return subscription_invoice_failed(invoice=invoice) is not None
        return False
    if kind in ("customer.subscription.updated", "customer.subscription.deleted"):
        if _ref(object_id, Ref.ObjectType.SUBSCRIPTION) is None:
            return False
        return subscription_apply_remote(
            remote=gateway.retrieve_subscription(object_id)) is not None
    if kind.startswith("refund.") or kind == "charge.refund.updated":
        ref = _ref(object_id, Ref.ObjectType.REFUND)
        if ref is None or ref.refund_id is None:
            return False
        refund_apply(refund=Refund.objects.get(pk=ref.refund_id),
                     result=gateway.retrieve_refund(object_id))
        return True
    if kind.startswith("charge.dispute."):
        return dispute_apply(dispute=gateway.retrieve_dispute(object_id)) is not None
    return False
