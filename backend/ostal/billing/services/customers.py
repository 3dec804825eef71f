"""Stripe customers and saved cards of members.

A card is saved through a SetupIntent the browser confirms with Stripe.js; we keep no card data,
only the customer id (StripeObjectRef). Listing and removing cards asks Stripe each time. Every
card id a member sends us is checked against their own customer first.
"""

from __future__ import annotations

from django.db import IntegrityError, transaction

from ostal.accounts.models import User
from ostal.billing.errors import BillingError, BillingErrorCode
from ostal.billing.models import StripeObjectRef
from ostal.billing.stripe.gateway import (
    GatewayError,
    GatewayPaymentMethod,
    GatewaySetupIntent,
    get_gateway,
)

Ref = StripeObjectRef


def gateway_error(exc: GatewayError) -> BillingError:
    """Our error for a provider failure (the message is Stripe's, for the member)."""
    if exc.retryable:
        return BillingError(BillingErrorCode.PROVIDER_UNAVAILABLE)
    if exc.code in {"card_declined", "insufficient_funds", "expired_card", "incorrect_cvc",
                    "authentication_required", "generic_decline"}:
        return BillingError(BillingErrorCode.CARD_DECLINED, reason=exc.message)
    return BillingError(BillingErrorCode.PROVIDER_REFUSED, reason=exc.message)


def customer_id_for(user: User) -> str | None:
    return (Ref.objects.filter(object_type=Ref.ObjectType.CUSTOMER, user=user)
            .values_list("stripe_id", flat=True).first())


def customer_get_or_create(*, user: User) -> str:
    """The member's Stripe customer id, created on first need. The idempotency key is derived
    from the user, and the ref is UNIQUE per user: two racing requests end with one row."""
    existing = customer_id_for(user)
    if existing:
        return existing
    try:
        customer = get_gateway().create_customer(
            email=getattr(user, "email", ""), name=str(user),
            metadata={"ostal_user": str(user.pk)}, idempotency_key=f"customer:user:{user.pk}")
    except GatewayError as exc:
        raise gateway_error(exc) from exc
    try:
        with transaction.atomic():
            Ref.objects.create(stripe_id=customer.id, object_type=Ref.ObjectType.CUSTOMER,
                               user=user)
    except IntegrityError:
        return customer_id_for(user) or customer.id
    return customer.id


def setup_intent_create(*, user: User) -> GatewaySetupIntent:
    """A SetupIntent to save a card; the browser confirms it with its client secret."""
    customer = customer_get_or_create(user=user)
    count = Ref.objects.filter(object_type=Ref.ObjectType.SETUP_INTENT, user=user).count()
    try:
        intent = get_gateway().create_setup_intent(
            customer=customer, metadata={"ostal_user": str(user.pk)},
            idempotency_key=f"setup_intent:user:{user.pk}:{count + 1}")
    except GatewayError as exc:
        raise gateway_error(exc) from exc
    Ref.objects.get_or_create(stripe_id=intent.id, defaults={
        "object_type": Ref.ObjectType.SETUP_INTENT, "user": user})
    return intent


def setup_intent_complete(*, user: User, setup_intent_id: str
                          ) -> GatewayPaymentMethod:
    """After the browser confirmed a SetupIntent: the saved card. Refused for a SetupIntent
    that is not the member's (FOREIGN_SETUP_INTENT), or not (yet) confirmed
    (SETUP_NOT_CONFIRMED: the member's step, not the provider's failure)."""
    if not Ref.objects.filter(stripe_id=setup_intent_id, object_type=Ref.ObjectType.SETUP_INTENT,
                              user=user).exists():
        raise BillingError(BillingErrorCode.FOREIGN_SETUP_INTENT)
    gateway = get_gateway()
    try:
        intent = gateway.retrieve_setup_intent(setup_intent_id)
        if intent.status != "succeeded" or not intent.payment_method:
            raise BillingError(BillingErrorCode.SETUP_NOT_CONFIRMED, status=intent.status)
        return gateway.retrieve_payment_method(intent.payment_method)
    except GatewayError as exc:
        raise gateway_error(exc) from exc


def payment_methods_list(*, user: User) -> list[GatewayPaymentMethod]:
    customer = customer_id_for(user)
    if not customer:
        return []
    try:
        return get_gateway().list_payment_methods(customer=customer)
    except GatewayError as exc:
        raise gateway_error(exc) from exc


def payment_method_ensure_owned(*, user: User, payment_method_id: str) -> str:
    """The member's customer id, if `payment_method_id` is one of their saved cards."""
    customer = customer_id_for(user)
    if not customer or not payment_method_id.startswith("pm_"):
        raise BillingError(BillingErrorCode.PAYMENT_METHOD_NOT_YOURS)
    try:
        method = get_gateway().retrieve_payment_method(payment_method_id)
    except GatewayError as exc:
        raise BillingError(BillingErrorCode.PAYMENT_METHOD_NOT_YOURS) from exc
    if method.customer != customer:
        raise BillingError(BillingErrorCode.PAYMENT_METHOD_NOT_YOURS)
    return customer


def payment_method_remove(*, user: User, payment_method_id: str) -> None:
    payment_method_ensure_owned(user=user, payment_method_id=payment_method_id)
    try:
        get_gateway().detach_payment_method(payment_method_id)
    except GatewayError as exc:
        raise gateway_error(exc) from exc
