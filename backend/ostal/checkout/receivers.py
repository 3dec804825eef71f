"""The lower apps' hooks the checkout answers (connected in `CheckoutConfig.ready()`)."""

from __future__ import annotations

from ostal.billing import hooks as billing_hooks
from ostal.bookings import hooks as booking_hooks
from ostal.checkout.services.fulfil import booking_payment_failed, booking_payment_succeeded
from ostal.checkout.services.settle import booking_settle


def booking_closed(event: booking_hooks.BookingEvent) -> None:
    booking_settle(event.booking)


def connect() -> None:
    booking_hooks.booking_closed.connect(booking_closed)
    billing_hooks.booking_payment_succeeded.connect(booking_payment_succeeded)
    billing_hooks.booking_payment_failed.connect(booking_payment_failed)
