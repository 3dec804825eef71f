"""Reads of memberships for the API: wallet, ledger history, plan catalogue."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet, Sum
from django.db.models.functions import Coalesce

from ostal.accounts.models import User
from ostal.memberships.models import CreditAccount, CreditLedgerEntry, CreditLot, Plan, Subscription
from ostal.memberships.services.credits import lots_with_balance
from ostal.spaces.models import Space

if TYPE_CHECKING:
    from ostal.memberships.services.credits import LotWithBalance


@dataclass(frozen=True)
class Wallet:
    """A member's lots with their balance (units); totals count valid lots only."""

    lots: list[LotWithBalance]
    network_units: int
    space_units: dict[int, int]

    @property
    def total_units(self) -> int:
        return self.network_units + sum(self.space_units.values())


def wallet_get(*, user: User, now: dt.datetime, include_expired: bool = False
               ) -> Wallet:
    """Lots of the member's account, soonest expiry first (expired and empty ones only if
    asked). One query."""
    lots = (lots_with_balance_for_user(user).select_related("space", "plan")
            .order_by("expires_at", "id"))
    if not include_expired:
        lots = lots.filter(expires_at__gt=now, balance__gt=0)
    rows = list(lots)
    network = 0
    per_space: dict[int, int] = {}
    for lot in rows:
        balance = lot.balance
        if lot.expires_at <= now or lot.valid_from > now or balance <= 0:
            continue
        if lot.scope == CreditLot.Scope.NETWORK:
            network += balance
        else:
            assert lot.space_id is not None
            per_space[lot.space_id] = per_space.get(lot.space_id, 0) + balance
    return Wallet(rows, network, per_space)


def lots_with_balance_for_user(user: User) -> QuerySet[LotWithBalance]:
    account = CreditAccount.objects.filter(user=user, kind=CreditAccount.Kind.PERSONAL).first()
    if account is None:
        return CreditLot.objects.none().annotate(balance=Coalesce(Sum("entries__delta"), 0))
    return lots_with_balance(account)


def ledger_entries_for_user(user: User) -> QuerySet[CreditLedgerEntry]:
    return (CreditLedgerEntry.objects.filter(account__user=user)
            .select_related("lot", "lot__space").order_by("-created_at", "-id"))


def plan_catalogue(*, space_id: int | None = None, kind: str | None = None) -> QuerySet[Plan]:
    """Active plans on sale. With `space_id`: that place's plans, plus network plans if the
    place accepts the pass."""
    plans = Plan.objects.filter(is_active=True).select_related("space", "seller_operator")
    if space_id is not None:
        plans = plans.filter(Q(space_id=space_id) | _network_plans_if_accepted(space_id))
    if kind:
        plans = plans.filter(kind=kind)
    return plans.order_by("kind", "price", "id")


def _network_plans_if_accepted(space_id: int) -> Q:
    accepts = Space.objects.filter(pk=space_id, accepts_network_pass=True).exists()
    return Q(space__isnull=True) if accepts else Q(pk__in=[])


def subscriptions_for_user(user: User) -> QuerySet[Subscription]:
    return (Subscription.objects.filter(member=user)
            .select_related("plan", "plan__space", "plan__seller_operator")
            .order_by("-created_at"))


def subscription_units_left(subscription: Subscription, *, now: dt.datetime) -> int | None:
    """Units left on the current period's lot (None for an unlimited plan)."""
    if subscription.plan.credit_units is None:
        return None
    lot = (CreditLot.objects.filter(subscription=subscription, expires_at__gt=now)
           .annotate(balance=Coalesce(Sum("entries__delta"), 0))
           .order_by("-expires_at", "-id").first())
    return int(lot.balance) if lot is not None else 0
