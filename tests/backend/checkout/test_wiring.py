"""The checkout answers the lower apps' hooks once Django has started (ADR 0011): a paid booking
is always fulfilled by someone, and a closed booking's money is settled before it is mailed."""

from ostal.billing import hooks as billing_hooks
from ostal.bookings import hooks as booking_hooks


def test_every_payment_billing_takes_has_an_app_to_fulfil_it():
    ports = (billing_hooks.booking_payment_succeeded, billing_hooks.booking_payment_failed,
             billing_hooks.bundle_payment_succeeded, billing_hooks.reconciliation_summary)

    assert [port.name for port in ports if not port.is_connected] == []


def test_a_closed_booking_is_settled_then_mailed():
    receivers = booking_hooks.booking_closed.receivers

    assert [receiver.__module__ for receiver in receivers] == [
        "ostal.checkout.receivers", "ostal.notifications.receivers"]
