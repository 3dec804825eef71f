"""Writes on the credit ledger: grant, spend, release, revoke.

Locking: every operation that can lower a balance (spend, revoke) first locks the owner's
`CreditAccount` row (`SELECT ... FOR UPDATE`), then reads the lot balances (sums), decides and
appends entries, all in one transaction. Two concurrent spends on one account therefore run one
after the other, and the second sees the first one's entries: a balance can never go negative
(tests/backend/memberships/test_credit_concurrency.py). On SQLite the whole write transaction is
serialised by BEGIN IMMEDIATE, which gives the same guarantee.

Idempotency: each operation carries an `operation_key` chosen by the caller from the thing it
pays for (`booking:<reference>:spend`); a replay returns the first result. The UNIQUE
`idempotency_key` of each entry (`<operation_key>:<lot id>`) is the database backstop.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, TypedDict

from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from ostal.accounts.models import User
from ostal.memberships import hooks
from ostal.memberships.errors import MembershipError, MembershipErrorCode
from ostal.memberships.models import (
    CreditAccount,
    CreditLedgerEntry,
    CreditLot,
    Plan,
    Subscription,
    units_to_credits,
)
from ostal.spaces.models import Operator, Space

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations

Entry = CreditLedgerEntry


class LotBalance(TypedDict):
    """The `balance` annotation added by `lots_with_balance` (units)."""

    balance: int


if TYPE_CHECKING:
    LotWithBalance = WithAnnotations[CreditLot, LotBalance]


@dataclass(frozen=True)
class CreditSpend:
    """The result of a spend: which lots gave how much. `replayed` when the operation key had
    already been spent (nothing new was written)."""

    operation_key: str
    units: int
    entries: list[CreditLedgerEntry] = field(default_factory=list)
    replayed: bool = False


def credit_account_get_or_create(*, user: User) -> CreditAccount:
    """The member's personal account, created on first use. Race-safe: the UNIQUE (user, kind)
    constraint lets only one concurrent creation win; the loser reads the winner's row."""
    account = CreditAccount.objects.filter(user=user, kind=CreditAccount.Kind.PERSONAL).first()
    if account is not None:
        return account
    try:
        with transaction.atomic():
            return CreditAccount.objects.create(user=user, kind=CreditAccount.Kind.PERSONAL)
    except IntegrityError:
        return CreditAccount.objects.get(user=user, kind=CreditAccount.Kind.PERSONAL)


def _account_of(user: User | None, account: CreditAccount | None) -> CreditAccount:
    """The account an operation is on: given as is (an employer's bundle), or a member's."""
    if account is not None:
        return account
    assert user is not None, "a credit operation needs a user or an account"
    return credit_account_get_or_create(user=user)


def _lock_account(user: User | None, account: CreditAccount | None = None) -> CreditAccount:
    """Lock (FOR UPDATE) the account row until the end of the transaction."""
    return CreditAccount.objects.select_for_update().get(pk=_account_of(user, account).pk)


def lots_with_balance(account: CreditAccount) -> QuerySet[LotWithBalance]:
    """The account's lots annotated with `balance` (units), the sum of their entries."""
    return (CreditLot.objects.filter(account=account)
            .annotate(balance=Coalesce(Sum("entries__delta"), 0)))


def spendable_lots(account: CreditAccount, *, space: Space, now: dt.datetime
                   ) -> QuerySet[LotWithBalance]:
    """Lots usable at `space` now, oldest-expiring first: the place's own lots, plus network
    lots if the place accepts the network pass. Ties broken by id (deterministic order)."""
    scope = Q(scope=CreditLot.Scope.SPACE, space=space)
    if space.accepts_network_pass:
        scope |= Q(scope=CreditLot.Scope.NETWORK)
    return (lots_with_balance(account)
            .filter(scope, valid_from__lte=now, expires_at__gt=now, balance__gt=0)
            .order_by("expires_at", "id"))


def credit_grant(*, user: User | None, units: int, scope: str, space: Space | None,
                 valid_from: dt.datetime, expires_at: dt.datetime, source: str,
                 source_key: str, vat_treatment: str, seller_operator: Operator | None = None,
                 plan: Plan | None = None, subscription: Subscription | None = None,
                 value: Decimal = Decimal("0.00"), currency: str = "EUR",
                 account: CreditAccount | None = None) -> CreditLot:
    """Create a lot and its GRANT entry, on `user`'s personal account or on `account` (an
    employer's pool). Idempotent per `source_key` (UNIQUE on the lot): a replay, or a racing
    duplicate webhook, returns the existing lot and grants nothing."""
    if units <= 0:
        raise ValueError("A grant must be positive")
    existing = CreditLot.objects.filter(source_key=source_key).first()
    if existing is not None:
        return existing
    account = _account_of(user, account)
    try:
        with transaction.atomic():
            lot = CreditLot.objects.create(
                account=account, credit_units_granted=units, scope=scope, space=space,
                valid_from=valid_from, expires_at=expires_at, source=source,
                source_key=source_key, vat_treatment=vat_treatment,
                seller_operator=seller_operator, plan=plan, subscription=subscription,
                value=value, currency=currency)
            Entry.objects.create(account=account, lot=lot, kind=Entry.Kind.GRANT, delta=units,
                                 reason_type="lot", reason_id=str(lot.pk),
                                 operation_key=f"grant:{source_key}",
                                 idempotency_key=f"grant:{source_key}")
            if account.user_id is not None:  # an employer's pool has no one to remind
                hooks.credit_lot_granted.send(hooks.LotGranted(lot))
    except IntegrityError:
        return CreditLot.objects.get(source_key=source_key)
    return lot


def credit_spend(*, user: User | None, units: int, space: Space, reason_type: str,
                 reason_id: str, operation_key: str, now: dt.datetime | None = None,
                 account: CreditAccount | None = None) -> CreditSpend:
    """Spend `units` at `space` from `user`'s personal account (or from `account`),
    oldest-expiring valid lots first.

    Locks the account row, so concurrent spends on one account are serialised and the balance
    never goes negative. Idempotent per `operation_key`: a replay with the same amount returns
    the original entries; with another amount it is refused (OPERATION_KEY_REUSED). Refused
    with INSUFFICIENT_CREDITS (nothing written) when the usable balance is too small.
    """
    if units <= 0:
        raise ValueError("A spend must be positive")
    now = now or timezone.now()
    with transaction.atomic():
        account = _lock_account(user, account)
        previous = list(Entry.objects.filter(account=account, operation_key=operation_key,
                                             kind=Entry.Kind.SPEND).order_by("id"))
        if previous:
            if -sum(entry.delta for entry in previous) != units:
                raise MembershipError(MembershipErrorCode.OPERATION_KEY_REUSED)
            return CreditSpend(operation_key, units, previous, replayed=True)
        plan: list[tuple[CreditLot, int]] = []
        remaining = units
        for lot in spendable_lots(account, space=space, now=now):
            take = min(lot.balance, remaining)
            plan.append((lot, take))
            remaining -= take
            if remaining == 0:
                break
        if remaining > 0:
            raise MembershipError(MembershipErrorCode.INSUFFICIENT_CREDITS,
                                  needed=units_to_credits(units),
                                  available=units_to_credits(units - remaining))
        entries = [Entry.objects.create(
            account=account, lot=lot, kind=Entry.Kind.SPEND, delta=-take,
            reason_type=reason_type, reason_id=reason_id, operation_key=operation_key,
            idempotency_key=f"{operation_key}:{lot.pk}") for lot, take in plan]
    return CreditSpend(operation_key, units, entries)


def credit_release(*, spend_operation_key: str, release_operation_key: str,
                   reason_type: str = "", reason_id: str = "") -> list[CreditLedgerEntry]:
    """Give back what an operation spent, to the very lots it came from (their expiry is
    unchanged: a credit given back after its lot expired stays expired, see ADR 0004).

    Idempotent per `release_operation_key`; a no-op (empty list) if nothing was spent."""
    with transaction.atomic():
        spent = list(Entry.objects.filter(operation_key=spend_operation_key,
                                          kind=Entry.Kind.SPEND).order_by("id"))
        if not spent:
            return []
        CreditAccount.objects.select_for_update().get(pk=spent[0].account_id)
        previous = list(Entry.objects.filter(operation_key=release_operation_key,
                                             kind=Entry.Kind.RELEASE))
        if previous:
            return previous
        return [Entry.objects.create(
            account_id=entry.account_id, lot_id=entry.lot_id, kind=Entry.Kind.RELEASE,
            delta=-entry.delta, reason_type=reason_type or entry.reason_type,
            reason_id=reason_id or entry.reason_id, operation_key=release_operation_key,
            idempotency_key=f"{release_operation_key}:{entry.lot_id}") for entry in spent]


def credit_revoke_lot(*, lot: CreditLot, operation_key: str, reason_type: str,
                      reason_id: str) -> CreditLedgerEntry | None:
    """Take back what is left of a lot (a refunded or disputed purchase). Credits already used
    stay used. Locks the account; idempotent per `operation_key`."""
    with transaction.atomic():
        CreditAccount.objects.select_for_update().get(pk=lot.account_id)
        previous = Entry.objects.filter(operation_key=operation_key).first()
        if previous is not None:
            return previous
        balance = Entry.objects.filter(lot=lot).aggregate(total=Coalesce(Sum("delta"), 0))["total"]
        if balance <= 0:
            return None
        return Entry.objects.create(
            account_id=lot.account_id, lot=lot, kind=Entry.Kind.ADJUSTMENT, delta=-balance,
            reason_type=reason_type, reason_id=reason_id, operation_key=operation_key,
            idempotency_key=f"{operation_key}:{lot.pk}")


def spent_units(operation_key: str) -> int:
    """Units an operation spent (0 if none); releases are separate operations."""
    total = (Entry.objects.filter(operation_key=operation_key, kind=Entry.Kind.SPEND)
             .aggregate(total=Coalesce(Sum("delta"), 0))["total"])
    return int(-total)
