"""Shapes of the booking API: input serializers validate shape only (the rules live in the
services), output serializers render. Names are unique across the API (drf-spectacular).

Times: instants are ISO 8601 in UTC (`start`, `end`, ...); each booking and place carries its
IANA `timezone`, and bookings also give `local_start_time` / `local_end_time` (HH:MM, the
place's wall clock) and the local `date`, so a client never converts with the browser's zone.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any, cast

from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from ostal.bookings.availability import MAX_CALENDAR_DAYS, MAX_SEARCH_DAYS
from ostal.bookings.errors import BookingErrorCode
from ostal.bookings.models import (
    Booking,
    BookingPolicy,
    BookingSeries,
    DayPart,
    Part,
    ResourceBlock,
    WaitlistEntry,
)
from ostal.bookings.policies import Policy, policy_for, policy_from_row
from ostal.core.api.errors import GENERIC_ERROR_CODES
from ostal.spaces.api.manage_serializers import VersionField
from ostal.spaces.models import Commune, ItineraryStop, Price, Resource, Space

IDEMPOTENCY_KEY_MAX = 100
ERROR_CODES = [*(str(code) for code in BookingErrorCode), *GENERIC_ERROR_CODES]
OCCURRENCE_STATUSES = ["booked", "refused"]


# --- errors -----------------------------------------------------------------------------------


class BookingErrorOutputSerializer(serializers.Serializer[Any]):
    """Every refusal: a stable `code`, a FR / EN `message`, and per-field messages for input
    errors (`code` = "invalid")."""

    code = serializers.ChoiceField(choices=ERROR_CODES)
    message = serializers.CharField()
    fields = serializers.DictField(  # type: ignore[assignment]  # popped by the metaclass
        child=serializers.ListField(child=serializers.CharField()))


# --- shared input pieces ----------------------------------------------------------------------


class _SlotInputMixin(serializers.Serializer[Any]):
    part = serializers.ChoiceField(
        choices=DayPart.choices, required=False,
        help_text="Part of the local day: day (opening → closing), morning (opening → 13:00), "
                  "afternoon (13:00 → closing). Or give start_time and end_time.")
    start_time = serializers.TimeField(required=False, format="%H:%M",
                                       help_text="Local start time (HH:MM), place's time zone.")
    end_time = serializers.TimeField(required=False, format="%H:%M",
                                     help_text="Local end time (HH:MM), place's time zone.")

    def _check_slot(self, attrs: dict[str, Any], *, walk_up: bool = False,
                    required: bool = True) -> None:
        has_part = bool(attrs.get("part"))
        has_times = "start_time" in attrs or "end_time" in attrs
        if has_part and has_times:
            raise serializers.ValidationError(
                {"part": ["« part » ou des horaires, pas les deux / part or times, not both."]})
        if has_times:
            if "end_time" not in attrs or ("start_time" not in attrs and not walk_up):
                raise serializers.ValidationError(
                    {"end_time": ["Début et fin requis / start_time and end_time required."]})
            if "start_time" in attrs and attrs["end_time"] <= attrs["start_time"]:
                raise serializers.ValidationError(
                    {"end_time": ["La fin doit suivre le début / end must be after start."]})
        elif required and not has_part:
            raise serializers.ValidationError(
                {"part": ["« part » ou start_time/end_time requis / part or times required."]})


def _idempotency_key_field() -> serializers.CharField:
    return serializers.CharField(
        required=False, allow_blank=True, max_length=IDEMPOTENCY_KEY_MAX,
        help_text="Client-generated key (e.g. a UUID); the `Idempotency-Key` header wins. A "
                  "retry with the same key returns the first result instead of booking again.")


class SpaceSlugField(serializers.SlugRelatedField):
    """A published place by slug, documented as a SlugRelatedField but not looked up here: the
    view loads the place with everything the booking needs in one query
    (`ostal.bookings.loading`) and answers with `missing()` when there is none."""

    def to_internal_value(self, data: Any) -> str:
        if isinstance(data, bool) or not isinstance(data, str | int):
            self.fail("invalid")
        return str(data)

    def missing(self, slug: str) -> serializers.ValidationError:
        message = self.error_messages["does_not_exist"].format(slug_name=self.slug_field,
                                                               value=slug)
        return serializers.ValidationError({self.field_name or "space": [message]})


class BookingCreateInputSerializer(_SlotInputMixin):
    space = SpaceSlugField(slug_field="slug", queryset=Space.objects.published(),
                                         help_text="Slug of the place.")
    kind = serializers.ChoiceField(choices=Resource.Kind.choices, default=Resource.Kind.DESK)
    date = serializers.DateField(required=False,
                                 help_text="Local date. Optional for a walk-up (today).")
    attendees = serializers.IntegerField(min_value=1, max_value=500, default=1)
    resource = serializers.IntegerField(
        required=False, min_value=1, help_text="Pick this resource (a desk, a room); otherwise "
                                               "the place assigns a free one.")
    walk_up = serializers.BooleanField(
        default=False, help_text="On the spot: the booking starts now (give part or end_time).")
    idempotency_key = _idempotency_key_field()

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        self._check_slot(attrs, walk_up=attrs.get("walk_up", False))
        if "date" not in attrs and not attrs.get("walk_up"):
            raise serializers.ValidationError({"date": ["Date requise / date required."]})
        return attrs


class ManagerBookingCreateInputSerializer(BookingCreateInputSerializer):
    space = None  # type: ignore[assignment]  # from the URL
    member_email = serializers.EmailField(help_text="E-mail of an existing account.")


class BookingChangeInputSerializer(_SlotInputMixin):
    date = serializers.DateField(required=False, help_text="New local date.")
    attendees = serializers.IntegerField(min_value=1, max_value=500, required=False)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if not attrs:
            raise serializers.ValidationError(
                {"non_field_errors": ["Rien à modifier / nothing to change."]})
        self._check_slot(attrs, required=False)
        return attrs


class BookingCancelInputSerializer(serializers.Serializer[Any]):
    late = serializers.BooleanField(
        default=False,
        help_text="Past the place's cancellation deadline: true to cancel anyway under the late "
                  "cancellation policy (part or none of the card payment refunded, credits "
                  "kept; GET /billing/bookings/{id}/cancellation/ says what). Without it a "
                  "late cancellation answers `too_late_to_cancel` and changes nothing.")


class MyBookingsFilterInputSerializer(serializers.Serializer[Any]):
    when = serializers.ChoiceField(choices=["upcoming", "past", "all"], default="upcoming")
    status = serializers.ChoiceField(choices=Booking.Status.choices, required=False)


class BookingSeriesCreateInputSerializer(_SlotInputMixin):
    space = serializers.SlugRelatedField(slug_field="slug", queryset=Space.objects.published())
    kind = serializers.ChoiceField(choices=Resource.Kind.choices, default=Resource.Kind.DESK)
    weekdays = serializers.ListField(child=serializers.IntegerField(min_value=0, max_value=6),
                                     min_length=1, max_length=7,
                                     help_text="0 = Monday … 6 = Sunday.")
    start_date = serializers.DateField()
    until_date = serializers.DateField(required=False, help_text="Last date (inclusive).")
    count = serializers.IntegerField(required=False, min_value=1, max_value=60,
                                     help_text="Number of dates (booked or refused).")
    attendees = serializers.IntegerField(min_value=1, max_value=500, default=1)
    idempotency_key = _idempotency_key_field()

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        self._check_slot(attrs)
        if "until_date" not in attrs and "count" not in attrs:
            raise serializers.ValidationError(
                {"until_date": ["« until_date » ou « count » requis / until_date or count."]})
        if "until_date" in attrs and attrs["until_date"] < attrs["start_date"]:
            raise serializers.ValidationError(
                {"until_date": ["Avant la date de début / before start_date."]})
        return attrs


class BookingSeriesCancelInputSerializer(serializers.Serializer[Any]):
    from_date = serializers.DateField(help_text="Cancel the occurrences on or after this "
                                                "local date.")


class CheckInInputSerializer(serializers.Serializer[Any]):
    token = serializers.CharField(max_length=64, help_text="The token of the place's QR code "
                                                           "(last part of /checkin/{token}).")


class ManagerCheckInInputSerializer(serializers.Serializer[Any]):
    code = serializers.CharField(max_length=200, help_text="What the member's booking QR "
                                                           "code encodes.")


class WaitlistJoinInputSerializer(serializers.Serializer[Any]):
    space = serializers.SlugRelatedField(slug_field="slug", queryset=Space.objects.published())
    kind = serializers.ChoiceField(choices=Resource.Kind.choices, default=Resource.Kind.DESK)
    date = serializers.DateField()
    part = serializers.ChoiceField(choices=DayPart.choices, default=DayPart.DAY)


class ManagerDayFilterInputSerializer(serializers.Serializer[Any]):
    date = serializers.DateField(required=False, help_text="Local date; default today.")
    kind = serializers.ChoiceField(choices=Resource.Kind.choices, required=False)


class ResourceBlockFilterInputSerializer(serializers.Serializer[Any]):
    date_from = serializers.DateField(required=False)
    date_to = serializers.DateField(required=False)


class ResourceBlockInputSerializer(serializers.Serializer[Any]):
    resource = serializers.IntegerField(min_value=1)
    start = serializers.DateTimeField(help_text="ISO 8601 instant (UTC or with offset).")
    end = serializers.DateTimeField()
    reason = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if attrs["end"] <= attrs["start"]:
            raise serializers.ValidationError({"end": ["La fin doit suivre le début / "
                                                       "end must be after start."]})
        if attrs["end"] - attrs["start"] > dt.timedelta(days=366):
            raise serializers.ValidationError({"end": ["Un an au plus / one year at most."]})
        return attrs


class ResourceBlockUpdateInputSerializer(ResourceBlockInputSerializer):
    resource = None  # type: ignore[assignment]


# --- availability -----------------------------------------------------------------------------


class _PlaceInputMixin(serializers.Serializer[Any]):
    near = serializers.CharField(required=False, help_text="'latitude,longitude' (near me).")
    near_commune = serializers.CharField(required=False, max_length=5,
                                         help_text="INSEE code of a commune (e.g. 46102).")
    radius_km = serializers.FloatField(required=False, min_value=0.1, max_value=500)

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


class AvailabilitySearchInputSerializer(_PlaceInputMixin, _SlotInputMixin):
    date = serializers.DateField(help_text="Local date (each place's time zone).")
    date_to = serializers.DateField(required=False,
                                    help_text="Last date of a range (at most 14 days).")
    kind = serializers.ChoiceField(choices=Resource.Kind.choices, default=Resource.Kind.DESK)
    attendees = serializers.IntegerField(min_value=1, max_value=500, default=1,
                                         help_text="Only resources holding that many people.")
    available_only = serializers.BooleanField(default=False,
                                              help_text="Drop places with nothing free.")

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        self._check_slot(attrs, required=False)
        if "near" in attrs and "near_commune" in attrs:
            raise serializers.ValidationError(
                {"near": ["Choisir « near » ou « near_commune », pas les deux / not both."]})
        if "radius_km" in attrs and "near" not in attrs and "near_commune" not in attrs:
            raise serializers.ValidationError(
                {"radius_km": ["Un point de départ est requis / needs near or near_commune."]})
        if commune := attrs.pop("near_commune", None):
            attrs["near"] = (commune.latitude, commune.longitude)
        date_to = attrs.get("date_to")
        if date_to is not None and not (
                attrs["date"] <= date_to < attrs["date"] + dt.timedelta(days=MAX_SEARCH_DAYS)):
            raise serializers.ValidationError(
                {"date_to": [f"Entre date et date + {MAX_SEARCH_DAYS - 1} jours / within "
                             f"{MAX_SEARCH_DAYS} days of date."]})
        return attrs


class AvailabilityCalendarInputSerializer(serializers.Serializer[Any]):
    """?from=&to=&kind=&attendees= (from/to are Python keywords: declared in get_fields)."""

    def get_fields(self) -> dict[str, serializers.Field[Any, Any, Any, Any]]:
        return {
            "from": serializers.DateField(required=False, help_text="First local date; "
                                                                    "default today."),
            "to": serializers.DateField(required=False, help_text="Last local date; default "
                                                                  "from + 6 (at most 62 days)."),
            "kind": serializers.ChoiceField(choices=Resource.Kind.choices,
                                            default=Resource.Kind.DESK),
            "attendees": serializers.IntegerField(min_value=1, max_value=500, default=1),
        }

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        start = attrs.get("from")
        end = attrs.get("to")
        if start and end and not (start <= end < start + dt.timedelta(days=MAX_CALENDAR_DAYS)):
            raise serializers.ValidationError(
                {"to": [f"Entre from et from + {MAX_CALENDAR_DAYS - 1} jours / within "
                        f"{MAX_CALENDAR_DAYS} days of from."]})
        return attrs


class CommuneRefForBookingOutputSerializer(serializers.ModelSerializer[Commune]):
    class Meta:
        model = Commune
        fields = ("insee_code", "name", "department_code")
        read_only_fields = fields


class AvailabilitySpaceRefOutputSerializer(serializers.ModelSerializer[Space]):
    commune = CommuneRefForBookingOutputSerializer()

    class Meta:
        model = Space
        fields = ("id", "slug", "name", "kind", "commune", "latitude", "longitude", "timezone",
                  "accepts_network_pass")
        read_only_fields = fields


class AvailabilityStopOutputSerializer(serializers.Serializer[Any]):
    commune = CommuneRefForBookingOutputSerializer()
    latitude = serializers.FloatField()
    longitude = serializers.FloatField()
    location_note = serializers.CharField()


class AvailabilitySlotOutputSerializer(serializers.Serializer[Any]):
    key = serializers.CharField(help_text="'day', 'morning', 'afternoon', or the local start "
                                          "time 'HH:MM' of an hour / half-hour slot.")
    start = serializers.DateTimeField()
    end = serializers.DateTimeField()
    free = serializers.IntegerField()
    free_resource_ids = serializers.ListField(child=serializers.IntegerField())


class AvailabilityDayOutputSerializer(serializers.Serializer[Any]):
    date = serializers.DateField()
    is_open = serializers.BooleanField()
    closed_reason = serializers.ChoiceField(choices=["closed", "no_stop"], allow_null=True,
                                            help_text="closed, or no_stop for an itinerant "
                                                      "place without a stop that day.")
    opens_at = serializers.DateTimeField(allow_null=True)
    closes_at = serializers.DateTimeField(allow_null=True)
    stop = AvailabilityStopOutputSerializer(allow_null=True,
                                            help_text="Where the itinerant place stops.")
    free = serializers.IntegerField(help_text="Free resources for the searched part or times "
                                              "(no window: the whole day for desks, any free "
                                              "slot for rooms).")
    slots = AvailabilitySlotOutputSerializer(many=True)


class BookingPolicyPublicOutputSerializer(serializers.Serializer[Any]):
    sale_unit = serializers.ChoiceField(choices=BookingPolicy.SaleUnit.choices)
    min_duration_minutes = serializers.IntegerField(allow_null=True)
    max_duration_minutes = serializers.IntegerField(allow_null=True)
    min_notice_minutes = serializers.IntegerField()
    max_advance_days = serializers.IntegerField()
    cancellation_deadline_minutes = serializers.IntegerField()
    no_show_grace_minutes = serializers.IntegerField(allow_null=True)
    max_active_bookings_per_member = serializers.IntegerField(allow_null=True)
    max_bookings_per_member_per_day = serializers.IntegerField(allow_null=True)
    requires_payment = serializers.BooleanField()
    hold_minutes = serializers.IntegerField()


class AvailabilityPriceOutputSerializer(serializers.Serializer[Any]):
    unit = serializers.ChoiceField(choices=Price.Unit.choices)
    amount = serializers.DecimalField(max_digits=12, decimal_places=2,
                                      help_text="Public price, tax included.")
    currency = serializers.CharField()


class AvailabilitySpaceOutputSerializer(serializers.Serializer[Any]):
    space = AvailabilitySpaceRefOutputSerializer()
    resource_kind = serializers.ChoiceField(choices=Resource.Kind.choices)
    sale_unit = serializers.CharField(source="policy.sale_unit")
    total = serializers.IntegerField(help_text="Resources of that kind holding the attendees.")
    distance_km = serializers.SerializerMethodField()
    days = AvailabilityDayOutputSerializer(many=True)
    prices = AvailabilityPriceOutputSerializer(
        many=True, help_text="Public prices of the searched kind at the place, per sale unit "
                             "(day first); a member may pay less (see the slot quote).")

    def get_distance_km(self, result: Any) -> float | None:
        return None if result.distance_km is None else round(result.distance_km, 1)


class AvailabilitySearchOutputSerializer(serializers.Serializer[Any]):
    date = serializers.DateField()
    date_to = serializers.DateField()
    resource_kind = serializers.ChoiceField(choices=Resource.Kind.choices)
    attendees = serializers.IntegerField()
    count = serializers.IntegerField()
    results = AvailabilitySpaceOutputSerializer(many=True)


class AvailabilityResourceOutputSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    name = serializers.CharField()
    kind = serializers.ChoiceField(choices=Resource.Kind.choices)
    capacity = serializers.IntegerField()


class AvailabilityCalendarOutputSerializer(serializers.Serializer[Any]):
    space = AvailabilitySpaceRefOutputSerializer()
    resource_kind = serializers.ChoiceField(choices=Resource.Kind.choices)
    policy = BookingPolicyPublicOutputSerializer()
    total = serializers.IntegerField()
    resources = AvailabilityResourceOutputSerializer(many=True)
    days = AvailabilityDayOutputSerializer(many=True)


# --- bookings ---------------------------------------------------------------------------------


def policies_for(bookings: Iterable[Booking]) -> dict[tuple[int, str], Policy]:
    """The effective policy of each (space, kind) of `bookings`, in one query; for serializer
    context (cancellation deadlines) so lists do not query per row."""
    return policies_for_keys({(b.space_id, b.resource_kind) for b in bookings})


def policies_for_keys(keys: set[tuple[int, str]]) -> dict[tuple[int, str], Policy]:
    """The effective policy of each (space, resource kind), in one query (none if no key)."""
    if not keys:
        return {}
    rows = BookingPolicy.objects.filter(space_id__in={space_id for space_id, _ in keys})
    found = {(row.space_id, row.resource_kind): policy_from_row(row) for row in rows}
    return {key: found.get(key) or policy_for(key[0], key[1], rows=[]) for key in keys}


def stops_for(bookings: Iterable[Booking]
              ) -> dict[tuple[int, dt.date], ItineraryStop | None]:
    """Where each itinerant place of `bookings` stops on the booking's day (None: no stop
    that day): one query when the bookings hold an itinerant place, none otherwise (their
    `space` is joined)."""
    return stops_for_keys({(b.space_id, b.local_date) for b in bookings
                           if b.space.kind == Space.Kind.ITINERANT})


def stops_for_keys(keys: set[tuple[int, dt.date]]
                   ) -> dict[tuple[int, dt.date], ItineraryStop | None]:
    """The stop of each (itinerant place, day): one query, none without a key."""
    if not keys:
        return {}
    rows = ItineraryStop.objects.filter(
        space_id__in={space_id for space_id, _ in keys},
        date__in={date for _, date in keys}).select_related("commune")
    found = {(row.space_id, row.date): row for row in rows}
    return {key: found.get(key) for key in keys}


class BookingStopOutputSerializer(serializers.Serializer[Any]):
    """Where an itinerant place stands on the booking's day."""

    commune = CommuneRefForBookingOutputSerializer()
    location_note = serializers.CharField()
    latitude = serializers.FloatField()
    longitude = serializers.FloatField()


class BookingSpaceRefOutputSerializer(serializers.ModelSerializer[Space]):
    commune = CommuneRefForBookingOutputSerializer()

    class Meta:
        model = Space
        fields = ("id", "slug", "name", "timezone", "address", "commune")
        read_only_fields = fields


class BookingResourceRefOutputSerializer(serializers.ModelSerializer[Resource]):
    class Meta:
        model = Resource
        fields = ("id", "name", "kind", "capacity")
        read_only_fields = fields


class BookingOutputSerializer(serializers.ModelSerializer[Booking]):
    space = BookingSpaceRefOutputSerializer()
    resource = BookingResourceRefOutputSerializer()
    date = serializers.DateField(source="local_date", help_text="Local date at the place.")
    part = serializers.ChoiceField(choices=Part.choices)
    timezone = serializers.CharField(source="space.timezone")
    local_start_time = serializers.SerializerMethodField()
    local_end_time = serializers.SerializerMethodField()
    booked_by_manager = serializers.SerializerMethodField()
    cancellation_deadline = serializers.SerializerMethodField()
    qr_code_url = serializers.SerializerMethodField()
    stop = serializers.SerializerMethodField(
        help_text="An itinerant place's stop that day (its commune, where it stands); null "
                  "for a fixed place.")

    class Meta:
        model = Booking
        fields = ("id", "reference", "status", "source", "space", "stop", "resource",
                  "resource_kind", "date", "part", "start", "end", "timezone", "local_start_time",
                  "local_end_time", "attendees", "expires_at", "checked_in_at", "cancelled_at",
                  "no_show_at", "series", "booked_by_manager", "cancellation_deadline",
                  "qr_code_url", "sequence", "created_at", "updated_at")
        read_only_fields = fields

    def _local(self, instant: dt.datetime, booking: Booking) -> str:
        from zoneinfo import ZoneInfo

        return instant.astimezone(ZoneInfo(booking.space.timezone)).strftime("%H:%M")

    def get_local_start_time(self, booking: Booking) -> str:
        return self._local(booking.start, booking)

    def get_local_end_time(self, booking: Booking) -> str:
        return self._local(booking.end, booking)

    def get_booked_by_manager(self, booking: Booking) -> bool:
        return booking.booked_by_id is not None and booking.booked_by_id != booking.member_id

    @extend_schema_field(serializers.DateTimeField(allow_null=True))
    def get_cancellation_deadline(self, booking: Booking) -> str | None:
        """Last instant a member may cancel or change (null once inactive)."""
        if booking.status not in (Booking.Status.HELD, Booking.Status.CONFIRMED):
            return None
        policies = self.context.get("policies") or {}
        policy = policies.get((booking.space_id, booking.resource_kind)) or policy_for(
            booking.space_id, booking.resource_kind)
        deadline = booking.start - dt.timedelta(minutes=policy.cancellation_deadline_minutes)
        return serializers.DateTimeField().to_representation(deadline)

    def get_qr_code_url(self, booking: Booking) -> str:
        return reverse("booking-qr", kwargs={"pk": booking.pk})

    @extend_schema_field(BookingStopOutputSerializer(allow_null=True))
    def get_stop(self, booking: Booking) -> dict[str, Any] | None:
        if booking.space.kind != Space.Kind.ITINERANT:
            return None
        context = cast(dict[str, Any], self.context)  # DRF's context is a plain dict
        stops = context.setdefault("stops", {})
        if (booking.space_id, booking.local_date) not in stops:
            # Not given by the view: read (and remember for the next rows) that day's stop.
            stops.update(stops_for([booking]))
        stop = stops.get((booking.space_id, booking.local_date))
        return None if stop is None else dict(BookingStopOutputSerializer(stop).data)


class BookingPageOutputSerializer(serializers.Serializer[Any]):
    """One page of bookings (?page=, ?page_size= up to 200)."""

    count = serializers.IntegerField()
    next = serializers.URLField(allow_null=True)
    previous = serializers.URLField(allow_null=True)
    results = BookingOutputSerializer(many=True)


class BookingMemberRefOutputSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    email = serializers.EmailField()
    first_name = serializers.CharField()
    last_name = serializers.CharField()


class BookingManageOutputSerializer(BookingOutputSerializer):
    member = BookingMemberRefOutputSerializer()
    booked_by = BookingMemberRefOutputSerializer(allow_null=True)

    class Meta(BookingOutputSerializer.Meta):
        fields = (*BookingOutputSerializer.Meta.fields,  # type: ignore[assignment]
                  "member", "booked_by", "no_show_due_at")
        read_only_fields = fields  # type: ignore[assignment]


class SeriesOccurrenceOutputSerializer(serializers.Serializer[Any]):
    date = serializers.DateField()
    status = serializers.ChoiceField(choices=OCCURRENCE_STATUSES)
    booking_id = serializers.IntegerField(allow_null=True)
    code = serializers.CharField(help_text="Refusal code (see BookingErrorOutput), or ''.")
    message = serializers.CharField()


class BookingSeriesOutputSerializer(serializers.ModelSerializer[BookingSeries]):
    space = BookingSpaceRefOutputSerializer()
    occurrences = SeriesOccurrenceOutputSerializer(many=True)
    booked = serializers.SerializerMethodField()
    refused = serializers.SerializerMethodField()

    class Meta:
        model = BookingSeries
        fields = ("id", "reference", "space", "resource_kind", "weekdays", "start_date",
                  "until_date", "count", "part", "start_time", "end_time", "attendees",
                  "cancelled_from", "booked", "refused", "occurrences", "created_at")
        read_only_fields = fields

    def get_booked(self, series: BookingSeries) -> int:
        return sum(1 for o in series.occurrences if o["status"] == "booked")

    def get_refused(self, series: BookingSeries) -> int:
        return sum(1 for o in series.occurrences if o["status"] == "refused")


class SeriesCancelRefusalOutputSerializer(serializers.Serializer[Any]):
    booking_id = serializers.IntegerField()
    date = serializers.DateField()
    code = serializers.CharField()
    message = serializers.CharField()


class BookingSeriesCancelOutputSerializer(serializers.Serializer[Any]):
    series = BookingSeriesOutputSerializer()
    cancelled = BookingOutputSerializer(many=True)
    refused = SeriesCancelRefusalOutputSerializer(many=True)


class WaitlistEntryOutputSerializer(serializers.ModelSerializer[WaitlistEntry]):
    space = BookingSpaceRefOutputSerializer()
    position = serializers.IntegerField(allow_null=True, read_only=True,
                                        help_text="1 = first in line (while waiting).")
    offered_booking = BookingOutputSerializer(allow_null=True)

    class Meta:
        model = WaitlistEntry
        fields = ("id", "space", "resource_kind", "date", "part", "status", "position",
                  "offered_at", "offer_expires_at", "offered_booking", "created_at")
        read_only_fields = fields


class CheckInCodeOutputSerializer(serializers.Serializer[Any]):
    token = serializers.CharField()
    url = serializers.URLField(help_text="What the QR code encodes: {SITE_URL}/checkin/{token}.")
    qr_svg_url = serializers.CharField()


class ResourceBlockOutputSerializer(serializers.ModelSerializer[ResourceBlock]):
    resource = BookingResourceRefOutputSerializer()

    class Meta:
        model = ResourceBlock
        fields = ("id", "resource", "start", "end", "reason", "source", "created_at")
        read_only_fields = fields


class ManagerDaySummaryOutputSerializer(serializers.Serializer[Any]):
    active = serializers.IntegerField()
    checked_in = serializers.IntegerField()
    no_show = serializers.IntegerField()
    cancelled = serializers.IntegerField()


class ManagerDayOutputSerializer(serializers.Serializer[Any]):
    space = BookingSpaceRefOutputSerializer()
    date = serializers.DateField()
    summary = ManagerDaySummaryOutputSerializer()
    bookings = BookingManageOutputSerializer(many=True)
    blocks = ResourceBlockOutputSerializer(many=True)


POLICY_LIMITS = {"min_duration_minutes": 24 * 60, "max_duration_minutes": 24 * 60,
                 "min_notice_minutes": 30 * 24 * 60,
                 "cancellation_deadline_minutes": 30 * 24 * 60,
                 "no_show_grace_minutes": 24 * 60, "max_active_bookings_per_member": 1000,
                 "max_bookings_per_member_per_day": 48, "hold_minutes": 24 * 60,
                 "waitlist_offer_minutes": 7 * 24 * 60}


class BookingPolicyManageSerializer(serializers.ModelSerializer[BookingPolicy]):
    """A place's rules for one resource kind; `version` as in every place setup row (ADR
    0018). Bounds keep a slip of the keyboard (a notice of 60 000 minutes) from closing a place
    to bookings without anyone noticing; the database keeps min ≤ max durations."""

    version = VersionField()

    class Meta:
        model = BookingPolicy
        fields = ("id", "resource_kind", "sale_unit", "min_duration_minutes",
                  "max_duration_minutes", "min_notice_minutes", "max_advance_days",
                  "cancellation_deadline_minutes", "no_show_grace_minutes",
                  "max_active_bookings_per_member", "max_bookings_per_member_per_day",
                  "requires_payment", "hold_minutes", "waitlist_offer_minutes", "version")
        extra_kwargs = {name: {"max_value": limit} for name, limit in POLICY_LIMITS.items()}


class BookingPolicyDefaultOutputSerializer(serializers.Serializer[Any]):
    """The network's default rules for one resource kind (used where a place has no row)."""

    resource_kind = serializers.ChoiceField(choices=Resource.Kind.choices)
    sale_unit = serializers.ChoiceField(choices=BookingPolicy.SaleUnit.choices)
    min_duration_minutes = serializers.IntegerField(allow_null=True)
    max_duration_minutes = serializers.IntegerField(allow_null=True)
    min_notice_minutes = serializers.IntegerField()
    max_advance_days = serializers.IntegerField()
    cancellation_deadline_minutes = serializers.IntegerField()
    no_show_grace_minutes = serializers.IntegerField(allow_null=True)
    max_active_bookings_per_member = serializers.IntegerField(allow_null=True)
    max_bookings_per_member_per_day = serializers.IntegerField(allow_null=True)
    requires_payment = serializers.BooleanField()
    hold_minutes = serializers.IntegerField()
    waitlist_offer_minutes = serializers.IntegerField()
