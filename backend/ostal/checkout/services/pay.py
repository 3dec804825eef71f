"""Paying for a booking with the member's own credits or card.

`booking_checkout` is called by the API (POST /billing/bookings/{id}/checkout/). A card payment
is fulfilled when it succeeds (`ostal.checkout.services.fulfil`, through billing's port): the
hold is confirmed then, wherever the success came from (the API, 3-D Secure, a webhook).
Lock order, everywhere: booking row → payment row → credit account row.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from ostal.accounts.models import User
from ostal.billing.errors import BillingError, BillingErrorCode
from ostal.billing.models import Payment
from ostal.billing.pricing import (
    booking_credit_units,
    booking_description,
    booking_price,
    spend_key,
)
from ostal.billing.services.customers import customer_get_or_create, payment_method_ensure_owned
from ostal.billing.services.payments import PaymentStarted, payment_create, payment_start
from ostal.bookings.models import Booking
from ostal.bookings.services import booking_confirm_hold
from ostal.employers.services.pool import booking_paid_by_employer
from ostal.memberships.models import CreditLedgerEntry
from ostal.memberships.services.credits import CreditSpend, credit_spend
from ostal.memberships.services.plans import has_unlimited_access
from ostal.spaces.models import Resource

PAYABLE_STATUSES = (Booking.Status.HELD, Booking.Status.CONFIRMED)


@dataclass(frozen=True)
class CheckoutResult:
    booking: Booking
    method: str
    spend: CreditSpend | None = None
    payment: PaymentStarted | None = None


def ensure_payable(booking: Booking) -> None:
    """Refuse a booking that cannot be paid now: not held or confirmed (BOOKING_NOT_PAYABLE),
    or already paid by its member's credits, by card or by their employer
    (BOOKING_ALREADY_PAID)."""
    if booking.status not in PAYABLE_STATUSES:
        raise BillingError(BillingErrorCode.BOOKING_NOT_PAYABLE, status=booking.status)
    if CreditLedgerEntry.objects.filter(operation_key=spend_key(booking)).exists() or (
            booking.payments.filter(status__in=Payment.PAID_STATUSES).exists()) or (
            booking_paid_by_employer(booking)):
        raise BillingError(BillingErrorCode.BOOKING_ALREADY_PAID)


def booking_checkout(*, booking: Booking, member: User, method: str,
                     payment_method: str = "", save_card: bool = False,
                     now: dt.datetime | None = None) -> CheckoutResult:
    """Pay for a held (or confirmed, unpaid) booking.

    `credits`: in one transaction, lock the booking, spend its cost from the member's credits
    usable at the place (idempotent per booking), and confirm a held booking; a place's
    unlimited plan covers desks without spending. INSUFFICIENT_CREDITS or HOLD_EXPIRED roll
    everything back.

    `card`: a Payment for the place's price, collected for the place's operator; with a saved
    card it is confirmed at once and a success confirms the booking before returning, else the
    browser completes it (3-D Secure) and the webhook confirms. A failure releases the hold;
    a success after the hold expired is refunded."""
    now = now or timezone.now()
    if method == "credits":
        with transaction.atomic():
            booking = Booking.objects.select_for_update().select_related("space").get(
                pk=booking.pk)
            ensure_payable(booking)
            spend = None
            covered = (booking.resource_kind == Resource.Kind.DESK
                       and has_unlimited_access(user=member, space=booking.space, now=now))
            if not covered:
                spend = credit_spend(user=member, units=booking_credit_units(booking),
                                     space=booking.space, reason_type="booking",
                                     reason_id=str(booking.reference),
                                     operation_key=spend_key(booking), now=now)
            if booking.status == Booking.Status.HELD:
                booking = booking_confirm_hold(booking=booking, now=now)
        return CheckoutResult(booking, "subscription" if covered else "credits", spend=spend)

    # card
    booking = Booking.objects.select_related("space__operator").get(pk=booking.pk)
    open_payment = booking.payments.filter(status__in=Payment.OPEN_STATUSES).first()
    ensure_payable(booking)
    if payment_method:
        customer = payment_method_ensure_owned(user=member, payment_method_id=payment_method)
    else:
        customer = customer_get_or_create(user=member)
    if open_payment is not None and open_payment.status != Payment.Status.FAILED:
        payment = open_payment
    else:
        amount, currency = booking_price(booking)
        payment = payment_create(
            payer=member, purpose=Payment.Purpose.BOOKING, amount=amount, currency=currency,
            seller_operator=booking.space.operator, booking=booking, save_card=save_card,
            description=booking_description(booking))
    started = payment_start(payment=payment, customer=customer, payment_method=payment_method)
    booking.refresh_from_db()
    return CheckoutResult(booking, "card", payment=started)
