"""Input/output serializers for managing operators, places and what they hold."""

from decimal import Decimal
from typing import Any, ClassVar

from django.conf import settings
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field, inline_serializer
from rest_framework import serializers

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
from ostal.spaces.services import version_of


@extend_schema_field(OpenApiTypes.STR)
class VersionField(serializers.Field):
    """The row's version (`services.version_of`): read it with the row, send it back with a
    change; a change made from an older version is refused 409 with the current values."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault("source", "*")
        kwargs.setdefault("help_text", "Version lue (updated_at) ; renvoyée à l'enregistrement, "
                                       "409 si quelqu'un a modifié entre-temps.")
        super().__init__(**kwargs)

    def to_representation(self, value: Any) -> str:
        return version_of(value)

    def to_internal_value(self, data: Any) -> dict[str, str]:
        if not isinstance(data, str) or not data:
            raise serializers.ValidationError("Version illisible / unreadable version.")
        return {"version": data}


CONFIRMED_COUNT_HELP = ("Nombre de réservations concernées que le gestionnaire a vues et "
                        "accepte d'annuler (réponse 409 `bookings_affected`).")


class OperatorManageSerializer(serializers.ModelSerializer[Operator]):
    """`managers` and `front_desk` are read-only: people join a team by accepting an
    invitation (POST /manage/operators/{id}/team/invitations/), never by being added."""

    class Meta:
        model = Operator
        fields = ("id", "name", "legal_form", "carrier_kind", "siret", "vat_number", "vat_status",
                  "email", "phone", "website", "address", "managers", "front_desk")
        read_only_fields = ("managers", "front_desk")
        # Checked by the model's validators in `operator_create` / `operator_update`, so a
        # bad SIRET and a bad VAT number are both reported at once.
        extra_kwargs: ClassVar[dict[str, dict[str, Any]]] = {
            "siret": {"validators": []}, "vat_number": {"validators": []},
            "name": {"validators": []}}


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
                  "accepts_network_pass", "is_published", "services", "version")
        read_only_fields = ("department_code",)

    version = VersionField()


class ResourceManageSerializer(serializers.ModelSerializer[Resource]):
    version = VersionField()
    confirmed_count = serializers.IntegerField(
        required=False, write_only=True, min_value=0,
        help_text=CONFIRMED_COUNT_HELP)

    class Meta:
        model = Resource
        fields = ("id", "kind", "name", "capacity", "is_active", "version", "confirmed_count")


class OpeningHoursManageSerializer(serializers.ModelSerializer[OpeningHours]):
    confirmed_count = serializers.IntegerField(required=False, write_only=True, min_value=0,
                                               help_text=CONFIRMED_COUNT_HELP)

    class Meta:
        model = OpeningHours
        fields = ("id", "weekday", "opens", "closes", "confirmed_count")

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        _require_after(attrs, self.instance, "opens", "closes")
        return attrs


class OpeningRangeSerializer(serializers.Serializer[Any]):
    weekday = serializers.ChoiceField(choices=OpeningHours.Weekday.choices,
                                      help_text="0 = lundi / Monday … 6 = dimanche / Sunday")
    opens = serializers.TimeField()
    closes = serializers.TimeField()  # after `opens`: checked with the week (one message)


class OpeningWeekOutputSerializer(serializers.Serializer[Any]):
    hours = OpeningRangeSerializer(many=True)
    version = serializers.CharField(help_text="Renvoyée à l'enregistrement (409 si périmée).")


class OpeningWeekInputSerializer(serializers.Serializer[Any]):
    """The whole week; a day without a range is closed."""

    hours = serializers.ListField(child=OpeningRangeSerializer(), max_length=7 * 4)
    version = serializers.CharField(required=False, max_length=64)
    confirmed_count = serializers.IntegerField(required=False, min_value=0,
                                               help_text=CONFIRMED_COUNT_HELP)


class ClosureManageSerializer(serializers.ModelSerializer[Closure]):
    version = VersionField()
    confirmed_count = serializers.IntegerField(required=False, write_only=True, min_value=0,
                                               help_text=CONFIRMED_COUNT_HELP)

    class Meta:
        model = Closure
        fields = ("id", "start_date", "end_date", "reason", "version", "confirmed_count")

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        start = attrs.get("start_date", getattr(self.instance, "start_date", None))
        end = attrs.get("end_date", getattr(self.instance, "end_date", None))
        if start and end and end < start:
            raise serializers.ValidationError(
                {"end_date": ["La fin précède le début / end is before start."]})
        return attrs


class SpecialOpeningManageSerializer(serializers.ModelSerializer[SpecialOpening]):
    version = VersionField()

    class Meta:
        model = SpecialOpening
        fields = ("id", "date", "opens", "closes", "reason", "version")

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        _require_after(attrs, self.instance, "opens", "closes")
        return attrs


class ItineraryStopManageSerializer(serializers.ModelSerializer[ItineraryStop]):
    version = VersionField()
    commune_name = serializers.CharField(source="commune.name", read_only=True)
    confirmed_count = serializers.IntegerField(
        required=False, write_only=True, min_value=0,
        help_text=CONFIRMED_COUNT_HELP)

    latitude = serializers.FloatField(required=False)
    longitude = serializers.FloatField(required=False)

    class Meta:
        model = ItineraryStop
        fields = ("id", "date", "commune", "commune_name", "opens", "closes", "location_note",
                  "latitude", "longitude", "version", "confirmed_count")

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        _require_after(attrs, self.instance, "opens", "closes")
        commune = attrs.get("commune")
        if commune is not None:  # default the stop's point to the commune's centre
            attrs.setdefault("latitude", commune.latitude)
            attrs.setdefault("longitude", commune.longitude)
        return attrs


class PriceManageSerializer(serializers.ModelSerializer[Price]):
    version = VersionField()

    member_amount = serializers.DecimalField(
        max_digits=12, decimal_places=2, min_value=Decimal("0.00"), required=False,
        allow_null=True, help_text="Prix membre (TTC) : ce que paie un membre du lieu (abonné "
                                   "actif à une de ses formules mensuelles). Vide : prix public.")

    class Meta:
        model = Price
        fields = ("id", "resource_kind", "unit", "amount", "member_amount", "currency",
                  "version")

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
    """A photo: uploaded once (multipart `image`, re-encoded by the service), then only its
    alternative texts change; its place in the order changes through `reorder`."""

    image = serializers.FileField(write_only=True, help_text=(
        "JPEG, PNG ou WebP, 5 Mo et 40 mégapixels au plus ; ré-encodée en JPEG (2000 px au "
        "plus, sans métadonnées)."))
    url = serializers.SerializerMethodField()
    alt_fr = serializers.CharField(max_length=200, help_text=(
        "Texte alternatif : ce que montre la photo, pour qui ne la voit pas."))
    version = VersionField()

    class Meta:
        model = SpacePhoto
        fields = ("id", "image", "url", "alt_fr", "alt_en", "position", "version")
        read_only_fields = ("position",)

    def get_url(self, photo: SpacePhoto) -> str:
        return f"{settings.MEDIA_URL}{photo.image.name}"

    def validate_alt_fr(self, value: str) -> str:
        if not value.strip():
            raise serializers.ValidationError(
                "Décrivez la photo en quelques mots / describe the photo in a few words.")
        return value.strip()

    def get_fields(self) -> dict[str, serializers.Field]:
        fields = super().get_fields()
        if self.instance is not None:  # the picture is set once, at upload
            fields["image"].read_only = True
        return fields


class SpacePhotoOrderInputSerializer(serializers.Serializer):
    order = serializers.ListField(child=serializers.IntegerField(min_value=1), allow_empty=True,
                                  help_text="Identifiants de toutes les photos du lieu, dans "
                                            "l'ordre voulu (la première est la couverture).")


def _require_after(attrs: dict[str, Any], instance: Any, start: str, end: str) -> None:
    opens = attrs.get(start, getattr(instance, start, None))
    closes = attrs.get(end, getattr(instance, end, None))
    if opens and closes and closes <= opens:
        raise serializers.ValidationError(
            {end: ["L'heure de fermeture doit suivre l'ouverture / must be after opening."]})


# 409: the row changed since the client read it; `current` is the row as it is now.
ConflictOutputSerializer = inline_serializer(name="ConflictOutput", fields={
    "code": serializers.CharField(), "message": serializers.CharField(),
    "fields": serializers.DictField(), "current": serializers.DictField()})


class AffectedBookingSerializer(serializers.Serializer):
    """A booking a change would cancel, as the manager sees it before confirming."""

    reference = serializers.CharField()
    local_date = serializers.DateField()
    start = serializers.DateTimeField()
    end = serializers.DateTimeField()
    resource = serializers.CharField(source="resource.name")
    member = serializers.SerializerMethodField()

    def get_member(self, booking: Any) -> str:
        user = booking.member
        return f"{user.first_name} {user.last_name}".strip() or str(user.email)


ImpactOutputSerializer = inline_serializer(name="ImpactOutput", fields={
    "code": serializers.CharField(), "message": serializers.CharField(),
    "fields": serializers.DictField(), "count": serializers.IntegerField(),
    "bookings": AffectedBookingSerializer(many=True)})


class StopWeekInputSerializer(serializers.Serializer):
    """Several days of the truck's tour at once: same commune, hours and spot each day."""

    dates = serializers.ListField(child=serializers.DateField(), min_length=1, max_length=31)
    commune = serializers.PrimaryKeyRelatedField(queryset=Commune.objects.all())
    opens = serializers.TimeField()
    closes = serializers.TimeField()
    location_note = serializers.CharField(max_length=200, required=False, allow_blank=True,
                                          default="")

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        _require_after(attrs, None, "opens", "closes")
        return attrs
