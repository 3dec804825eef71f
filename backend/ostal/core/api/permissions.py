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


def is_front_desk(user: Any) -> bool:
    """At the front desk of at least one operator (sees the day, checks people in)."""
    if not (user and user.is_authenticated):
        return False
    return bool(user.front_desk_operators.exists())


def is_staff_of_places(user: Any) -> bool:
    """Managers, front desk and network admins: who may see a place's day and check in."""
    return is_manager(user) or is_front_desk(user)


class IsNetworkAdmin(BasePermission):
    def has_permission(self, request: Request, view: Any) -> bool:
        return is_network_admin(request.user)


class IsManager(BasePermission):
    """Managers of some operator, or network admins; rows are then scoped by the view."""

    def has_permission(self, request: Request, view: Any) -> bool:
        return is_manager(request.user)


class IsPlaceStaff(BasePermission):
    """Managers, the front desk and network admins; rows are then scoped by the view
    (`staffed_by`). Only reads of the day and check-ins use it: every write stays IsManager."""

    def has_permission(self, request: Request, view: Any) -> bool:
        return is_staff_of_places(request.user)
