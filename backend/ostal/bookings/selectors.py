"""Reads of the booking engine, scoped by who asks.

A member only ever reaches their own rows, a manager only the rows of the places they manage
(a network admin: all); anything else is "does not exist" (the API answers 404), so a refused
read reveals nothing. List selectors join or prefetch what their endpoint renders: their query
count does not grow with the number of rows or places.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.db.models import Case, Count, F, IntegerField, OuterRef, QuerySet, Subquery, When
from django.db.models.functions import Coalesce
from django.utils import timezone

from ostal.bookings.availability import (
    AvailabilitySearch,
    SpaceAvailability,
    Window,
    availability_search,
    space_availability_calendar,
)
from ostal.bookings.models import Booking, BookingSeries, ResourceBlock, WaitlistEntry
from ostal.spaces.models import Space

if TYPE_CHECKING:
    from ostal.accounts.models import User

__all__ = [
    "AvailabilitySearch",
    "SpaceAvailability",
    "Window",
    "availability_search",
    "block_list_for_space",
    "booking_day_for_space",
    "booking_get_for_manager",
    "booking_get_for_member",
    "booking_list_for_member",
    "booking_rows_for_member",
    "series_get_for_member",
    "space_availability_calendar",
    "space_get_for_manager",
    "waitlist_list_for_member",
]

_BOOKING_JOINS = ("space", "resource", "space__commune")


def booking_list_for_member(user: User, *, when: str = "upcoming",
                            status: str | None = None,
                            now: dt.datetime | None = None) -> QuerySet[Booking]:
    """The member's bookings: `upcoming` (not ended yet, soonest first), `past` (most recent
    first) or `all`. One query (plus the paginator's count)."""
    now = now or timezone.now()
    queryset = Booking.objects.for_member(user).select_related(*_BOOKING_JOINS)
    if status:
        queryset = queryset.filter(status=status)
    if when == "upcoming":
        return queryset.filter(end__gt=now).order_by("start", "id")
    if when == "past":
        return queryset.filter(end__lte=now).order_by("-start", "-id")
    return queryset.order_by("-start", "-id")


# What a booking's answer shows, as plain columns (`booking_rows_for_member`,
# `ostal.bookings.api.render.BookingRenderer.row`).
BOOKING_ROW_FIELDS = ("id", "reference", "status", "source", "space_id", "resource_id",
                      "resource_kind", "local_date", "part", "start", "end", "attendees",
                      "expires_at", "checked_in_at", "cancelled_at", "no_show_at", "series_id",
                      "booked_by_id", "member_id", "sequence", "created_at", "updated_at")
BOOKING_ROW_JOINED = {
    "space_slug": F("space__slug"), "space_name": F("space__name"), "space_kind": F("space__kind"),
    "space_timezone": F("space__timezone"), "space_address": F("space__address"),
    "commune_insee": F("space__commune__insee_code"), "commune_name": F("space__commune__name"),
    "commune_department": F("space__commune__department_code"),
    "resource_name": F("resource__name"), "resource_type": F("resource__kind"),
    "resource_capacity": F("resource__capacity"),
}


def booking_rows_for_member(user: User, *, when: str = "upcoming", status: str | None = None,
                            now: dt.datetime | None = None) -> QuerySet[Any]:
    """`booking_list_for_member` as plain rows (no model instances: a list of 100 bookings
    spent a fifth of its time building four model objects per row)."""
    return booking_list_for_member(user, when=when, status=status, now=now).values(
        *BOOKING_ROW_FIELDS, **BOOKING_ROW_JOINED)


def booking_get_for_member(user: User, pk: int) -> Booking:
    """Raises Booking.DoesNotExist for another member's booking."""
    return Booking.objects.for_member(user).select_related(*_BOOKING_JOINS).get(pk=pk)


def booking_get_for_manager(user: User, pk: int) -> Booking:
    """Raises Booking.DoesNotExist outside the places `user` manages."""
    return (Booking.objects.managed_by(user).select_related(*_BOOKING_JOINS, "member")
            .get(pk=pk))


def booking_get_for_staff(user: User, pk: int) -> Booking:
    """Raises Booking.DoesNotExist outside the places `user` manages or staffs (front desk)."""
    return (Booking.objects.staffed_by(user).select_related(*_BOOKING_JOINS, "member")
            .get(pk=pk))


def space_get_for_staff(user: User, pk: int) -> Space:
    """Raises Space.DoesNotExist outside the places `user` manages or staffs (front desk)."""
    return Space.objects.staffed_by(user).select_related("operator").get(pk=pk)


def space_get_for_manager(user: User, pk: int) -> Space:
    """Raises Space.DoesNotExist outside the places `user` manages."""
    return Space.objects.managed_by(user).select_related("operator").get(pk=pk)


def booking_day_for_space(space: Space, date: dt.date,
                          resource_kind: str | None = None) -> QuerySet[Booking]:
    """Who is in on a local day: every booking of that day (all statuses, so the manager also
    sees cancellations and no-shows), by start then resource. One query."""
    queryset = (Booking.objects.filter(space=space, local_date=date)
                .select_related("resource", "member", "booked_by", "space", "space__commune")
                .order_by("start", "resource__name", "id"))
    if resource_kind:
        queryset = queryset.filter(resource_kind=resource_kind)
    return queryset


def block_list_for_space(space: Space, *, date_from: dt.date | None = None,
                         date_to: dt.date | None = None) -> QuerySet[ResourceBlock]:
    """Blocks of a place's resources, optionally overlapping [date_from, date_to] (UTC days,
    with a day of margin for the place's time zone)."""
    queryset = ResourceBlock.objects.filter(space=space).select_related("resource")
    if date_from:
        lower = dt.datetime.combine(date_from - dt.timedelta(days=1), dt.time(), tzinfo=dt.UTC)
        queryset = queryset.filter(end__gt=lower)
    if date_to:
        upper = dt.datetime.combine(date_to + dt.timedelta(days=2), dt.time(), tzinfo=dt.UTC)
        queryset = queryset.filter(start__lt=upper)
    return queryset.order_by("start", "id")


def series_get_for_member(user: User, pk: int) -> BookingSeries:
    return BookingSeries.objects.select_related("space").get(member=user, pk=pk)


def waitlist_list_for_member(user: User, *, open_only: bool = False) -> QuerySet[WaitlistEntry]:
    """The member's waiting-list entries, newest first, with their offer if any."""
    ahead = (WaitlistEntry.objects
             .filter(space=OuterRef("space"), resource_kind=OuterRef("resource_kind"),
                     date=OuterRef("date"), part=OuterRef("part"),
                     status=WaitlistEntry.Status.WAITING, created_at__lte=OuterRef("created_at"))
             .order_by().values("space").annotate(n=Count("id")).values("n"))
    queryset = (WaitlistEntry.objects.filter(member=user)
                .annotate(position=Case(When(status=WaitlistEntry.Status.WAITING,
                                             then=Coalesce(Subquery(ahead), 1)),
                                        default=None, output_field=IntegerField()))
                .select_related("space", "offered_booking", "offered_booking__resource",
                                "offered_booking__space", "offered_booking__space__commune")
                .order_by("-created_at", "-id"))
    if open_only:
        queryset = queryset.filter(status__in=WaitlistEntry.OPEN_STATUSES)
    return queryset


def waitlist_get_for_member(user: User, pk: int) -> WaitlistEntry:
    return waitlist_list_for_member(user).get(pk=pk)
