"""Django admin, scoped like the API: network admins see all, managers their operators' places."""

from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from ostal.core.api.permissions import acting_user, is_manager, is_network_admin
from ostal.spaces.models import (
    Closure,
    Commune,
    ItineraryStop,
    OpeningHours,
    Operator,
    Price,
    Resource,
    Service,
    Space,
    SpacePhoto,
    SpecialOpening,
)


class NetworkAdminOnly(admin.ModelAdmin):
    def has_module_permission(self, request: HttpRequest) -> bool:
        return is_network_admin(request.user)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_network_admin(request.user)

    has_add_permission = has_change_permission = has_delete_permission = (
        has_view_permission)


@admin.register(Commune)
class CommuneAdmin(NetworkAdminOnly):
    list_display = ("insee_code", "name", "department_code", "population")
    list_filter = ("department_code",)
    search_fields = ("name", "insee_code")


@admin.register(Service)
class ServiceAdmin(NetworkAdminOnly):
    list_display = ("code", "name_fr", "name_en", "category", "is_base", "position")
    list_editable = ("is_base", "position")
    list_filter = ("is_base", "category")


@admin.register(Operator)
class OperatorAdmin(NetworkAdminOnly):
    list_display = ("name", "legal_form", "carrier_kind", "vat_status", "siret")
    list_filter = ("carrier_kind", "legal_form", "vat_status")
    search_fields = ("name", "siret")
    filter_horizontal = ("managers",)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_manager(request.user)

    def has_module_permission(self, request: HttpRequest) -> bool:
        return is_manager(request.user)

    def get_queryset(self, request: HttpRequest) -> QuerySet[Operator]:
        queryset = super().get_queryset(request)
        if is_network_admin(request.user):
            return queryset
        return queryset.filter(managers=request.user)


class _Inline(admin.TabularInline):
    extra = 0


class ResourceInline(_Inline):
    model = Resource


class OpeningHoursInline(_Inline):
    model = OpeningHours


class ClosureInline(_Inline):
    model = Closure


class SpecialOpeningInline(_Inline):
    model = SpecialOpening


class ItineraryStopInline(_Inline):
    model = ItineraryStop
    autocomplete_fields = ("commune",)


class PriceInline(_Inline):
    model = Price


class SpacePhotoInline(_Inline):
    model = SpacePhoto


@admin.register(Space)
class SpaceAdmin(admin.ModelAdmin):
    list_display = ("name", "operator", "kind", "setting", "department_code",
                    "accepts_network_pass", "is_published")
    list_filter = ("department_code", "kind", "setting", "accepts_network_pass", "is_published")
    search_fields = ("name", "commune__name", "operator__name")
    prepopulated_fields = {"slug": ("name",)}
    autocomplete_fields = ("commune",)
    filter_horizontal = ("services",)
    inlines = (ResourceInline, OpeningHoursInline, SpecialOpeningInline, ClosureInline,
               ItineraryStopInline, PriceInline, SpacePhotoInline)

    def get_queryset(self, request: HttpRequest) -> QuerySet[Space]:
        return super().get_queryset(request).managed_by(request.user)  # type: ignore[attr-defined]

    def has_module_permission(self, request: HttpRequest) -> bool:
        return is_manager(request.user)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_manager(request.user) and (obj is None or self._manages(request, obj))

    has_change_permission = has_delete_permission = has_view_permission

    def has_add_permission(self, request: HttpRequest) -> bool:
        return is_manager(request.user)

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        # Only the network decides which places accept the pass (as in the API's service).
        if is_network_admin(request.user):
            return super().get_readonly_fields(request, obj)
        return (*super().get_readonly_fields(request, obj), "accepts_network_pass")

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        if db_field.name == "operator" and not is_network_admin(request.user):
            kwargs["queryset"] = Operator.objects.filter(managers=acting_user(request))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    @staticmethod
    def _manages(request: HttpRequest, space: Space) -> bool:
        return Space.objects.managed_by(acting_user(request)).filter(pk=space.pk).exists()
