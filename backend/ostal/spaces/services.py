"""Writes on places that carry rules beyond field validation: who may put a place under which
operator, and who decides that a place accepts the network pass.

The management API, the admin or a command call these; serializers only parse.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import transaction

from ostal.spaces.errors import SpaceError, SpaceErrorCode
from ostal.spaces.models import Operator, Space

if TYPE_CHECKING:
    from ostal.accounts.models import User


def _ensure_may_write(*, actor: User, space: Space | None, data: dict[str, Any]) -> None:
    """A manager creates and edits places of the operators they manage only (and cannot move
    one to another operator); which places accept the pass is the network's decision (its
    tariff grid is shared), so only a network admin may change `accepts_network_pass`."""
    is_admin = bool(getattr(actor, "is_network_admin", False))
    operator: Operator | None = data.get("operator")
    if operator is not None and not is_admin and not operator.managers.filter(
            pk=actor.pk).exists():
        raise SpaceError(SpaceErrorCode.OPERATOR_NOT_MANAGED)
    if "accepts_network_pass" in data and not is_admin:
        current = space.accepts_network_pass if space is not None else False
        if data["accepts_network_pass"] != current:
            raise SpaceError(SpaceErrorCode.PASS_ACCEPTANCE_BY_NETWORK)


def space_create(*, actor: User, data: dict[str, Any]) -> Space:
    """Create a place (with its `services`, if given) after the checks of `_ensure_may_write`.
    SpaceError (400, on the field) and nothing written when refused."""
    _ensure_may_write(actor=actor, space=None, data=data)
    fields = dict(data)
    services = fields.pop("services", None)
    with transaction.atomic():
        space = Space.objects.create(**fields)
        if services is not None:
            space.services.set(services)
    return space


def space_update(*, actor: User, space: Space, data: dict[str, Any]) -> Space:
    """Change the given fields of a place (and its `services`, if given) after the checks of
    `_ensure_may_write`. SpaceError (400, on the field) and nothing written when refused."""
    _ensure_may_write(actor=actor, space=space, data=data)
    fields = dict(data)
    services = fields.pop("services", None)
    with transaction.atomic():
        for name, value in fields.items():
            setattr(space, name, value)
        space.save()
        if services is not None:
            space.services.set(services)
    return space
