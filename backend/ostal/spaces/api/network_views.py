"""The network's own API on places (network admins only): the list of places with what each
still lacks, publish and unpublish. Thin: parse, call a spaces service or selector, answer."""

from __future__ import annotations

from typing import Any

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import generics, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from ostal.core.api.permissions import IsNetworkAdmin, acting_user
from ostal.spaces.api import network_serializers as s
from ostal.spaces.api.manage_views import CONFLICT_RESPONSE
from ostal.spaces.errors import SpaceConflict
from ostal.spaces.models import Service, Space
from ostal.spaces.selectors import security_features, spaces_for_network
from ostal.spaces.services import (
    charter_record,
    security_unverify,
    security_verify,
    space_set_published,
)

STATUSES = ("draft", "published")


@extend_schema_view(get=extend_schema(parameters=[
    OpenApiParameter("status", str, enum=list(STATUSES),
                     description="draft : non publiés ; published : publiés."),
    OpenApiParameter("q", str, description="Nom du lieu, de la structure ou de la commune."),
], operation_id="network_spaces_list"))
class NetworkSpaceListApi(generics.ListAPIView[Space]):
    """GET /network/spaces/?status=&q= — every place (drafts first) with what it still lacks
    before it can be published."""

    permission_classes = (IsNetworkAdmin,)
    serializer_class = s.NetworkSpaceOutputSerializer

    def get_queryset(self) -> Any:
        if getattr(self, "swagger_fake_view", False):
            return Space.objects.none()
        params = s.NetworkSpaceFilterSerializer(data=self.request.query_params)
        params.is_valid(raise_exception=True)
        return spaces_for_network(status=params.validated_data.get("status") or None,
                                  search=params.validated_data.get("q", ""))


class _PublicationApi(APIView):
    permission_classes = (IsNetworkAdmin,)
    published: bool

    def post(self, request: Request, pk: int) -> Response:
        space = get_object_or_404(Space, pk=pk)
        data = s.PublicationInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            space = space_set_published(actor=acting_user(request), space=space,
                                        published=self.published,
                                        version=data.validated_data.get("version"))
        except SpaceConflict as conflict:
            return _conflict(conflict)
        return Response(s.NetworkSpaceOutputSerializer(spaces_for_network().get(pk=space.pk)).data)


@extend_schema_view(post=extend_schema(
    request=s.PublicationInputSerializer,
    responses={200: s.NetworkSpaceOutputSerializer, 409: CONFLICT_RESPONSE},
    operation_id="network_space_publish"))
class NetworkSpacePublishApi(_PublicationApi):
    """POST /network/spaces/{id}/publish/ — into the public directory, photos included; 400
    naming each missing item on its field while the place is incomplete."""

    published = True


@extend_schema_view(post=extend_schema(
    request=s.PublicationInputSerializer,
    responses={200: s.NetworkSpaceOutputSerializer, 409: CONFLICT_RESPONSE},
    operation_id="network_space_unpublish"))
class NetworkSpaceUnpublishApi(_PublicationApi):
    """POST /network/spaces/{id}/unpublish/ — out of the directory at once (bookings made stay
    valid: the place still runs them)."""

    published = False


def _conflict(conflict: SpaceConflict) -> Response:
    current = spaces_for_network().get(pk=conflict.current.pk)
    return Response({"code": conflict.code, "message": str(conflict.message), "fields": {},
                     "current": s.NetworkSpaceOutputSerializer(current).data}, status=409)


@extend_schema_view(get=extend_schema(parameters=[
    OpenApiParameter("status", str, enum=["to_verify", "verified"],
                     description="to_verify : déclarées, pas encore vérifiées."),
], operation_id="network_security_features_list"))
class NetworkSecurityFeatureListApi(generics.ListAPIView[Any]):
    """GET /network/security-features/?status= — the security features places declare, not
    verified first, with the network's verification (date, by whom, note)."""

    permission_classes = (IsNetworkAdmin,)
    serializer_class = s.SecurityFeatureOutputSerializer

    def get_queryset(self) -> Any:
        if getattr(self, "swagger_fake_view", False):
            return Space.services.through.objects.none()
        params = s.SecurityFilterSerializer(data=self.request.query_params)
        params.is_valid(raise_exception=True)
        return security_features(status=params.validated_data.get("status") or None)


class NetworkSecurityVerifyApi(APIView):
    """POST /network/spaces/{id}/security/ — the network verified a declared security feature
    (400 on `service` when not a security feature or not declared)."""

    permission_classes = (IsNetworkAdmin,)

    @extend_schema(request=s.SecurityVerifyInputSerializer,
                   responses=s.SecurityFeatureOutputSerializer,
                   operation_id="network_space_security_verify")
    def post(self, request: Request, pk: int) -> Response:
        space = get_object_or_404(Space, pk=pk)
        data = s.SecurityVerifyInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        service = data.validated_data["service"]
        security_verify(actor=acting_user(request), space=space, service=service,
                        verified_on=data.validated_data["verified_on"],
                        note=data.validated_data.get("note", ""))
        row = security_features(space=space).get(service=service)
        return Response(s.SecurityFeatureOutputSerializer(row).data)


class NetworkSecurityUnverifyApi(APIView):
    """DELETE /network/spaces/{id}/security/{code}/ — withdraw the verification."""

    permission_classes = (IsNetworkAdmin,)

    @extend_schema(request=None, responses={204: None},
                   operation_id="network_space_security_unverify")
    def delete(self, request: Request, pk: int, code: str) -> Response:
        space = get_object_or_404(Space, pk=pk)
        service = get_object_or_404(Service, code=code)
        security_unverify(space=space, service=service)
        return Response(status=status.HTTP_204_NO_CONTENT)


class NetworkCharterApi(APIView):
    """POST /network/spaces/{id}/charter/ — the place's adherence to the network's charter
    (version, signature date; an empty version clears it)."""

    permission_classes = (IsNetworkAdmin,)

    @extend_schema(request=s.CharterInputSerializer,
                   responses={200: s.NetworkSpaceOutputSerializer, 409: CONFLICT_RESPONSE},
                   operation_id="network_space_charter")
    def post(self, request: Request, pk: int) -> Response:
        space = get_object_or_404(Space, pk=pk)
        data = s.CharterInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            space = charter_record(space=space, version=data.validated_data["version"],
                                   signed_on=data.validated_data.get("signed_on"),
                                   place_version=data.validated_data.get("place_version"))
        except SpaceConflict as conflict:
            return _conflict(conflict)
        return Response(s.NetworkSpaceOutputSerializer(spaces_for_network().get(pk=space.pk)).data)

