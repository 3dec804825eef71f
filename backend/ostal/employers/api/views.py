"""Employers API. An employer's endpoints answer only its admins (and network admins); anyone
else gets 404, as if the employer did not exist. Views parse, call one service or selector,
serialize."""

from __future__ import annotations

import csv
import datetime as dt
import io
import uuid
from typing import Any

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from ostal.analytics import publications
from ostal.analytics.models import Publication
from ostal.analytics.selectors import Period, commute_avoided_for_employer
from ostal.billing.api.views import PDF_RESPONSE, _pdf_response, _started
from ostal.bookings.models import Booking
from ostal.checkout.services.employer import employer_booking_checkout, employer_eligibility
from ostal.core.api.permissions import IsNetworkAdmin, acting_user
from ostal.core.db_routing import on_replica
from ostal.employers.api import serializers as s
from ostal.employers.errors import error_catalogue
from ostal.employers.models import BundleOrder, CostCentre, Employer, Employment, Policy
from ostal.employers.selectors import (
    employee_allowance,
    employers_for,
    invoices_for_employer,
    pool_balance,
    usage_by_cost_centre,
    usage_by_department,
    usage_by_employee,
)
from ostal.employers.services import bundles, employers
from ostal.memberships.models import Plan, units_to_credits

ERRORS = f"\n\nError codes:\n\n{error_catalogue()}"


def _employer(request: Request, employer_id: int) -> Employer:
    return get_object_or_404(employers_for(acting_user(request)), pk=employer_id)


def _cost_centre(employer: Employer, cost_centre_id: Any) -> CostCentre | None:
    if cost_centre_id is None:
        return None
    found = employer.cost_centres.filter(pk=cost_centre_id).first()
    if found is None:
        raise serializers.ValidationError({"cost_centre": [
            "Centre de coûts inconnu. / Unknown cost centre."]})
    return found


def _month(request: Request) -> dt.date:
    raw = request.query_params.get("month") or timezone.localdate().strftime("%Y-%m")
    try:
        year, month = (int(part) for part in raw.split("-"))
        return dt.date(year, month, 1)
    except ValueError as error:
        raise serializers.ValidationError(
            {"month": ["Mois attendu au format AAAA-MM. / Expected YYYY-MM."]}) from error


MONTH_PARAM = OpenApiParameter("month", OpenApiTypes.STR, description="YYYY-MM (default: now)")


# --- employers ---------------------------------------------------------------------------------

class EmployerListApi(APIView):
    permission_classes = (IsAuthenticated,)

    @extend_schema(operation_id="employers_list", responses=s.EmployerSerializer(many=True),
                   summary="Employers I administer (every employer for a network admin)")
    def get(self, request: Request) -> Response:
        return Response(s.EmployerSerializer(employers_for(acting_user(request)),
                                             many=True).data)

    @extend_schema(operation_id="employers_create", request=s.EmployerSerializer,
                   responses={201: s.EmployerSerializer},
                   summary="Create an employer account (I become its first admin)")
    def post(self, request: Request) -> Response:
        data = s.EmployerSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        employer = employers.employer_create(actor=acting_user(request),
                                             data=dict(data.validated_data))
        return Response(s.EmployerSerializer(employer).data, status=status.HTTP_201_CREATED)


class EmployerDetailApi(APIView):
    permission_classes = (IsAuthenticated,)

    @extend_schema(operation_id="employers_retrieve", responses=s.EmployerSerializer)
    def get(self, request: Request, employer_id: int) -> Response:
        return Response(s.EmployerSerializer(_employer(request, employer_id)).data)

    @extend_schema(operation_id="employers_update", request=s.EmployerSerializer,
                   responses=s.EmployerSerializer)
    def patch(self, request: Request, employer_id: int) -> Response:
        employer = _employer(request, employer_id)
        data = s.EmployerSerializer(employer, data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        employer = employers.employer_update(employer=employer, data=dict(data.validated_data))
        return Response(s.EmployerSerializer(employer).data)


def _admins(employer: Employer) -> list[dict[str, Any]]:
    return [{"id": user.pk, "email": user.email,
             "name": f"{user.first_name} {user.last_name}".strip()}
            for user in employer.admins.order_by("email")]


class AdminListApi(APIView):
    permission_classes = (IsAuthenticated,)

    @extend_schema(operation_id="employer_admins_list", responses=s.AdminSerializer(many=True))
    def get(self, request: Request, employer_id: int) -> Response:
        return Response(s.AdminSerializer(_admins(_employer(request, employer_id)),
                                          many=True).data)

    @extend_schema(operation_id="employer_admins_invite", request=s.AdminInviteInputSerializer,
                   responses={202: s.AdminInviteOutputSerializer},
                   summary="Invite an admin by e-mail (they become admin only by accepting)",
                   description="Answers 202 and the same body whether or not the address has "
                               "an Ostal account, is already an admin or was already invited: "
                               "nothing about the address is disclosed. An invitation mail "
                               "(French then English) holds the link to accept.")
    def post(self, request: Request, employer_id: int) -> Response:
        employer = _employer(request, employer_id)
        data = s.AdminInviteInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        email = data.validated_data["email"].strip().lower()
        employers.employer_admin_invite(employer=employer, email=email,
                                        invited_by=acting_user(request))
        body = {"email": email,
                "detail": "Invitation envoyée : la personne deviendra administratrice en "
                          "l'acceptant. / Invitation sent: the person becomes an admin by "
                          "accepting it."}
        return Response(s.AdminInviteOutputSerializer(body).data,
                        status=status.HTTP_202_ACCEPTED)


class AdminInvitationListApi(APIView):
    permission_classes = (IsAuthenticated,)

    @extend_schema(operation_id="employer_admin_invitations_list",
                   responses=s.AdminInvitationSerializer(many=True),
                   summary="Pending admin invitations (the typed address only)")
    def get(self, request: Request, employer_id: int) -> Response:
        employer = _employer(request, employer_id)
        pending = employer.admin_invitations.filter(expires_at__gt=timezone.now())
        return Response(s.AdminInvitationSerializer(pending, many=True).data)


class AdminInvitationDetailApi(APIView):
    permission_classes = (IsAuthenticated,)

    @extend_schema(operation_id="employer_admin_invitations_withdraw", responses={204: None},
                   summary="Withdraw a pending admin invitation (its link stops working)")
    def delete(self, request: Request, employer_id: int, invitation_id: int) -> Response:
        employer = _employer(request, employer_id)
        invitation = get_object_or_404(employer.admin_invitations.all(), pk=invitation_id)
        employers.employer_admin_invitation_withdraw(invitation=invitation)
        return Response(status=status.HTTP_204_NO_CONTENT)


class AdminInvitationAcceptApi(APIView):
    permission_classes = (IsAuthenticated,)

    @extend_schema(operation_id="employer_admin_invitation_accept",
                   request=s.TokenInputSerializer,
                   responses=s.AdminInvitationAcceptOutputSerializer, description=ERRORS,
                   summary="Accept an invitation to administer an employer (logged in with "
                           "the invited address)")
    def post(self, request: Request) -> Response:
        data = s.TokenInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        employer = employers.employer_admin_invitation_accept(
            user=acting_user(request), token=data.validated_data["token"])
        return Response(s.AdminInvitationAcceptOutputSerializer(
            {"employer_id": employer.pk, "employer_name": employer.name}).data)


class AdminDetailApi(APIView):
    permission_classes = (IsAuthenticated,)

    @extend_schema(operation_id="employer_admins_remove", responses={204: None},
                   description=ERRORS)
    def delete(self, request: Request, employer_id: int, user_id: int) -> Response:
        employer = _employer(request, employer_id)
        user = get_object_or_404(employer.admins.all(), pk=user_id)
        employers.employer_admin_remove(employer=employer, user=user)
        return Response(status=status.HTTP_204_NO_CONTENT)


class JoinLinkApi(APIView):
    permission_classes = (IsAuthenticated,)

    @extend_schema(operation_id="employer_join_link_regenerate", request=None,
                   responses=s.EmployerSerializer,
                   summary="A new join link for employees of the e-mail domain (the old one "
                           "stops working)")
    def post(self, request: Request, employer_id: int) -> Response:
        employer = employers.join_link_regenerate(employer=_employer(request, employer_id))
        return Response(s.EmployerSerializer(employer).data)

    @extend_schema(operation_id="employer_join_link_close", responses={200: s.EmployerSerializer})
    def delete(self, request: Request, employer_id: int) -> Response:
        employer = employers.join_link_close(employer=_employer(request, employer_id))
        return Response(s.EmployerSerializer(employer).data)


# --- cost centres and policies -----------------------------------------------------------------

class CostCentreListApi(APIView):
    permission_classes = (IsAuthenticated,)

    @extend_schema(operation_id="employer_cost_centres_list",
                   responses=s.CostCentreSerializer(many=True))
    def get(self, request: Request, employer_id: int) -> Response:
        employer = _employer(request, employer_id)
        return Response(s.CostCentreSerializer(employer.cost_centres.all(), many=True).data)

    @extend_schema(operation_id="employer_cost_centres_create", request=s.CostCentreSerializer,
                   responses={201: s.CostCentreSerializer}, description=ERRORS)
    def post(self, request: Request, employer_id: int) -> Response:
        employer = _employer(request, employer_id)
        data = s.CostCentreSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        centre = employers.cost_centre_save(employer=employer, **data.validated_data)
        return Response(s.CostCentreSerializer(centre).data, status=status.HTTP_201_CREATED)


class CostCentreDetailApi(APIView):
    permission_classes = (IsAuthenticated,)

    @extend_schema(operation_id="employer_cost_centres_update", request=s.CostCentreSerializer,
                   responses=s.CostCentreSerializer, description=ERRORS)
    def patch(self, request: Request, employer_id: int, cost_centre_id: int) -> Response:
        employer = _employer(request, employer_id)
        centre = get_object_or_404(employer.cost_centres.all(), pk=cost_centre_id)
        data = s.CostCentreSerializer(centre, data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        centre = employers.cost_centre_save(
            employer=employer, cost_centre=centre,
            name=data.validated_data.get("name", centre.name),
            code=data.validated_data.get("code", centre.code))
        return Response(s.CostCentreSerializer(centre).data)

    @extend_schema(operation_id="employer_cost_centres_destroy", responses={204: None})
    def delete(self, request: Request, employer_id: int, cost_centre_id: int) -> Response:
        employer = _employer(request, employer_id)
        centre = get_object_or_404(employer.cost_centres.all(), pk=cost_centre_id)
        employers.cost_centre_delete(employer=employer, cost_centre=centre)
        return Response(status=status.HTTP_204_NO_CONTENT)


class PolicyListApi(APIView):
    permission_classes = (IsAuthenticated,)

    @extend_schema(operation_id="employer_policies_list", responses=s.PolicySerializer(many=True),
                   summary="The company's default policy (cost_centre null) and the cost "
                           "centres' own policies")
    def get(self, request: Request, employer_id: int) -> Response:
        employer = _employer(request, employer_id)
        policies = (Policy.objects.filter(employer=employer).prefetch_related("allowed_spaces")
                    .order_by("cost_centre_id"))
        return Response(s.PolicySerializer(policies, many=True).data)


SCOPE_DOC = "`default` (the company's policy) or a cost centre id."


class PolicyDetailApi(APIView):
    permission_classes = (IsAuthenticated,)

    def _scope(self, employer: Employer, scope: str) -> CostCentre | None:
        if scope == "default":
            return None
        if not scope.isdigit():
            raise serializers.ValidationError({"scope": [SCOPE_DOC]})
        return get_object_or_404(employer.cost_centres.all(), pk=int(scope))

    @extend_schema(operation_id="employer_policies_put", request=s.PolicySerializer,
                   responses=s.PolicySerializer, summary="Set a policy", description=SCOPE_DOC)
    def put(self, request: Request, employer_id: int, scope: str) -> Response:
        employer = _employer(request, employer_id)
        centre = self._scope(employer, scope)
        data = s.PolicySerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        spaces = values.pop("allowed_spaces", None)
        policy = employers.policy_save(employer=employer, cost_centre=centre, data=values,
                                       allowed_spaces=spaces)
        return Response(s.PolicySerializer(policy).data)

    @extend_schema(operation_id="employer_policies_destroy", responses={204: None},
                   summary="Remove a cost centre's own policy (the default applies again)")
    def delete(self, request: Request, employer_id: int, scope: str) -> Response:
        employer = _employer(request, employer_id)
        centre = self._scope(employer, scope)
        if centre is None:
            raise serializers.ValidationError({"scope": [
                "La règle de l'entreprise ne se supprime pas. / The company's default policy "
                "cannot be removed."]})
        employers.policy_delete(employer=employer, cost_centre=centre)
        return Response(status=status.HTTP_204_NO_CONTENT)


# --- employees ---------------------------------------------------------------------------------

class EmployeeListApi(APIView):
    permission_classes = (IsAuthenticated,)

    @extend_schema(operation_id="employer_employees_list",
                   responses=s.EmploymentSerializer(many=True))
    def get(self, request: Request, employer_id: int) -> Response:
        employer = _employer(request, employer_id)
        rows = employer.employments.select_related("user").order_by("status", "email")
        return Response(s.EmploymentSerializer(rows, many=True).data)

    @extend_schema(operation_id="employer_employees_invite", request=s.InviteInputSerializer,
                   responses={201: s.EmploymentSerializer},
                   summary="Invite an employee by e-mail", description=ERRORS)
    def post(self, request: Request, employer_id: int) -> Response:
        employer = _employer(request, employer_id)
        data = s.InviteInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        employment = employers.employee_invite(
            employer=employer, email=data.validated_data["email"],
            cost_centre=_cost_centre(employer, data.validated_data.get("cost_centre")))
        return Response(s.EmploymentSerializer(employment).data,
                        status=status.HTTP_201_CREATED)


def _employment(request: Request, employer_id: int, employment_id: int
                ) -> tuple[Employer, Employment]:
    employer = _employer(request, employer_id)
    return employer, get_object_or_404(employer.employments.all(), pk=employment_id)


class EmployeeDetailApi(APIView):
    permission_classes = (IsAuthenticated,)

    @extend_schema(operation_id="employer_employees_update",
                   request=s.EmploymentUpdateInputSerializer, responses=s.EmploymentSerializer)
    def patch(self, request: Request, employer_id: int, employment_id: int) -> Response:
        employer, employment = _employment(request, employer_id, employment_id)
        data = s.EmploymentUpdateInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        employment = employers.employment_update(
            employment=employment,
            cost_centre=_cost_centre(employer, data.validated_data["cost_centre"]))
        return Response(s.EmploymentSerializer(employment).data)


class EmployeeEndApi(APIView):
    permission_classes = (IsAuthenticated,)

    @extend_schema(operation_id="employer_employees_end", request=None,
                   responses=s.EmploymentSerializer,
                   summary="The employee leaves (or the invitation is withdrawn)",
                   description="Their future bookings paid by the company are cancelled "
                               "(credits back to the pool when the place's rules allow it)."
                               + ERRORS)
    def post(self, request: Request, employer_id: int, employment_id: int) -> Response:
        _, employment = _employment(request, employer_id, employment_id)
        employment = employers.employment_end(employment=employment)
        return Response(s.EmploymentSerializer(employment).data)


class EmployeeResendApi(APIView):
    permission_classes = (IsAuthenticated,)

    @extend_schema(operation_id="employer_employees_resend", request=None,
                   responses=s.EmploymentSerializer, description=ERRORS)
    def post(self, request: Request, employer_id: int, employment_id: int) -> Response:
        _, employment = _employment(request, employer_id, employment_id)
        employment = employers.employee_invite_again(employment=employment)
        return Response(s.EmploymentSerializer(employment).data)


# --- bundle, orders, invoices -----------------------------------------------------------------

class BundleApi(APIView):
    permission_classes = (IsAuthenticated,)

    @extend_schema(operation_id="employer_bundle_retrieve", responses=s.BundleOutputSerializer,
                   summary="The credit pool, its lots, and the orders")
    def get(self, request: Request, employer_id: int) -> Response:
        employer = _employer(request, employer_id)
        pool = pool_balance(employer, now=timezone.now())
        orders = employer.orders.select_related("plan")
        return Response(s.BundleOutputSerializer({**pool, "orders": orders}).data)


class OrderCreateApi(APIView):
    permission_classes = (IsAuthenticated,)

    @extend_schema(operation_id="employer_orders_create", request=s.OrderInputSerializer,
                   responses={201: s.OrderOutputSerializer},
                   summary="Buy network credits for the staff",
                   description="`card`: paid now (3-D Secure in the browser if asked), credits "
                               "and invoice when the payment succeeds. `transfer`: credits at "
                               "once, an invoice payable by bank transfer (public employers "
                               "give their purchase-order reference)." + ERRORS)
    def post(self, request: Request, employer_id: int) -> Response:
        employer = _employer(request, employer_id)
        data = s.OrderInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        plan = Plan.objects.filter(pk=values["plan"]).first()
        if plan is None:
            raise serializers.ValidationError({"plan": ["Offre inconnue. / Unknown plan."]})
        actor = acting_user(request)
        started = None
        if values["method"] == BundleOrder.Method.CARD:
            order, started = bundles.bundle_order_card(
                employer=employer, actor=actor, plan=plan, quantity=values["quantity"],
                purchase_order=values["purchase_order"], service_code=values["service_code"],
                payment_method=values["payment_method"], save_card=values["save_card"])
        else:
            order = bundles.bundle_order_on_invoice(
                employer=employer, actor=actor, plan=plan, quantity=values["quantity"],
                purchase_order=values["purchase_order"], service_code=values["service_code"])
        return Response(s.OrderOutputSerializer({
            "order": order, "payment": _started(started) if started else None}).data,
            status=status.HTTP_201_CREATED)


class EmployerInvoiceListApi(APIView):
    permission_classes = (IsAuthenticated,)

    @extend_schema(operation_id="employer_invoices_list",
                   responses=s.EmployerInvoiceSerializer(many=True))
    def get(self, request: Request, employer_id: int) -> Response:
        employer = _employer(request, employer_id)
        return Response(s.EmployerInvoiceSerializer(
            invoices_for_employer(employer), many=True,
            context={"employer_id": employer.pk}).data)


class EmployerInvoicePdfApi(APIView):
    permission_classes = (IsAuthenticated,)

    @extend_schema(operation_id="employer_invoices_pdf", responses=PDF_RESPONSE,
                   summary="An invoice as PDF (Factur-X: PDF/A-3 with its CII XML)")
    def get(self, request: Request, employer_id: int, reference: uuid.UUID) -> HttpResponse:
        employer = _employer(request, employer_id)
        return _pdf_response(get_object_or_404(invoices_for_employer(employer),
                                               reference=reference))


class TransferOrderListApi(APIView):
    permission_classes = (IsNetworkAdmin,)

    @extend_schema(operation_id="employer_orders_awaiting_transfer",
                   responses=s.BundleOrderSerializer(many=True),
                   summary="Orders on invoice whose transfer has not been received (network)")
    def get(self, request: Request) -> Response:
        orders = BundleOrder.objects.filter(method=BundleOrder.Method.TRANSFER,
                                            status=BundleOrder.Status.GRANTED
                                            ).select_related("plan")
        return Response(s.BundleOrderSerializer(orders, many=True).data)


class TransferReceivedApi(APIView):
    permission_classes = (IsNetworkAdmin,)

    @extend_schema(operation_id="employer_orders_mark_paid", request=None,
                   responses=s.BundleOrderSerializer, description=ERRORS)
    def post(self, request: Request, reference: uuid.UUID) -> Response:
        order = get_object_or_404(BundleOrder, reference=reference)
        return Response(s.BundleOrderSerializer(bundles.bundle_order_mark_paid(order=order)).data)


# --- usage and CSR -----------------------------------------------------------------------------

class UsageApi(APIView):
    permission_classes = (IsAuthenticated,)

    @extend_schema(operation_id="employer_usage", parameters=[MONTH_PARAM],
                   responses=s.UsageOutputSerializer,
                   summary="Usage of the bundle in a month, per employee, cost centre and "
                           "department (never a place or a date)")
    @on_replica  # heavy read-only: the read replica when healthy (core.db_routing)
    def get(self, request: Request, employer_id: int) -> Response:
        employer, month = _employer(request, employer_id), _month(request)
        return Response(s.UsageOutputSerializer({
            "month": f"{month:%Y-%m}", "employees": usage_by_employee(employer, month),
            "cost_centres": usage_by_cost_centre(employer, month),
            "departments": usage_by_department(employer, month)}).data)


CSV_COLUMNS = {
    "employee": (usage_by_employee, s.EmployeeUsageSerializer,
                 ["name", "email", "cost_centre", "status"]),
    "cost_centre": (usage_by_cost_centre, s.CostCentreUsageSerializer,
                    ["cost_centre", "employees"]),
    "department": (usage_by_department, s.DepartmentUsageSerializer,
                   ["department_code", "employees"]),
}
CSV_FIGURES = ["days", "bookings", "credits", "overage_credits", "company_amount",
               "employee_credits", "employee_amount"]


class UsageCsvApi(APIView):
    permission_classes = (IsAuthenticated,)

    @extend_schema(operation_id="employer_usage_csv", parameters=[
        MONTH_PARAM, OpenApiParameter("by", OpenApiTypes.STR, enum=list(CSV_COLUMNS))],
        responses={(200, "text/csv"): OpenApiResponse(response=OpenApiTypes.BINARY)})
    @on_replica  # heavy read-only: the read replica when healthy (core.db_routing)
    def get(self, request: Request, employer_id: int) -> HttpResponse:
        employer, month = _employer(request, employer_id), _month(request)
        by = request.query_params.get("by", "employee")
        if by not in CSV_COLUMNS:
            raise serializers.ValidationError({"by": [f"One of {', '.join(CSV_COLUMNS)}."]})
        selector, serializer, keys = CSV_COLUMNS[by]
        rows = serializer(selector(employer, month), many=True).data
        out = io.StringIO()
        writer = csv.writer(out, delimiter=";")
        writer.writerow(keys + CSV_FIGURES)
        for row in rows:
            writer.writerow([row[key] for key in keys + CSV_FIGURES])
        response = HttpResponse("\ufeff" + out.getvalue(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = (
            f'attachment; filename="usage-{by}-{month:%Y-%m}.csv"')
        return response


class CommuteApi(APIView):
    permission_classes = (IsAuthenticated,)

    @extend_schema(operation_id="employer_commute", parameters=[
        OpenApiParameter("month", OpenApiTypes.STR,
                         description="YYYY-MM, a month that is over (default: the last one)")],
        responses=s.EmployerCommuteOutputSerializer,
        summary="Commute and CO2 avoided on the days the company funded, for a closed month "
                "(CSR report): published once, then unchanged; from 5 people on, with noise")
    @on_replica  # heavy read-only: the read replica when healthy (core.db_routing)
    def get(self, request: Request, employer_id: int) -> Response:
        employer = _employer(request, employer_id)
        if "year" in request.query_params:
            raise serializers.ValidationError({"year": [
                "Les chiffres sont publiés par mois révolu : utilisez ?month=AAAA-MM. / "
                "Figures are published per closed month: use ?month=YYYY-MM."]})
        try:
            month = publications.parse_month(request.query_params.get("month"),
                                             default=publications.last_closed_month())
        except ValueError as error:
            raise serializers.ValidationError(
                {"month": [publications.MONTH_FORMAT_MESSAGE]}) from error
        if not publications.month_is_closed(month):
            raise serializers.ValidationError({"month": [
                "Ce mois n'est pas terminé : ses chiffres seront publiés le mois prochain. / "
                "This month is not over: its figures are published next month."]})
        period = Period(month, (month + dt.timedelta(days=32)).replace(day=1)
                        - dt.timedelta(days=1))
        return Response(publications.published(
            audience=Publication.Audience.EMPLOYER, kind="csr-commute",
            scope=f"employer:{employer.pk}", month=month,
            epsilon=publications.EMPLOYER_BUDGET,
            build=lambda: s.EmployerCommuteOutputSerializer(commute_avoided_for_employer(
                employer_id=employer.pk, period=period,
                noise=publications.employer_noise())).data))


# --- the employee's side ------------------------------------------------------------------------

class MyEmployerApi(APIView):
    permission_classes = (IsAuthenticated,)

    @extend_schema(operation_id="me_employer", responses={200: s.MyEmployerOutputSerializer,
                                                          204: None},
                   summary="My employer's offer: what it pays for, what is left this week "
                           "and month (204: no employer)")
    def get(self, request: Request) -> Response:
        allowance = employee_allowance(acting_user(request), today=timezone.localdate(),
                                       now=timezone.now())
        if allowance is None:
            return Response(status=status.HTTP_204_NO_CONTENT)
        centre = allowance.employment.cost_centre
        return Response(s.MyEmployerOutputSerializer({
            "employer_name": allowance.employment.employer.name,
            "cost_centre": centre.name if centre else None,
            "week": _allowance(allowance.week), "month": _allowance(allowance.month),
            "bundle_available": allowance.bundle_available,
            "policy": allowance.policy}).data)


def _allowance(allowance: Any) -> dict[str, Any]:
    return {"limit": allowance.limit, "used": allowance.used, "left": allowance.left}


class EligibilityApi(APIView):
    permission_classes = (IsAuthenticated,)

    @extend_schema(operation_id="me_employer_eligibility", parameters=[
        OpenApiParameter("booking", OpenApiTypes.INT, required=True)],
        responses=s.EligibilityOutputSerializer,
        summary="Would my employer pay for this booking of mine? If not, the exact reason",
        description=ERRORS)
    def get(self, request: Request) -> Response:
        user = acting_user(request)
        raw = request.query_params.get("booking", "")
        booking = get_object_or_404(Booking.objects.select_related("space"),
                                    pk=int(raw) if raw.isdigit() else 0, member=user)
        answer = employer_eligibility(booking=booking, member=user)
        refusal = answer.refusal
        return Response(s.EligibilityOutputSerializer({
            "eligible": refusal is None and not answer.already_paid,
            "already_paid": answer.already_paid,
            "code": refusal.code if refusal else None,
            "message": str(refusal.message) if refusal else None,
            "may_pay_personally": answer.may_pay_personally,
            "company_share_percent": answer.company_share_percent,
            "employee_share_credits": units_to_credits(answer.employee_share_units),
            "employee_share_amount": answer.employee_share_amount,
            "currency": answer.currency}).data)


class EmployerCheckoutApi(APIView):
    permission_classes = (IsAuthenticated,)

    @extend_schema(operation_id="employer_checkout", request=s.EmployerCheckoutInputSerializer,
                   responses=s.EmployerCheckoutOutputSerializer,
                   summary="Pay my held booking with my employer's bundle",
                   description="The company's share comes from the bundle; my share "
                               "(co-payment) from my credits or by card. Refused with the "
                               "exact rule when the policy does not pay." + ERRORS)
    def post(self, request: Request) -> Response:
        user = acting_user(request)
        data = s.EmployerCheckoutInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        booking = get_object_or_404(Booking, pk=values["booking"], member=user)
        result = employer_booking_checkout(
            booking=booking, member=user, employee_method=values["employee_method"],
            payment_method=values["payment_method"], save_card=values["save_card"])
        paid = result.employer_booking
        return Response(s.EmployerCheckoutOutputSerializer({
            "booking_id": result.booking.pk, "booking_status": result.booking.status,
            "company_credits": units_to_credits(paid.company_units),
            "employee_credits": units_to_credits(paid.employee_units),
            "employee_amount": paid.employee_amount,
            "payment": _started(result.payment) if result.payment else None}).data)


class InvitationAcceptApi(APIView):
    permission_classes = (IsAuthenticated,)

    @extend_schema(operation_id="employer_invitation_accept", request=s.TokenInputSerializer,
                   responses=s.JoinInfoOutputSerializer, description=ERRORS)
    def post(self, request: Request) -> Response:
        data = s.TokenInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        employment = employers.invitation_accept(user=acting_user(request),
                                                 token=data.validated_data["token"])
        return Response(_join_info(employment.employer))


def _join_info(employer: Employer) -> Any:
    return s.JoinInfoOutputSerializer({"employer_name": employer.name,
                                       "email_domain": employer.email_domain}).data


class JoinInfoApi(APIView):
    permission_classes = (AllowAny,)

    @extend_schema(operation_id="employer_join_info", responses=s.JoinInfoOutputSerializer,
                   summary="Which employer a join link is for (404 if the link is not valid)")
    def get(self, request: Request, token: str) -> Response:
        return Response(_join_info(get_object_or_404(Employer, join_token=token)))


class JoinApi(APIView):
    permission_classes = (IsAuthenticated,)

    @extend_schema(operation_id="employer_join", request=s.TokenInputSerializer,
                   responses=s.JoinInfoOutputSerializer, description=ERRORS)
    def post(self, request: Request) -> Response:
        data = s.TokenInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        employment = employers.join_with_link(user=acting_user(request),
                                              token=data.validated_data["token"])
        return Response(_join_info(employment.employer))

