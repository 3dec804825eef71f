"""Public directory endpoints: thin — parse, call a selector, serialize."""

import json
from typing import Any

from django.db import connection
from django.http import Http404, HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import generics
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from ostal.analytics.services import search_record_directory
from ostal.core.api.http_cache import public_json
from ostal.spaces import selectors
from ostal.spaces.api import render
from ostal.spaces.api.serializers import (
    CommuneOutputSerializer,
    CommuneSearchInputSerializer,
    DepartmentOutputSerializer,
    DirectoryFilterInputSerializer,
    ServiceOutputSerializer,
    SpaceDetailOutputSerializer,
    SpaceListItemOutputSerializer,
)
from ostal.spaces.departments import DEPARTMENT_CHOICES
from ostal.spaces.geojson import directory_feature_collection
from ostal.spaces.models import Service, Space


def _parse_filters(request: Request) -> selectors.DirectoryFilters:
    params = DirectoryFilterInputSerializer(data=request.query_params)
    params.is_valid(raise_exception=True)
    data = params.validated_data
    near = data.get("near")
    if commune := data.get("near_commune"):
        near = (commune.latitude, commune.longitude)
    return selectors.DirectoryFilters(
        department=data.get("department"), kind=data.get("kind"), setting=data.get("setting"),
        services=data.get("services", []), base_set=data.get("base_set"),
        open_on=data.get("open_on"), accepts_pass=data.get("accepts_pass"),
        text=(data.get("q") or "").strip() or None, near=near, radius_km=data.get("radius_km"))


class DirectorySpaceListApi(generics.ListAPIView[Space]):
    """The published places matching the filters. Cacheable: a strong ETag (sent back in
    If-None-Match, an unchanged answer is a 304) and Cache-Control (shared caches may keep it
    a few seconds; browsers revalidate)."""

    # On PostgreSQL the page is read as plain rows and rendered by `render.directory_items`;
    # the serializer is the contract (schema, SQLite path; tests check both agree).

    permission_classes = (AllowAny,)
    serializer_class = SpaceListItemOutputSerializer
    filter_backends = ()

    @extend_schema(parameters=[DirectoryFilterInputSerializer],
                   operation_id="directory_spaces_list")
    def get(self, request: Request, *args: Any, **kwargs: Any) -> HttpResponse:  # type: ignore[override]  # plain JSON, cacheable
        filters = _parse_filters(request)
        if connection.vendor == "postgresql":
            page = self.paginate_queryset(selectors.directory_rows(filters))
            items = render.directory_items(page or [])
        else:
            page = self.paginate_queryset(selectors.space_list_for_directory(filters))
            items = self.get_serializer(page, many=True).data
        data = self.get_paginated_response(items).data
        search_record_directory(filters=filters, count=data["count"])  # unmet demand
        return public_json(request, data)


class DirectorySpaceDetailApi(APIView):
    """A published place's public page. Cacheable like the directory (ETag, 304)."""

    # One statement on PostgreSQL (`selectors.space_page_row`), rendered by `render.space_page`.

    permission_classes = (AllowAny,)

    @extend_schema(responses=SpaceDetailOutputSerializer, operation_id="directory_spaces_retrieve")
    def get(self, request: Request, slug: str) -> HttpResponse:
        if connection.vendor == "postgresql":
            row = selectors.space_page_row(slug)
            if row is None:
                raise Http404
            return public_json(request, render.space_page(row))
        try:
            space = selectors.space_get_for_directory(slug)
        except Space.DoesNotExist as exc:
            raise Http404 from exc
        return public_json(request, SpaceDetailOutputSerializer(space).data)


class DirectoryGeoJsonApi(APIView):
    """The directory as a GeoJSON FeatureCollection (same filters as the list; no paging)."""

    permission_classes = (AllowAny,)

    @extend_schema(parameters=[DirectoryFilterInputSerializer],
                   responses={(200, "application/geo+json"): OpenApiTypes.OBJECT},
                   operation_id="directory_spaces_geojson")
    def get(self, request: Request) -> HttpResponse:
        spaces = selectors.space_list_for_directory(_parse_filters(request))
        body = json.dumps(directory_feature_collection(spaces), ensure_ascii=False)
        return HttpResponse(body, content_type="application/geo+json")


class ServiceListApi(generics.ListAPIView[Service]):
    permission_classes = (AllowAny,)
    serializer_class = ServiceOutputSerializer
    pagination_class = None
    filter_backends = ()
    queryset = Service.objects.all()


class DepartmentListApi(APIView):
    permission_classes = (AllowAny,)

    @extend_schema(responses=DepartmentOutputSerializer(many=True))
    def get(self, request: Request) -> Response:
        return Response([{"code": code, "name": name} for code, name in DEPARTMENT_CHOICES])


class CommuneSearchApi(APIView):
    """The commune search box of the directory and of the commute declaration (public)."""

    permission_classes = (AllowAny,)

    @extend_schema(parameters=[CommuneSearchInputSerializer],
                   responses=CommuneOutputSerializer(many=True))
    def get(self, request: Request) -> Response:
        params = CommuneSearchInputSerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        communes = selectors.commune_search(params.validated_data["q"])
        return Response(CommuneOutputSerializer(communes, many=True).data)
