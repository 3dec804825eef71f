from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.http import HttpRequest

from ostal.accounts.models import User
from ostal.core.api.permissions import is_network_admin


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    """People: network admins only (managers never browse the member list)."""

    ordering = ("email",)
    list_display = ("email", "first_name", "last_name", "is_network_admin", "is_staff")
    list_filter = ("is_network_admin", "is_staff", "is_active")
    search_fields = ("email", "first_name", "last_name")
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        ("Profil", {"fields": ("first_name", "last_name", "language")}),
        ("Rôles", {"fields": ("is_active", "is_network_admin", "is_staff", "is_superuser")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "password1", "password2")}),)

    def has_module_permission(self, request: HttpRequest) -> bool:
        return is_network_admin(request.user)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_network_admin(request.user)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_network_admin(request.user)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_network_admin(request.user)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return is_network_admin(request.user)
