"""Django admin for the network's staff: employers, their orders (mark a transfer received
from the API), and read-only usage rows."""

from django.contrib import admin

from ostal.employers.models import (
    BundleOrder,
    CostCentre,
    Employer,
    EmployerBooking,
    Employment,
    Policy,
)


class CostCentreInline(admin.TabularInline):
    model = CostCentre
    extra = 0


@admin.register(Employer)
class EmployerAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "siret", "email_domain", "created_at")
    list_filter = ("kind",)
    search_fields = ("name", "legal_name", "siret")
    filter_horizontal = ("admins",)
    readonly_fields = ("credit_account", "join_token")
    inlines = (CostCentreInline,)


@admin.register(Employment)
class EmploymentAdmin(admin.ModelAdmin):
    list_display = ("email", "employer", "status", "cost_centre", "joined_at", "left_at")
    list_filter = ("status",)
    search_fields = ("email", "employer__name")
    readonly_fields = ("user", "invitation_token_hash", "invited_at", "joined_at", "left_at")


@admin.register(Policy)
class PolicyAdmin(admin.ModelAdmin):
    list_display = ("employer", "cost_centre", "days_per_week", "days_per_month",
                    "company_share_percent")
    filter_horizontal = ("allowed_spaces",)


@admin.register(BundleOrder)
class BundleOrderAdmin(admin.ModelAdmin):
    list_display = ("reference", "employer", "plan", "quantity", "amount", "method", "status",
                    "purchase_order", "created_at")
    list_filter = ("method", "status")
    search_fields = ("employer__name", "purchase_order")
    readonly_fields = [field.name for field in BundleOrder._meta.fields]

    def has_add_permission(self, request: object) -> bool:
        return False


@admin.register(EmployerBooking)
class EmployerBookingAdmin(admin.ModelAdmin):
    list_display = ("employer", "employment", "local_date", "department_code", "days",
                    "company_units", "overage_units", "status")
    list_filter = ("status", "department_code")
    readonly_fields = [field.name for field in EmployerBooking._meta.fields]

    def has_add_permission(self, request: object) -> bool:
        return False
