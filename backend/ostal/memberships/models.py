"""Plans, subscriptions and the credit ledger (docs/adr/0004-credits-ledger.md).

Credits are counted in integer *credit units*: one credit (one desk-day) is
`CREDIT_UNITS_PER_CREDIT` units, so a half-day (50) or an hour of meeting room from the
network's tariff grid (say 25) stays an integer. The API shows credits as decimal strings
("1.50"); the database never stores a float nor a running balance.

The ledger is append-only: a lot (`CreditLot`) records what was granted, with its scope and
validity; every movement is a `CreditLedgerEntry` with a signed `delta` and a UNIQUE
`idempotency_key`. A lot's balance is `SUM(delta)` over its entries, an account's balance the
sum over its valid lots. Entries are never updated nor deleted (save() and delete() refuse).
"""

from __future__ import annotations

import uuid
from decimal import Decimal
from typing import Any, ClassVar

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ostal.core.models import BaseModel
from ostal.spaces.models import Operator, Resource, Space

CREDIT_UNITS_PER_CREDIT = 100


def units_to_credits(units: int) -> Decimal:
    """Integer credit units → credits as a 2-decimal Decimal (150 → Decimal("1.50"))."""
    return (Decimal(units) / CREDIT_UNITS_PER_CREDIT).quantize(Decimal("0.01"))


class NetworkTariff(BaseModel):
    """The network's tariff grid: what one sale unit of a resource kind costs in credit units
    (a desk-day = 100 units = 1 credit; an hour of meeting room, e.g. 25 units). Set by the
    network admin; used for every credit spend, network pass or place carnet alike."""

    class Unit(models.TextChoices):
        HOUR = "hour", _("heure")
        HALF_DAY = "half_day", _("demi-journée")
        DAY = "day", _("journée")

    resource_kind = models.CharField(max_length=20, choices=Resource.Kind.choices)
    unit = models.CharField(max_length=10, choices=Unit.choices)
    credit_units = models.PositiveIntegerField(validators=[MinValueValidator(1),
                                                           MaxValueValidator(100_000)])

    class Meta:
        verbose_name = "tarif réseau"
        verbose_name_plural = "tarifs réseau"
        ordering = ("resource_kind", "unit")
        constraints = [
            models.UniqueConstraint(fields=["resource_kind", "unit"],
                                    name="one_network_tariff_per_kind_and_unit"),
            models.CheckConstraint(condition=Q(credit_units__gt=0),
                                   name="network_tariff_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.resource_kind}/{self.unit}: {self.credit_units}u"


class Plan(BaseModel):
    """Something a member buys: a one-off carnet or a monthly plan, sold by an operator (place
    plans, `space` set) or by the network (`seller_operator` and `space` empty).

    `credit_units` is what one purchase (carnet) or one month (subscription) grants; it is
    empty for a place's unlimited plan, which grants desk access instead of credits. `price`
    is tax included (the VAT treatment follows from the seller, see ostal.billing.vat)."""

    class Kind(models.TextChoices):
        PLACE_CARNET = "place_carnet", _("Carnet d'un lieu")
        PLACE_UNLIMITED = "place_unlimited", _("Abonnement illimité d'un lieu")
        PLACE_N_DAYS = "place_n_days", _("Abonnement N jours d'un lieu")
        NETWORK_CARNET = "network_carnet", _("Carnet Pass télétravail")
        NETWORK_PASS_MONTHLY = "network_pass_monthly", _("Abonnement Pass télétravail")

    PLACE_KINDS: ClassVar[tuple[str, ...]] = (Kind.PLACE_CARNET, Kind.PLACE_UNLIMITED,
                                              Kind.PLACE_N_DAYS)
    RECURRING_KINDS: ClassVar[tuple[str, ...]] = (Kind.PLACE_UNLIMITED, Kind.PLACE_N_DAYS,
                                                  Kind.NETWORK_PASS_MONTHLY)

    seller_operator = models.ForeignKey(Operator, on_delete=models.PROTECT, null=True,
                                        blank=True, related_name="plans",
                                        help_text=_("Vide : vendu par le réseau."))
    space = models.ForeignKey(Space, on_delete=models.PROTECT, null=True, blank=True,
                              related_name="plans")
    kind = models.CharField(max_length=24, choices=Kind.choices)
    name = models.CharField(max_length=120)
    description = models.TextField(blank=True)
    credit_units = models.PositiveIntegerField(null=True, blank=True)
    validity_days = models.PositiveIntegerField(
        default=365, validators=[MinValueValidator(1), MaxValueValidator(3 * 366)],
        help_text=_("Validité des crédits d'un carnet, en jours."))
    price = models.DecimalField(max_digits=12, decimal_places=2,
                                validators=[MinValueValidator(Decimal("0.50"))])
    currency = models.CharField(max_length=3, default="EUR")
    is_active = models.BooleanField(default=True)

    class Meta:
        verbose_name = "formule"
        verbose_name_plural = "formules"
        ordering = ("kind", "price", "id")
        constraints = [
            models.CheckConstraint(
                condition=(Q(kind__in=["place_carnet", "place_unlimited", "place_n_days"],
                             space__isnull=False, seller_operator__isnull=False)
                           | Q(kind__in=["network_carnet", "network_pass_monthly"],
                               space__isnull=True, seller_operator__isnull=True)),
                name="plan_seller_matches_kind"),
            models.CheckConstraint(
                condition=Q(kind="place_unlimited", credit_units__isnull=True)
                | (~Q(kind="place_unlimited") & Q(credit_units__gt=0)),
                name="plan_credits_match_kind"),
            models.CheckConstraint(condition=Q(price__gt=0), name="plan_price_positive"),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.space_id is not None:  # a place plan is always sold by the place's operator
            assert self.space is not None
            self.seller_operator_id = self.space.operator_id
        super().save(*args, **kwargs)

    @property
    def is_recurring(self) -> bool:
        return self.kind in self.RECURRING_KINDS

    @property
    def is_network(self) -> bool:
        return self.space_id is None


class Subscription(BaseModel):
    """A member's monthly plan. Status moves only along `TRANSITIONS`, through
    `ostal.memberships.services.subscription_transition`; the Stripe subscription behind it is
    referenced from billing (StripeObjectRef)."""

    class Status(models.TextChoices):
        INCOMPLETE = "incomplete", _("en attente du premier paiement")
        ACTIVE = "active", _("active")
        PAST_DUE = "past_due", _("paiement en retard")
        SUSPENDED = "suspended", _("suspendue")
        CANCELLED = "cancelled", _("résiliée")

    TRANSITIONS: ClassVar[dict[str, frozenset[str]]] = {
        Status.INCOMPLETE: frozenset({Status.ACTIVE, Status.CANCELLED}),
        Status.ACTIVE: frozenset({Status.PAST_DUE, Status.SUSPENDED, Status.CANCELLED}),
        Status.PAST_DUE: frozenset({Status.ACTIVE, Status.SUSPENDED, Status.CANCELLED}),
        Status.SUSPENDED: frozenset({Status.ACTIVE, Status.CANCELLED}),
        Status.CANCELLED: frozenset(),
    }
    OPEN_STATUSES: ClassVar[tuple[str, ...]] = (Status.INCOMPLETE, Status.ACTIVE,
                                                Status.PAST_DUE, Status.SUSPENDED)

    reference = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                               related_name="subscriptions")
    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="subscriptions")
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.INCOMPLETE)
    current_period_start = models.DateTimeField(null=True, blank=True)
    current_period_end = models.DateTimeField(null=True, blank=True)
    cancel_at_period_end = models.BooleanField(default=False)
    failed_payment_count = models.PositiveSmallIntegerField(default=0)
    activated_at = models.DateTimeField(null=True, blank=True)
    suspended_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "abonnement"
        verbose_name_plural = "abonnements"
        ordering = ("-created_at",)
        constraints = [
            models.UniqueConstraint(
                fields=["member", "plan"],
                condition=Q(status__in=["incomplete", "active", "past_due", "suspended"]),
                name="one_open_subscription_per_member_and_plan"),
        ]

    def __str__(self) -> str:
        return f"subscription {self.pk} {self.plan_id} ({self.status})"


class SubscriptionStatusChange(models.Model):
    """History of a subscription's status (the activity log of memberships)."""

    subscription = models.ForeignKey(Subscription, on_delete=models.CASCADE,
                                     related_name="status_changes")
    from_status = models.CharField(max_length=12)
    to_status = models.CharField(max_length=12)
    reason = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("created_at", "id")

    def __str__(self) -> str:
        return f"{self.subscription_id}: {self.from_status} → {self.to_status}"


class CreditAccount(BaseModel):
    """Who owns credits: a member (`kind=personal`, `user` set) or an employer's bundle
    (`kind=employer`, owned by ostal.employers.Employer.credit_account) — one ledger for both."""

    class Kind(models.TextChoices):
        PERSONAL = "personal", _("personnel")
        EMPLOYER = "employer", _("employeur")

    kind = models.CharField(max_length=12, choices=Kind.choices, default=Kind.PERSONAL)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True,
                             blank=True, related_name="credit_accounts")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="one_credit_account_per_user"),
            models.CheckConstraint(condition=Q(kind="personal", user__isnull=False)
                                   | Q(kind="employer", user__isnull=True),
                                   name="credit_account_owner_matches_kind"),
        ]

    def __str__(self) -> str:
        return f"credit account {self.pk} ({self.kind} {self.user_id or ''})"


class CreditLot(BaseModel):
    """Credits granted at once, with one scope and one validity. Never changed after creation;
    its balance is the sum of its ledger entries.

    `vat_treatment`: network credits (usable at places with different VAT treatments) are
    multi-purpose vouchers, VAT accounted at redemption by the place's operator; place credits
    are single-purpose, VAT invoiced at sale by `seller_operator` (docs/billing-model.md).
    `value` is what was paid for the lot (tax included); a redemption is valued pro rata."""

    class Scope(models.TextChoices):
        NETWORK = "network", _("réseau (Pass télétravail)")
        SPACE = "space", _("un lieu")

    class Source(models.TextChoices):
        PURCHASE = "purchase", _("achat")
        SUBSCRIPTION = "subscription", _("abonnement")
        REFUND = "refund", _("remboursement")
        ADJUSTMENT = "adjustment", _("ajustement")

    class VatTreatment(models.TextChoices):
        MULTI_PURPOSE = "multi_purpose", _("bon à usages multiples")
        SINGLE_PURPOSE = "single_purpose", _("bon à usage unique")

    account = models.ForeignKey(CreditAccount, on_delete=models.PROTECT, related_name="lots")
    credit_units_granted = models.PositiveIntegerField()
    scope = models.CharField(max_length=8, choices=Scope.choices)
    space = models.ForeignKey(Space, on_delete=models.PROTECT, null=True, blank=True,
                              related_name="credit_lots")
    valid_from = models.DateTimeField()
    expires_at = models.DateTimeField()
    source = models.CharField(max_length=12, choices=Source.choices)
    source_key = models.CharField(max_length=120, unique=True,
                                  help_text=_("Clé d'idempotence de l'attribution."))
    vat_treatment = models.CharField(max_length=16, choices=VatTreatment.choices)
    seller_operator = models.ForeignKey(Operator, on_delete=models.PROTECT, null=True,
                                        blank=True, related_name="+")
    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, null=True, blank=True,
                             related_name="+")
    subscription = models.ForeignKey(Subscription, on_delete=models.PROTECT, null=True,
                                     blank=True, related_name="lots")
    value = models.DecimalField(max_digits=12, decimal_places=2, default=Decimal("0.00"))
    currency = models.CharField(max_length=3, default="EUR")

    class Meta:
        verbose_name = "lot de crédits"
        verbose_name_plural = "lots de crédits"
        ordering = ("expires_at", "id")
        indexes = [models.Index(fields=["account", "expires_at"], name="credit_lot_account_exp")]
        constraints = [
            models.CheckConstraint(
                condition=Q(scope="network", space__isnull=True)
                | Q(scope="space", space__isnull=False),
                name="credit_lot_scope_matches_space"),
            models.CheckConstraint(condition=Q(expires_at__gt=models.F("valid_from")),
                                   name="credit_lot_expires_after_start"),
            models.CheckConstraint(condition=Q(credit_units_granted__gt=0),
                                   name="credit_lot_grants_something"),
        ]

    def __str__(self) -> str:
        return f"lot {self.pk} ({self.credit_units_granted}u until {self.expires_at:%Y-%m-%d})"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise ValueError("A credit lot is never changed after creation.")
        super().save(*args, **kwargs)


class CreditLedgerEntry(models.Model):
    """One movement of credit units on one lot. Append-only.

    `operation_key` groups the entries of one operation (a spend may take from several lots);
    `idempotency_key` (UNIQUE) is `<operation_key>:<lot id>`, so a replayed operation can never
    write twice, even if two workers race past the application-level check."""

    class Kind(models.TextChoices):
        GRANT = "grant", _("attribution")
        SPEND = "spend", _("utilisation")
        RELEASE = "release", _("restitution")
        ADJUSTMENT = "adjustment", _("ajustement")

    account = models.ForeignKey(CreditAccount, on_delete=models.PROTECT, related_name="entries")
    lot = models.ForeignKey(CreditLot, on_delete=models.PROTECT, related_name="entries")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    delta = models.IntegerField()
    reason_type = models.CharField(max_length=40, blank=True)
    reason_id = models.CharField(max_length=64, blank=True)
    operation_key = models.CharField(max_length=120, db_index=True)
    idempotency_key = models.CharField(max_length=160, unique=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = "écriture de crédits"
        verbose_name_plural = "écritures de crédits"
        ordering = ("created_at", "id")
        indexes = [models.Index(fields=["reason_type", "reason_id"], name="credit_entry_reason")]
        constraints = [
            models.CheckConstraint(condition=~Q(delta=0), name="credit_entry_not_zero"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.delta:+d} on lot {self.lot_id}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise ValueError("Credit ledger entries are append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise ValueError("Credit ledger entries are append-only.")

