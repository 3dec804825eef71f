"""The network's review of money: reconciliation differences (network admins only) and the
monthly settlements per operator (network admins: all; an operator's managers: their own
operators'; downloads of anyone else's answer 404). Thin: parse, one selector or service,
serialize. Serializer names are unique across the project (drf-spectacular)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import generics, serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from ostal.billing.models import ReconciliationIssue, Settlement
from ostal.billing.selectors import reconciliation_issues_for_admin, settlements_for_manager
from ostal.billing.services.reconciliation import reconciliation_issue_resolve
from ostal.core.api.permissions import IsManager, IsNetworkAdmin, acting_user

# --- Serializers -------------------------------------------------------------------------------


class ReconciliationIssuePaymentSerializer(serializers.Serializer[Any]):
    reference = serializers.UUIDField()
    description = serializers.CharField()
    amount = serializers.DecimalField(max_digits=12, decimal_places=2)
    currency = serializers.CharField()
    status = serializers.CharField()
    is_disputed = serializers.BooleanField()
    seller_name = serializers.SerializerMethodField()

    def get_seller_name(self, payment: Any) -> str:
        operator = payment.seller_operator
        return operator.name if operator is not None else ""


class ReconciliationIssueOutputSerializer(serializers.ModelSerializer[ReconciliationIssue]):
    """A difference between Stripe and Ostal. `details` holds what the job saw (amounts as
    strings, Stripe statuses, ids)."""

    kind_label = serializers.CharField(source="get_kind_display")
    payment = ReconciliationIssuePaymentSerializer(allow_null=True)
    resolved_by_email = serializers.SerializerMethodField()
    details = serializers.DictField(child=serializers.JSONField())

    class Meta:
        model = ReconciliationIssue
        fields: tuple[str, ...] = ("id", "kind", "kind_label", "stripe_id", "status", "details",
                                   "payment", "first_seen_at", "last_seen_at", "resolved_at",
                                   "resolved_by_email", "resolution_note")
        read_only_fields = fields

    def get_resolved_by_email(self, issue: ReconciliationIssue) -> str:
        return issue.resolved_by.email if issue.resolved_by is not None else ""


class ReconciliationIssueResolveInputSerializer(serializers.Serializer[Any]):
    note = serializers.CharField(max_length=2000, trim_whitespace=True,
                                 help_text="What was done about it (kept with the issue).")


class SettlementOperatorSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    name = serializers.CharField()


class SettlementOutputSerializer(serializers.ModelSerializer[Settlement]):
    """A monthly statement (reversement) of one operator. Amounts tax included, as strings."""

    operator = SettlementOperatorSerializer()
    has_pdf = serializers.SerializerMethodField()
    has_csv = serializers.SerializerMethodField()

    class Meta:
        model = Settlement
        fields: tuple[str, ...] = ("id", "operator", "year", "month", "status", "currency",
                                   "total_collected", "total_redemptions", "commission_rate",
                                   "commission_net", "commission_vat", "amount_due",
                                   "content_hash", "generated_at", "closed_at", "has_pdf",
                                   "has_csv")
        read_only_fields = fields

    def get_has_pdf(self, settlement: Settlement) -> bool:
        return bool(settlement.pdf)

    def get_has_csv(self, settlement: Settlement) -> bool:
        return bool(settlement.csv)


# --- Views ---------------------------------------------------------------------------------------

ISSUE_FILTERS = [
    OpenApiParameter("status", str, enum=[c for c, _ in ReconciliationIssue.Status.choices],
                     required=False),
    OpenApiParameter("kind", str, enum=[c for c, _ in ReconciliationIssue.Kind.choices],
                     required=False),
]


class ReconciliationIssueListApi(generics.ListAPIView[ReconciliationIssue]):
    """Differences found by the reconciliation with Stripe, newest first (network admins)."""

    permission_classes = (IsNetworkAdmin,)
    serializer_class = ReconciliationIssueOutputSerializer

    @extend_schema(operation_id="network_reconciliation_issues_list", parameters=ISSUE_FILTERS)
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    def get_queryset(self) -> QuerySet[ReconciliationIssue]:
        params = self.request.query_params
        status = params.get("status", "")
        kind = params.get("kind", "")
        return reconciliation_issues_for_admin(
            status=status if status in ReconciliationIssue.Status.values else "",
            kind=kind if kind in ReconciliationIssue.Kind.values else "")


class ReconciliationIssueResolveApi(APIView):
    """Mark a difference as dealt with, saying what was done. Resolving it again changes
    nothing (the first resolution stays)."""

    permission_classes = (IsNetworkAdmin,)

    @extend_schema(operation_id="network_reconciliation_issues_resolve",
                   request=ReconciliationIssueResolveInputSerializer,
                   responses=ReconciliationIssueOutputSerializer)
    def post(self, request: Request, pk: int) -> Response:
        issue = get_object_or_404(ReconciliationIssue, pk=pk)
        data = ReconciliationIssueResolveInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        issue = reconciliation_issue_resolve(issue=issue, actor=acting_user(request),
                                             note=data.validated_data["note"])
        issue = reconciliation_issues_for_admin().get(pk=issue.pk)
        return Response(ReconciliationIssueOutputSerializer(issue).data)


class SettlementListApi(generics.ListAPIView[Settlement]):
    """Monthly statements per operator: every operator's for network admins, the operators
    one manages for their managers."""

    permission_classes = (IsManager,)
    serializer_class = SettlementOutputSerializer

    @extend_schema(operation_id="manage_settlements_list", parameters=[
        OpenApiParameter("operator", int, required=False),
        OpenApiParameter("year", int, required=False)])
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    def get_queryset(self) -> QuerySet[Settlement]:
        if getattr(self, "swagger_fake_view", False):
            return Settlement.objects.none()
        params = self.request.query_params
        return settlements_for_manager(acting_user(self.request),
                                       operator_id=_int_or_none(params.get("operator")),
                                       year=_int_or_none(params.get("year")))


def _int_or_none(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() else None


FILE_TYPES = {"pdf": "application/pdf", "csv": "text/csv; charset=utf-8"}


def _file_response(request: Request, pk: int, kind: str) -> HttpResponse:
    settlement = get_object_or_404(settlements_for_manager(acting_user(request)), pk=pk)
    stored = getattr(settlement, kind)
    if not stored:
        return HttpResponse(status=404)
    with stored.open("rb") as handle:
        response = HttpResponse(handle.read(), content_type=FILE_TYPES[kind])
    name = f"reversement-{settlement.operator_id}-{settlement.year}-{settlement.month:02d}"
    response["Content-Disposition"] = f'attachment; filename="{name}.{kind}"'
    return response


class SettlementPdfApi(APIView):
    permission_classes = (IsManager,)

    @extend_schema(operation_id="manage_settlements_pdf", responses={
        (200, "application/pdf"): OpenApiResponse(OpenApiTypes.BINARY,
                                                  description="The statement as PDF.")})
    def get(self, request: Request, pk: int) -> HttpResponse:
        return _file_response(request, pk, "pdf")


class SettlementCsvApi(APIView):
    permission_classes = (IsManager,)

    @extend_schema(operation_id="manage_settlements_csv", responses={
        (200, "text/csv"): OpenApiResponse(OpenApiTypes.STR,
                                           description="The statement's lines as CSV.")})
    def get(self, request: Request, pk: int) -> HttpResponse:
        return _file_response(request, pk, "csv")
