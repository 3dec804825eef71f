"""Monthly plans on Stripe Subscriptions: subscribe, renew, fail, change, cancel.

Stripe charges the saved card every month and tells us by webhook; we re-read the invoice and
apply it here: a paid invoice activates the subscription, moves its period, grants the month's
credits and issues our invoice (idempotent per Stripe invoice id); a failed one moves it to
past_due, and after BILLING_RENEWAL_MAX_ATTEMPTS (or when Stripe gives up) to suspended, with a
notice each time. Stripe's retry schedule (Smart Retries) does the retrying.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from ostal.accounts.models import User
from ostal.billing.errors import BillingError, BillingErrorCode
from ostal.billing.invoicing.issue import LEGAL_TIMEZONE, LineInput, invoice_issue
from ostal.billing.models import BillingNotice, Invoice, Payment, StripeObjectRef
from ostal.billing.services.customers import gateway_error, payment_method_ensure_owned
from ostal.billing.services.payments import notice, payment_create
from ostal.billing.stripe.gateway import (
    GatewayError,
    GatewayInvoice,
    GatewaySubscription,
    get_gateway,
)
from ostal.billing.vat import seller_for_plan, vat_for_plan
from ostal.core.money import to_minor_units
from ostal.memberships.models import Plan, Subscription
from ostal.memberships.services import plans as membership

logger = logging.getLogger(__name__)
Ref = StripeObjectRef
SubStatus = Subscription.Status


@dataclass(frozen=True)
class SubscriptionStarted:
    subscription: Subscription
    client_secret: str
    requires_action: bool
    payment_intent: str = ""


def stripe_subscription_id(subscription: Subscription) -> str | None:
    return (Ref.objects.filter(subscription=subscription,
                               object_type=Ref.ObjectType.SUBSCRIPTION)
            .values_list("stripe_id", flat=True).first())


def _price_for(plan: Plan) -> str:
    """The provider's monthly price for the plan's current amount (created once)."""
    minor = to_minor_units(plan.price, plan.currency)
    lookup_key = f"ostal-plan-{plan.pk}-{minor}-{plan.currency.lower()}"
    ref = Ref.objects.filter(object_type=Ref.ObjectType.PRICE, lookup_key=lookup_key).first()
    if ref is not None:
        return ref.stripe_id
    price = get_gateway().ensure_monthly_price(lookup_key=lookup_key, name=plan.name,
                                               amount=plan.price, currency=plan.currency)
    Ref.objects.get_or_create(stripe_id=price, defaults={
        "object_type": Ref.ObjectType.PRICE, "plan": plan, "lookup_key": lookup_key})
    return price


def subscription_subscribe(*, member: User, plan: Plan, payment_method: str
                           ) -> SubscriptionStarted:
    """Subscribe `member` to a monthly `plan`, paid by a saved card.

    The local subscription (INCOMPLETE) is committed first; Stripe then creates its own and
    charges the first month; the first invoice is applied at once (and again, harmlessly, when
    its webhook arrives). A declined first payment cancels both and answers CARD_DECLINED;
    3-D Secure answers `requires_action` with the client secret of the first invoice's
    payment (the webhook activates the subscription once authenticated)."""
    if not payment_method:
        raise BillingError(BillingErrorCode.PAYMENT_METHOD_REQUIRED)
    customer = payment_method_ensure_owned(user=member, payment_method_id=payment_method)
    subscription = membership.subscription_start(member=member, plan=plan)
    gateway = get_gateway()
    try:
        gateway.set_default_payment_method(customer=customer, payment_method=payment_method)
        remote = gateway.create_subscription(
            customer=customer, price=_price_for(plan), payment_method=payment_method,
            metadata={"ostal_subscription": str(subscription.reference)},
            idempotency_key=f"subscription:{subscription.reference}:create")
    except GatewayError as exc:
        membership.subscription_transition(subscription=subscription,
                                           to_status=SubStatus.CANCELLED,
                                           reason=f"provider: {exc.code}")
        raise gateway_error(exc) from exc
    Ref.objects.get_or_create(stripe_id=remote.id, defaults={
        "object_type": Ref.ObjectType.SUBSCRIPTION, "subscription": subscription})
    client_secret, requires_action, intent_id = "", False, ""
    if remote.latest_invoice:
        try:
            invoice = gateway.retrieve_invoice(remote.latest_invoice)
            if invoice.status == "paid":
                subscription_invoice_paid(invoice=invoice)
            elif invoice.payment_intent:
                intent = gateway.retrieve_payment_intent(invoice.payment_intent)
                if intent.status == "requires_action":
                    client_secret, requires_action = intent.client_secret, True
                    intent_id = intent.id
                elif intent.error_code or intent.status == "requires_payment_method":
                    gateway.cancel_subscription(
                        remote.id, idempotency_key=f"subscription:{subscription.reference}:"
                                                   f"cancel-declined")
                    membership.subscription_transition(
                        subscription=subscription, to_status=SubStatus.CANCELLED,
                        reason="first payment declined")
                    raise BillingError(BillingErrorCode.CARD_DECLINED,
                                       reason=intent.error_message or intent.error_code)
        except GatewayError as exc:
            raise gateway_error(exc) from exc
    subscription.refresh_from_db()
    return SubscriptionStarted(subscription, client_secret, requires_action, intent_id)


def subscription_sync(*, subscription: Subscription, payment_intent: str) -> Subscription:
    """The browser finished 3-D Secure for the first month: re-read the subscription's latest
    invoice from Stripe and apply it now (paid: active, credits granted, invoice issued —
    idempotent with the webhook that follows) rather than waiting for the webhook. Refused
    (FOREIGN_PAYMENT_INTENT, nothing changes) unless `payment_intent` is that invoice's own
    payment. Still unpaid: the subscription is returned as it stands."""
    stripe_id = stripe_subscription_id(subscription)
    if not stripe_id or not payment_intent:
        raise BillingError(BillingErrorCode.FOREIGN_PAYMENT_INTENT)
    gateway = get_gateway()
    try:
        remote = gateway.retrieve_subscription(stripe_id)
        invoice = gateway.retrieve_invoice(remote.latest_invoice) if (
            remote.latest_invoice) else None
    except GatewayError as exc:
        raise gateway_error(exc) from exc
    if invoice is None or invoice.payment_intent != payment_intent:
        raise BillingError(BillingErrorCode.FOREIGN_PAYMENT_INTENT)
    if invoice.status == "paid":
        subscription_invoice_paid(invoice=invoice)
    subscription.refresh_from_db()
    return subscription


def _local_subscription(stripe_id: str) -> Subscription | None:
    ref = (Ref.objects.filter(stripe_id=stripe_id, object_type=Ref.ObjectType.SUBSCRIPTION)
           .select_related("subscription__plan__seller_operator", "subscription__member")
           .first())
    return ref.subscription if ref is not None else None


def subscription_invoice_paid(*, invoice: GatewayInvoice) -> Subscription | None:
    """A subscription invoice was paid (first month or renewal). Records the payment, grants
    the period's credits and issues our invoice, once per Stripe invoice. None if the
    subscription is not ours."""
    if not invoice.subscription or invoice.status != "paid":
        return None
    subscription = _local_subscription(invoice.subscription)
    if subscription is None:
        return None
    if invoice.period_start is None or invoice.period_end is None:
        raise BillingError(BillingErrorCode.PROVIDER_MISMATCH)
    plan = subscription.plan
    paid_at = invoice.paid_at or timezone.now()
    with transaction.atomic():
        membership.subscription_period_paid(
            subscription=subscription, period_start=invoice.period_start,
            period_end=invoice.period_end, value=invoice.amount_paid,
            source_key=f"stripe_invoice:{invoice.id}", now=timezone.now())
        if invoice.amount_paid <= 0 or Invoice.objects.filter(
                source_key=f"stripe_invoice:{invoice.id}").exists():
            return subscription
        start = invoice.period_start.astimezone(LEGAL_TIMEZONE)
        end = invoice.period_end.astimezone(LEGAL_TIMEZONE)
        payment = payment_create(
            payer=subscription.member, purpose=Payment.Purpose.SUBSCRIPTION_PERIOD,
            amount=invoice.amount_paid, currency=invoice.currency,
            seller_operator=plan.seller_operator, plan=plan, subscription=subscription,
            status=Payment.Status.SUCCEEDED,
            description=f"{plan.name} — du {start:%d/%m/%Y} au {end:%d/%m/%Y}")
        if invoice.payment_intent:
            Ref.objects.get_or_create(stripe_id=invoice.payment_intent, defaults={
                "payment": payment, "object_type": Ref.ObjectType.PAYMENT_INTENT})
        invoice_issue(seller=seller_for_plan(plan), buyer=subscription.member,
                      source_key=f"stripe_invoice:{invoice.id}", service_date=start.date(),
                      currency=payment.currency, payment=payment, paid_at=paid_at,
                      lines=[LineInput(payment.description, Decimal("1"), payment.amount,
                                       vat_for_plan(plan))])
    return subscription


def subscription_invoice_failed(*, invoice: GatewayInvoice) -> Subscription | None:
    """A renewal payment failed: past_due, notice; suspended after the last attempt."""
    if not invoice.subscription or invoice.status == "paid":
        return None
    subscription = _local_subscription(invoice.subscription)
    if subscription is None:
        return None
    final = invoice.next_payment_attempt is None and invoice.attempt_count > 1
    with transaction.atomic():
        subscription = membership.subscription_payment_failed(
            subscription=subscription, attempt_count=max(invoice.attempt_count, 1), final=final)
        notice(BillingNotice.Kind.RENEWAL_FAILED, user=subscription.member,
               subscription=subscription,
               dedupe_key=f"renewal_failed:{invoice.id}:{invoice.attempt_count}",
               data={"attempt": invoice.attempt_count,
                     "next_attempt": invoice.next_payment_attempt.isoformat()
                     if invoice.next_payment_attempt else None})
        if subscription.status == SubStatus.SUSPENDED:
            notice(BillingNotice.Kind.SUBSCRIPTION_SUSPENDED, user=subscription.member,
                   subscription=subscription,
                   dedupe_key=f"subscription_suspended:{subscription.reference}:{invoice.id}")
    return subscription


def subscription_apply_remote(*, remote: GatewaySubscription) -> Subscription | None:
    """Stripe's status of a subscription (customer.subscription.updated / deleted): canceled →
    cancelled, unpaid → suspended, past_due → past_due; `cancel_at_period_end` mirrored.
    Activation only ever comes from a paid invoice."""
    subscription = _local_subscription(remote.id)
    if subscription is None:
        return None
    if subscription.cancel_at_period_end != remote.cancel_at_period_end and (
            subscription.status != SubStatus.CANCELLED):
        subscription = membership.subscription_set_cancel_at_period_end(
            subscription=subscription, value=remote.cancel_at_period_end)
    target = {"canceled": SubStatus.CANCELLED, "unpaid": SubStatus.SUSPENDED,
              "past_due": SubStatus.PAST_DUE,
              "incomplete_expired": SubStatus.CANCELLED}.get(remote.status)
    if target and target in Subscription.TRANSITIONS[subscription.status]:
        subscription = membership.subscription_transition(
            subscription=subscription, to_status=target, reason=f"stripe: {remote.status}")
        if target == SubStatus.SUSPENDED:
            notice(BillingNotice.Kind.SUBSCRIPTION_SUSPENDED, user=subscription.member,
                   subscription=subscription,
                   dedupe_key=f"subscription_suspended:{subscription.reference}:unpaid")
    return subscription


def subscription_cancel(*, subscription: Subscription, at_period_end: bool) -> Subscription:
    """Stop renewing (at the end of the paid period) or cancel now (no refund of the current
    month; its credits stay valid until the period ends)."""
    if subscription.status == SubStatus.CANCELLED:
        return subscription
    stripe_id = stripe_subscription_id(subscription)
    gateway = get_gateway()
    try:
        if stripe_id and at_period_end:
            gateway.update_subscription(
                stripe_id, cancel_at_period_end=True,
                idempotency_key=f"subscription:{subscription.reference}:cancel-at-end")
        elif stripe_id:
            gateway.cancel_subscription(
                stripe_id, idempotency_key=f"subscription:{subscription.reference}:cancel")
    except GatewayError as exc:
        raise gateway_error(exc) from exc
    if at_period_end:
        return membership.subscription_set_cancel_at_period_end(subscription=subscription,
                                                               value=True)
    return membership.subscription_transition(subscription=subscription,
                                              to_status=SubStatus.CANCELLED,
                                              reason="cancelled by member")


def subscription_resume(*, subscription: Subscription) -> Subscription:
    """Undo a cancellation at period end."""
    stripe_id = stripe_subscription_id(subscription)
    if stripe_id:
        try:
            get_gateway().update_subscription(
                stripe_id, cancel_at_period_end=False,
                idempotency_key=f"subscription:{subscription.reference}:resume:"
                                f"{subscription.status_changes.count()}")
        except GatewayError as exc:
            raise gateway_error(exc) from exc
    return membership.subscription_set_cancel_at_period_end(subscription=subscription,
                                                           value=False)


def subscription_change(*, subscription: Subscription, plan: Plan) -> Subscription:
    """Switch to another plan of the same seller from the next renewal (no proration)."""
    membership.subscription_change_plan_check(subscription=subscription, plan=plan)
    stripe_id = stripe_subscription_id(subscription)
    if stripe_id:
        try:
            get_gateway().update_subscription(
                stripe_id, price=_price_for(plan),
                idempotency_key=f"subscription:{subscription.reference}:plan:{plan.pk}")
        except GatewayError as exc:
            raise gateway_error(exc) from exc
    return membership.subscription_change_plan(subscription=subscription, plan=plan)
