"""Analytics API: thin — parse, scope, call one selector or service, render (JSON or CSV).

- managers (and network admins): /analytics/manager/... on the places they manage; a place
  outside their scope is a 404, as elsewhere in the API;
- network admins only: /analytics/network/...;
- anyone: /open-data/... (the directory, and anonymised occupancy by department and month).

What the network and the public read is published per closed month and stored
(ostal.analytics.publications): the same answer for ever after (issue 22).
"""

from __future__ import annotations

import json
from typing import Any

from django.conf import settings
from django.db.models import QuerySet
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from ostal.analytics import exports, selectors, services
from ostal.analytics.api import serializers as s
from ostal.analytics.api.publishing import network_publication
from ostal.core.api.permissions import IsManager, IsNetworkAdmin, acting_user
from ostal.core.db_routing import on_replica
from ostal.spaces.geojson import directory_feature_collection
from ostal.spaces.models import Space
from ostal.spaces.selectors import DirectoryFilters, space_list_for_directory

CSV_RESPONSE = {(200, "text/csv"): OpenApiResponse(OpenApiTypes.STR,
                                                   description="CSV, UTF-8 (see delimiter).")}


def _scoped_spaces(request: Request, space_id: int | None) -> QuerySet[Space]:
    """The places the caller manages, or the one asked for if it is among them (else 404)."""
    spaces = Space.objects.managed_by(acting_user(request))
    if space_id is not None:
        spaces = spaces.filter(pk=space_id)
        if not spaces.exists():
            raise Http404
    return spaces


def _manager_dashboard(request: Request) -> dict[str, Any]:
    params = s.ManagerDashboardInputSerializer(data=request.query_params)
    params.is_valid(raise_exception=True)
    data = params.validated_data
    return selectors.manager_dashboard(spaces=_scoped_spaces(request, data.get("space")),
                                       period=data["period"],
                                       granularity=data["granularity"])


def _delimiter(request: Request) -> str:
    params = s.CsvInputSerializer(data=request.query_params)
    params.is_valid(raise_exception=True)
    return str(params.validated_data["delimiter"])


class ManagerDashboardApi(APIView):
    """Occupancy (by day, week or month; per kind and per resource), weekday x hour heatmap,
    bookings, cancellations and no-shows, revenue and credits of one or all of your places,
    compared with the period just before. From the rollups: a fixed number of queries."""

    permission_classes = (IsManager,)

    @extend_schema(parameters=[s.ManagerDashboardInputSerializer],
                   responses=s.ManagerDashboardOutputSerializer,
                   operation_id="analytics_manager_dashboard")
    @on_replica  # heavy read-only: the read replica when healthy (core.db_routing)
    def get(self, request: Request) -> Response:
        return Response(s.ManagerDashboardOutputSerializer(_manager_dashboard(request)).data)


class ManagerDashboardCsvApi(APIView):
    """One table of the manager dashboard as CSV (same parameters as the dashboard)."""

    permission_classes = (IsManager,)

    @extend_schema(parameters=[s.ManagerDashboardInputSerializer, s.CsvInputSerializer,
                               OpenApiParameter("table", str, OpenApiParameter.PATH,
                                                enum=sorted(exports.MANAGER_TABLES))],
                   responses=CSV_RESPONSE, operation_id="analytics_manager_dashboard_csv")
    @on_replica  # heavy read-only: the read replica when healthy (core.db_routing)
    def get(self, request: Request, table: str) -> StreamingHttpResponse:
        if table not in exports.MANAGER_TABLES:
            raise Http404
        delimiter = _delimiter(request)
        body = _manager_dashboard(request)
        rows, columns = exports.MANAGER_TABLES[table]
        period = body["period"]
        name = f"ostal-{table}-{period['date_from']}-{period['date_to']}.csv"
        return exports.csv_response(name, columns, rows(body), delimiter=delimiter)


class ManagerTodayApi(APIView):
    """Today in your places: open and booked time, how many are in now, and who is booked
    (names: your places only). Read live, not from the rollups."""

    permission_classes = (IsManager,)

    @extend_schema(parameters=[s.ManagerTodayInputSerializer],
                   responses=s.ManagerTodayPlaceOutputSerializer(many=True),
                   operation_id="analytics_manager_today")
    def get(self, request: Request) -> Response:
        params = s.ManagerTodayInputSerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        spaces = _scoped_spaces(request, params.validated_data.get("space"))
        return Response(s.ManagerTodayPlaceOutputSerializer(
            selectors.manager_today(spaces=spaces), many=True).data)


class ManagerRefreshApi(APIView):
    """Rebuild today's rollups of one or all of your places now (the nightly run does the
    rest). Idempotent."""

    permission_classes = (IsManager,)

    @extend_schema(request=s.ManagerRefreshInputSerializer,
                   responses=s.ManagerRefreshOutputSerializer,
                   operation_id="analytics_manager_refresh")
    def post(self, request: Request) -> Response:
        data = s.ManagerRefreshInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        spaces = _scoped_spaces(request, data.validated_data.get("space"))
        result = services.rollups_rebuild_today(spaces=spaces.select_related("commune"))
        return Response(s.ManagerRefreshOutputSerializer(
            {"places": result.places, "occupancy_rows": result.occupancy_rows,
             "refreshed_at": timezone.now()}).data)


def _network_dashboard(request: Request) -> Any:
    params = s.NetworkDashboardInputSerializer(data=request.query_params)
    params.is_valid(raise_exception=True)
    return network_publication(params.validated_data["period"].date_from)


class NetworkDashboardApi(APIView):
    """The network's observatory (network admins) for one closed month: places and occupancy
    by department, setting and carrier kind, active members, pass redemptions per place, unmet
    demand and the commute avoided. Published once, then unchanged; groups of fewer than 5
    people merged into « autres »; counts of people with calibrated noise
    (docs/analytics-method.md)."""

    permission_classes = (IsNetworkAdmin,)

    @extend_schema(parameters=[s.NetworkDashboardInputSerializer],
                   responses=s.NetworkDashboardOutputSerializer,
                   operation_id="analytics_network_dashboard")
    @on_replica  # heavy read-only: the read replica when healthy (core.db_routing)
    def get(self, request: Request) -> Response:
        return Response(_network_dashboard(request))


class NetworkDashboardCsvApi(APIView):
    """One table of the network dashboard as CSV ("< 5" where a figure is suppressed)."""

    permission_classes = (IsNetworkAdmin,)

    @extend_schema(parameters=[s.NetworkDashboardInputSerializer, s.CsvInputSerializer,
                               OpenApiParameter("table", str, OpenApiParameter.PATH,
                                                enum=sorted(exports.NETWORK_TABLES))],
                   responses=CSV_RESPONSE, operation_id="analytics_network_dashboard_csv")
    @on_replica  # heavy read-only: the read replica when healthy (core.db_routing)
    def get(self, request: Request, table: str) -> StreamingHttpResponse:
        if table not in exports.NETWORK_TABLES:
            raise Http404
        delimiter = _delimiter(request)
        body = _network_dashboard(request)
        rows, columns = exports.NETWORK_TABLES[table]
        period = body["period"]
        name = f"ostal-network-{table}-{period['date_from']}-{period['date_to']}.csv"
        return exports.csv_response(name, columns, rows(body), delimiter=delimiter)


# --- open data (public) ---------------------------------------------------------------------


class OpenDataDirectoryCsvApi(APIView):
    """The directory of published places as CSV (licence: see the open data page)."""

    permission_classes = (AllowAny,)

    @extend_schema(parameters=[s.CsvInputSerializer], responses=CSV_RESPONSE,
                   operation_id="open_data_directory_csv")
    def get(self, request: Request) -> StreamingHttpResponse:
        spaces = space_list_for_directory(DirectoryFilters()).order_by("department_code",
                                                                       "name")
        return exports.csv_response("ostal-directory.csv", exports.DIRECTORY,
                                    exports.directory_rows(spaces, settings.SITE_URL),
                                    delimiter=_delimiter(request))


class OpenDataDirectoryGeoJsonApi(APIView):
    """The directory of published places as GeoJSON (RFC 7946)."""

    permission_classes = (AllowAny,)

    @extend_schema(responses={(200, "application/geo+json"): OpenApiTypes.OBJECT},
                   operation_id="open_data_directory_geojson")
    def get(self, request: Request) -> HttpResponse:
        spaces = space_list_for_directory(DirectoryFilters()).order_by("department_code",
                                                                       "name")
        body = json.dumps(directory_feature_collection(spaces), ensure_ascii=False)
        response = HttpResponse(body, content_type="application/geo+json")
        response["Content-Disposition"] = 'attachment; filename="ostal-directory.geojson"'
        return response


class OpenDataOccupancyCsvApi(APIView):
    """Anonymised occupancy by department and closed month: the cells the network's monthly
    publications released (departments of fewer than 5 members merged into « autres »; see
    docs/open-data-changelog.md)."""

    permission_classes = (AllowAny,)

    @extend_schema(parameters=[s.CsvInputSerializer], responses=CSV_RESPONSE,
                   operation_id="open_data_occupancy_by_department_csv")
    def get(self, request: Request) -> StreamingHttpResponse:
        delimiter = _delimiter(request)
        limit = timezone.localdate().replace(day=1)
        rows = []
        for month in selectors.months_with_occupancy(before=limit):
            payload = network_publication(month)
            rows += selectors.open_data_occupancy_rows(month, payload["by_department"])
        return exports.csv_response("ostal-occupancy-by-department.csv",
                                    exports.OPEN_DATA_OCCUPANCY, rows, delimiter=delimiter)
