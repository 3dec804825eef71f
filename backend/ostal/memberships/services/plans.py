"""Plans, what they grant, and subscriptions' life cycle.

Subscription status moves only along `Subscription.TRANSITIONS` through
`subscription_transition`, which locks the row and writes a `SubscriptionStatusChange`. The
payment side (Stripe invoices paid or failed) lives in ostal.billing, which calls
`subscription_period_paid` and `subscription_payment_failed` here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone

from ostal.accounts.models import User
from ostal.memberships import hooks
from ostal.memberships.errors import MembershipError, MembershipErrorCode
from ostal.memberships.models import CreditLot, Plan, Subscription, SubscriptionStatusChange
from ostal.memberships.services.credits import credit_grant
from ostal.spaces.models import Space

Status = Subscription.Status


@dataclass(frozen=True)
class LotTerms:
    """Scope and VAT treatment of the credits a plan grants (docs/billing-model.md)."""

    scope: str
    space: Space | None
    vat_treatment: str


def lot_terms_for_plan(plan: Plan) -> LotTerms:
    """The one place that decides: network credits are multi-purpose vouchers (VAT at
    redemption), a place's credits are single-purpose (VAT at sale, by the place's operator)."""
    if plan.is_network:
        return LotTerms(CreditLot.Scope.NETWORK, None, CreditLot.VatTreatment.MULTI_PURPOSE)
    return LotTerms(CreditLot.Scope.SPACE, plan.space, CreditLot.VatTreatment.SINGLE_PURPOSE)


def plan_ensure_available(plan: Plan, *, recurring: bool) -> None:
    if not plan.is_active:
        raise MembershipError(MembershipErrorCode.PLAN_NOT_AVAILABLE)
    if recurring and not plan.is_recurring:
        raise MembershipError(MembershipErrorCode.PLAN_NOT_RECURRING)
    if not recurring and plan.is_recurring:
        raise MembershipError(MembershipErrorCode.PLAN_IS_RECURRING)


def carnet_grant(*, user: User, plan: Plan, source_key: str, value: Decimal,
                 now: dt.datetime | None = None) -> CreditLot:
    """Credits of a bought carnet, valid `plan.validity_days` from now. Idempotent per
    `source_key` (the payment)."""
    now = now or timezone.now()
    terms = lot_terms_for_plan(plan)
    assert plan.credit_units is not None
    return credit_grant(
        user=user, units=plan.credit_units, scope=terms.scope, space=terms.space,
        valid_from=now, expires_at=now + dt.timedelta(days=plan.validity_days),
        source=CreditLot.Source.PURCHASE, source_key=source_key,
        vat_treatment=terms.vat_treatment, seller_operator=plan.seller_operator, plan=plan,
        value=value, currency=plan.currency)


def subscription_start(*, member: User, plan: Plan) -> Subscription:
    """A new INCOMPLETE subscription, activated when its first period is paid. One open
    subscription per member and plan (UNIQUE partial index → ALREADY_SUBSCRIBED)."""
    plan_ensure_available(plan, recurring=True)
    try:
        with transaction.atomic():
            return Subscription.objects.create(member=member, plan=plan)
    except IntegrityError as exc:
        raise MembershipError(MembershipErrorCode.ALREADY_SUBSCRIBED) from exc


def subscription_transition(*, subscription: Subscription, to_status: str, reason: str = "",
                            now: dt.datetime | None = None) -> Subscription:
    """Move a subscription to `to_status` if the transition map allows it (no-op if already
    there). Locks the row; records the change."""
    now = now or timezone.now()
    with transaction.atomic():
        sub = Subscription.objects.select_for_update().get(pk=subscription.pk)
        if sub.status == to_status:
            return sub
        if to_status not in Subscription.TRANSITIONS[sub.status]:
            raise MembershipError(MembershipErrorCode.INVALID_TRANSITION,
                                  from_status=sub.status, to_status=to_status)
        SubscriptionStatusChange.objects.create(subscription=sub, from_status=sub.status,
                                                to_status=to_status, reason=reason[:200])
        sub.status = to_status
        fields = ["status", "updated_at"]
        if to_status == Status.ACTIVE:
            sub.activated_at = sub.activated_at or now
            sub.suspended_at = None
            fields += ["activated_at", "suspended_at"]
        elif to_status == Status.SUSPENDED:
            sub.suspended_at = now
            fields.append("suspended_at")
        elif to_status == Status.CANCELLED:
            sub.cancelled_at = now
            fields.append("cancelled_at")
        sub.save(update_fields=fields)
    return sub


def subscription_period_paid(*, subscription: Subscription, period_start: dt.datetime,
                             period_end: dt.datetime, value: Decimal, source_key: str,
                             now: dt.datetime | None = None) -> CreditLot | None:
    """A period was paid (first one or a renewal): the subscription becomes ACTIVE (from
    incomplete, past_due or suspended), its period moves forward, failures reset, and the
    period's credits are granted, valid until the period ends.

    Idempotent per `source_key` (the Stripe invoice): a duplicate or late event grants nothing
    twice. An event for an older period never moves the period backwards. A cancelled
    subscription is left cancelled (the payment is refunded by billing)."""
    now = now or timezone.now()
    with transaction.atomic():
        sub = Subscription.objects.select_for_update().select_related("plan").get(
            pk=subscription.pk)
        if sub.status == Status.CANCELLED:
            return None
        if sub.status != Status.ACTIVE:
            sub = subscription_transition(subscription=sub, to_status=Status.ACTIVE,
                                          reason="period paid", now=now)
        if sub.current_period_end is None or period_end > sub.current_period_end:
            Subscription.objects.filter(pk=sub.pk).update(
                current_period_start=period_start, current_period_end=period_end,
                failed_payment_count=0, updated_at=now)
            hooks.subscription_period_paid.send(hooks.PeriodPaid(sub, period_end, now))
        plan = sub.plan
        if plan.credit_units is None:  # unlimited plan: access, no credits
            return None
        terms = lot_terms_for_plan(plan)
        return credit_grant(
            user=sub.member, units=plan.credit_units, scope=terms.scope, space=terms.space,
            valid_from=min(period_start, now), expires_at=period_end,
            source=CreditLot.Source.SUBSCRIPTION, source_key=source_key,
            vat_treatment=terms.vat_treatment, seller_operator=plan.seller_operator,
            plan=plan, subscription=sub, value=value, currency=plan.currency)


def subscription_payment_failed(*, subscription: Subscription, attempt_count: int,
                                final: bool, now: dt.datetime | None = None) -> Subscription:
    """A renewal payment failed: ACTIVE → PAST_DUE; after
    `BILLING_RENEWAL_MAX_ATTEMPTS` attempts, or when the provider gave up (`final`), →
    SUSPENDED (no new credits, unlimited access stops). A later successful payment reactivates
    it (`subscription_period_paid`)."""
    now = now or timezone.now()
    with transaction.atomic():
        sub = Subscription.objects.select_for_update().get(pk=subscription.pk)
        if sub.status in (Status.CANCELLED, Status.INCOMPLETE):
            return sub
        count = max(sub.failed_payment_count, attempt_count)  # a replay changes nothing
        Subscription.objects.filter(pk=sub.pk).update(failed_payment_count=count)
        sub.failed_payment_count = count
        if final or count >= settings.BILLING_RENEWAL_MAX_ATTEMPTS:
            return subscription_transition(subscription=sub, to_status=Status.SUSPENDED,
                                           reason=f"payment failed ({count} attempts)", now=now)
        if sub.status == Status.ACTIVE:
            return subscription_transition(subscription=sub, to_status=Status.PAST_DUE,
                                           reason=f"payment failed ({count} attempts)", now=now)
        return sub


def subscription_set_cancel_at_period_end(*, subscription: Subscription, value: bool
                                          ) -> Subscription:
    with transaction.atomic():
        sub = Subscription.objects.select_for_update().get(pk=subscription.pk)
        if sub.status == Status.CANCELLED:
            raise MembershipError(MembershipErrorCode.SUBSCRIPTION_NOT_OPEN)
        sub.cancel_at_period_end = value
        sub.save(update_fields=["cancel_at_period_end", "updated_at"])
    return sub


def subscription_change_plan_check(*, subscription: Subscription, plan: Plan) -> None:
    """A member may switch to another active recurring plan of the same seller and scope
    (e.g. 8 days → unlimited at the same place, or pass 10 → pass 20)."""
    if subscription.status == Status.CANCELLED:
        raise MembershipError(MembershipErrorCode.SUBSCRIPTION_NOT_OPEN)
    plan_ensure_available(plan, recurring=True)
    current = subscription.plan
    if (plan.pk == current.pk or plan.seller_operator_id != current.seller_operator_id
            or plan.space_id != current.space_id or plan.currency != current.currency):
        raise MembershipError(MembershipErrorCode.PLAN_CHANGE_NOT_ALLOWED)


def subscription_change_plan(*, subscription: Subscription, plan: Plan) -> Subscription:
    """Record the new plan; it applies from the next renewal (the current period's credits are
    kept, nothing is prorated: ADR 0005)."""
    subscription_change_plan_check(subscription=subscription, plan=plan)
    with transaction.atomic():
        sub = Subscription.objects.select_for_update().get(pk=subscription.pk)
        sub.plan = plan
        sub.save(update_fields=["plan", "updated_at"])
    return sub


def _current_place_subscriptions(*, user: User, space: Space | int, now: dt.datetime
                                 ) -> QuerySet[Subscription]:
    """Subscriptions of `user` to a monthly plan of `space` that are active and paid for the
    period around `now` (past due, suspended or cancelled ones do not count)."""
    if not getattr(user, "is_authenticated", False):
        return Subscription.objects.none()
    space_id = space if isinstance(space, int) else space.pk
    return Subscription.objects.filter(
        member=user, plan__space_id=space_id, status=Status.ACTIVE,
        current_period_start__lte=now, current_period_end__gt=now)


def has_unlimited_access(*, user: User, space: Space, now: dt.datetime) -> bool:
    """True if the member holds an active unlimited plan of `space` for the current period."""
    return _current_place_subscriptions(user=user, space=space, now=now).filter(
        plan__kind=Plan.Kind.PLACE_UNLIMITED).exists()


def is_place_member(*, user: User, space: Space | int, now: dt.datetime) -> bool:
    """Who pays a place's member prices: someone holding an active monthly plan of that place
    (unlimited or N days) whose paid period covers `now`. A carnet, the network pass or a
    plan of another place does not make one a member (docs/billing-model.md §4)."""
    return _current_place_subscriptions(user=user, space=space, now=now).exists()


def _ensure_may_sell(*, actor: User, kind: str, space: Space | None) -> None:
    """Managers sell plans of the places they manage; only network admins sell network plans."""
    is_admin = bool(getattr(actor, "is_network_admin", False))
    if kind in Plan.PLACE_KINDS:
        if space is None or not Space.objects.managed_by(actor).filter(pk=space.pk).exists():
            raise MembershipError(MembershipErrorCode.SPACE_NOT_MANAGED)
    elif not is_admin:
        raise MembershipError(MembershipErrorCode.SPACE_NOT_MANAGED)


def plan_create(*, actor: User, data: dict[str, object]) -> Plan:
    _ensure_may_sell(actor=actor, kind=str(data["kind"]), space=data.get("space"))  # type: ignore[arg-type]
    plan = Plan(**data)
    if plan.space is not None:
        plan.seller_operator = plan.space.operator
    plan.full_clean()
    plan.save()
    return plan


def plan_update(*, actor: User, plan: Plan, data: dict[str, object]) -> Plan:
    """Change a plan. Existing subscriptions keep their Stripe price until they change plan;
    carnets already bought keep what they granted."""
    for key, value in data.items():
        setattr(plan, key, value)
    _ensure_may_sell(actor=actor, kind=plan.kind, space=plan.space)
    plan.seller_operator = plan.space.operator if plan.space is not None else None
    plan.full_clean()
    plan.save()
    return plan
