"""Input and output shapes of the employers API (inputs validate, outputs never leak a place
or a time of an employee's booking)."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from ostal.analytics.api.serializers import (
    AnalyticsPeriodOutputSerializer,
    CommuteFiguresOutputSerializer,
)
from ostal.billing.api.serializers import InvoiceOutputSerializer, PaymentStartedOutputSerializer
from ostal.billing.models import Invoice
from ostal.employers.models import BundleOrder, CostCentre, Employer, Employment, Policy
from ostal.spaces.departments import DEPARTMENT_CHOICES
from ostal.spaces.models import Resource, Space

DEPARTMENT_CODES = [code for code, _label in DEPARTMENT_CHOICES]


class EmployerSerializer(serializers.ModelSerializer[Employer]):
    join_url = serializers.SerializerMethodField()

    class Meta:
        model = Employer
        fields = ("id", "name", "legal_name", "kind", "siret", "vat_number", "address_line1",
                  "address_line2", "postal_code", "city", "invoice_email", "email_domain",
                  "chorus_service_code", "chorus_service_code_required",
                  "chorus_engagement_required", "join_url")
        read_only_fields = ("id", "join_url")

    def get_join_url(self, employer: Employer) -> str | None:
        return f"/rejoindre/{employer.join_token}" if employer.join_token else None


class AdminSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField(read_only=True)
    email = serializers.EmailField()
    name = serializers.CharField(read_only=True)


class AdminInviteInputSerializer(serializers.Serializer[Any]):
    email = serializers.EmailField()


class AdminInviteOutputSerializer(serializers.Serializer[Any]):
    """The same answer whatever the address (issue 22): no account, no name."""

    email = serializers.EmailField()
    detail = serializers.CharField()


class AdminInvitationSerializer(serializers.Serializer[Any]):
    """A pending invitation: the address the inviter typed, nothing learnt about it."""

    id = serializers.IntegerField()
    email = serializers.EmailField()
    expires_at = serializers.DateTimeField()


class AdminInvitationAcceptOutputSerializer(serializers.Serializer[Any]):
    employer_id = serializers.IntegerField()
    employer_name = serializers.CharField()


class CostCentreSerializer(serializers.ModelSerializer[CostCentre]):
    class Meta:
        model = CostCentre
        fields = ("id", "name", "code")


class PolicySerializer(serializers.ModelSerializer[Policy]):
    cost_centre: serializers.PrimaryKeyRelatedField[CostCentre] = (
        serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True))
    allowed_spaces = serializers.PrimaryKeyRelatedField(
        many=True, required=False, queryset=Space.objects.filter(is_published=True))
    allowed_departments = serializers.ListField(
        child=serializers.ChoiceField(choices=DEPARTMENT_CODES), required=False,
        max_length=13)
    allowed_weekdays = serializers.ListField(
        child=serializers.IntegerField(min_value=0, max_value=6), required=False, max_length=7,
        help_text="0 = Monday ... 6 = Sunday; empty = every day.")
    allowed_resource_kinds = serializers.ListField(
        child=serializers.ChoiceField(choices=Resource.Kind.choices), required=False)

    class Meta:
        model = Policy
        fields = ("id", "cost_centre", "days_per_week", "days_per_month", "allowed_spaces",
                  "allowed_departments", "max_distance_km", "allowed_weekdays",
                  "allowed_resource_kinds", "secure_places_only", "may_pay_personally",
                  "company_share_percent", "invoice_overage")
        read_only_fields = ("id", "cost_centre")

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        for key in ("allowed_departments", "allowed_weekdays", "allowed_resource_kinds"):
            if key in attrs:
                attrs[key] = sorted(set(attrs[key]))
        week, month = attrs.get("days_per_week"), attrs.get("days_per_month")
        if week is not None and month is not None and month < week:
            raise serializers.ValidationError({"days_per_month": [
                "Le plafond mensuel ne peut pas être inférieur au plafond hebdomadaire. / "
                "The monthly limit cannot be below the weekly one."]})
        return attrs


class EmploymentSerializer(serializers.ModelSerializer[Employment]):
    name = serializers.SerializerMethodField()
    cost_centre: serializers.PrimaryKeyRelatedField[CostCentre] = (
        serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True))

    class Meta:
        model = Employment
        fields = ("id", "email", "name", "status", "cost_centre", "invited_at", "joined_at",
                  "left_at")

    def get_name(self, employment: Employment) -> str:
        user = employment.user
        return f"{user.first_name} {user.last_name}".strip() if user else ""


class InviteInputSerializer(serializers.Serializer[Any]):
    email = serializers.EmailField()
    cost_centre = serializers.IntegerField(required=False, allow_null=True)


class EmploymentUpdateInputSerializer(serializers.Serializer[Any]):
    cost_centre = serializers.IntegerField(allow_null=True)


class LotOutputSerializer(serializers.Serializer[Any]):
    credits = serializers.DecimalField(max_digits=12, decimal_places=2)
    granted = serializers.DecimalField(max_digits=12, decimal_places=2)
    expires_at = serializers.DateTimeField()


class BundleOrderSerializer(serializers.ModelSerializer[BundleOrder]):
    plan_name = serializers.CharField(source="plan.name", read_only=True)
    credits = serializers.SerializerMethodField()

    class Meta:
        model = BundleOrder
        fields = ("reference", "plan", "plan_name", "quantity", "credits", "amount",
                  "currency", "method", "purchase_order", "service_code", "status",
                  "created_at", "paid_at")

    def get_credits(self, order: BundleOrder) -> str:
        return f"{order.credit_units / 100:.2f}"


class BundleOutputSerializer(serializers.Serializer[Any]):
    credits = serializers.DecimalField(max_digits=12, decimal_places=2)
    lots = LotOutputSerializer(many=True)
    orders = BundleOrderSerializer(many=True)


class OrderInputSerializer(serializers.Serializer[Any]):
    plan = serializers.IntegerField()
    quantity = serializers.IntegerField(min_value=1, max_value=100, default=1)
    method = serializers.ChoiceField(choices=BundleOrder.Method.choices)
    purchase_order = serializers.CharField(
        max_length=60, required=False, allow_blank=True, default="",
        help_text="The purchase order, or a public buyer's Chorus Pro engagement number (BT-13).")
    service_code = serializers.CharField(
        max_length=100, required=False, allow_blank=True, default="",
        help_text="A public buyer's Chorus Pro service code (BT-10); the employer's own by "
                  "default.")
    payment_method = serializers.CharField(max_length=100, required=False, allow_blank=True,
                                           default="")
    save_card = serializers.BooleanField(default=False)


class OrderOutputSerializer(serializers.Serializer[Any]):
    order = BundleOrderSerializer()
    payment = PaymentStartedOutputSerializer(allow_null=True,
                                             help_text="Card orders: complete it in the browser.")


class UsageRowSerializer(serializers.Serializer[Any]):
    days = serializers.DecimalField(max_digits=6, decimal_places=1)
    credits = serializers.DecimalField(max_digits=12, decimal_places=2)
    overage_credits = serializers.DecimalField(max_digits=12, decimal_places=2)
    company_amount = serializers.DecimalField(max_digits=12, decimal_places=2)
    employee_credits = serializers.DecimalField(max_digits=12, decimal_places=2)
    employee_amount = serializers.DecimalField(max_digits=12, decimal_places=2)
    bookings = serializers.IntegerField()


class EmployeeUsageSerializer(UsageRowSerializer):
    employment_id = serializers.IntegerField()
    name = serializers.CharField()
    email = serializers.EmailField()
    status = serializers.CharField()
    cost_centre = serializers.CharField()


class CostCentreUsageSerializer(UsageRowSerializer):
    cost_centre = serializers.CharField()
    employees = serializers.IntegerField()


class DepartmentUsageSerializer(UsageRowSerializer):
    department_code = serializers.CharField()
    employees = serializers.IntegerField()


class UsageOutputSerializer(serializers.Serializer[Any]):
    month = serializers.CharField()
    employees = EmployeeUsageSerializer(many=True)
    cost_centres = CostCentreUsageSerializer(many=True)
    departments = DepartmentUsageSerializer(many=True)


class EmployerInvoiceSerializer(InvoiceOutputSerializer):
    def get_pdf_url(self, invoice: Invoice) -> str:
        employer_id = self.context["employer_id"]
        return f"/api/v1/employers/{employer_id}/invoices/{invoice.reference}/pdf/"


class AllowanceSerializer(serializers.Serializer[Any]):
    limit = serializers.DecimalField(max_digits=4, decimal_places=1, allow_null=True)
    used = serializers.DecimalField(max_digits=4, decimal_places=1)
    left = serializers.DecimalField(max_digits=4, decimal_places=1, allow_null=True)


class MyEmployerOutputSerializer(serializers.Serializer[Any]):
    employer_name = serializers.CharField()
    cost_centre = serializers.CharField(allow_null=True)
    week = AllowanceSerializer()
    month = AllowanceSerializer()
    bundle_available = serializers.BooleanField()
    policy = PolicySerializer()


class EligibilityOutputSerializer(serializers.Serializer[Any]):
    eligible = serializers.BooleanField()
    already_paid = serializers.BooleanField(
        help_text="The booking is paid already (by the employer, credits or card).")
    code = serializers.CharField(allow_null=True)
    message = serializers.CharField(allow_null=True)
    may_pay_personally = serializers.BooleanField()
    company_share_percent = serializers.IntegerField()
    employee_share_credits = serializers.DecimalField(max_digits=8, decimal_places=2)
    employee_share_amount = serializers.DecimalField(max_digits=12, decimal_places=2,
                                                     allow_null=True)
    currency = serializers.CharField()


class TokenInputSerializer(serializers.Serializer[Any]):
    token = serializers.CharField(max_length=100)


class JoinInfoOutputSerializer(serializers.Serializer[Any]):
    employer_name = serializers.CharField()
    email_domain = serializers.CharField()


class EmployerCheckoutInputSerializer(serializers.Serializer[Any]):
    booking = serializers.IntegerField()
    employee_method = serializers.ChoiceField(choices=[("credits", "credits"), ("card", "card")],
                                              required=False, allow_blank=True, default="")
    payment_method = serializers.CharField(max_length=100, required=False, allow_blank=True,
                                           default="")
    save_card = serializers.BooleanField(default=False)


class EmployerCheckoutOutputSerializer(serializers.Serializer[Any]):
    booking_id = serializers.IntegerField()
    booking_status = serializers.CharField()
    company_credits = serializers.DecimalField(max_digits=8, decimal_places=2)
    employee_credits = serializers.DecimalField(max_digits=8, decimal_places=2)
    employee_amount = serializers.DecimalField(max_digits=12, decimal_places=2)
    payment = PaymentStartedOutputSerializer(
        allow_null=True, help_text="The employee's card share, to complete in the browser.")


class EmployerCommuteOutputSerializer(CommuteFiguresOutputSerializer):
    """The staff's commute avoided in a closed month, on the days the company funded: totals
    only (no department breakdown for an employer), published once with noise."""

    months = AnalyticsPeriodOutputSerializer()
    declarations = serializers.IntegerField(allow_null=True)
