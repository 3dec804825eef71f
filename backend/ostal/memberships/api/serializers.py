"""Input/output serializers of memberships. Credits are decimal strings ("1.50"); money too,
always with its currency."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.utils import timezone
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from ostal.memberships.models import (
    CREDIT_UNITS_PER_CREDIT,
    CreditLedgerEntry,
    CreditLot,
    NetworkTariff,
    Plan,
    units_to_credits,
)
from ostal.spaces.models import Resource, Space

CreditsField = serializers.DecimalField(max_digits=10, decimal_places=2)


def credits_to_units(value: Decimal) -> int:
    units = value * CREDIT_UNITS_PER_CREDIT
    if units != units.to_integral_value() or units <= 0:
        raise serializers.ValidationError(
            "Nombre de crédits positif, au centième / positive, in hundredths.")
    return int(units)


class SpaceRefOutputSerializer(serializers.ModelSerializer[Space]):
    class Meta:
        model = Space
        fields = ("id", "name", "slug")


class CreditLotOutputSerializer(serializers.ModelSerializer[CreditLot]):
    space = SpaceRefOutputSerializer(allow_null=True)
    credits_granted = serializers.SerializerMethodField()
    balance = serializers.SerializerMethodField()
    is_valid_now = serializers.SerializerMethodField()
    plan_name = serializers.CharField(source="plan.name", default="", read_only=True)

    class Meta:
        model = CreditLot
        fields = ("id", "scope", "space", "credits_granted", "balance", "valid_from",
                  "expires_at", "is_valid_now", "source", "plan_name")

    @extend_schema_field(serializers.DecimalField(max_digits=10, decimal_places=2))
    def get_credits_granted(self, lot: CreditLot) -> str:
        return str(units_to_credits(lot.credit_units_granted))

    @extend_schema_field(serializers.DecimalField(max_digits=10, decimal_places=2))
    def get_balance(self, lot: CreditLot) -> str:
        return str(units_to_credits(getattr(lot, "balance", 0)))

    def get_is_valid_now(self, lot: CreditLot) -> bool:
        now = timezone.now()
        return lot.valid_from <= now < lot.expires_at


class WalletSpaceTotalOutputSerializer(serializers.Serializer[Any]):
    space_id = serializers.IntegerField()
    credits = serializers.DecimalField(max_digits=10, decimal_places=2)


class WalletOutputSerializer(serializers.Serializer[Any]):
    total_credits = serializers.DecimalField(max_digits=10, decimal_places=2,
                                             help_text="Crédits utilisables maintenant.")
    network_credits = serializers.DecimalField(
        max_digits=10, decimal_places=2,
        help_text="Crédits Pass télétravail, utilisables dans tout lieu qui accepte le pass.")
    space_credits = WalletSpaceTotalOutputSerializer(many=True)
    lots = CreditLotOutputSerializer(many=True,
                                     help_text="Lots valides non vides, expiration proche d'abord.")


class CreditEntryOutputSerializer(serializers.ModelSerializer[CreditLedgerEntry]):
    credits = serializers.SerializerMethodField()
    lot_scope = serializers.CharField(source="lot.scope", read_only=True)
    space_name = serializers.CharField(source="lot.space.name", default="", read_only=True)

    class Meta:
        model = CreditLedgerEntry
        fields = ("id", "kind", "credits", "lot", "lot_scope", "space_name", "reason_type",
                  "reason_id", "created_at")

    @extend_schema_field(serializers.DecimalField(max_digits=10, decimal_places=2))
    def get_credits(self, entry: CreditLedgerEntry) -> str:
        return str(units_to_credits(entry.delta))


class PlanOutputSerializer(serializers.ModelSerializer[Plan]):
    space = SpaceRefOutputSerializer(allow_null=True)
    seller_name = serializers.SerializerMethodField()
    credits = serializers.SerializerMethodField()
    is_recurring = serializers.BooleanField(read_only=True)

    class Meta:
        model = Plan
        fields: tuple[str, ...] = (
            "id", "kind", "name", "description", "space", "seller_name", "credits",
            "validity_days", "price", "currency", "is_recurring", "is_active")

    def get_seller_name(self, plan: Plan) -> str:
        from django.conf import settings

        return plan.seller_operator.name if plan.seller_operator else settings.NETWORK_LEGAL_NAME

    @extend_schema_field(serializers.DecimalField(max_digits=10, decimal_places=2,
                                                  allow_null=True))
    def get_credits(self, plan: Plan) -> str | None:
        return None if plan.credit_units is None else str(units_to_credits(plan.credit_units))


class PlanManageInputSerializer(serializers.Serializer[Any]):
    kind = serializers.ChoiceField(choices=Plan.Kind.choices)
    space = serializers.PrimaryKeyRelatedField(queryset=Space.objects.all(), allow_null=True,
                                               required=False)
    name = serializers.CharField(max_length=120)
    description = serializers.CharField(required=False, allow_blank=True, default="")
    credits = serializers.DecimalField(max_digits=10, decimal_places=2, required=False,
                                       allow_null=True, min_value=Decimal("0.01"),
                                       help_text="Vide pour un abonnement illimité.")
    validity_days = serializers.IntegerField(min_value=1, max_value=1098, default=365)
    price = serializers.DecimalField(max_digits=12, decimal_places=2,
                                     min_value=Decimal("0.50"), max_value=Decimal("100000"))
    currency = serializers.CharField(max_length=3, default="EUR")
    is_active = serializers.BooleanField(default=True)

    def validate_currency(self, value: str) -> str:
        if value.upper() != "EUR":
            raise serializers.ValidationError("Seul l'euro est accepté / only EUR is supported.")
        return "EUR"

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        kind = attrs.get("kind") or getattr(self.instance, "kind", None)
        space = attrs.get("space", getattr(self.instance, "space", None))
        credits = attrs.get("credits")
        if self.instance is not None and "credits" not in attrs:
            credits = (None if self.instance.credit_units is None
                       else units_to_credits(self.instance.credit_units))
        if kind in Plan.PLACE_KINDS and space is None:
            raise serializers.ValidationError({"space": ["Requis pour une offre de lieu / "
                                                         "required for a place plan."]})
        if kind not in Plan.PLACE_KINDS and space is not None:
            raise serializers.ValidationError({"space": ["Une offre réseau n'a pas de lieu / "
                                                         "a network plan has no place."]})
        if kind == Plan.Kind.PLACE_UNLIMITED and credits is not None:
            raise serializers.ValidationError({"credits": ["Un illimité n'a pas de crédits / "
                                                           "an unlimited plan has no credits."]})
        if kind != Plan.Kind.PLACE_UNLIMITED:
            if credits is None:
                raise serializers.ValidationError({"credits": ["Requis / required."]})
            attrs["credit_units"] = credits_to_units(credits)
        else:
            attrs["credit_units"] = None
        attrs.pop("credits", None)
        return attrs


class PlanManageOutputSerializer(PlanOutputSerializer):
    class Meta(PlanOutputSerializer.Meta):
        fields = (*PlanOutputSerializer.Meta.fields, "created_at", "updated_at")


class NetworkTariffOutputSerializer(serializers.ModelSerializer[NetworkTariff]):
    credits = serializers.SerializerMethodField()

    class Meta:
        model = NetworkTariff
        fields = ("id", "resource_kind", "unit", "credits")

    @extend_schema_field(serializers.DecimalField(max_digits=10, decimal_places=2))
    def get_credits(self, tariff: NetworkTariff) -> str:
        return str(units_to_credits(tariff.credit_units))


class NetworkTariffInputSerializer(serializers.Serializer[Any]):
    resource_kind = serializers.ChoiceField(choices=Resource.Kind.choices)
    unit = serializers.ChoiceField(choices=NetworkTariff.Unit.choices)
    credits = serializers.DecimalField(max_digits=10, decimal_places=2,
                                       min_value=Decimal("0.01"), max_value=Decimal("1000"))

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        attrs["credit_units"] = credits_to_units(attrs.pop("credits"))
        return attrs


class PassSpaceOutputSerializer(serializers.ModelSerializer[Space]):
    operator_name = serializers.CharField(source="operator.name", read_only=True)

    class Meta:
        model = Space
        fields = ("id", "name", "slug", "operator_name", "department_code",
                  "accepts_network_pass")


class PassSpaceInputSerializer(serializers.Serializer[Any]):
    accepts_network_pass = serializers.BooleanField()
