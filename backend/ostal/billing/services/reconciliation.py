"""Payment reconciliation: compare Stripe's records with ours, repair what is safe, record the
rest for the network admin (docs/adr/0007-due-work-and-notifications.md).

A run pages through Stripe's objects created since the saved cursor (minus
RECONCILIATION_LOOKBACK_HOURS, so objects that changed state after creation are seen again),
kind by kind, in an order where each step can rely on the previous ones:

1. subscriptions — Stripe's status applied through `subscription_apply_remote` (a missed
   `customer.subscription.updated/deleted`); unknown live subscriptions are reported;
2. invoices — a paid subscription invoice we never applied goes through
   `subscription_invoice_paid` (credits granted, payment recorded, our invoice issued: all
   idempotent per Stripe invoice id); a failed one through `subscription_invoice_failed`;
3. payment intents — a state we missed (webhook lost) goes through `payment_apply_intent`; a
   lost StripeObjectRef is restored from the intent's `ostal_payment` metadata; amount or
   currency differences, succeeded intents we do not know, and paid bookings that were
   cancelled without a refund are reported;
4. charges, then refunds — a refund made in the Stripe dashboard on one of our payments is
   recorded as a Refund (idempotency key `stripe_refund:<id>`) and applied by `refund_apply`
   (refunded amount, credit note, notice), so a later webhook for it changes nothing; refunds
   on unknown payments or beyond what was paid are reported; finally each charge's refunded
   amount is compared with ours;
5. disputes (chargebacks) — each dispute on one of our payments is applied through
   `dispute_apply` when our record is missing or behind (a missed `charge.dispute.*` webhook:
   the payment is marked disputed, a lost dispute gets its credit note) and is always
   reported as a `dispute` issue, refreshed with its current status: a dispute needs a person
   (evidence before the due date, money lost or not). Disputes on unknown payments are
   reported too. Disputes we know that are still open are re-read each run, however old, so
   their outcome is never missed. localstripe has no disputes (its bridge lists none): tests
   use recorded payloads.

Nothing is double-counted: every repair is a call to the service the webhook handler uses,
and those services are idempotent per Stripe id (or check the current state under a row lock
before writing). Differences become ReconciliationIssue rows, UNIQUE per (kind, Stripe id).
Runs are serialised by a partial UNIQUE (one `running` row); a run whose worker died is taken
over when its lease ends. A run that fails midway keeps the cursors of the kinds it finished.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from ostal.billing import hooks
from ostal.billing.models import (
    Dispute,
    Invoice,
    Payment,
    ReconciliationCursor,
    ReconciliationIssue,
    ReconciliationRun,
    Refund,
    StripeObjectRef,
)
from ostal.billing.pricing import refund_share
from ostal.billing.services.payments import (
    _target_status,
    dispute_apply,
    payment_apply_intent,
    refund_apply,
)
from ostal.billing.services.subscriptions import (
    subscription_apply_remote,
    subscription_invoice_failed,
    subscription_invoice_paid,
)
from ostal.billing.stripe.gateway import (
    GatewayCharge,
    GatewayDispute,
    GatewayError,
    GatewayInvoice,
    GatewayPaymentIntent,
    GatewayRefund,
    GatewaySubscription,
    Listed,
    PaymentGateway,
    get_gateway,
)
from ostal.bookings.models import Booking
from ostal.memberships.models import Subscription

logger = logging.getLogger(__name__)
Ref = StripeObjectRef
Issue = ReconciliationIssue
FIRST_RUN_WINDOW = dt.timedelta(days=30)
LEASE = dt.timedelta(minutes=30)
SUMMARY_TIMEZONE = ZoneInfo("Europe/Paris")
ORDER = ("subscriptions", "invoices", "payment_intents", "charges", "refunds", "disputes")
DISPUTE_CLOSED = ("won", "lost")


@dataclass
class _Context:
    run: ReconciliationRun
    gateway: PaymentGateway
    now: dt.datetime
    checked: dict[str, int] = field(default_factory=dict)
    repairs: list[str] = field(default_factory=list)
    new_issues: list[str] = field(default_factory=list)
    charges: list[GatewayCharge] = field(default_factory=list)
    disputes_seen: set[str] = field(default_factory=set)

    def repaired(self, text: str) -> None:
        logger.info("reconciliation repair: %s", text)
        self.repairs.append(text)


# --- Runs ------------------------------------------------------------------------------------

def _start_run(now: dt.datetime) -> ReconciliationRun | None:
    """A new running row, or None when another live run holds the lease. A run past its
    lease (dead worker) is marked failed and replaced."""
    ReconciliationRun.objects.filter(status=ReconciliationRun.Status.RUNNING,
                                     lease_until__lt=now).update(
        status=ReconciliationRun.Status.FAILED, finished_at=now, error="lease expired (worker "
                                                                       "lost)")
    try:
        with transaction.atomic():
            return ReconciliationRun.objects.create(started_at=now, lease_until=now + LEASE)
    except IntegrityError:
        return None


def reconciliation_run(*, now: dt.datetime | None = None,
                       gateway: PaymentGateway | None = None) -> ReconciliationRun | None:
    """One reconciliation pass (see the module docstring). Returns the run, or None if
    another one is in progress. A listing failure (Stripe unreachable) ends the run as failed
    and is re-raised for the task to retry; a failure to repair one object is recorded as a
    `repair_failed` issue and the run goes on."""
    now = now or timezone.now()
    run = _start_run(now)
    if run is None:
        return None
    context = _Context(run=run, gateway=gateway or get_gateway(), now=now)
    try:
        for resource in ORDER:
            _reconcile_kind(context, resource)
        _recheck_open_disputes(context)
        _compare_refunded_amounts(context)
    except Exception as exc:
        _finish(context, ReconciliationRun.Status.FAILED, error=f"{type(exc).__name__}: {exc}")
        raise
    _finish(context, ReconciliationRun.Status.SUCCEEDED)
    return context.run


def _finish(context: _Context, status: str, *, error: str = "") -> None:
    run = context.run
    run.status, run.finished_at, run.error = status, timezone.now(), error[:5000]
    run.stats = {"checked": context.checked, "repaired": len(context.repairs),
                 "new_issues": len(context.new_issues), "new_issue_lines": context.new_issues}
    run.repairs = context.repairs
    run.save(update_fields=["status", "finished_at", "error", "stats", "repairs"])


def _reconcile_kind(context: _Context, resource: str) -> None:
    cursor, _ = ReconciliationCursor.objects.get_or_create(object_type=resource)
    lookback = dt.timedelta(hours=settings.RECONCILIATION_LOOKBACK_HOURS)
    since = (cursor.created_gte - lookback if cursor.created_gte is not None
             else context.now - FIRST_RUN_WINDOW)
    handler = _HANDLERS[resource]
    newest = cursor.created_gte
    count = 0
    for listed in context.gateway.list_objects(resource, created_gte=since):
        count += 1
        newest = max(newest, listed.created) if newest else listed.created
        try:
            handler(context, listed)
        except Exception as exc:
            logger.warning("reconciliation of %s failed", listed.item.id, exc_info=True)
            _issue(context, Issue.Kind.REPAIR_FAILED, listed.item.id,
                   {"object": resource, "error": f"{type(exc).__name__}: {exc}"[:500]})
    context.checked[resource] = count
    if newest is not None:
        ReconciliationCursor.objects.filter(pk=cursor.pk).update(created_gte=newest)


def _issue(context: _Context, kind: str, stripe_id: str, details: dict[str, Any],
           payment: Payment | None = None) -> Issue:
    """Record (or refresh) a difference. An issue an admin resolved stays resolved."""
    details = {key: (str(value) if isinstance(value, Decimal | dt.datetime) else value)
               for key, value in details.items()}
    issue, created = Issue.objects.get_or_create(kind=kind, stripe_id=stripe_id, defaults={
        "details": details, "payment": payment, "first_seen_at": context.now,
        "last_seen_at": context.now})
    if created:
        context.new_issues.append(f"{issue.get_kind_display()} — {stripe_id}")
    elif issue.status == Issue.Status.OPEN:
        Issue.objects.filter(pk=issue.pk).update(details=details, last_seen_at=context.now)
    return issue


def _ref(stripe_id: str, object_type: str) -> Ref | None:
    return Ref.objects.filter(stripe_id=stripe_id, object_type=object_type).first()


# --- Subscriptions and their invoices --------------------------------------------------------

def _check_subscription(context: _Context, listed: Listed) -> None:
    remote: GatewaySubscription = listed.item
    ref = _ref(remote.id, Ref.ObjectType.SUBSCRIPTION)
    if ref is None:
        reference = remote.metadata.get("ostal_subscription")
        local = Subscription.objects.filter(reference=reference).first() if reference else None
        if local is None:
            if remote.status in ("active", "past_due", "trialing", "unpaid"):
                _issue(context, Issue.Kind.UNKNOWN_SUBSCRIPTION, remote.id,
                       {"status": remote.status, "customer": remote.customer,
                        "created": listed.created})
            return
        Ref.objects.get_or_create(stripe_id=remote.id, defaults={
            "object_type": Ref.ObjectType.SUBSCRIPTION, "subscription": local})
        context.repaired(f"{remote.id}: link to subscription {local.reference} restored")
        ref = _ref(remote.id, Ref.ObjectType.SUBSCRIPTION)
    assert ref is not None
    assert ref.subscription_id is not None
    before = Subscription.objects.filter(pk=ref.subscription_id).values_list(
        "status", "cancel_at_period_end").first()
    after_sub = subscription_apply_remote(remote=remote)
    if after_sub is not None and before != (after_sub.status, after_sub.cancel_at_period_end):
        context.repaired(f"{remote.id}: subscription {before[0] if before else '?'} → "
                         f"{after_sub.status} (Stripe: {remote.status})")


def _check_invoice(context: _Context, listed: Listed) -> None:
    invoice: GatewayInvoice = listed.item
    if not invoice.subscription:
        return
    known = _ref(invoice.subscription, Ref.ObjectType.SUBSCRIPTION) is not None
    if invoice.status == "paid" and invoice.amount_paid > 0:
        if Invoice.objects.filter(source_key=f"stripe_invoice:{invoice.id}").exists():
            return
        if not known:
            _issue(context, Issue.Kind.UNKNOWN_INVOICE, invoice.id,
                   {"subscription": invoice.subscription, "amount": invoice.amount_paid,
                    "currency": invoice.currency})
            return
        subscription_invoice_paid(invoice=invoice)
        context.repaired(f"{invoice.id}: paid invoice applied ({invoice.amount_paid} "
                         f"{invoice.currency}; webhook missed)")
    elif invoice.status == "open" and invoice.attempt_count > 0 and known:
        ref = _ref(invoice.subscription, Ref.ObjectType.SUBSCRIPTION)
        assert ref is not None
        assert ref.subscription_id is not None
        before = Subscription.objects.filter(pk=ref.subscription_id).values_list(
            "status", "failed_payment_count").first()
        after_sub = subscription_invoice_failed(invoice=invoice)
        if after_sub is not None and before != (after_sub.status,
                                                after_sub.failed_payment_count):
            context.repaired(f"{invoice.id}: failed renewal applied (attempt "
                             f"{invoice.attempt_count}; webhook missed)")


# --- Payment intents -------------------------------------------------------------------------

def _check_payment_intent(context: _Context, listed: Listed) -> None:
    intent: GatewayPaymentIntent = listed.item
    ref = _ref(intent.id, Ref.ObjectType.PAYMENT_INTENT)
    payment = Payment.objects.filter(pk=ref.payment_id).first() if ref and ref.payment_id \
        else None
    if payment is None:
        reference = intent.metadata.get("ostal_payment")
        payment = Payment.objects.filter(reference=reference).first() if reference else None
        if payment is None:
            if intent.status == "succeeded" and not context.gateway.invoice_of_payment_intent(
                    intent.id):  # a subscription invoice's payment: the invoice step answers
                _issue(context, Issue.Kind.UNKNOWN_PAYMENT, intent.id,
                       {"amount": intent.amount, "currency": intent.currency,
                        "customer": intent.customer, "created": listed.created})
            return
        Ref.objects.get_or_create(stripe_id=intent.id, defaults={
            "object_type": Ref.ObjectType.PAYMENT_INTENT, "payment": payment})
        context.repaired(f"{intent.id}: link to payment {payment.reference} restored")
    if intent.amount != payment.amount or intent.currency != payment.currency:
        _issue(context, Issue.Kind.AMOUNT_MISMATCH, intent.id,
               {"stripe_amount": intent.amount, "stripe_currency": intent.currency,
                "our_amount": payment.amount, "our_currency": payment.currency,
                "stripe_status": intent.status}, payment=payment)
        return
    target = _target_status(intent)
    if target != payment.status and target in Payment.TRANSITIONS[payment.status]:
        before = payment.status
        payment = payment_apply_intent(payment=payment, intent=intent)
        if payment.status != before:
            context.repaired(f"{intent.id}: payment {payment.reference} {before} → "
                             f"{payment.status} (webhook missed)")
    _check_paid_booking(context, payment, intent.id)


def _check_paid_booking(context: _Context, payment: Payment, stripe_id: str) -> None:
    """A paid booking that left the active set with money still due back and no refund on the
    way: not repaired automatically (who cancelled, and why, matters) but reported."""
    if payment.booking_id is None or payment.status not in (Payment.Status.SUCCEEDED,
                                                            Payment.Status.PARTIALLY_REFUNDED):
        return
    booking = Booking.objects.select_related("space__operator", "cancelled_by").get(
        pk=payment.booking_id)
    if booking.status not in (Booking.Status.CANCELLED, Booking.Status.EXPIRED):
        return
    if payment.refunds.exclude(status=Refund.Status.FAILED).exists() or refund_share(booking) == 0:
        return
    _issue(context, Issue.Kind.PAYMENT_FOR_CANCELLED_BOOKING, stripe_id,
           {"booking": str(booking.reference), "booking_status": booking.status,
            "amount": payment.amount, "currency": payment.currency,
            "refund_share_percent": refund_share(booking)}, payment=payment)


# --- Charges and refunds ---------------------------------------------------------------------

def _check_charge(context: _Context, listed: Listed) -> None:
    charge: GatewayCharge = listed.item
    context.charges.append(charge)
    if not charge.payment_intent and charge.status == "succeeded":
        _issue(context, Issue.Kind.UNKNOWN_PAYMENT, charge.id,
               {"amount": charge.amount, "currency": charge.currency,
                "created": listed.created, "note": "charge without a payment intent"})


def _payment_of(context: _Context, remote: GatewayRefund | GatewayDispute) -> Payment | None:
    """Our payment a refund or a dispute is about: through its payment intent, or the intent
    of its charge (listed in this run)."""
    intent = remote.payment_intent or next(
        (c.payment_intent for c in context.charges if c.id == remote.charge), "")
    ref = _ref(intent, Ref.ObjectType.PAYMENT_INTENT) if intent else None
    return Payment.objects.filter(pk=ref.payment_id).first() if ref and ref.payment_id else None


def _check_refund(context: _Context, listed: Listed) -> None:
    remote: GatewayRefund = listed.item
    ref = _ref(remote.id, Ref.ObjectType.REFUND)
    if ref is not None and ref.refund_id is not None:
        refund = Refund.objects.get(pk=ref.refund_id)
        if refund.status == Refund.Status.REQUESTED and remote.status in ("succeeded", "failed",
                                                                          "canceled"):
            refund = refund_apply(refund=refund, result=remote)
            context.repaired(f"{remote.id}: refund {refund.reference} → {refund.status} "
                             f"(webhook missed)")
        return
    ours = remote.metadata.get("ostal_refund")
    refund_row = Refund.objects.filter(reference=ours).first() if ours else None
    if refund_row is not None:  # our refund, its id never saved (crash after the call)
        Ref.objects.get_or_create(stripe_id=remote.id, defaults={
            "object_type": Ref.ObjectType.REFUND, "refund": refund_row,
            "payment": refund_row.payment})
        refund_row = refund_apply(refund=refund_row, result=remote)
        context.repaired(f"{remote.id}: refund {refund_row.reference} linked and applied")
        return
    payment = _payment_of(context, remote)
    if payment is None:
        _issue(context, Issue.Kind.UNKNOWN_REFUND, remote.id,
               {"amount": remote.amount, "currency": remote.currency,
                "payment_intent": remote.payment_intent, "charge": remote.charge})
        return
    if remote.status != "succeeded":
        return  # pending: the next run sees its outcome
    _record_dashboard_refund(context, payment, remote)


def _record_dashboard_refund(context: _Context, payment: Payment, remote: GatewayRefund) -> None:
    """A refund made outside Ostal (Stripe dashboard) on one of our payments: recorded as ours
    and applied like any refund. Idempotent: the Refund row's key is the Stripe refund id
    (UNIQUE), created under the payment row lock."""
    key = f"stripe_refund:{remote.id}"
    with transaction.atomic():
        locked = Payment.objects.select_for_update().get(pk=payment.pk)
        refund = Refund.objects.filter(idempotency_key=key).first()
        if refund is None:
            pending = sum((r.amount for r in locked.refunds.filter(
                status=Refund.Status.REQUESTED)), Decimal("0.00"))
            refundable = locked.amount - locked.amount_refunded - pending
            if remote.currency != locked.currency or remote.amount > refundable:
                _issue(context, Issue.Kind.REFUND_EXCEEDS_PAYMENT, remote.id,
                       {"amount": remote.amount, "currency": remote.currency,
                        "refundable": refundable, "payment": str(locked.reference)},
                       payment=locked)
                return
            refund = Refund.objects.create(payment=locked, amount=remote.amount,
                                           currency=remote.currency,
                                           reason=Refund.Reason.MANUAL, idempotency_key=key)
        Ref.objects.get_or_create(stripe_id=remote.id, defaults={
            "object_type": Ref.ObjectType.REFUND, "refund": refund, "payment": locked})
    refund = refund_apply(refund=refund, result=remote)
    context.repaired(f"{remote.id}: refund of {remote.amount} {remote.currency} made in the "
                     f"Stripe dashboard recorded on payment {payment.reference}")


def _compare_refunded_amounts(context: _Context) -> None:
    for charge in context.charges:
        if not charge.payment_intent:
            continue
        ref = _ref(charge.payment_intent, Ref.ObjectType.PAYMENT_INTENT)
        payment = Payment.objects.filter(pk=ref.payment_id).first() if ref and ref.payment_id \
            else None
        if payment is None or charge.status != "succeeded":
            continue
        if charge.amount_refunded != payment.amount_refunded:
            _issue(context, Issue.Kind.REFUNDED_AMOUNT_MISMATCH, charge.id,
                   {"stripe_refunded": charge.amount_refunded,
                    "our_refunded": payment.amount_refunded, "currency": charge.currency},
                   payment=payment)


# --- Disputes --------------------------------------------------------------------------------

def _check_dispute(context: _Context, listed: Listed) -> None:
    """Apply a dispute we missed (or whose status moved) and report it for review."""
    dispute: GatewayDispute = listed.item
    payment = _payment_of(context, dispute)
    if payment is None:
        _issue(context, Issue.Kind.DISPUTE, dispute.id,
               {**_dispute_details(dispute), "note": "dispute on a payment unknown to Ostal"})
        return
    if not dispute.payment_intent:  # charge-only shape: apply through the intent we know
        dispute = replace(dispute, payment_intent=next(
            c.payment_intent for c in context.charges if c.id == dispute.charge))
    _apply_and_report_dispute(context, dispute, payment)


def _dispute_details(dispute: GatewayDispute) -> dict[str, Any]:
    return {"status": dispute.status, "amount": dispute.amount, "currency": dispute.currency,
            "reason": dispute.reason, "charge": dispute.charge,
            "payment_intent": dispute.payment_intent}


def _apply_and_report_dispute(context: _Context, dispute: GatewayDispute,
                              payment: Payment) -> None:
    """`dispute_apply` only when our row is missing or its status differs (applying a closed
    dispute again would move its `closed_at`, the date settlements use); then the `dispute`
    issue, created or refreshed with the current status."""
    context.disputes_seen.add(dispute.id)
    ours = Dispute.objects.filter(stripe_id=dispute.id).values_list("status", flat=True).first()
    if ours != dispute.status and dispute_apply(dispute=dispute) is not None:
        context.repaired(f"{dispute.id}: dispute {ours or 'unknown'} → {dispute.status} "
                         f"(webhook missed)")
    _issue(context, Issue.Kind.DISPUTE, dispute.id,
           {**_dispute_details(dispute), "payment": str(payment.reference),
            "description": payment.description}, payment=payment)


def _recheck_open_disputes(context: _Context) -> None:
    """Open disputes we know, created before the listing window: their outcome comes weeks
    later, and a missed `charge.dispute.closed` must still be caught."""
    still_open = (Dispute.objects.exclude(status__in=DISPUTE_CLOSED)
                  .exclude(stripe_id__in=context.disputes_seen).select_related("payment"))
    for row in still_open:
        try:
            remote = context.gateway.retrieve_dispute(row.stripe_id)
        except GatewayError:
            logger.warning("dispute %s could not be read", row.stripe_id, exc_info=True)
            continue
        _apply_and_report_dispute(context, remote, row.payment)


_HANDLERS: dict[str, Callable[[_Context, Listed], None]] = {
    "subscriptions": _check_subscription, "invoices": _check_invoice,
    "payment_intents": _check_payment_intent, "charges": _check_charge,
    "refunds": _check_refund, "disputes": _check_dispute,
}


# --- Issues and the daily summary ------------------------------------------------------------

def reconciliation_issue_resolve(*, issue: ReconciliationIssue, actor: Any,
                                 note: str = "") -> ReconciliationIssue:
    """An admin closes an issue (what they did, in `note`). Idempotent: an issue already
    resolved keeps its first resolution (who, when, note). Locks the issue row, so two admins
    resolving at once write one resolution."""
    with transaction.atomic():
        issue = Issue.objects.select_for_update().get(pk=issue.pk)
        if issue.status == Issue.Status.RESOLVED:
            return issue
        issue.status, issue.resolved_at = Issue.Status.RESOLVED, timezone.now()
        issue.resolved_by, issue.resolution_note = actor, note
        issue.save(update_fields=["status", "resolved_at", "resolved_by", "resolution_note"])
    return issue


def reconciliation_daily_summary(*, day: dt.date | None = None,
                                 now: dt.datetime | None = None) -> int:
    """Queue the summary of `day` (default: yesterday, Paris time) to every network admin:
    runs, objects checked, repairs applied, new issues, open issues. Once per day and admin
    (dedupe key). Returns how many e-mails were queued."""
    now = now or timezone.now()
    day = day or (timezone.localtime(now, SUMMARY_TIMEZONE).date() - dt.timedelta(days=1))
    start = dt.datetime.combine(day, dt.time(0), tzinfo=SUMMARY_TIMEZONE)
    end = start + dt.timedelta(days=1)
    runs = list(ReconciliationRun.objects.filter(started_at__gte=start, started_at__lt=end)
                .order_by("started_at"))
    repairs = [line for run in runs for line in run.repairs]
    new_issues = Issue.objects.filter(first_seen_at__gte=start, first_seen_at__lt=end)
    payload = {
        "date": day.isoformat(), "runs": len(runs),
        "failed_runs": sum(1 for run in runs if run.status == ReconciliationRun.Status.FAILED),
        "checked": sum(sum((run.stats.get("checked") or {}).values()) for run in runs),
        "repaired": len(repairs), "repairs": repairs[:50],
        "new_issues": new_issues.count(),
        "new_issue_lines": [f"{i.get_kind_display()} — {i.stripe_id}"
                            for i in new_issues.order_by("first_seen_at", "id")[:50]],
        "open_issues": Issue.objects.filter(status=Issue.Status.OPEN).count(),
        "admin_url": f"{settings.SITE_URL}/reseau/revue",  # the SPA's review page
    }
    return hooks.reconciliation_summary(hooks.ReconciliationSummary(day.isoformat(), payload))
