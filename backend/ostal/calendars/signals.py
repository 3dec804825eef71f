"""Cache invalidation for the feeds' 304 path (`ostal.calendars.feedcache`): the one use of
signals the conventions allow. Every save or delete of a row a feed shows, or that decides who
may read a feed, deletes the generations that depend on it. Connected in `CalendarsConfig`.

Bulk `QuerySet.update()` sends no signal: the bookings app changes bookings with `save()`
(docs/adr/0006-calendars.md), and what slips through is seen when validators expire.
"""

from __future__ import annotations

from typing import Any

from django.db.models.signals import m2m_changed, post_delete, post_save

from ostal.accounts.models import User
from ostal.bookings.models import Booking
from ostal.calendars.feedcache import bump
from ostal.calendars.models import CalendarFeed
from ostal.spaces.models import ItineraryStop, Operator, Resource, Space


def _booking(instance: Booking, **_: Any) -> None:
    bump([f"u:{instance.member_id}", f"s:{instance.space_id}"])


def _place(instance: Space, **_: Any) -> None:
    bump([f"s:{instance.pk}", "places"])


def _in_place(instance: Resource | ItineraryStop, **_: Any) -> None:
    bump([f"s:{instance.space_id}", "places"])


def _user(instance: User, **_: Any) -> None:
    bump([f"u:{instance.pk}"])


def _feed(instance: CalendarFeed, **_: Any) -> None:
    """Revoked, regenerated or deleted: the owner's validators go (they have few feeds)."""
    bump([f"u:{instance.owner_id}"])


def _managers(instance: Any, action: str, reverse: bool, pk_set: set[int] | None,
              **_: Any) -> None:
    """A manager added to or removed from an operator: their place feeds open or close."""
    if not action.startswith("post_"):
        return
    if reverse:  # user.managed_operators.add(...)
        bump([f"u:{instance.pk}"])
    elif pk_set is not None:
        bump(f"u:{pk}" for pk in pk_set)
    else:  # operator.managers.clear(): every place of the operator
        bump(f"s:{pk}" for pk in Space.objects.filter(operator=instance)
             .values_list("pk", flat=True))


def connect() -> None:
    for model, receiver in ((Booking, _booking), (Space, _place), (Resource, _in_place),
                            (ItineraryStop, _in_place), (User, _user), (CalendarFeed, _feed)):
        uid = f"calendars-feedcache-{model.__name__}"
        post_save.connect(receiver, sender=model, dispatch_uid=uid + "-save")
        post_delete.connect(receiver, sender=model, dispatch_uid=uid + "-delete")
    m2m_changed.connect(_managers, sender=Operator.managers.through,
                        dispatch_uid="calendars-feedcache-managers")
