"""Serializers for the public directory (read) — shape only, no rules."""

from typing import Any

from django.conf import settings
from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from ostal.spaces.departments import OCCITANIE_DEPARTMENTS
from ostal.spaces.models import (
    Closure,
    Commune,
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


class DirectoryFilterInputSerializer(serializers.Serializer[dict[str, Any]]):
    """Query parameters of the directory search; every one optional."""

    department = serializers.ChoiceField(choices=sorted(OCCITANIE_DEPARTMENTS), required=False)
    kind = serializers.ChoiceField(choices=Space.Kind.choices, required=False)
    setting = serializers.ChoiceField(choices=Space.Setting.choices, required=False)
    services = serializers.CharField(required=False, help_text="Comma-separated service codes; "
                                     "places offering all of them.")
    base_set = serializers.BooleanField(required=False, allow_null=True, default=None)
    open_on = serializers.DateField(required=False, help_text="Local date, YYYY-MM-DD.")
    accepts_pass = serializers.BooleanField(required=False, allow_null=True, default=None)
    q = serializers.CharField(required=False, max_length=100, allow_blank=True)
    near = serializers.CharField(required=False, help_text="'latitude,longitude' (near me).")
    near_commune = serializers.CharField(required=False, max_length=5,
                                         help_text="INSEE code of a commune.")
    radius_km = serializers.FloatField(required=False, min_value=0.1, max_value=500)

    def validate_services(self, value: str) -> list[str]:
        codes = sorted({code.strip() for code in value.split(",") if code.strip()})
        known = set(Service.objects.filter(code__in=codes).values_list("code", flat=True))
        if unknown := [code for code in codes if code not in known]:
            raise serializers.ValidationError(
                f"Service(s) inconnu(s) / unknown: {', '.join(unknown)}")
        return codes

    def validate_near(self, value: str) -> tuple[float, float]:
        try:
            lat_text, lon_text = value.split(",")
            lat, lon = float(lat_text), float(lon_text)
        except ValueError as exc:
            raise serializers.ValidationError(
                "Format attendu « latitude,longitude » / expected 'latitude,longitude'.") from exc
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            raise serializers.ValidationError("Coordonnées hors limites / out of range.")
        return lat, lon

    def validate_near_commune(self, value: str) -> Commune:
        commune = Commune.objects.filter(insee_code=value).first()
        if commune is None:
            raise serializers.ValidationError("Commune inconnue / unknown commune.")
        return commune

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if "near" in attrs and "near_commune" in attrs:
            raise serializers.ValidationError(
                {"near": ["Choisir « near » ou « near_commune », pas les deux / not both."]})
        if "radius_km" in attrs and "near" not in attrs and "near_commune" not in attrs:
            raise serializers.ValidationError(
                {"radius_km": ["Un point de départ est requis / needs near or near_commune."]})
        return attrs


class CommuneSearchInputSerializer(serializers.Serializer[dict[str, Any]]):
    """The commune search box: at least 2 letters or digits of a name or an INSEE code."""

    q = serializers.CharField(max_length=60, help_text=(
        "Start of a commune name (accents and case ignored) or of an INSEE code."))

    def validate_q(self, value: str) -> str:
        if sum(char.isalnum() for char in value) < 2:
            raise serializers.ValidationError(
                "Au moins 2 lettres ou chiffres / at least 2 letters or digits.")
        return value


class CommuneOutputSerializer(serializers.ModelSerializer[Commune]):
    class Meta:
        model = Commune
        fields = ("insee_code", "name", "department_code", "latitude", "longitude")


class CommuneRefOutputSerializer(serializers.ModelSerializer[Commune]):
    class Meta:
        model = Commune
        fields = ("insee_code", "name", "department_code")


class OperatorRefOutputSerializer(serializers.ModelSerializer[Operator]):
    class Meta:
        model = Operator
        fields = ("name", "carrier_kind")


class OperatorPublicOutputSerializer(serializers.ModelSerializer[Operator]):
    class Meta:
        model = Operator
        fields = ("name", "carrier_kind", "legal_form", "website")


class ServiceOutputSerializer(serializers.ModelSerializer[Service]):
    class Meta:
        model = Service
        fields = ("code", "name_fr", "name_en", "category", "is_base")


class DepartmentOutputSerializer(serializers.Serializer[Any]):
    code = serializers.CharField()
    name = serializers.CharField()


class MoneyOutputSerializer(serializers.Serializer[Any]):
    amount = serializers.DecimalField(max_digits=12, decimal_places=2)
    currency = serializers.CharField()


class SpaceListItemOutputSerializer(serializers.ModelSerializer[Space]):
    operator = OperatorRefOutputSerializer()
    commune = CommuneRefOutputSerializer()
    services = serializers.SerializerMethodField()
    offers_base_set = serializers.BooleanField()
    day_pass_price = serializers.SerializerMethodField()
    distance_km = serializers.SerializerMethodField()
    thumbnail_url = serializers.SerializerMethodField()

    class Meta:
        model = Space
        fields: tuple[str, ...] = ("id", "slug", "name", "kind", "setting", "operator", "commune",
                  "department_code", "latitude", "longitude", "accepts_network_pass",
                  "services", "offers_base_set", "day_pass_price", "distance_km",
                  "thumbnail_url")

    def get_services(self, space: Space) -> list[str]:
        return [service.code for service in space.services.all()]

    @extend_schema_field(MoneyOutputSerializer(allow_null=True))
    def get_day_pass_price(self, space: Space) -> dict[str, str] | None:
        prices = getattr(space, "day_prices", [])
        if not prices:
            return None
        return {"amount": f"{prices[0].amount:.2f}", "currency": prices[0].currency}

    def get_distance_km(self, space: Space) -> float | None:
        distance = getattr(space, "distance_km", None)
        return None if distance is None else round(distance, 1)

    def get_thumbnail_url(self, space: Space) -> str | None:
        photos = getattr(space, "ordered_photos", [])
        return f"{settings.MEDIA_URL}{photos[0].image.name}" if photos else None


class SpacePhotoOutputSerializer(serializers.ModelSerializer[SpacePhoto]):
    url = serializers.SerializerMethodField()

    class Meta:
        model = SpacePhoto
        fields = ("url", "alt_fr", "alt_en")

    def get_url(self, photo: SpacePhoto) -> str:
        return f"{settings.MEDIA_URL}{photo.image.name}"


class OpeningHoursOutputSerializer(serializers.ModelSerializer[OpeningHours]):
    class Meta:
        model = OpeningHours
        fields = ("weekday", "opens", "closes")


class ClosureOutputSerializer(serializers.ModelSerializer[Closure]):
    class Meta:
        model = Closure
        fields = ("start_date", "end_date", "reason")


class SpecialOpeningOutputSerializer(serializers.ModelSerializer[SpecialOpening]):
    class Meta:
        model = SpecialOpening
        fields = ("date", "opens", "closes", "reason")


class ResourcePublicOutputSerializer(serializers.ModelSerializer[Resource]):
    class Meta:
        model = Resource
        fields = ("id", "kind", "name", "capacity")


class PriceOutputSerializer(serializers.ModelSerializer[Price]):
    member_amount = serializers.DecimalField(
        max_digits=12, decimal_places=2, allow_null=True, read_only=True,
        help_text="Prix membre: what members of the place (an active monthly plan of the place) "
                  "pay; null: the public price.")

    class Meta:
        model = Price
        fields = ("resource_kind", "unit", "amount", "member_amount", "currency")


class ItineraryStopOutputSerializer(serializers.ModelSerializer[ItineraryStop]):
    commune = CommuneRefOutputSerializer()

    class Meta:
        model = ItineraryStop
        fields = ("date", "commune", "latitude", "longitude", "opens", "closes", "location_note")


class SpaceDetailOutputSerializer(SpaceListItemOutputSerializer):
    operator = OperatorPublicOutputSerializer()  # type: ignore[assignment]
    photos = SpacePhotoOutputSerializer(many=True, source="ordered_photos")
    opening_hours = OpeningHoursOutputSerializer(many=True)
    closures = ClosureOutputSerializer(many=True, source="upcoming_closures")
    special_openings = SpecialOpeningOutputSerializer(many=True)
    resources = ResourcePublicOutputSerializer(many=True, source="active_resources")
    prices = PriceOutputSerializer(many=True)
    upcoming_stops = ItineraryStopOutputSerializer(many=True)
    stops_feed_url = serializers.SerializerMethodField(
        help_text="Itinerant places: the public calendar feed of their stops (subscribe with "
                  "webcal://); null otherwise.")

    class Meta(SpaceListItemOutputSerializer.Meta):
        fields = (*SpaceListItemOutputSerializer.Meta.fields, "description_fr", "description_en",
                  "address", "postal_code", "email", "phone", "website", "accessibility_fr",
                  "accessibility_en", "wheelchair_accessible", "timezone", "photos",
                  "opening_hours", "closures", "special_openings", "resources", "prices",
                  "upcoming_stops", "stops_feed_url")

    def get_stops_feed_url(self, space: Space) -> str | None:
        if space.kind != Space.Kind.ITINERANT:
            return None
        return reverse("calendar-public-stops", kwargs={"slug": space.slug})
