"""Reads of the checkout: what a booking would cost before it exists, and what cancelling one
now gives back.

Both are shown by the booking screens before the member commits, from the same rules as the
payment (`booking_quote`) and the settlement on close (`member_cancellation_share`), so the
browser never computes a price or a refund itself.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone

from ostal.accounts.models import User
from ostal.billing.models import Payment
from ostal.billing.pricing import BookingQuote, booking_quote, member_cancellation_share, spend_key
from ostal.bookings.models import Booking
from ostal.bookings.policies import policy_for
from ostal.bookings.rules import SlotRequest, check_kind_and_capacity, resolve_slot
from ostal.bookings.schedule import SpaceSchedule
from ostal.core.money import quantize
from ostal.memberships.services.credits import spent_units
from ostal.spaces.models import Space


def slot_quote(*, member: User | None, space: Space, resource_kind: str, slot: SlotRequest,
               now: dt.datetime | None = None) -> BookingQuote:
    """Quote a slot nobody booked yet, for `member` (None: an anonymous visitor, who sees the
    public price). The slot goes through the booking rules (hours, sale unit, steps, the past)
    and answers their BookingError when it could not be booked; notice and horizon rules are
    not applied (a price does not depend on them). Writes nothing."""
    now = now or timezone.now()
    check_kind_and_capacity(space=space, resource_kind=resource_kind, attendees=1)
    day = SpaceSchedule.load(space, slot.date, slot.date).day(slot.date)
    resolved = resolve_slot(day, policy_for(space.pk, resource_kind), slot, now=now,
                            relaxed=True)
    booking = Booking(space=space, resource_kind=resource_kind, part=resolved.part,
                      start=resolved.span.start, end=resolved.span.end,
                      local_date=resolved.local_date, member=member)
    return booking_quote(booking, now=now)


@dataclass(frozen=True)
class CancellationTerms:
    """What cancelling a booking now means for its member."""

    deadline: dt.datetime
    is_late: bool
    has_started: bool
    refund_percent: int
    currency: str
    paid_amount: Decimal
    refund_amount: Decimal
    credit_units_spent: int
    credits_returned: bool


def booking_cancellation_terms(*, booking: Booking, now: dt.datetime | None = None
                               ) -> CancellationTerms:
    """The member's side of cancelling `booking` at `now`: before the place's deadline
    everything comes back; after it (a late cancellation) the card payment is refunded by
    BILLING_LATE_CANCELLATION_REFUND_PERCENT and credits come back only at 100 %, exactly as
    `refund_share` will decide when the cancellation happens. Writes nothing."""
    now = now or timezone.now()
    policy = policy_for(booking.space_id, booking.resource_kind)
    deadline = booking.start - dt.timedelta(minutes=policy.cancellation_deadline_minutes)
    share = member_cancellation_share(booking, now)
    paid = [p for p in booking.payments.all() if p.status in (
        Payment.Status.SUCCEEDED, Payment.Status.PARTIALLY_REFUNDED)]
    currency = paid[0].currency if paid else "EUR"
    paid_amount = sum((p.amount - p.amount_refunded for p in paid), Decimal("0.00"))
    refund = sum((min(quantize(p.amount * share / 100, p.currency), p.amount - p.amount_refunded)
                  for p in paid), Decimal("0.00"))
    units = spent_units(spend_key(booking))
    return CancellationTerms(
        deadline=deadline, is_late=now > deadline, has_started=booking.start <= now,
        refund_percent=share, currency=currency, paid_amount=paid_amount,
        refund_amount=refund, credit_units_spent=units,
        credits_returned=units > 0 and share >= 100)
