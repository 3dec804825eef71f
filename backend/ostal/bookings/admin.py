"""Django admin for bookings: read-only views of bookings, series and waiting lists (state
changes go through the services, via the API), editable booking policies.

Scoped like the API: network admins see every place, managers their operators' places.
"""

from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from ostal.bookings.models import Booking, BookingPolicy, ResourceBlock, WaitlistEntry
from ostal.core.api.permissions import is_manager, is_network_admin


class _ScopedAdmin(admin.ModelAdmin):
    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        queryset = super().get_queryset(request)
        if is_network_admin(request.user):
            return queryset
        return queryset.filter(space__operator__managers=request.user)

    def has_module_permission(self, request: HttpRequest) -> bool:
        return is_manager(request.user)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_manager(request.user)


class _ReadOnlyAdmin(_ScopedAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Booking)
class BookingAdmin(_ReadOnlyAdmin):
    list_display = ("id", "space", "resource", "member", "local_date", "part", "status",
                    "source")
    list_filter = ("status", "source", "resource_kind")
    search_fields = ("member__email", "space__name", "reference")
    date_hierarchy = "start"
    list_select_related = ("space", "resource", "member")


@admin.register(WaitlistEntry)
class WaitlistEntryAdmin(_ReadOnlyAdmin):
    list_display = ("id", "space", "resource_kind", "date", "part", "member", "status",
                    "offer_expires_at")
    list_filter = ("status",)
    list_select_related = ("space", "member")


@admin.register(ResourceBlock)
class ResourceBlockAdmin(_ReadOnlyAdmin):
    list_display = ("id", "space", "resource", "start", "end", "reason", "source")
    list_select_related = ("space", "resource")


@admin.register(BookingPolicy)
class BookingPolicyAdmin(_ScopedAdmin):
    list_display = ("space", "resource_kind", "sale_unit", "cancellation_deadline_minutes",
                    "no_show_grace_minutes", "max_bookings_per_member_per_day")
    list_filter = ("resource_kind", "sale_unit")
    list_select_related = ("space",)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return is_network_admin(request.user)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_network_admin(request.user)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_network_admin(request.user)
