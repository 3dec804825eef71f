"""Memberships API: wallet, plan catalogue, tariff grid; managers' plans; the network's pass
settings. Views parse, call one selector or service, serialize."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, status
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from ostal.core.api.permissions import IsManager, IsNetworkAdmin, acting_user, is_network_admin
from ostal.memberships.api import serializers as s
from ostal.memberships.errors import error_catalogue
from ostal.memberships.models import NetworkTariff, Plan, units_to_credits
from ostal.memberships.selectors import ledger_entries_for_user, plan_catalogue, wallet_get
from ostal.memberships.services.plans import plan_create, plan_update
from ostal.spaces.models import Space

ERRORS = f"\n\nError codes:\n\n{error_catalogue()}"


class WalletApi(APIView):
    permission_classes = (IsAuthenticated,)

    @extend_schema(operation_id="wallet_retrieve", responses=s.WalletOutputSerializer,
                   summary="My credits: usable lots with their balance and expiry, and totals",
                   description="Credits are decimal strings (1.00 = one desk-day). Network "
                               "credits work at every place that accepts the pass; place "
                               "credits at their place only. Lots are spent soonest-expiring "
                               "first.")
    def get(self, request: Request) -> Response:
        wallet = wallet_get(user=acting_user(request), now=timezone.now())
        return Response(s.WalletOutputSerializer({
            "total_credits": units_to_credits(wallet.total_units),
            "network_credits": units_to_credits(wallet.network_units),
            "space_credits": [{"space_id": k, "credits": units_to_credits(v)}
                              for k, v in sorted(wallet.space_units.items())],
            "lots": wallet.lots}).data)


class WalletEntriesApi(generics.ListAPIView[Any]):
    """My credit movements (grants, spends, releases), newest first."""

    permission_classes = (IsAuthenticated,)
    serializer_class = s.CreditEntryOutputSerializer

    def get_queryset(self) -> QuerySet[Any]:
        if getattr(self, "swagger_fake_view", False):
            return ledger_entries_for_user(None).none()  # type: ignore[arg-type]
        return ledger_entries_for_user(acting_user(self.request))


class PlanCatalogueApi(generics.ListAPIView[Plan]):
    """Carnets and monthly plans on sale. With `space`: that place's offers, plus the network
    pass offers if the place accepts the pass."""

    permission_classes = (AllowAny,)
    serializer_class = s.PlanOutputSerializer
    pagination_class = None

    @extend_schema(parameters=[
        OpenApiParameter("space", OpenApiTypes.INT, description="Place id"),
        OpenApiParameter("kind", OpenApiTypes.STR, enum=Plan.Kind.values)])
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    def get_queryset(self) -> QuerySet[Plan]:
        space = self.request.query_params.get("space")
        kind = self.request.query_params.get("kind")
        return plan_catalogue(space_id=int(space) if space and space.isdigit() else None,
                              kind=kind or None)


class TariffListApi(generics.ListAPIView[NetworkTariff]):
    """The network's tariff grid: credits per sale unit of each resource kind."""

    permission_classes = (AllowAny,)
    serializer_class = s.NetworkTariffOutputSerializer
    pagination_class = None
    queryset = NetworkTariff.objects.all()


def _managed_plans(request: Request) -> QuerySet[Plan]:
    user = acting_user(request)
    plans = Plan.objects.select_related("space", "seller_operator").order_by("kind", "id")
    if is_network_admin(user):
        return plans
    return plans.filter(space__in=Space.objects.managed_by(user))


class PlanManageListApi(APIView):
    permission_classes = (IsManager,)

    @extend_schema(operation_id="manage_plans_list",
                   responses=s.PlanManageOutputSerializer(many=True),
                   summary="Plans I sell (managers: my places'; network admins: all)")
    def get(self, request: Request) -> Response:
        return Response(s.PlanManageOutputSerializer(_managed_plans(request), many=True).data)

    @extend_schema(operation_id="manage_plans_create", request=s.PlanManageInputSerializer,
                   responses={201: s.PlanManageOutputSerializer},
                   summary="Sell a new plan (place plans: a manager of the place; network "
                           "plans: a network admin)", description=ERRORS)
    def post(self, request: Request) -> Response:
        data = s.PlanManageInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        plan = plan_create(actor=acting_user(request), data=dict(data.validated_data))
        return Response(s.PlanManageOutputSerializer(plan).data, status=status.HTTP_201_CREATED)


class PlanManageDetailApi(APIView):
    permission_classes = (IsManager,)

    @extend_schema(operation_id="manage_plans_retrieve", responses=s.PlanManageOutputSerializer)
    def get(self, request: Request, plan_id: int) -> Response:
        plan = get_object_or_404(_managed_plans(request), pk=plan_id)
        return Response(s.PlanManageOutputSerializer(plan).data)

    @extend_schema(operation_id="manage_plans_partial_update",
                   request=s.PlanManageInputSerializer, responses=s.PlanManageOutputSerializer,
                   summary="Change a plan, or stop selling it (is_active=false)",
                   description=ERRORS)
    def patch(self, request: Request, plan_id: int) -> Response:
        plan = get_object_or_404(_managed_plans(request), pk=plan_id)
        data = s.PlanManageInputSerializer(plan, data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        plan = plan_update(actor=acting_user(request), plan=plan, data=dict(data.validated_data))
        return Response(s.PlanManageOutputSerializer(plan).data)


class NetworkTariffManageListApi(APIView):
    permission_classes = (IsNetworkAdmin,)

    @extend_schema(operation_id="network_tariffs_list",
                   responses=s.NetworkTariffOutputSerializer(many=True))
    def get(self, request: Request) -> Response:
        return Response(s.NetworkTariffOutputSerializer(NetworkTariff.objects.all(),
                                                        many=True).data)

    @extend_schema(operation_id="network_tariffs_set", request=s.NetworkTariffInputSerializer,
                   responses=s.NetworkTariffOutputSerializer,
                   summary="Set the credits of one resource kind and unit (creates or updates)")
    def put(self, request: Request) -> Response:
        data = s.NetworkTariffInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        tariff, _ = NetworkTariff.objects.update_or_create(
            resource_kind=data.validated_data["resource_kind"],
            unit=data.validated_data["unit"],
            defaults={"credit_units": data.validated_data["credit_units"]})
        return Response(s.NetworkTariffOutputSerializer(tariff).data)


class NetworkTariffManageDetailApi(APIView):
    permission_classes = (IsNetworkAdmin,)

    @extend_schema(operation_id="network_tariffs_destroy", responses={204: None})
    def delete(self, request: Request, tariff_id: int) -> Response:
        get_object_or_404(NetworkTariff, pk=tariff_id).delete()
        return Response(status=status.HTTP_204_NO_CONTENT)


class PassSpaceListApi(generics.ListAPIView[Space]):
    """Every place and whether it accepts the network pass (network admins)."""

    permission_classes = (IsNetworkAdmin,)
    serializer_class = s.PassSpaceOutputSerializer
    queryset = Space.objects.select_related("operator").order_by("name")


class PassSpaceDetailApi(APIView):
    permission_classes = (IsNetworkAdmin,)

    @extend_schema(operation_id="network_pass_spaces_partial_update",
                   request=s.PassSpaceInputSerializer, responses=s.PassSpaceOutputSerializer,
                   summary="Accept or refuse the network pass at a place")
    def patch(self, request: Request, space_id: int) -> Response:
        space = get_object_or_404(Space.objects.select_related("operator"), pk=space_id)
        data = s.PassSpaceInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        space.accepts_network_pass = data.validated_data["accepts_network_pass"]
        space.save(update_fields=["accepts_network_pass", "updated_at"])
        return Response(s.PassSpaceOutputSerializer(space).data)


