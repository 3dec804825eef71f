"""Card payments: create, confirm, follow Stripe, fulfil, refund, disputes.

Rules:
- A `Payment` changes status only along `Payment.TRANSITIONS` (`payment_transition`). Stripe's
  view of a PaymentIntent is applied by `payment_apply_intent`, whatever brought it (the API
  right after confirming, the browser after 3-D Secure, a webhook, twice or out of order): a
  late "failed" never undoes a success, a replay changes nothing.
- Before applying, the intent is checked against the row: our reference in its metadata, same
  amount, same currency. A mismatch (a foreign or tampered intent) changes nothing.
- No network call inside a transaction holding row locks: Stripe is called first (with an
  idempotency key derived from our row), the result applied in a short transaction after.
- Lock order, everywhere: booking row → payment row → credit account row.
- Fulfilment (credits granted, booking confirmed, invoice issued) happens in the transaction
  that moves the payment to SUCCEEDED, and is idempotent on its own keys.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from ostal.accounts.models import User
from ostal.billing import hooks
from ostal.billing.errors import BillingError, BillingErrorCode
from ostal.billing.invoicing.issue import (
    LineInput,
    buyer_snapshot,
    credit_note_issue,
    invoice_identifiers_check,
    invoice_issue,
)
from ostal.billing.models import (
    BillingNotice,
    Dispute,
    Invoice,
    Payment,
    PaymentStatusChange,
    Refund,
    StripeObjectRef,
    operator_seller_key,
)
from ostal.billing.services.customers import gateway_error
from ostal.billing.stripe.gateway import (
    GatewayDispute,
    GatewayError,
    GatewayPaymentIntent,
    GatewayRefund,
    get_gateway,
)
from ostal.billing.tasks import enqueue_on_commit
from ostal.billing.vat import seller_for, seller_for_plan, vat_for_plan
from ostal.bookings.models import Booking
from ostal.core.money import MoneyError, is_exact, quantize, validate_currency
from ostal.memberships.models import CreditLot, Plan
from ostal.memberships.services.credits import credit_revoke_lot
from ostal.memberships.services.plans import carnet_grant
from ostal.spaces.models import Operator

logger = logging.getLogger(__name__)
Ref = StripeObjectRef
Status = Payment.Status


def notice(kind: str, *, dedupe_key: str, user: User | None = None,
           payment: Payment | None = None, subscription: Any = None,
           data: dict[str, Any] | None = None) -> None:
    """Record a notice in the outbox once (UNIQUE dedupe_key)."""
    BillingNotice.objects.get_or_create(dedupe_key=dedupe_key, defaults={
        "kind": kind, "user": user, "payment": payment, "subscription": subscription,
        "data": data or {}})
    hooks.notice_recorded.send(hooks.NoticeRecorded(
        kind=kind, dedupe_key=dedupe_key, user=user, payment=payment, subscription=subscription,
        data=data or {}))


def validate_amount(amount: Decimal, currency: str) -> tuple[Decimal, str]:
    """A positive amount with at most the currency's decimals, in a supported currency."""
    try:
        currency = validate_currency(currency)
    except MoneyError as exc:
        raise BillingError(BillingErrorCode.UNSUPPORTED_CURRENCY) from exc
    try:
        if amount <= 0 or not is_exact(amount, currency):
            raise BillingError(BillingErrorCode.INVALID_AMOUNT)
    except MoneyError as exc:
        raise BillingError(BillingErrorCode.INVALID_AMOUNT) from exc
    return amount, currency


def payment_create(*, payer: User, purpose: str, amount: Decimal, currency: str,
                   description: str, seller_operator: Operator | None,
                   booking: Booking | None = None, plan: Plan | None = None,
                   subscription: Any = None, save_card: bool = False,
                   status: str = Status.REQUIRES_PAYMENT) -> Payment:
    amount, currency = validate_amount(amount, currency)
    if purpose != Payment.Purpose.EMPLOYER_BUNDLE:  # employers check their own identity
        # A business buyer's invoice must be issuable before any money is taken.
        buyer, is_business = buyer_snapshot(payer)
        seller = seller_for_plan(plan) if plan is not None else seller_for(seller_operator)
        category = vat_for_plan(plan).category if plan is not None else seller.vat.category
        invoice_identifiers_check(seller=seller.snapshot(), buyer=buyer,
                                  is_business=is_business, categories={category})
    return Payment.objects.create(
        payer=payer, purpose=purpose, amount=amount, currency=currency,
        description=description[:200], seller_operator=seller_operator,
        seller_key=(operator_seller_key(seller_operator.pk) if seller_operator else "network"),
        booking=booking, plan=plan, subscription=subscription, save_card=save_card,
        status=status, succeeded_at=timezone.now() if status == Status.SUCCEEDED else None)


def payment_transition(*, payment: Payment, to_status: str, reason: str = "") -> bool:
    """Move a locked payment to `to_status` if allowed; False (nothing written) otherwise."""
    if payment.status == to_status and to_status != Status.PARTIALLY_REFUNDED:
        return False
    if to_status not in Payment.TRANSITIONS[payment.status]:
        logger.info("payment %s: %s -> %s refused (%s)", payment.reference, payment.status,
                    to_status, reason)
        return False
    PaymentStatusChange.objects.create(payment=payment, from_status=payment.status,
                                       to_status=to_status, reason=reason[:200])
    payment.status = to_status
    fields = ["status", "updated_at"]
    if to_status == Status.SUCCEEDED:
        payment.succeeded_at = timezone.now()
        fields.append("succeeded_at")
    payment.save(update_fields=fields)
    return True


def payment_intent_id(payment: Payment) -> str | None:
    return (Ref.objects.filter(payment=payment, object_type=Ref.ObjectType.PAYMENT_INTENT)
            .order_by("-id").values_list("stripe_id", flat=True).first())


@dataclass(frozen=True)
class PaymentStarted:
    """What the browser needs next: `client_secret` for Stripe.js when `requires_action`
    (3-D Secure) or when no saved card was given."""

    payment: Payment
    client_secret: str
    requires_action: bool


def payment_start(*, payment: Payment, customer: str, payment_method: str) -> PaymentStarted:
    """Create (once) the PaymentIntent of `payment` and, with a saved card, confirm it.

    Idempotent per payment and attempt: the intent is created with the key
    `payment:<reference>:create` and its id stored before anything else; a retry reuses it. A
    confirmation that succeeds at once is applied before returning (webhooks arrive later and
    change nothing)."""
    gateway = get_gateway()
    existing = payment_intent_id(payment)
    try:
        if existing is None:
            intent = gateway.create_payment_intent(
                amount=payment.amount, currency=payment.currency, customer=customer,
                payment_method=payment_method,
                metadata={"ostal_payment": str(payment.reference), "purpose": payment.purpose},
                description=payment.description, save_card=payment.save_card,
                idempotency_key=f"payment:{payment.reference}:create")
            Ref.objects.get_or_create(stripe_id=intent.id, defaults={
                "object_type": Ref.ObjectType.PAYMENT_INTENT, "payment": payment})
        else:
            intent = gateway.retrieve_payment_intent(existing)
        if payment_method and intent.status == "requires_confirmation":
            attempts = payment.status_changes.count()
            intent = gateway.confirm_payment_intent(
                intent.id, idempotency_key=f"payment:{payment.reference}:confirm:{attempts}")
    except GatewayError as exc:
        raise gateway_error(exc) from exc
    payment = payment_apply_intent(payment=payment, intent=intent)
    return PaymentStarted(payment=payment, client_secret=intent.client_secret,
                          requires_action=intent.status in ("requires_action",
                                                            "requires_payment_method"))


def _target_status(intent: GatewayPaymentIntent) -> str:
    if intent.status == "succeeded":
        return Status.SUCCEEDED
    if intent.status in ("processing", "requires_capture"):
        return Status.PROCESSING
    if intent.status == "canceled":
        return Status.CANCELLED
    if intent.status == "requires_payment_method" and (intent.error_code
                                                       or intent.error_message):
        return Status.FAILED
    return Status.REQUIRES_PAYMENT


def _ensure_intent_matches(payment: Payment, intent: GatewayPaymentIntent) -> None:
    reference = intent.metadata.get("ostal_payment")
    if (reference is not None and reference != str(payment.reference)) or (
            intent.amount != payment.amount or intent.currency != payment.currency):
        raise BillingError(BillingErrorCode.PROVIDER_MISMATCH)


def payment_apply_intent(*, payment: Payment, intent: GatewayPaymentIntent) -> Payment:
    """Apply Stripe's state of the payment's intent (see the module docstring). Locks the
    booking row (if any) then the payment row."""
    _ensure_intent_matches(payment, intent)
    target = _target_status(intent)
    with transaction.atomic():
        if payment.booking_id:
            Booking.objects.select_for_update().filter(pk=payment.booking_id).first()
        payment = Payment.objects.select_for_update().get(pk=payment.pk)
        if target == Status.FAILED:
            payment.failure_code = intent.error_code[:60]
            payment.failure_message = intent.error_message[:300]
            payment.save(update_fields=["failure_code", "failure_message", "updated_at"])
        if not payment_transition(payment=payment, to_status=target,
                                  reason=f"stripe: {intent.status}"):
            return payment
        if target == Status.SUCCEEDED:
            _fulfil(payment, paid_at=timezone.now())
        elif target == Status.FAILED:
            notice(BillingNotice.Kind.PAYMENT_FAILED, user=payment.payer, payment=payment,
                   dedupe_key=f"payment_failed:{payment.reference}:{intent.error_code}",
                   data={"message": payment.failure_message})
            if payment.booking_id:
                hooks.booking_payment_failed(hooks.PaymentEvent(payment, timezone.now()))
    return payment


def payment_sync(*, payment: Payment, payment_intent: str) -> Payment:
    """The browser tells us it finished (3-D Secure): re-read the intent from Stripe and apply
    it. Refused if `payment_intent` is not this payment's own intent."""
    if payment_intent != payment_intent_id(payment):
        raise BillingError(BillingErrorCode.FOREIGN_PAYMENT_INTENT)
    try:
        intent = get_gateway().retrieve_payment_intent(payment_intent)
    except GatewayError as exc:
        raise gateway_error(exc) from exc
    return payment_apply_intent(payment=payment, intent=intent)


# --- Fulfilment ----------------------------------------------------------------------------

def _fulfil(payment: Payment, *, paid_at: dt.datetime) -> None:
    """What the payment bought: a carnet is billing's own (credits and invoice here); a
    booking is fulfilled by the checkout, a bundle order by employers, through the ports of
    `ostal.billing.hooks` (billing imports neither)."""
    if payment.purpose == Payment.Purpose.PLAN_PURCHASE:
        plan = payment.plan
        assert plan is not None
        carnet_grant(user=payment.payer, plan=plan, source_key=f"payment:{payment.reference}",
                     value=payment.amount, now=paid_at)
        invoice_issue(seller=seller_for_plan(plan), buyer=payment.payer,
                      source_key=f"payment:{payment.reference}",
                      service_date=timezone.localdate(paid_at), currency=payment.currency,
                      payment=payment, paid_at=paid_at, lines=[LineInput(
                          payment.description, Decimal("1"), payment.amount,
                          vat_for_plan(plan))])
    elif payment.purpose == Payment.Purpose.BOOKING:
        hooks.booking_payment_succeeded(hooks.PaymentEvent(payment, paid_at))
    elif payment.purpose == Payment.Purpose.EMPLOYER_BUNDLE:
        hooks.bundle_payment_succeeded(hooks.PaymentEvent(payment, paid_at))


# --- Cancelling an unpaid payment ----------------------------------------------------------

def payment_cancel(*, payment: Payment) -> Payment:
    """Cancel an open payment at Stripe (so it can no longer succeed), then here. If Stripe
    says it already succeeded, that success is applied instead (and refunded by fulfilment
    if its booking is gone)."""
    if payment.status not in Payment.OPEN_STATUSES:
        return payment
    pi = payment_intent_id(payment)
    if pi is not None:
        gateway = get_gateway()
        try:
            intent = gateway.retrieve_payment_intent(pi)
            if intent.status not in ("succeeded", "canceled", "processing"):
                intent = gateway.cancel_payment_intent(
                    pi, idempotency_key=f"payment:{payment.reference}:cancel")
        except GatewayError as exc:
            raise gateway_error(exc) from exc
        if intent.status != "canceled":
            return payment_apply_intent(payment=payment, intent=intent)
    with transaction.atomic():
        payment = Payment.objects.select_for_update().get(pk=payment.pk)
        payment_transition(payment=payment, to_status=Status.CANCELLED, reason="cancelled")
    return payment


# --- Refunds -------------------------------------------------------------------------------

def refund_request(*, payment: Payment, amount: Decimal, reason: str,
                   request_key: str = "") -> Refund:
    """Record a refund of `amount` (tax included) and have it executed after commit.
    Idempotent per (payment, reason, request_key): a second request returns the first.
    Refused for nothing or less (INVALID_REFUND_AMOUNT) and beyond what is left to refund."""
    amount = quantize(amount, payment.currency)
    key = f"refund:{payment.reference}:{reason}" + (f":{request_key}" if request_key else "")
    with transaction.atomic():
        payment = Payment.objects.select_for_update().get(pk=payment.pk)
        existing = Refund.objects.filter(idempotency_key=key).first()
        if existing is not None:
            return existing
        if payment.status not in (Status.SUCCEEDED, Status.PARTIALLY_REFUNDED):
            raise BillingError(BillingErrorCode.NOTHING_TO_REFUND)
        if amount <= 0:
            raise BillingError(BillingErrorCode.INVALID_REFUND_AMOUNT)
        pending = sum((r.amount for r in payment.refunds.filter(
            status=Refund.Status.REQUESTED)), Decimal("0.00"))
        refundable = payment.amount - payment.amount_refunded - pending
        if amount > refundable:
            raise BillingError(BillingErrorCode.REFUND_TOO_LARGE, refundable=refundable)
        refund = Refund.objects.create(payment=payment, amount=amount,
                                       currency=payment.currency, reason=reason,
                                       idempotency_key=key)
        enqueue_on_commit("billing.execute_refund", refund.pk)
    return refund


def refund_execute(*, refund: Refund) -> Refund:
    """Ask Stripe for a requested refund (idempotency key = the refund's key), then apply the
    answer. A retryable provider error propagates (the task retries with the same key)."""
    refund = Refund.objects.select_related("payment").get(pk=refund.pk)
    if refund.status != Refund.Status.REQUESTED:
        return refund
    pi = payment_intent_id(refund.payment)
    if pi is None:
        raise BillingError(BillingErrorCode.NOTHING_TO_REFUND)
    try:
        result = get_gateway().create_refund(
            payment_intent=pi, amount=refund.amount, currency=refund.currency,
            metadata={"ostal_refund": str(refund.reference)},
            idempotency_key=refund.idempotency_key)
    except GatewayError as exc:
        if exc.retryable:
            raise
        Refund.objects.filter(pk=refund.pk, status=Refund.Status.REQUESTED).update(
            status=Refund.Status.FAILED, failure_message=exc.message[:300])
        refund.refresh_from_db()
        return refund
    Ref.objects.get_or_create(stripe_id=result.id, defaults={
        "object_type": Ref.ObjectType.REFUND, "refund": refund, "payment": refund.payment})
    return refund_apply(refund=refund, result=result)


def refund_apply(*, refund: Refund, result: GatewayRefund) -> Refund:
    """Apply Stripe's state of a refund: once succeeded, the payment's refunded amount grows,
    a credit note is issued for the payment's invoice, unspent credits of a refunded carnet are
    taken back, and the member is notified. Locks payment then refund; idempotent."""
    with transaction.atomic():
        payment = Payment.objects.select_for_update().get(pk=refund.payment_id)
        refund = Refund.objects.select_for_update().get(pk=refund.pk)
        if refund.status != Refund.Status.REQUESTED:
            return refund
        if result.status == "failed" or result.status == "canceled":
            refund.status = Refund.Status.FAILED
            refund.save(update_fields=["status", "updated_at"])
            return refund
        if result.status != "succeeded":
            return refund  # pending: a refund.updated webhook will finish it
        if result.amount != refund.amount or result.currency != refund.currency:
            raise BillingError(BillingErrorCode.PROVIDER_MISMATCH)
        refund.status, refund.succeeded_at = Refund.Status.SUCCEEDED, timezone.now()
        refund.save(update_fields=["status", "succeeded_at", "updated_at"])
        payment.amount_refunded += refund.amount
        payment.save(update_fields=["amount_refunded", "updated_at"])
        payment_transition(payment=payment, to_status=(
            Status.REFUNDED if payment.amount_refunded >= payment.amount
            else Status.PARTIALLY_REFUNDED), reason=f"refund {refund.reference}")
        invoice = payment.invoices.filter(doc_type=Invoice.DocType.INVOICE).first()
        if invoice is not None:
            credit_note_issue(invoice=invoice, amount=refund.amount,
                              source_key=f"refund:{refund.reference}",
                              reason="Remboursement")
        if payment.purpose in CREDIT_PURPOSES and payment.amount_refunded >= payment.amount:
            _revoke_purchase_credits(payment, key=f"refund:{refund.reference}")
        notice(BillingNotice.Kind.REFUND_ISSUED, user=payment.payer, payment=payment,
               dedupe_key=f"refund_issued:{refund.reference}",
               data={"amount": str(refund.amount), "currency": refund.currency})
    return refund


# Payments that bought credits (granted as the lot `payment:<reference>`): a full refund or a
# lost dispute takes back what is left of them.
CREDIT_PURPOSES = (Payment.Purpose.PLAN_PURCHASE, Payment.Purpose.EMPLOYER_BUNDLE)


def _revoke_purchase_credits(payment: Payment, *, key: str) -> None:
    lot = CreditLot.objects.filter(source_key=f"payment:{payment.reference}").first()
    if lot is not None:
        credit_revoke_lot(lot=lot, operation_key=key, reason_type="payment",
                          reason_id=str(payment.reference))


# --- Disputes ------------------------------------------------------------------------------

def dispute_apply(*, dispute: GatewayDispute) -> Dispute | None:
    """Record a chargeback on one of our payments (None if the payment is not ours). A lost
    dispute is money returned: it gets a credit note and a refunded carnet's unspent credits
    are taken back. Notices to the payer and the network; idempotent per dispute and status."""
    pi_ref = Ref.objects.filter(stripe_id=dispute.payment_intent,
                                object_type=Ref.ObjectType.PAYMENT_INTENT).first()
    if pi_ref is None or pi_ref.payment_id is None:
        return None
    with transaction.atomic():
        payment = Payment.objects.select_for_update().get(pk=pi_ref.payment_id)
        row, _ = Dispute.objects.update_or_create(stripe_id=dispute.id, defaults={
            "payment": payment, "amount": dispute.amount, "currency": dispute.currency,
            "reason": dispute.reason, "status": dispute.status,
            "closed_at": timezone.now() if dispute.status in ("won", "lost") else None})
        if not payment.is_disputed:
            payment.is_disputed = True
            payment.save(update_fields=["is_disputed", "updated_at"])
        notice(BillingNotice.Kind.DISPUTE_OPENED, user=payment.payer, payment=payment,
               dedupe_key=f"dispute_opened:{dispute.id}", data={"reason": dispute.reason})
        if dispute.status in ("won", "lost"):
            notice(BillingNotice.Kind.DISPUTE_CLOSED, user=payment.payer, payment=payment,
                   dedupe_key=f"dispute_closed:{dispute.id}", data={"status": dispute.status})
        if dispute.status == "lost":
            invoice = payment.invoices.filter(doc_type=Invoice.DocType.INVOICE).first()
            creditable = (invoice.total_gross - sum(
                (n.total_gross for n in invoice.credit_notes.all()), Decimal("0.00"))
                if invoice else Decimal("0.00"))
            if invoice is not None and creditable > 0:
                credit_note_issue(invoice=invoice, amount=min(dispute.amount, creditable),
                                  source_key=f"dispute:{dispute.id}",
                                  reason="Contestation de paiement perdue")
            if payment.purpose in CREDIT_PURPOSES:
                _revoke_purchase_credits(payment, key=f"dispute:{dispute.id}")
    return row
