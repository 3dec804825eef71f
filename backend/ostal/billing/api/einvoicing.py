"""The manager's « Facturation électronique »: an operator's e-invoicing settings (the mandate,
its platform identifier) and the state of each e-invoice with the accredited platform.

Managers reach the operators they manage (another operator answers 404); network admins reach
every operator and the network's own documents. Views parse, call one service or selector,
serialize."""

from __future__ import annotations

from typing import Any

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import generics, serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from ostal.billing.api import serializers as s
from ostal.billing.einvoicing.mandate import operator_einvoicing_get, operator_einvoicing_update
from ostal.billing.einvoicing.outbox import transmission_retry
from ostal.billing.errors import BillingError, BillingErrorCode, error_catalogue
from ostal.billing.models import EInvoiceTransmission
from ostal.billing.selectors import einvoices_for_manager, operators_for_einvoicing
from ostal.core.api.permissions import IsManager, acting_user
from ostal.spaces.models import Operator

ERRORS = f"\n\nError codes:\n\n{error_catalogue()}"


def _operator(request: Request, operator_id: int) -> Operator:
    return get_object_or_404(operators_for_einvoicing(acting_user(request)), pk=operator_id)


class OperatorEInvoicingApi(APIView):
    permission_classes = (IsManager,)

    @extend_schema(operation_id="manage_einvoicing_settings_retrieve",
                   responses=s.OperatorEInvoicingOutputSerializer,
                   summary="An operator's e-invoicing settings")
    def get(self, request: Request, operator_id: int) -> Response:
        settings_row = operator_einvoicing_get(_operator(request, operator_id))
        return Response(s.OperatorEInvoicingOutputSerializer(settings_row).data)

    @extend_schema(operation_id="manage_einvoicing_settings_update",
                   request=s.OperatorEInvoicingInputSerializer,
                   responses=s.OperatorEInvoicingOutputSerializer,
                   summary="Give or withdraw the mandate to transmit, set the platform "
                           "identifier", description="Applies to the documents issued from "
                   "then on." + ERRORS)
    def put(self, request: Request, operator_id: int) -> Response:
        operator = _operator(request, operator_id)
        data = s.OperatorEInvoicingInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        settings_row = operator_einvoicing_update(
            actor=acting_user(request), operator=operator, **data.validated_data)
        return Response(s.OperatorEInvoicingOutputSerializer(settings_row).data)


class EInvoiceFilterInputSerializer(serializers.Serializer[dict[str, Any]]):
    operator = serializers.IntegerField(required=False, min_value=0,
                                        help_text="An operator's id; 0: the network's own.")
    status = serializers.ChoiceField(choices=EInvoiceTransmission.Status.choices,
                                     required=False)
    lifecycle = serializers.ChoiceField(choices=EInvoiceTransmission.Lifecycle.choices,
                                        required=False)


class EInvoiceListApi(generics.ListAPIView[EInvoiceTransmission]):
    """E-invoices of the operators I manage with the platform: queued, transmitted or failed,
    and every lifecycle status reported (network admins: all, the network's own included)."""

    permission_classes = (IsManager,)
    serializer_class = s.EInvoiceOutputSerializer

    @extend_schema(operation_id="manage_einvoices_list", parameters=[
        EInvoiceFilterInputSerializer])
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    def get_queryset(self) -> Any:
        if getattr(self, "swagger_fake_view", False):
            return EInvoiceTransmission.objects.none()
        filters = EInvoiceFilterInputSerializer(data=self.request.query_params)
        filters.is_valid(raise_exception=True)
        values = filters.validated_data
        return einvoices_for_manager(acting_user(self.request),
                                     operator_id=values.get("operator"),
                                     status=values.get("status", ""),
                                     lifecycle=values.get("lifecycle", ""))


class EInvoiceRetryApi(APIView):
    permission_classes = (IsManager,)

    @extend_schema(operation_id="manage_einvoices_retry", request=None,
                   responses=s.EInvoiceOutputSerializer,
                   summary="Send a failed e-invoice to the platform again", description=ERRORS)
    def post(self, request: Request, pk: int) -> Response:
        row = get_object_or_404(einvoices_for_manager(acting_user(request)), pk=pk)
        if row.status != EInvoiceTransmission.Status.FAILED:
            raise BillingError(BillingErrorCode.EINVOICE_NOT_FAILED)
        row = transmission_retry(transmission=row)
        row = einvoices_for_manager(acting_user(request)).get(pk=row.pk)
        return Response(s.EInvoiceOutputSerializer(row).data)
