"""Management API: network admins manage everything, managers only their operators' places.

Rows outside the caller's scope are simply not in the queryset, so they answer 404 and a
refused request reveals nothing (not even that the row exists).
"""

from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Model, QuerySet
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import SAFE_METHODS
from rest_framework.request import Request
from rest_framework.response import Response

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
    space_create,
    space_photo_add,
    space_photo_delete,
    space_photo_update,
    space_photos_reorder,
    space_update,
)

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


class _SpaceChildViewSet(viewsets.ModelViewSet[Any]):
    """Rows that belong to one place, addressed as /manage/spaces/{space_id}/<things>/."""

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
        self._save(serializer, space=self.get_space())

    def perform_update(self, serializer: serializers.BaseSerializer[Any]) -> None:
        self._save(serializer)

    def _save(self, serializer: serializers.BaseSerializer[Any], **extra: Any) -> None:
        """Unique constraints (a resource name, one stop a day...) answer 400, not 500."""
        try:
            with transaction.atomic():
                serializer.save(**extra)
        except IntegrityError as exc:
            raise serializers.ValidationError(
                {"non_field_errors": ["Existe déjà / already exists."]}) from exc


class ResourceManageViewSet(_SpaceChildViewSet):
    model = Resource
    serializer_class = s.ResourceManageSerializer


class OpeningHoursManageViewSet(_SpaceChildViewSet):
    model = OpeningHours
    serializer_class = s.OpeningHoursManageSerializer


class ClosureManageViewSet(_SpaceChildViewSet):
    model = Closure
    serializer_class = s.ClosureManageSerializer


class SpecialOpeningManageViewSet(_SpaceChildViewSet):
    model = SpecialOpening
    serializer_class = s.SpecialOpeningManageSerializer


class ItineraryStopManageViewSet(_SpaceChildViewSet):
    model = ItineraryStop
    serializer_class = s.ItineraryStopManageSerializer


class PriceManageViewSet(_SpaceChildViewSet):
    model = Price
    serializer_class = s.PriceManageSerializer


@extend_schema(responses={200: s.SpacePhotoManageSerializer, 409: CONFLICT_RESPONSE},
               methods=["PUT", "PATCH"])
class SpacePhotoManageViewSet(VersionedUpdateMixin, _SpaceChildViewSet):
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
