"""Paying for a booking (credits or card) and what a cancellation gives back.

Integration points with ostal.bookings (which never imports billing at module level):
- `booking_checkout` is called by the API (POST /billing/bookings/{id}/checkout/);
- `credits_refund_for_booking` and `payment_refund_for_booking` are to be called by the
  bookings services whenever a booking leaves the active set (cancelled, hold expired,
  no-show), inside their transaction, after the status change. Both decide from the booking's
  final state and the place's cancellation rules (`refund_share`), are idempotent, and make no
  network call (Stripe work is enqueued after commit).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from ostal.accounts.models import User
from ostal.billing.errors import BillingError, BillingErrorCode
from ostal.billing.models import Payment, Refund
from ostal.billing.services.customers import customer_get_or_create, payment_method_ensure_owned
from ostal.billing.services.payments import (
    PaymentStarted,
    payment_create,
    payment_start,
    refund_request,
)
from ostal.billing.tasks import enqueue_on_commit
from ostal.bookings.models import Booking, Part
from ostal.bookings.policies import policy_for
from ostal.core.money import quantize
from ostal.memberships.errors import MembershipError
from ostal.memberships.models import CreditLedgerEntry
from ostal.memberships.pricing import credit_units_for
from ostal.memberships.services.credits import CreditSpend, credit_release, credit_spend
from ostal.memberships.services.plans import has_unlimited_access, is_place_member
from ostal.spaces.models import Price, Resource

PAYABLE_STATUSES = (Booking.Status.HELD, Booking.Status.CONFIRMED)


def spend_key(booking: Booking) -> str:
    return f"booking:{booking.reference}:spend"


def release_key(booking: Booking) -> str:
    return f"booking:{booking.reference}:release"


@dataclass(frozen=True)
class BookingPrice:
    amount: Decimal
    currency: str
    public_amount: Decimal
    is_member_price: bool


def booking_price_detail(booking: Booking, *, now: dt.datetime | None = None) -> BookingPrice:
    """Card price of a booking from the place's prices (tax included): the day price for a
    day, the half-day price (or half the day price) for a morning or an afternoon, the hourly
    price pro rata for custom times. A member of the place (`is_place_member` at `now`, the
    time of paying) pays the member price of that unit when one is set, else the public one.
    NO_PRICE when the place sells no such unit. `booking` may be unsaved (a quote)."""
    prices = {p.unit: p for p in Price.objects.filter(space_id=booking.space_id,
                                                      resource_kind=booking.resource_kind)}
    unit = Price.Unit
    factor = Decimal(1)
    if booking.part == Part.DAY and unit.DAY in prices:
        price = prices[unit.DAY]
    elif booking.part in (Part.MORNING, Part.AFTERNOON) and (
            unit.HALF_DAY in prices or unit.DAY in prices):
        price = prices.get(unit.HALF_DAY) or prices[unit.DAY]
        factor = Decimal(1) if price.unit == unit.HALF_DAY else Decimal("0.5")
    elif unit.HOUR in prices:
        price = prices[unit.HOUR]
        factor = Decimal(int((booking.end - booking.start).total_seconds() // 60)) / 60
    else:
        raise BillingError(BillingErrorCode.NO_PRICE)
    public = quantize(price.amount * factor, price.currency)
    if price.member_amount is not None and booking.member_id is not None and (
            is_place_member(user=booking.member, space=booking.space_id,
                            now=now or timezone.now())):
        member = quantize(price.member_amount * factor, price.currency)
        return BookingPrice(member, price.currency, public, is_member_price=True)
    return BookingPrice(public, price.currency, public, is_member_price=False)


def booking_price(booking: Booking, *, now: dt.datetime | None = None) -> tuple[Decimal, str]:
    """What a booking costs by card (see `booking_price_detail`)."""
    price = booking_price_detail(booking, now=now)
    return price.amount, price.currency


def booking_credit_units(booking: Booking) -> int:
    return credit_units_for(resource_kind=booking.resource_kind, part=booking.part,
                            start=booking.start, end=booking.end)


@dataclass(frozen=True)
class BookingQuote:
    amount: Decimal | None
    currency: str
    credit_units: int | None
    covered_by_subscription: bool
    public_amount: Decimal | None = None
    is_member_price: bool = False


def booking_quote(booking: Booking, *, now: dt.datetime | None = None) -> BookingQuote:
    """What `booking` costs its member now: by card (member price when it applies), in
    credits, and whether a place's unlimited plan covers it. `booking` may be unsaved and
    without a member (an anonymous visitor's quote: public price, never covered)."""
    now = now or timezone.now()
    try:
        price: BookingPrice | None = booking_price_detail(booking, now=now)
    except BillingError:
        price = None
    try:
        units: int | None = booking_credit_units(booking)
    except MembershipError:  # not sold in credits
        units = None
    covered = (booking.resource_kind == Resource.Kind.DESK and booking.member_id is not None
               and has_unlimited_access(user=booking.member, space=booking.space, now=now))
    if price is None:
        return BookingQuote(None, "EUR", units, covered)
    return BookingQuote(price.amount, price.currency, units, covered,
                        public_amount=price.public_amount,
                        is_member_price=price.is_member_price)


def booking_description(booking: Booking) -> str:
    kind = Resource.Kind(booking.resource_kind).label
    part = Part(booking.part).label
    return f"{kind} — {booking.space.name}, {booking.local_date:%d/%m/%Y} ({part})"


@dataclass(frozen=True)
class CheckoutResult:
    booking: Booking
    method: str
    spend: CreditSpend | None = None
    payment: PaymentStarted | None = None


def ensure_payable(booking: Booking) -> None:
    if booking.status not in PAYABLE_STATUSES:
        raise BillingError(BillingErrorCode.BOOKING_NOT_PAYABLE, status=booking.status)
    if CreditLedgerEntry.objects.filter(operation_key=spend_key(booking)).exists() or (
            booking.payments.filter(status__in=Payment.PAID_STATUSES).exists()) or (
            Booking.objects.filter(pk=booking.pk, employer_booking__status="active").exists()):
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
    from ostal.bookings.services import booking_confirm_hold

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


def refund_share(booking: Booking) -> int:
    """Percentage of what was paid that goes back, from the booking's final state:
    - hold expired (never confirmed), or cancelled by the place: 100;
    - cancelled by the member before the place's cancellation deadline: 100;
    - cancelled later: BILLING_LATE_CANCELLATION_REFUND_PERCENT (0 by default: fee = price);
    - no-show, or still active: 0."""
    status = booking.status
    if status == Booking.Status.EXPIRED:
        return 100
    if status != Booking.Status.CANCELLED:
        return 0
    actor = booking.cancelled_by
    if actor is not None and actor.pk != booking.member_id and (
            actor.is_network_admin or booking.space.operator.managers.filter(
                pk=actor.pk).exists()):
        return 100
    return member_cancellation_share(booking, booking.cancelled_at or timezone.now())


def member_cancellation_share(booking: Booking, at: dt.datetime) -> int:
    """Percentage given back when the member cancels `booking` at `at`: 100 up to the place's
    cancellation deadline, BILLING_LATE_CANCELLATION_REFUND_PERCENT (clamped to 0..100) after
    it (a late cancellation)."""
    policy = policy_for(booking.space_id, booking.resource_kind)
    deadline = booking.start - dt.timedelta(minutes=policy.cancellation_deadline_minutes)
    if at <= deadline:
        return 100
    return max(0, min(100, settings.BILLING_LATE_CANCELLATION_REFUND_PERCENT))


def _closed_booking(booking: Booking, locked: bool) -> Booking:
    """The booking as the hooks decide from: the caller's instance when it says it holds the
    row locked with its final state (`locked`, as bookings' `_close` does), else re-read."""
    if locked:
        return booking
    return Booking.objects.select_related("space__operator", "cancelled_by").get(pk=booking.pk)


def credits_refund_for_booking(booking: Booking, *, locked: bool = False
                               ) -> list[CreditLedgerEntry]:
    """Give back the credits a cancelled booking spent, when the place's rules allow it (see
    `refund_share`; credits are all or nothing: any share below 100 keeps them). Idempotent;
    locks the member's credit account. `locked`: see `_closed_booking`."""
    booking = _closed_booking(booking, locked)
    if refund_share(booking) < 100:
        return []
    return credit_release(spend_operation_key=spend_key(booking),
                          release_operation_key=release_key(booking),
                          reason_type="booking", reason_id=str(booking.reference))


def payment_refund_for_booking(booking: Booking, *, locked: bool = False) -> Refund | None:
    """Settle the card side of a booking that left the active set: an unfinished payment is
    cancelled at Stripe (after commit); a paid one is refunded by `refund_share` percent (the
    refund runs at Stripe after commit, a credit note follows). Idempotent. `locked`: see
    `_closed_booking`."""
    booking = _closed_booking(booking, locked)
    refund: Refund | None = None
    for payment in booking.payments.all():
        if payment.status in Payment.OPEN_STATUSES:
            enqueue_on_commit("billing.cancel_payment", payment.pk)
        elif payment.status in (Payment.Status.SUCCEEDED, Payment.Status.PARTIALLY_REFUNDED):
            share = refund_share(booking)
            amount = quantize(payment.amount * share / 100, payment.currency)
            amount = min(amount, payment.amount - payment.amount_refunded)
            if amount > 0:
                refund = refund_request(payment=payment, amount=amount,
                                        reason=Refund.Reason.BOOKING_CANCELLED)
    return refund

