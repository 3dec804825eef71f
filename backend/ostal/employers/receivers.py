"""The lower apps' hooks employers answer (connected in `EmployersConfig.ready()`)."""

from __future__ import annotations

from ostal.billing import hooks as billing_hooks
from ostal.employers.services.bundles import bundle_order_paid


def bundle_payment_succeeded(event: billing_hooks.PaymentEvent) -> None:
    bundle_order_paid(payment=event.payment, paid_at=event.at)


def connect() -> None:
    billing_hooks.bundle_payment_succeeded.connect(bundle_payment_succeeded)
