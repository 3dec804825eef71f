"""A place's booking rules per resource kind, written by its managers (the rules themselves
are read by `ostal.bookings.policies`; the engine applies them to bookings made afterwards).

Each write takes the version the manager read, like every place setup row (ADR 0018): a stale
one is refused 409 with the current values, never a silent overwrite.
"""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, transaction

from ostal.bookings.errors import BookingError
from ostal.bookings.errors import BookingErrorCode as E
from ostal.bookings.models import BookingPolicy
from ostal.spaces.models import Space
from ostal.spaces.services import lock_at_version, save_next_version


def _ensure_durations(data: dict[str, Any]) -> None:
    low, high = data.get("min_duration_minutes"), data.get("max_duration_minutes")
    if low is not None and high is not None and high < low:
        raise BookingError(E.POLICY_DURATIONS, fields={
            "max_duration_minutes": [str(BookingError(E.POLICY_DURATIONS).message)]})


def booking_policy_create(*, space: Space, data: dict[str, Any]) -> BookingPolicy:
    """The place's own rules for one resource kind (replacing the network defaults). One row
    per kind: a second one is refused (400 `policy_exists`), also under a race (the unique
    constraint decides)."""
    _ensure_durations(data)
    policy = BookingPolicy(space=space, **data)
    try:
        with transaction.atomic():
            policy.save()
    except IntegrityError as exc:
        raise BookingError(E.POLICY_EXISTS, fields={
            "resource_kind": [str(BookingError(E.POLICY_EXISTS).message)]}) from exc
    return policy


@transaction.atomic
def booking_policy_update(*, policy: BookingPolicy, data: dict[str, Any],
                          version: str | None) -> BookingPolicy:
    """Change the rules read at `version` (SpaceConflict 409 when someone saved since). The
    resource kind of a row does not change: remove it and create the other kind's."""
    locked = lock_at_version(policy, version)
    data = {name: value for name, value in data.items() if name != "resource_kind"}
    merged = {name: getattr(locked, name) for name in ("min_duration_minutes",
                                                       "max_duration_minutes")} | data
    _ensure_durations(merged)
    for name, value in data.items():
        setattr(locked, name, value)
    return save_next_version(locked)


@transaction.atomic
def booking_policy_delete(*, policy: BookingPolicy, version: str | None) -> None:
    """Back to the network defaults for that kind."""
    lock_at_version(policy, version).delete()
