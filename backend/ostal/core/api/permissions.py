"""Role checks shared by every app's API."""

from typing import TYPE_CHECKING, Any, cast

from django.http import HttpRequest
from rest_framework.exceptions import NotAuthenticated
from rest_framework.permissions import BasePermission
from rest_framework.request import Request

if TYPE_CHECKING:
    from ostal.accounts.models import User


def acting_user(request: Request | HttpRequest) -> "User":
    """The logged-in user of a request whose permissions already excluded anonymous callers."""
    user = request.user
    if not user.is_authenticated:
        raise NotAuthenticated
    return cast("User", user)


def is_network_admin(user: Any) -> bool:
    return bool(user and user.is_authenticated and user.is_network_admin)


def is_manager(user: Any) -> bool:
    """A network admin, or a member of at least one operator's managers."""
    if not (user and user.is_authenticated):
        return False
    return bool(user.is_network_admin or user.managed_operators.exists())


class IsNetworkAdmin(BasePermission):
    def has_permission(self, request: Request, view: Any) -> bool:
        return is_network_admin(request.user)


class IsManager(BasePermission):
    """Managers of some operator, or network admins; rows are then scoped by the view."""

    def has_permission(self, request: Request, view: Any) -> bool:
        return is_manager(request.user)
