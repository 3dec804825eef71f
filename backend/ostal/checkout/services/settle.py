"""What closing a booking gives back, decided from its final state by `refund_share`.

`booking_settle` answers bookings' `booking_closed` hook (a booking cancelled, expired or marked
no-show), inside the transaction that closed it, with the row locked in its final state: the
member's credits come back (all or nothing), a card payment is refunded by the share (the Stripe
call is queued after commit, a credit note follows) or an unfinished one cancelled, and the
employer's pool gets its credits back. Each part is idempotent and makes no network call.
"""

from __future__ import annotations

from ostal.billing.models import Payment, Refund
from ostal.billing.pricing import refund_share, release_key, spend_key
from ostal.billing.services.payments import refund_request
from ostal.billing.tasks import enqueue_on_commit
from ostal.bookings.models import Booking
from ostal.core.money import quantize
from ostal.employers.services.pool import employer_booking_settle
from ostal.memberships.models import CreditLedgerEntry
from ostal.memberships.services.credits import credit_release


def booking_settle(booking: Booking) -> None:
    """Settle the money of a booking that just left the active set (see the module docstring).
    `booking` is the caller's locked instance in its final state."""
    credits_refund_for_booking(booking, locked=True)
    payment_refund_for_booking(booking, locked=True)
    employer_booking_settle(booking, refund_percent=refund_share(booking))


def _closed_booking(booking: Booking, locked: bool) -> Booking:
    """The booking as the hooks decide from: the caller's instance when it says it holds the
    row locked with its final state (`locked`, as in `booking_settle`), else re-read."""
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
