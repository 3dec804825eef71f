"""The network's own API on places (network admins only): the list of places with what each
still lacks, publish and unpublish. Thin: parse, call a spaces service or selector, answer."""

from __future__ import annotations

from typing import Any

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import generics
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from ostal.core.api.permissions import IsNetworkAdmin, acting_user
from ostal.spaces.api import network_serializers as s
from ostal.spaces.api.manage_views import CONFLICT_RESPONSE
from ostal.spaces.errors import SpaceConflict
from ostal.spaces.models import Space
from ostal.spaces.selectors import spaces_for_network
from ostal.spaces.services import space_set_published

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
            current = spaces_for_network().get(pk=conflict.current.pk)
            return Response({"code": conflict.code, "message": str(conflict.message),
                             "fields": {}, "current": s.NetworkSpaceOutputSerializer(current).data},
                            status=409)
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
