"""The audit trail, read-only: network admins see every entry, managers their operators'
(ostal.audit.selectors). Nothing here writes: entries are written by the changes themselves."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from ostal.audit.api import serializers as s
from ostal.audit.selectors import AuditFilters, audit_entries_for, audit_rows
from ostal.core.api.pagination import StandardPagination
from ostal.core.api.permissions import IsManager, acting_user


class AuditEntryListApi(APIView):
    permission_classes = (IsManager,)

    @extend_schema(operation_id="audit_entries_list",
                   parameters=[s.AuditFiltersInputSerializer,
                               OpenApiParameter("page", int, required=False),
                               OpenApiParameter("page_size", int, required=False,
                                                description="Up to 200 (default 50).")],
                   responses=s.AuditEntryPageOutputSerializer,
                   summary="Who changed what, when and from where (prices, rules, places, "
                           "roles, refunds, invoices, settlements, credits, employers, "
                           "a place published or withdrawn), newest first")
    def get(self, request: Request) -> Response:
        user = acting_user(request)
        data = s.AuditFiltersInputSerializer(data=request.query_params)
        data.is_valid(raise_exception=True)
        given = data.validated_data
        filters = AuditFilters(category=given.get("category", ""),
                               action=given.get("action", ""),
                               operator_id=given.get("operator"), since=given.get("since"),
                               until=given.get("until"))
        paginator = StandardPagination()
        page = paginator.paginate_queryset(audit_entries_for(user, filters), request,
                                           view=self) or []
        rows = audit_rows(list(page), show_addresses=user.is_network_admin)
        return paginator.get_paginated_response(
            s.AuditEntryOutputSerializer(rows, many=True).data)
