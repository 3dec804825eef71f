"""Management API: network admins manage everything, managers only their operators' places.

Rows outside the caller's scope are simply not in the queryset, so they answer 404 and a
refused request reveals nothing (not even that the row exists).
"""

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from django.db.models import Model, QuerySet
from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import SAFE_METHODS
from rest_framework.request import Request
from rest_framework.response import Response

from ostal.bookings.models import Booking
from ostal.bookings.services.place_changes import (
    ImpactNotConfirmed,
    bookings_affected_by_closure,
    bookings_affected_by_deactivation,
    bookings_affected_by_stop,
    bookings_affected_by_weekly_hours,
    place_change_apply,
)
from ostal.core.api.inputs import FormParser, JSONParser, MultiPartParser
from ostal.core.api.permissions import (
    IsManager,
    IsNetworkAdmin,
    acting_user,
    is_network_admin,
)
from ostal.spaces.api import manage_serializers as s
from ostal.spaces.errors import SpaceConflict
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
from ostal.spaces.operators import operator_create, operator_update
from ostal.spaces.services import (
    Weekly,
    opening_hours_set_week,
    opening_hours_version,
    opening_hours_week,
    service_delete,
    space_create,
    space_photo_add,
    space_photo_delete,
    space_photo_update,
    space_photos_reorder,
    space_row_create,
    space_row_delete,
    space_row_update,
    space_update,
    stops_add_week,
)

VERSION_PARAM = OpenApiParameter(
    "version", OpenApiTypes.STR, description="Version lue : 409 si la ligne a changé depuis.")
CONFIRMED_COUNT_PARAM = OpenApiParameter(
    "confirmed_count", OpenApiTypes.INT,
    description="Réservations concernées vues et confirmées (réponse 409 `bookings_affected`).")
IMPACT_RESPONSE = OpenApiResponse(
    response=s.ImpactOutputSerializer,
    description="Des réservations sont concernées : renvoyer avec `confirmed_count` = `count`.")
CONFLICT_RESPONSE = OpenApiResponse(
    response=s.ConflictOutputSerializer,
    description="Quelqu'un a enregistré entre-temps : `current` porte les valeurs actuelles.")


class VersionedUpdateMixin:
    """Updates carry the version the client read (`version`); the service refuses a stale one
    with SpaceConflict, answered here as 409 with the row's current values (`current`, in the
    same shape as a read) so the second editor sees what changed instead of overwriting it."""

    def handle_exception(self, exc: Exception) -> Response:
        if isinstance(exc, SpaceConflict):
            serializer = self.get_serializer(exc.current)  # type: ignore[attr-defined]
            return Response({"code": exc.code, "message": str(exc.message), "fields": {},
                             "current": serializer.data}, status=status.HTTP_409_CONFLICT)
        return super().handle_exception(exc)  # type: ignore[misc]

    @staticmethod
    def pop_version(serializer: serializers.BaseSerializer[Any]) -> tuple[dict[str, Any],
                                                                          str | None]:
        data = dict(serializer.validated_data)
        return data, data.pop("version", None)


class OperatorManageViewSet(viewsets.ModelViewSet[Operator]):
    """Network admins create and edit operators; managers read their own."""

    serializer_class = s.OperatorManageSerializer

    def get_permissions(self) -> list[Any]:
        if self.request.method in SAFE_METHODS:
            return [IsManager()]
        return [IsNetworkAdmin()]

    def get_queryset(self) -> QuerySet[Operator]:
        if getattr(self, "swagger_fake_view", False):
            return Operator.objects.none()
        user = self.request.user
        queryset = Operator.objects.prefetch_related("managers", "front_desk").order_by("name")
        if is_network_admin(user):
            return queryset
        return queryset.filter(managers=acting_user(self.request))

    def perform_create(self, serializer: serializers.BaseSerializer[Operator]) -> None:
        serializer.instance = operator_create(data=dict(serializer.validated_data))

    def perform_update(self, serializer: serializers.BaseSerializer[Operator]) -> None:
        assert serializer.instance is not None
        serializer.instance = operator_update(operator=serializer.instance,
                                              data=dict(serializer.validated_data))


class ServiceManageViewSet(viewsets.ModelViewSet[Service]):
    """Services and the socle de base: network admins only."""

    serializer_class = s.ServiceManageSerializer
    permission_classes = (IsNetworkAdmin,)
    queryset = Service.objects.all()
    pagination_class = None

    def perform_destroy(self, instance: Service) -> None:
        service_delete(service=instance)


@extend_schema(responses={200: s.SpaceManageSerializer, 409: CONFLICT_RESPONSE},
               methods=["PUT", "PATCH"])
class SpaceManageViewSet(VersionedUpdateMixin, viewsets.ModelViewSet[Space]):
    """Places; who may put a place under which operator or make it accept the pass is decided
    by `space_create` / `space_update`, which also refuses a stale `version` (409)."""

    serializer_class = s.SpaceManageSerializer
    permission_classes = (IsManager,)

    def get_queryset(self) -> QuerySet[Space]:
        if getattr(self, "swagger_fake_view", False):
            return Space.objects.none()
        return (Space.objects.managed_by(self.request.user)  # type: ignore[arg-type]
                .select_related("operator", "commune").prefetch_related("services")
                .order_by("name"))

    def perform_create(self, serializer: serializers.BaseSerializer[Space]) -> None:
        data, _version = self.pop_version(serializer)
        serializer.instance = space_create(actor=acting_user(self.request), data=data)

    def perform_update(self, serializer: serializers.BaseSerializer[Space]) -> None:
        assert serializer.instance is not None
        data, version = self.pop_version(serializer)
        serializer.instance = space_update(actor=acting_user(self.request),
                                           space=serializer.instance, data=data,
                                           version=version)


class _SpaceChildViewSet(VersionedUpdateMixin, viewsets.ModelViewSet[Any]):
    """Rows that belong to one place, addressed as /manage/spaces/{space_id}/<things>/; every
    write goes through a spaces service (unique constraints answer 400, a stale `version`
    409)."""

    permission_classes = (IsManager,)
    pagination_class = None
    model: type[Model]

    def get_space(self) -> Space:
        spaces = Space.objects.managed_by(self.request.user)  # type: ignore[arg-type]
        return get_object_or_404(spaces, pk=self.kwargs["space_id"])

    def get_queryset(self) -> QuerySet[Any]:
        if getattr(self, "swagger_fake_view", False):
            return self.model.objects.none()  # type: ignore[attr-defined]
        return self.model.objects.filter(space=self.get_space())  # type: ignore[attr-defined]

    def perform_create(self, serializer: serializers.BaseSerializer[Any]) -> None:
        data, _version = self.pop_version(serializer)
        serializer.instance = space_row_create(space=self.get_space(), model=self.model,
                                               data=data)

    def perform_update(self, serializer: serializers.BaseSerializer[Any]) -> None:
        assert serializer.instance is not None
        data, version = self.pop_version(serializer)
        serializer.instance = space_row_update(row=serializer.instance, data=data,
                                               version=version)

    @extend_schema(parameters=[VERSION_PARAM, CONFIRMED_COUNT_PARAM])
    def destroy(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().destroy(request, *args, **kwargs)

    def perform_destroy(self, instance: Any) -> None:
        space_row_delete(row=instance, version=self.request.query_params.get("version"))


class _ImpactViewSet(_SpaceChildViewSet):
    """Rows whose change can touch existing bookings: the change is refused 409 with the
    affected bookings until it is sent again with `confirmed_count` (how many the manager
    saw); then written, and those bookings cancelled by the place, refunded and mailed
    (`bookings.services.place_changes`)."""

    def handle_exception(self, exc: Exception) -> Response:
        if isinstance(exc, ImpactNotConfirmed):
            return Response({"code": exc.code, "message": str(exc.message),
                             "fields": exc.fields, "count": len(exc.bookings),
                             "bookings": s.AffectedBookingSerializer(exc.bookings,
                                                                     many=True).data},
                            status=status.HTTP_409_CONFLICT)
        return super().handle_exception(exc)

    def confirmed_count(self, data: dict[str, Any] | None = None) -> int | None:
        if data is not None and "confirmed_count" in data:
            return int(data.pop("confirmed_count"))
        raw = self.request.query_params.get("confirmed_count")
        if raw is None:
            return None
        if not raw.isdigit():
            raise serializers.ValidationError({"confirmed_count": ["Nombre attendu / a number."]})
        return int(raw)

    def affected(self, instance: Any, data: dict[str, Any] | None) -> QuerySet[Booking]:
        """The bookings the change (`data`; None: removal) would leave invalid."""
        raise NotImplementedError

    def perform_create(self, serializer: serializers.BaseSerializer[Any]) -> None:
        data, _version = self.pop_version(serializer)
        count = self.confirmed_count(data)
        space = self.get_space()
        serializer.instance, _ = place_change_apply(
            actor=acting_user(self.request), affected=self.affected(None, data),
            confirmed_count=count,
            write=lambda: space_row_create(space=space, model=self.model, data=data))

    def perform_update(self, serializer: serializers.BaseSerializer[Any]) -> None:
        assert serializer.instance is not None
        row = serializer.instance
        data, version = self.pop_version(serializer)
        count = self.confirmed_count(data)
        serializer.instance, _ = place_change_apply(
            actor=acting_user(self.request), affected=self.affected(row, data),
            confirmed_count=count,
            write=lambda: space_row_update(row=row, data=data, version=version))

    def perform_destroy(self, instance: Any) -> None:
        version = self.request.query_params.get("version")
        place_change_apply(
            actor=acting_user(self.request), affected=self.affected(instance, None),
            confirmed_count=self.confirmed_count(),
            write=lambda: space_row_delete(row=instance, version=version))


@extend_schema(responses={200: s.ResourceManageSerializer, 409: IMPACT_RESPONSE},
               methods=["PUT", "PATCH"])
class ResourceManageViewSet(_ImpactViewSet):
    """Deactivating a resource cancels its upcoming bookings, once confirmed."""

    model = Resource
    serializer_class = s.ResourceManageSerializer

    def affected(self, instance: Any, data: dict[str, Any] | None) -> QuerySet[Booking]:
        if instance is None or (data is not None and data.get("is_active", True)):
            return Booking.objects.none()
        return bookings_affected_by_deactivation(resource=instance)


@extend_schema(responses={201: s.OpeningHoursManageSerializer, 409: IMPACT_RESPONSE},
               methods=["POST"])
@extend_schema(responses={200: s.OpeningHoursManageSerializer, 409: IMPACT_RESPONSE},
               methods=["PUT", "PATCH"])
class OpeningHoursManageViewSet(_ImpactViewSet):
    """Weekly hours: one range at a time, or the whole week at once (`week`, the SPA's way).
    Shorter hours that leave bookings outside cancel them, once confirmed."""

    model = OpeningHours
    serializer_class = s.OpeningHoursManageSerializer

    def affected(self, instance: Any, data: dict[str, Any] | None) -> QuerySet[Booking]:
        week = opening_hours_week(self.get_space())
        if instance is not None:
            week.remove((instance.weekday, instance.opens, instance.closes))
        if data is not None:
            week.append((data.get("weekday", getattr(instance, "weekday", 0)),
                         data.get("opens", getattr(instance, "opens", dt.time(0))),
                         data.get("closes", getattr(instance, "closes", dt.time(0)))))
        return bookings_affected_by_weekly_hours(space=self.get_space(), week=week)

    @staticmethod
    def week_body(week: list[Weekly]) -> dict[str, Any]:
        return s.OpeningWeekOutputSerializer({
            "hours": [{"weekday": d, "opens": o, "closes": c} for d, o, c in week],
            "version": opening_hours_version(week)}).data

    @extend_schema(methods=["GET"], responses={200: s.OpeningWeekOutputSerializer})
    @extend_schema(methods=["PUT"], request=s.OpeningWeekInputSerializer,
                   responses={200: s.OpeningWeekOutputSerializer, 409: IMPACT_RESPONSE})
    @action(detail=False, methods=["get", "put"])
    def week(self, request: Request, space_id: str) -> Response:
        """The week's opening hours as a whole (GET), replaced at once (PUT) from the `version`
        read: 409 `stale_version` with the current week when someone saved the hours since;
        409 `bookings_affected` when the new hours leave bookings outside, until sent again
        with `confirmed_count` — then those bookings are cancelled by the place and refunded."""
        space = self.get_space()
        if request.method == "GET":
            return Response(self.week_body(opening_hours_week(space)))
        payload = s.OpeningWeekInputSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        week = [(row["weekday"], row["opens"], row["closes"]) for row in data["hours"]]
        try:
            saved, _ = place_change_apply(
                actor=acting_user(request), confirmed_count=data.get("confirmed_count"),
                affected=bookings_affected_by_weekly_hours(space=space, week=week),
                write=lambda: opening_hours_set_week(space=space, week=week,
                                                     version=data.get("version")))
        except SpaceConflict as conflict:
            return Response({"code": conflict.code, "message": str(conflict.message),
                             "fields": {}, "current": self.week_body(conflict.current)},
                            status=status.HTTP_409_CONFLICT)
        return Response(self.week_body(saved))


@extend_schema(responses={201: s.ClosureManageSerializer, 409: IMPACT_RESPONSE},
               methods=["POST"])
@extend_schema(responses={200: s.ClosureManageSerializer, 409: IMPACT_RESPONSE},
               methods=["PUT", "PATCH"])
class ClosureManageViewSet(_ImpactViewSet):
    """A closure over booked days cancels those bookings, once confirmed."""

    model = Closure
    serializer_class = s.ClosureManageSerializer

    def affected(self, instance: Any, data: dict[str, Any] | None) -> QuerySet[Booking]:
        if data is None:  # reopening days never invalidates a booking
            return Booking.objects.none()
        start = data.get("start_date", getattr(instance, "start_date", None))
        end = data.get("end_date", getattr(instance, "end_date", None))
        assert start is not None
        assert end is not None
        return bookings_affected_by_closure(space=self.get_space(), start_date=start,
                                            end_date=end)


class SpecialOpeningManageViewSet(_SpaceChildViewSet):
    model = SpecialOpening
    serializer_class = s.SpecialOpeningManageSerializer


@extend_schema(responses={200: s.ItineraryStopManageSerializer, 409: IMPACT_RESPONSE},
               methods=["PUT", "PATCH"])
class ItineraryStopManageViewSet(_ImpactViewSet):
    """The truck's stops: a week at once; moving or cancelling a stop cancels that day's
    bookings, once confirmed (shorter hours: the bookings outside them)."""

    model = ItineraryStop
    serializer_class = s.ItineraryStopManageSerializer

    def get_queryset(self) -> QuerySet[Any]:
        return super().get_queryset().select_related("commune")

    def affected(self, instance: Any, data: dict[str, Any] | None) -> QuerySet[Booking]:
        if instance is None:
            return Booking.objects.none()
        bookings = bookings_affected_by_stop(stop=instance)
        if data is None or data.get("date", instance.date) != instance.date or data.get(
                "commune", instance.commune) != instance.commune:
            return bookings
        opens, closes = data.get("opens", instance.opens), data.get("closes", instance.closes)
        zone = ZoneInfo(self.get_space().timezone)
        outside = [b.pk for b in bookings
                   if b.start.astimezone(zone).time() < opens
                   or b.end.astimezone(zone).time() > closes]
        return Booking.objects.filter(pk__in=outside)

    @extend_schema(request=s.StopWeekInputSerializer,
                   responses={201: s.ItineraryStopManageSerializer(many=True)})
    @action(detail=False, methods=["post"])
    def week(self, request: Request, space_id: str) -> Response:
        """Plan several days of the tour at once (same commune, hours and spot)."""
        payload = s.StopWeekInputSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        stops = stops_add_week(space=self.get_space(), **payload.validated_data)
        return Response(self.get_serializer(stops, many=True).data,
                        status=status.HTTP_201_CREATED)


class PriceManageViewSet(_SpaceChildViewSet):
    model = Price
    serializer_class = s.PriceManageSerializer


@extend_schema(responses={200: s.SpacePhotoManageSerializer, 409: CONFLICT_RESPONSE},
               methods=["PUT", "PATCH"])
class SpacePhotoManageViewSet(_SpaceChildViewSet):
    """A place's photos: upload (re-encoded, limits in `spaces.photos`), alternative texts,
    order, removal — each through a spaces service."""

    model = SpacePhoto
    serializer_class = s.SpacePhotoManageSerializer
    parser_classes = (MultiPartParser, FormParser, JSONParser)

    def get_queryset(self) -> QuerySet[Any]:
        return super().get_queryset().order_by("position", "id")

    def perform_create(self, serializer: serializers.BaseSerializer[Any]) -> None:
        data = serializer.validated_data
        upload = data["image"]
        serializer.instance = space_photo_add(
            space=self.get_space(), image=upload, size=getattr(upload, "size", None),
            alt_fr=data["alt_fr"], alt_en=data.get("alt_en", ""))

    def perform_update(self, serializer: serializers.BaseSerializer[Any]) -> None:
        assert serializer.instance is not None
        data, version = self.pop_version(serializer)
        serializer.instance = space_photo_update(photo=serializer.instance, data=data,
                                                 version=version)

    def perform_destroy(self, instance: Any) -> None:
        space_photo_delete(photo=instance)

    @extend_schema(request=s.SpacePhotoOrderInputSerializer,
                   responses={200: s.SpacePhotoManageSerializer(many=True)})
    @action(detail=False, methods=["post"], parser_classes=(JSONParser,))
    def reorder(self, request: Request, space_id: str) -> Response:
        """Put the photos in this order (all of them, each once; the first is the cover)."""
        payload = s.SpacePhotoOrderInputSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        photos = space_photos_reorder(space=self.get_space(),
                                      order=payload.validated_data["order"])
        return Response(self.get_serializer(photos, many=True).data)
