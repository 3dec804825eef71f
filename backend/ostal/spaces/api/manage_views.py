"""Management API: network admins manage everything, managers only their operators' places.

Rows outside the caller's scope are simply not in the queryset, so they answer 404 and a
refused request reveals nothing (not even that the row exists).
"""

from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Model, QuerySet
from django.shortcuts import get_object_or_404
from rest_framework import serializers, viewsets
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.permissions import SAFE_METHODS

from ostal.core.api.permissions import (
    IsManager,
    IsNetworkAdmin,
    acting_user,
    is_network_admin,
)
from ostal.spaces.api import manage_serializers as s
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
from ostal.spaces.services import space_create, space_update


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
        queryset = Operator.objects.prefetch_related("managers").order_by("name")
        if is_network_admin(user):
            return queryset
        return queryset.filter(managers=acting_user(self.request))


class ServiceManageViewSet(viewsets.ModelViewSet[Service]):
    """Services and the socle de base: network admins only."""

    serializer_class = s.ServiceManageSerializer
    permission_classes = (IsNetworkAdmin,)
    queryset = Service.objects.all()
    pagination_class = None


class SpaceManageViewSet(viewsets.ModelViewSet[Space]):
    """Places; who may put a place under which operator or make it accept the pass is decided
    by `space_create` / `space_update`."""

    serializer_class = s.SpaceManageSerializer
    permission_classes = (IsManager,)

    def get_queryset(self) -> QuerySet[Space]:
        if getattr(self, "swagger_fake_view", False):
            return Space.objects.none()
        return (Space.objects.managed_by(self.request.user)  # type: ignore[arg-type]
                .select_related("operator", "commune").prefetch_related("services")
                .order_by("name"))

    def perform_create(self, serializer: serializers.BaseSerializer[Space]) -> None:
        serializer.instance = space_create(actor=acting_user(self.request),
                                           data=dict(serializer.validated_data))

    def perform_update(self, serializer: serializers.BaseSerializer[Space]) -> None:
        assert serializer.instance is not None
        serializer.instance = space_update(actor=acting_user(self.request),
                                           space=serializer.instance,
                                           data=dict(serializer.validated_data))


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


class SpacePhotoManageViewSet(_SpaceChildViewSet):
    model = SpacePhoto
    serializer_class = s.SpacePhotoManageSerializer
    parser_classes = (MultiPartParser, FormParser, JSONParser)
