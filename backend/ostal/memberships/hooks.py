"""What memberships announce to the apps above them (see `ostal.core.hooks`); notifications
connect in their `AppConfig.ready()`. Both run in the caller's transaction."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ostal.core.hooks import Hook
from ostal.memberships.models import CreditLot, Subscription


@dataclass(frozen=True)
class LotGranted:
    lot: CreditLot


@dataclass(frozen=True)
class PeriodPaid:
    subscription: Subscription
    period_end: dt.datetime
    now: dt.datetime


credit_lot_granted: Hook[LotGranted] = Hook("memberships.credit_lot_granted")
"""A member's credit lot was granted (an employer's pool has no one to remind: not sent)."""

subscription_period_paid: Hook[PeriodPaid] = Hook("memberships.subscription_period_paid")
"""A subscription's paid period moved forward to `period_end`."""
