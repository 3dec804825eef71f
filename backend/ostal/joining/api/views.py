"""Joining API. Public: apply to join the network (anonymous; honeypot and rate limit).
Network admins: the pipeline (list, detail, transitions, notes, messages, documents), the
observatory's counts and the census import. Thin: parse, call one service or selector, serialize."""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from ostal.analytics.privacy import MIN_GROUP_SIZE
from ostal.calendars.ratelimit import client_ip, hit_all
from ostal.core.api.permissions import IsNetworkAdmin, acting_user
from ostal.core.db_routing import on_replica
from ostal.core.errors import DomainError
from ostal.joining.api import serializers as s
from ostal.joining.api.serializers import CoverageInputSerializer
from ostal.joining.census.readers import MAX_FILE_BYTES
from ostal.joining.census.services import census_import_apply, census_import_create
from ostal.joining.coverage import coverage_for_week
from ostal.joining.documents import DocumentRefused, document_check
from ostal.joining.errors import JoiningError, JoiningErrorCode
from ostal.joining.models import Application, ApplicationDocument, CensusImport
from ostal.joining.selectors import (
    application_counts,
    application_detail,
    application_list,
    network_inbox,
)
from ostal.joining.services import (
    ApplicationInput,
    application_message_send,
    application_note_add,
    application_submit,
    application_transition,
)


class ApplicationSubmitApi(APIView):
    """POST /joining/applications/ — anyone (a place or a project) applies, with documents
    (multipart). At most JOINING_APPLICATIONS_PER_HOUR stored applications per address and
    hour; a filled honeypot is refused; nothing is stored when anything is refused."""

    permission_classes = (AllowAny,)
    parser_classes = (MultiPartParser, FormParser, JSONParser)

    @extend_schema(
        request={
            "multipart/form-data": s.ApplicationSubmitInputSerializer,
            "application/json": s.ApplicationSubmitInputSerializer,
        },
        responses={201: s.ApplicationSubmitOutputSerializer},
        operation_id="joining_application_submit",
    )
    def post(self, request: Request) -> Response:
        data = s.ApplicationSubmitInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values: dict[str, Any] = dict(data.validated_data)
        if values.pop("website"):
            raise JoiningError(JoiningErrorCode.SPAM)
        documents = []
        for upload in values.pop("documents", []):
            try:
                documents.append(document_check(upload, upload.name or "", upload.size))
            except DocumentRefused as refusal:
                raise JoiningError(
                    JoiningErrorCode.DOCUMENT_INVALID,
                    reason=refusal.reason_fr,
                    reason_en=refusal.reason_en,
                    fields={
                        "documents": [f"{upload.name} : {refusal.reason_fr} / {refusal.reason_en}"]
                    },
                ) from refusal
        retry_after, _ = hit_all(
            [(f"join:{client_ip(request)}", settings.JOINING_APPLICATIONS_PER_HOUR)], window=3600
        )
        if retry_after is not None:
            error = JoiningError(JoiningErrorCode.TOO_MANY_REQUESTS)
            return Response(
                {"code": error.code, "message": str(error.message), "fields": {}},
                status=status.HTTP_429_TOO_MANY_REQUESTS,
                headers={"Retry-After": str(retry_after)},
            )
        language = (getattr(request, "LANGUAGE_CODE", "") or "fr")[:2]
        application = application_submit(
            data=ApplicationInput(**values, language=language), documents=documents
        )
        return Response(
            s.ApplicationSubmitOutputSerializer(application).data, status=status.HTTP_201_CREATED
        )


class ApplicationListApi(APIView):
    """GET /network/applications/?status= — the pipeline, newest first."""

    permission_classes = (IsNetworkAdmin,)

    @extend_schema(
        parameters=[OpenApiParameter("status", str, enum=Application.Status.values)],
        responses=s.ApplicationListOutputSerializer(many=True),
        operation_id="network_applications_list",
    )
    def get(self, request: Request) -> Response:
        wanted = request.query_params.get("status") or None
        if wanted is not None and wanted not in Application.Status.values:
            raise DomainError(
                "invalid",
                "Statut inconnu. / Unknown status.",
                fields={"status": ["Statut inconnu. / Unknown status."]},
            )
        rows = application_list(status=wanted)
        return Response(s.ApplicationListOutputSerializer(rows, many=True).data)


def _detail(pk: int) -> Application:
    try:
        return application_detail(pk=pk)
    except Application.DoesNotExist as missing:
        raise Http404 from missing


class ApplicationDetailApi(APIView):
    permission_classes = (IsNetworkAdmin,)

    @extend_schema(
        responses=s.ApplicationDetailOutputSerializer, operation_id="network_application_retrieve"
    )
    def get(self, request: Request, pk: int) -> Response:
        return Response(s.ApplicationDetailOutputSerializer(_detail(pk)).data)


class ApplicationTransitionApi(APIView):
    """POST /network/applications/{id}/transition/ — nouveau → en étude → accepté / refusé;
    the applicant is mailed (with `message` when given). 409 for a transition the pipeline
    does not allow (including a second decision)."""

    permission_classes = (IsNetworkAdmin,)

    @extend_schema(
        request=s.ApplicationTransitionInputSerializer,
        responses=s.ApplicationDetailOutputSerializer,
        operation_id="network_application_transition",
    )
    def post(self, request: Request, pk: int) -> Response:
        application = get_object_or_404(Application, pk=pk)
        data = s.ApplicationTransitionInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        application_transition(
            application=application, actor=acting_user(request), **data.validated_data
        )
        return Response(s.ApplicationDetailOutputSerializer(_detail(pk)).data)


class ApplicationNoteApi(APIView):
    """POST /network/applications/{id}/notes/ — an internal note (never mailed)."""

    permission_classes = (IsNetworkAdmin,)

    @extend_schema(
        request=s.ApplicationTextInputSerializer,
        responses={201: s.ApplicationNoteOutputSerializer},
        operation_id="network_application_note_create",
    )
    def post(self, request: Request, pk: int) -> Response:
        application = get_object_or_404(Application, pk=pk)
        data = s.ApplicationTextInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        note = application_note_add(
            application=application, actor=acting_user(request), body=data.validated_data["body"]
        )
        return Response(
            s.ApplicationNoteOutputSerializer(note).data, status=status.HTTP_201_CREATED
        )


class ApplicationMessageApi(APIView):
    """POST /network/applications/{id}/messages/ — a message mailed to the applicant."""

    permission_classes = (IsNetworkAdmin,)

    @extend_schema(
        request=s.ApplicationTextInputSerializer,
        responses={201: s.ApplicationMessageOutputSerializer},
        operation_id="network_application_message_create",
    )
    def post(self, request: Request, pk: int) -> Response:
        application = get_object_or_404(Application, pk=pk)
        data = s.ApplicationTextInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        message = application_message_send(
            application=application, actor=acting_user(request), body=data.validated_data["body"]
        )
        return Response(
            s.ApplicationMessageOutputSerializer(message).data, status=status.HTTP_201_CREATED
        )


class ApplicationDocumentApi(APIView):
    """GET /network/applications/{id}/documents/{doc}/ — the file, as an attachment."""

    permission_classes = (IsNetworkAdmin,)

    @extend_schema(
        responses={(200, "application/octet-stream"): OpenApiTypes.BINARY},
        operation_id="network_application_document_download",
    )
    def get(self, request: Request, pk: int, document_id: int) -> FileResponse:
        document = get_object_or_404(ApplicationDocument, pk=document_id, application_id=pk)
        response = FileResponse(
            document.file.open("rb"),
            as_attachment=True,
            filename=document.original_name,
            content_type=document.content_type,
        )
        response["X-Content-Type-Options"] = "nosniff"
        return response


class ApplicationCountsApi(APIView):
    """GET /network/applications/observatory/ — counts by department, stage and need, each
    figure describing at least 5 applications (smaller groups merged into "Autres")."""

    permission_classes = (IsNetworkAdmin,)

    @extend_schema(
        responses=s.ApplicationCountsOutputSerializer, operation_id="network_application_counts"
    )
    @on_replica
    def get(self, request: Request) -> Response:
        counts = application_counts()
        return Response(
            s.ApplicationCountsOutputSerializer(
                {**vars(counts), "min_group_size": MIN_GROUP_SIZE}
            ).data
        )


class CensusImportListApi(APIView):
    """GET /network/census-imports/ — the imports, newest first (without their rows).
    POST (multipart `file`: CSV, XLSX or GeoJSON) — store and check it: the preview."""

    permission_classes = (IsNetworkAdmin,)
    parser_classes = (MultiPartParser,)

    @extend_schema(responses=s.CensusImportOutputSerializer(many=True),
                   operation_id="network_census_imports_list")
    def get(self, request: Request) -> Response:
        rows = CensusImport.objects.select_related("uploaded_by")[:100]
        return Response(s.CensusImportOutputSerializer(rows, many=True).data)

    @extend_schema(request={"multipart/form-data": s.CensusImportInputSerializer},
                   responses={201: s.CensusImportDetailOutputSerializer},
                   operation_id="network_census_import_create")
    def post(self, request: Request) -> Response:
        data = s.CensusImportInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        upload = data.validated_data["file"]
        if upload.size > MAX_FILE_BYTES:
            raise DomainError("invalid", "Fichier de plus de 10 Mo. / File over 10 MB.",
                              fields={"file": ["Fichier de plus de 10 Mo. / File over 10 MB."]})
        census = census_import_create(actor=acting_user(request), name=upload.name or "",
                                      data=upload.read())
        return Response(s.CensusImportDetailOutputSerializer(census).data,
                        status=status.HTTP_201_CREATED)


class CensusImportDetailApi(APIView):
    """GET /network/census-imports/{id}/ — status, progress and the row-by-row preview or
    report (created, updated, refused with reasons)."""

    permission_classes = (IsNetworkAdmin,)

    @extend_schema(responses=s.CensusImportDetailOutputSerializer,
                   operation_id="network_census_import_retrieve")
    def get(self, request: Request, pk: int) -> Response:
        census = get_object_or_404(CensusImport.objects.select_related("uploaded_by"), pk=pk)
        return Response(s.CensusImportDetailOutputSerializer(census).data)


class CensusImportApplyApi(APIView):
    """POST /network/census-imports/{id}/apply/ — import the checked file (409 when it is not
    checked: already applied or in progress)."""

    permission_classes = (IsNetworkAdmin,)

    @extend_schema(request=None, responses=s.CensusImportDetailOutputSerializer,
                   operation_id="network_census_import_apply")
    def post(self, request: Request, pk: int) -> Response:
        census = get_object_or_404(CensusImport, pk=pk)
        census = census_import_apply(census=census, actor=acting_user(request))
        return Response(s.CensusImportDetailOutputSerializer(census).data)


def _beyond(values: dict[int, int]) -> list[dict[str, int]]:
    return [{"km": km, "population": population} for km, population in values.items()]


class CoverageApi(APIView):
    """GET /network/coverage/?date=&radius=&stops= — for the week of `date` (today by
    default, Europe/Paris): each commune's distance to the nearest open place or stop, the
    population beyond 10/20/30 km, per department with empty searches and declared home
    communes (from 5 members), and `stops` suggested stops for an itinerant place covering
    `radius` km."""

    permission_classes = (IsNetworkAdmin,)

    @extend_schema(parameters=[CoverageInputSerializer],
                   responses=s.CoverageOutputSerializer, operation_id="network_coverage")
    @on_replica
    def get(self, request: Request) -> Response:
        params = CoverageInputSerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        day = params.validated_data.get("date") or timezone.localdate(
            timezone=ZoneInfo(settings.DEFAULT_SPACE_TIMEZONE))
        coverage = coverage_for_week(day=day, radius_km=int(params.validated_data["radius"]),
                                     stops=params.validated_data["stops"])
        body = {**vars(coverage), "min_group_size": MIN_GROUP_SIZE,
                "beyond": _beyond(coverage.beyond),
                "departments": [{**vars(row), "beyond": _beyond(row.beyond)}
                                for row in coverage.departments]}
        return Response(s.CoverageOutputSerializer(body).data)


class NetworkInboxApi(APIView):
    """GET /network/inbox/ — what waits for the network: applications to work, draft places
    (with what each lacks; the ready ones first), census files checked but not imported."""

    permission_classes = (IsNetworkAdmin,)

    @extend_schema(responses=s.NetworkInboxOutputSerializer, operation_id="network_inbox")
    def get(self, request: Request) -> Response:
        return Response(s.NetworkInboxOutputSerializer(network_inbox()).data)
