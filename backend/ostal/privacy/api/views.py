"""My data (GDPR): ask for an export of everything Ostal holds on me, follow its progress,
download it (JSON) and its readable summary. Each person sees only their own exports; anyone
else's is a 404."""

from __future__ import annotations

import json

from django.contrib.auth import logout
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from ostal.core.api.permissions import acting_user
from ostal.privacy.api import serializers as s
from ostal.privacy.erasure import account_erase, erasure_check
from ostal.privacy.models import DataExport
from ostal.privacy.services import PrivacyError, export_download, export_request

ERRORS = f"\n\nError codes:\n\n{PrivacyError.catalogue_markdown()}"


def _mine(request: Request, reference: str) -> DataExport:
    return get_object_or_404(DataExport.objects.filter(user=acting_user(request)),
                             reference=reference)


class DataExportListApi(APIView):
    permission_classes = (IsAuthenticated,)

    @extend_schema(operation_id="me_data_exports_list",
                   responses=s.DataExportOutputSerializer(many=True),
                   summary="My data exports and their progress")
    def get(self, request: Request) -> Response:
        exports = DataExport.objects.filter(user=acting_user(request))[:10]
        return Response(s.DataExportOutputSerializer(exports, many=True).data)

    @extend_schema(operation_id="me_data_exports_create", request=None,
                   responses={202: s.DataExportOutputSerializer}, description=ERRORS,
                   summary="Ask for an export of all my data (built by the worker; a link is "
                           "mailed when ready)")
    def post(self, request: Request) -> Response:
        export = export_request(user=acting_user(request))
        return Response(s.DataExportOutputSerializer(export).data,
                        status=status.HTTP_202_ACCEPTED)


class DataExportDetailApi(APIView):
    permission_classes = (IsAuthenticated,)

    @extend_schema(operation_id="me_data_exports_retrieve",
                   responses=s.DataExportOutputSerializer)
    def get(self, request: Request, reference: str) -> Response:
        return Response(s.DataExportOutputSerializer(_mine(request, reference)).data)


def _attachment(body: str, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


class DataExportDownloadApi(APIView):
    permission_classes = (IsAuthenticated,)

    @extend_schema(operation_id="me_data_exports_download", description=ERRORS,
                   responses={(200, "application/json"): OpenApiResponse(OpenApiTypes.OBJECT)},
                   summary="The export as JSON (every record, by section)")
    def get(self, request: Request, reference: str) -> HttpResponse:
        export = export_download(export=_mine(request, reference))
        return _attachment(json.dumps(export.payload, ensure_ascii=False, indent=1),
                           "application/json", f"ostal-mes-donnees-{export.reference}.json")


class DataExportSummaryApi(APIView):
    permission_classes = (IsAuthenticated,)

    @extend_schema(operation_id="me_data_exports_summary", description=ERRORS,
                   responses={(200, "text/plain"): OpenApiResponse(OpenApiTypes.STR)},
                   summary="The export's readable summary (French, then English)")
    def get(self, request: Request, reference: str) -> HttpResponse:
        export = export_download(export=_mine(request, reference))
        return _attachment(export.summary, "text/plain; charset=utf-8",
                           f"ostal-mes-donnees-{export.reference}.txt")


class AccountErasureApi(APIView):
    """« Supprimer mon compte »: what stands in the way (GET), then the erasure (POST, with the
    password). Erased, the person is logged out; a confirmation is mailed."""

    permission_classes = (IsAuthenticated,)

    @extend_schema(operation_id="me_erasure_retrieve", responses=s.ErasureCheckOutputSerializer,
                   summary="Can my account be deleted now, and if not, why")
    def get(self, request: Request) -> Response:
        check = erasure_check(user=acting_user(request))
        return Response(s.ErasureCheckOutputSerializer({
            "allowed": check.allowed, "refusals": check.refusals,
            "messages": [PrivacyError.catalogue[code][1] for code in check.refusals]}).data)

    @extend_schema(operation_id="me_erasure_create", request=s.ErasureInputSerializer,
                   responses={204: None}, description=ERRORS,
                   summary="Delete my account: personal data erased, legal records kept "
                           "under a pseudonym (docs/privacy.md)")
    def post(self, request: Request) -> Response:
        user = acting_user(request)
        data = s.ErasureInputSerializer(data=request.data, context={"user": user})
        data.is_valid(raise_exception=True)
        account_erase(user=user)
        logout(request._request)
        return Response(status=status.HTTP_204_NO_CONTENT)
