"""What a booking costs and what closing it gives back: the public price rules of a booking.

Read by the checkout (quotes, payment, settlement on close), by reconciliation (money still due
back on a closed booking) and by anyone who shows a price. Pure reads: nothing here writes.

- `booking_price_detail` / `booking_price`: the card price (member price when it applies);
- `booking_credit_units`: the cost in credits (the network tariff);
- `booking_quote`: both, and whether an unlimited plan covers it;
- `refund_share` / `member_cancellation_share`: the percentage a closed (or cancelled now)
  booking gives back, from the place's cancellation rules;
- `spend_key` / `release_key`: the credit-ledger operation keys of a booking's own credits.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.utils import timezone

from ostal.billing.errors import BillingError, BillingErrorCode
from ostal.bookings.models import Booking, Part
from ostal.bookings.policies import policy_for
from ostal.core.money import quantize
from ostal.memberships.errors import MembershipError
from ostal.memberships.pricing import credit_units_for
from ostal.memberships.services.plans import has_unlimited_access, is_place_member
from ostal.spaces.models import Price, Resource


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



def refund_share(booking: Booking) -> int:
    """Percentage of what was paid that goes back, from the booking's final state:
    - never confirmed (a hold that expired, or was cancelled while held: nothing was used,
      and an employer's pool spent for a co-payment never paid gets it all back), or
      cancelled by the place: 100;
    - cancelled by the member before the place's cancellation deadline: 100;
    - cancelled later: BILLING_LATE_CANCELLATION_REFUND_PERCENT (0 by default: fee = price);
    - no-show, or still active: 0."""
    status = booking.status
    if status == Booking.Status.EXPIRED:
        return 100
    if status != Booking.Status.CANCELLED:
        return 0
    if booking.confirmed_at is None:
        return 100
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
