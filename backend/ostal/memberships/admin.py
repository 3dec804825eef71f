"""Memberships in the admin: plans and tariffs editable by network admins; the ledger and
subscriptions read-only (they change through services only)."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from ostal.billing.admin import ReadOnlyNetworkAdmin
from ostal.core.api.permissions import is_network_admin
from ostal.memberships.models import CreditLedgerEntry, CreditLot, NetworkTariff, Plan, Subscription


class NetworkAdminOnly(admin.ModelAdmin):
    def has_module_permission(self, request: HttpRequest) -> bool:
        return is_network_admin(request.user)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_network_admin(request.user)

    has_add_permission = has_change_permission = has_view_permission

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(NetworkTariff)
class NetworkTariffAdmin(NetworkAdminOnly):
    list_display = ("resource_kind", "unit", "credit_units")


@admin.register(Plan)
class PlanAdmin(NetworkAdminOnly):
    list_display = ("name", "kind", "space", "credit_units", "price", "is_active")
    list_filter = ("kind", "is_active")


@admin.register(Subscription)
class SubscriptionAdmin(ReadOnlyNetworkAdmin):
    list_display = ("reference", "member", "plan", "status", "current_period_end")
    list_filter = ("status",)


@admin.register(CreditLot)
class CreditLotAdmin(ReadOnlyNetworkAdmin):
    list_display = ("id", "account", "scope", "space", "credit_units_granted", "expires_at")


@admin.register(CreditLedgerEntry)
class CreditLedgerEntryAdmin(ReadOnlyNetworkAdmin):
    list_display = ("id", "account", "lot", "kind", "delta", "reason_type", "created_at")
