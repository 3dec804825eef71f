"""What billing asks of, or announces to, the apps above it (see `ostal.core.hooks`).

Billing moves payments through their states; what a payment *bought* belongs to the app that
sold it. A booking's payment is fulfilled by the checkout (confirm the hold, or refund a
payment that came too late; invoice), a bundle order's by employers. Billing imports neither:
it calls these ports, which those apps connect in their `AppConfig.ready()`. Each runs inside
the transaction that moves the payment, with the payment row locked.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from ostal.accounts.models import User
from ostal.billing.models import Payment
from ostal.core.hooks import Hook, Port


@dataclass(frozen=True)
class PaymentEvent:
    payment: Payment
    at: dt.datetime


@dataclass(frozen=True)
class NoticeRecorded:
    kind: str
    dedupe_key: str
    user: User | None = None
    payment: Payment | None = None
    subscription: Any = None
    data: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class ReconciliationSummary:
    day_key: str
    payload: dict[str, Any]


booking_payment_succeeded: Port[PaymentEvent, None] = Port("billing.booking_payment_succeeded")
booking_payment_failed: Port[PaymentEvent, None] = Port("billing.booking_payment_failed")
bundle_payment_succeeded: Port[PaymentEvent, None] = Port("billing.bundle_payment_succeeded")

notice_recorded: Hook[NoticeRecorded] = Hook("billing.notice_recorded")
"""A billing notice was recorded once (payment failed, refund issued...): notifications mail it."""

reconciliation_summary: Port[ReconciliationSummary, int] = Port("billing.reconciliation_summary")
"""The day's reconciliation summary for the network admins; answers how many mails were queued."""
