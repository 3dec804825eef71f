"""What a booking's card payment does once Stripe has decided, whatever told us (the API right
after confirming, the browser after 3-D Secure, a webhook, reconciliation).

Billing moves the payment and calls its ports (`ostal.billing.hooks`), connected to these two
functions in `CheckoutConfig.ready()`; both run inside the transaction that moves the payment,
after billing locked the booking row then the payment row.
"""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction

from ostal.billing.hooks import PaymentEvent
from ostal.billing.invoicing.issue import LineInput, invoice_issue
from ostal.billing.models import Refund
from ostal.billing.services.payments import refund_request
from ostal.billing.vat import seller_for, space_postal_address
from ostal.bookings.errors import BookingError
from ostal.bookings.models import Booking
from ostal.bookings.services import booking_cancel, booking_confirm_hold


def booking_payment_succeeded(event: PaymentEvent) -> None:
    """Confirm the held booking, then invoice in the name of the place's operator, dated when
    the payment succeeded (`event.at`). Paid after the hold was released (or the booking
    cancelled): the money goes back in full instead."""
    payment, paid_at = event.payment, event.at
    assert payment.booking_id is not None  # a booking payment always has its booking
    booking = (Booking.objects.select_related("space__operator", "space__commune")
               .get(pk=payment.booking_id))
    if booking.status == Booking.Status.HELD:
        try:
            with transaction.atomic():
                booking = booking_confirm_hold(booking=booking)
        except BookingError:
            pass
    if booking.status not in (Booking.Status.CONFIRMED, Booking.Status.CHECKED_IN):
        refund_request(payment=payment, amount=payment.amount,
                       reason=Refund.Reason.HOLD_EXPIRED)
        return
    operator = booking.space.operator
    invoice_issue(seller=seller_for(operator), buyer=payment.payer,
                  source_key=f"payment:{payment.reference}", service_date=booking.local_date,
                  currency=payment.currency, payment=payment, paid_at=paid_at, now=paid_at,
                  delivery={"name": booking.space.name,
                            "address": space_postal_address(booking.space)},
                  lines=[LineInput(payment.description, Decimal("1"), payment.amount,
                                   seller_for(operator).vat)])


def booking_payment_failed(event: PaymentEvent) -> None:
    """A failed card payment releases the slot it was holding (the member may book again); the
    cancellation settles the rest (an employer's pool gets its credits back)."""
    payment = event.payment
    assert payment.booking_id is not None  # only called for a booking payment
    booking = Booking.objects.get(pk=payment.booking_id)
    if booking.status == Booking.Status.HELD:
        booking_cancel(booking=booking, actor=payment.payer)
