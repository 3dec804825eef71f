"""Input/output serializers for managing operators, places and what they hold."""

from decimal import Decimal
from typing import Any

from rest_framework import serializers

from ostal.spaces.models import (
    Closure,
    ItineraryStop,
    OpeningHours,
    Operator,
    Price,
    Resource,
    Service,
    Space,
    SpacePhoto,
    SpecialOpening,
)


class OperatorManageSerializer(serializers.ModelSerializer[Operator]):
    class Meta:
        model = Operator
        fields = ("id", "name", "legal_form", "carrier_kind", "siret", "vat_number", "vat_status",
                  "email", "phone", "website", "address", "managers")
        extra_kwargs = {"managers": {"required": False}}

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        siret = attrs.get("siret") or getattr(self.instance, "siret", "")
        vat = attrs.get("vat_number") or getattr(self.instance, "vat_number", "")
        if siret and vat and vat.startswith("FR") and vat[4:] != siret[:9]:
            raise serializers.ValidationError(
                {"vat_number": ["Le numéro de TVA ne correspond pas au SIREN / "
                                "VAT number does not match the SIREN."]})
        return attrs


class ServiceManageSerializer(serializers.ModelSerializer[Service]):
    class Meta:
        model = Service
        fields = ("id", "code", "name_fr", "name_en", "category", "is_base", "position")


class SpaceManageSerializer(serializers.ModelSerializer[Space]):
    services = serializers.SlugRelatedField(slug_field="code", many=True,
                                            queryset=Service.objects.all(), required=False)

    class Meta:
        model = Space
        fields = ("id", "operator", "name", "slug", "kind", "setting", "commune",
                  "department_code", "address", "postal_code", "latitude", "longitude",
                  "timezone", "description_fr", "description_en", "email", "phone", "website",
                  "accessibility_fr", "accessibility_en", "wheelchair_accessible",
                  "accepts_network_pass", "is_published", "services")
        read_only_fields = ("department_code",)


class ResourceManageSerializer(serializers.ModelSerializer[Resource]):
    class Meta:
        model = Resource
        fields = ("id", "kind", "name", "capacity", "is_active")


class OpeningHoursManageSerializer(serializers.ModelSerializer[OpeningHours]):
    class Meta:
        model = OpeningHours
        fields = ("id", "weekday", "opens", "closes")

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        _require_after(attrs, self.instance, "opens", "closes")
        return attrs


class ClosureManageSerializer(serializers.ModelSerializer[Closure]):
    class Meta:
        model = Closure
        fields = ("id", "start_date", "end_date", "reason")

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        start = attrs.get("start_date", getattr(self.instance, "start_date", None))
        end = attrs.get("end_date", getattr(self.instance, "end_date", None))
        if start and end and end < start:
            raise serializers.ValidationError(
                {"end_date": ["La fin précède le début / end is before start."]})
        return attrs


class SpecialOpeningManageSerializer(serializers.ModelSerializer[SpecialOpening]):
    class Meta:
        model = SpecialOpening
        fields = ("id", "date", "opens", "closes", "reason")

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        _require_after(attrs, self.instance, "opens", "closes")
        return attrs


class ItineraryStopManageSerializer(serializers.ModelSerializer[ItineraryStop]):
    latitude = serializers.FloatField(required=False)
    longitude = serializers.FloatField(required=False)

    class Meta:
        model = ItineraryStop
        fields = ("id", "date", "commune", "opens", "closes", "location_note", "latitude",
                  "longitude")

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        _require_after(attrs, self.instance, "opens", "closes")
        commune = attrs.get("commune")
        if commune is not None:  # default the stop's point to the commune's centre
            attrs.setdefault("latitude", commune.latitude)
            attrs.setdefault("longitude", commune.longitude)
        return attrs


class PriceManageSerializer(serializers.ModelSerializer[Price]):
    member_amount = serializers.DecimalField(
        max_digits=12, decimal_places=2, min_value=Decimal("0.00"), required=False,
        allow_null=True, help_text="Prix membre (TTC) : ce que paie un membre du lieu (abonné "
                                   "actif à une de ses formules mensuelles). Vide : prix public.")

    class Meta:
        model = Price
        fields = ("id", "resource_kind", "unit", "amount", "member_amount", "currency")

    def validate_currency(self, value: str) -> str:
        if value != "EUR":
            raise serializers.ValidationError("Seul l'euro est accepté / only EUR is supported.")
        return value

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        amount = attrs.get("amount", getattr(self.instance, "amount", None))
        member = attrs.get("member_amount", getattr(self.instance, "member_amount", None))
        if member is not None and amount is not None and member > amount:
            raise serializers.ValidationError({"member_amount": [
                "Le prix membre ne peut dépasser le prix public / the member price cannot "
                "exceed the public price."]})
        return attrs


class SpacePhotoManageSerializer(serializers.ModelSerializer[SpacePhoto]):
    class Meta:
        model = SpacePhoto
        fields = ("id", "image", "alt_fr", "alt_en", "position")


def _require_after(attrs: dict[str, Any], instance: Any, start: str, end: str) -> None:
    opens = attrs.get(start, getattr(instance, start, None))
    closes = attrs.get(end, getattr(instance, end, None))
    if opens and closes and closes <= opens:
        raise serializers.ValidationError(
            {end: ["L'heure de fermeture doit suivre l'ouverture / must be after opening."]})
