"""Django admin for the network's staff only: employers, employments, policies (editable),
orders and usage rows (read-only; transfers are marked received through the API). Employer
admins work in the app, never here."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from ostal.core.api.permissions import is_network_admin
from ostal.employers.models import (
    BundleOrder,
    CostCentre,
    Employer,
    EmployerBooking,
    Employment,
    Policy,
)


class NetworkOnlyAdmin(admin.ModelAdmin):
    """Seen and edited by network admins only; nothing is added or deleted here."""

    def has_module_permission(self, request: HttpRequest) -> bool:
        return is_network_admin(request.user)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_network_admin(request.user)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_network_admin(request.user)

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class CostCentreInline(admin.TabularInline):
    model = CostCentre
    extra = 0


@admin.register(Employer)
class EmployerAdmin(NetworkOnlyAdmin):
    list_display = ("name", "kind", "siret", "email_domain", "created_at")
    list_filter = ("kind",)
    search_fields = ("name", "legal_name", "siret")
    filter_horizontal = ("admins",)
    readonly_fields = ("credit_account", "join_token")
    inlines = (CostCentreInline,)


@admin.register(Employment)
class EmploymentAdmin(NetworkOnlyAdmin):
    list_display = ("email", "employer", "status", "cost_centre", "joined_at", "left_at")
    list_filter = ("status",)
    search_fields = ("email", "employer__name")
    readonly_fields = ("user", "invitation_token_hash", "invited_at", "joined_at", "left_at")


@admin.register(Policy)
class PolicyAdmin(NetworkOnlyAdmin):
    list_display = ("employer", "cost_centre", "days_per_week", "days_per_month",
                    "company_share_percent")
    filter_horizontal = ("allowed_spaces",)


@admin.register(BundleOrder)
class BundleOrderAdmin(NetworkOnlyAdmin):
    list_display = ("reference", "employer", "plan", "quantity", "amount", "method", "status",
                    "purchase_order", "created_at")
    list_filter = ("method", "status")
    search_fields = ("employer__name", "purchase_order")
    readonly_fields = [field.name for field in BundleOrder._meta.fields]


@admin.register(EmployerBooking)
class EmployerBookingAdmin(NetworkOnlyAdmin):
    list_display = ("employer", "employment", "local_date", "department_code", "days",
                    "company_units", "overage_units", "status")
    list_filter = ("status", "department_code")
    readonly_fields = [field.name for field in EmployerBooking._meta.fields]
