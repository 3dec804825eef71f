"""The booking rules, as functions that either return the resolved slot or raise BookingError.

`resolve_slot` is pure (opening hours, sale unit, durations, notice, horizon); the member
limits and resource checks query the database and must run inside the booking transaction,
after the member lock (see `ostal.bookings.locks`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, QuerySet

from ostal.bookings.errors import BookingError
from ostal.bookings.errors import BookingErrorCode as E
from ostal.bookings.models import Booking, DayPart, Part, ResourceBlock
from ostal.bookings.policies import Policy, SaleUnit
from ostal.bookings.schedule import AMBIGUOUS, DayHours, Span, wall_clock_problem
from ostal.spaces.models import Resource, Space

CHECK_IN_OPENS_MINUTES = 30


@dataclass(frozen=True)
class SlotRequest:
    """What the member asked for, in local terms. Either a `part` of the day, or start/end
    local times; `walk_up` means "from now" (the start time is ignored)."""

    date: dt.date
    part: str | None = None
    start_time: dt.time | None = None
    end_time: dt.time | None = None
    walk_up: bool = False


@dataclass(frozen=True)
class ResolvedSlot:
    span: Span
    part: str
    local_date: dt.date
    is_walk_up: bool


def _aligned(at: dt.time, step: int) -> bool:
    return at.minute % step == 0 and at.second == 0 and at.microsecond == 0


def _floor_minute(instant: dt.datetime) -> dt.datetime:
    return instant.replace(second=0, microsecond=0)


def _refuse_unclear_wall_clock(day: DayHours, request: SlotRequest) -> None:
    """A local time the clock change makes ambiguous or skips is refused, never guessed
    (issue 14, defect 8): the member picks another time."""
    times = [("end_time", request.end_time)]
    if not request.walk_up:
        times.insert(0, ("start_time", request.start_time))
    for field, at in times:
        if at is None:
            continue
        problem = wall_clock_problem(day.date, at, day.tz)
        if problem is not None:
            code = E.AMBIGUOUS_LOCAL_TIME if problem == AMBIGUOUS else E.NONEXISTENT_LOCAL_TIME
            error = BookingError(code, time=at.strftime("%H:%M"))
            error.fields = {field: [str(error.message)]}
            raise error


def resolve_slot(day: DayHours, policy: Policy, request: SlotRequest, *, now: dt.datetime,
                 relaxed: bool = False) -> ResolvedSlot:
    """Turn a request into a UTC span that respects the place's hours and rules.

    A slot already under way (or `walk_up`) starts now: that is a walk-up booking, refused when
    the place asks for notice. `relaxed` (a manager booking for someone) skips notice and
    horizon rules, never the hours.
    """
    if not day.is_open:
        raise BookingError(E.NO_STOP if day.closed_reason == "no_stop" else E.CLOSED)
    if request.part:
        if request.part not in DayPart.values:
            raise BookingError(E.PART_NOT_SOLD, sale_unit=policy.sale_unit)
        if policy.sale_unit == SaleUnit.DAY and request.part != DayPart.DAY:
            raise BookingError(E.PART_NOT_SOLD, sale_unit=policy.sale_unit)
        span = day.part_span(request.part)
        if span is None:
            raise BookingError(E.OUTSIDE_OPENING_HOURS)
        part = request.part
    else:
        if policy.is_sold_by_day:
            raise BookingError(E.PART_NOT_SOLD, sale_unit=policy.sale_unit)
        if request.end_time is None or (request.start_time is None and not request.walk_up):
            raise BookingError(E.TIMES_REQUIRED)
        step = policy.step_minutes or 60
        start_time = request.start_time or dt.time(0)
        if not _aligned(request.end_time, step) or (not request.walk_up
                                                     and not _aligned(start_time, step)):
            raise BookingError(E.MISALIGNED, step=step)
        _refuse_unclear_wall_clock(day, request)
        start = day.utc(start_time) if not request.walk_up else _floor_minute(now)
        end = day.utc(request.end_time)
        if end <= start:
            raise BookingError(E.TOO_SHORT, minutes=policy.min_duration_minutes or step)
        span = Span(start, end)
        if not day.contains(span.start, span.end):
            raise BookingError(E.OUTSIDE_OPENING_HOURS)
        part = Part.CUSTOM

    if span.end <= now:
        raise BookingError(E.IN_THE_PAST)
    is_walk_up = request.walk_up or span.start <= now
    if is_walk_up:
        if span.start > now:  # walk_up asked for a slot that has not started: a plain booking
            is_walk_up = False
        else:
            span = Span(_floor_minute(now), span.end)
    if not relaxed:
        notice = (span.start - now).total_seconds() / 60
        if policy.min_notice_minutes and notice < policy.min_notice_minutes:
            raise BookingError(E.TOO_SHORT_NOTICE, minutes=policy.min_notice_minutes)
        today = now.astimezone(day.tz).date()
        if (day.date - today).days > policy.max_advance_days:
            raise BookingError(E.TOO_FAR_AHEAD, days=policy.max_advance_days)
    requested = span.minutes if not is_walk_up else None
    if policy.min_duration_minutes and requested is not None \
            and requested < policy.min_duration_minutes:
        raise BookingError(E.TOO_SHORT, minutes=policy.min_duration_minutes)
    if policy.max_duration_minutes and span.minutes > policy.max_duration_minutes:
        raise BookingError(E.TOO_LONG, minutes=policy.max_duration_minutes)
    if not is_walk_up and policy.step_minutes and span.minutes % policy.step_minutes:
        raise BookingError(E.MISALIGNED, step=policy.step_minutes)
    return ResolvedSlot(span=span, part=part, local_date=day.date, is_walk_up=is_walk_up)


def check_member_limits(*, member_id: int, space: Space, resource_kind: str, policy: Policy,
                        slot: ResolvedSlot, now: dt.datetime,
                        exclude_booking_id: int | None = None) -> None:
    """Refuse a second overlapping booking of the same kind, and the per-place limits.
    Race-free only under the member lock (two requests of one member are serialised)."""
    mine = Booking.objects.active().filter(member_id=member_id)
    if exclude_booking_id is not None:
        mine = mine.exclude(pk=exclude_booking_id)
    if mine.filter(resource_kind=resource_kind).overlapping(slot.span.start,
                                                            slot.span.end).exists():
        raise BookingError(E.MEMBER_ALREADY_BOOKED)
    here = mine.filter(space=space, resource_kind=resource_kind)
    limit = policy.max_bookings_per_member_per_day
    if limit is not None and here.filter(local_date=slot.local_date).count() >= limit:
        raise BookingError(E.DAILY_LIMIT_REACHED, limit=limit)
    limit = policy.max_active_bookings_per_member
    if limit is not None and here.filter(end__gt=now).count() >= limit:
        raise BookingError(E.ACTIVE_LIMIT_REACHED, limit=limit)


def busy_bookings(span: Span, exclude_booking_id: int | None = None) -> QuerySet[Booking]:
    qs = Booking.objects.active().filter(resource=OuterRef("pk")).overlapping(span.start,
                                                                              span.end)
    return qs.exclude(pk=exclude_booking_id) if exclude_booking_id else qs


def blocks_over(span: Span) -> QuerySet[ResourceBlock]:
    return ResourceBlock.objects.filter(resource=OuterRef("pk"), start__lt=span.end,
                                        end__gt=span.start)


def free_resources(*, space: Space, resource_kind: str, span: Span, attendees: int,
                   exclude_booking_id: int | None = None,
                   only_id: int | None = None) -> list[Resource]:
    """Active resources of that kind and capacity with no active booking nor block over the
    span; smallest fitting capacity first (one query)."""
    resources = Resource.objects.filter(space=space, kind=resource_kind, is_active=True,
                                        capacity__gte=attendees)
    if only_id is not None:
        resources = resources.filter(pk=only_id)
    return list(
        resources.exclude(Exists(busy_bookings(span, exclude_booking_id)))
        .exclude(Exists(blocks_over(span)))
        .order_by("capacity", "name", "id"))


def resource_state(resource_id: int, span: Span,
                   exclude_booking_id: int | None = None) -> str | None:
    """None when free; "blocked" or "taken" otherwise (run after locking the resource)."""
    if ResourceBlock.objects.filter(resource_id=resource_id, start__lt=span.end,
                                    end__gt=span.start).exists():
        return "blocked"
    busy = Booking.objects.active().filter(resource_id=resource_id).overlapping(span.start,
                                                                                span.end)
    if exclude_booking_id is not None:
        busy = busy.exclude(pk=exclude_booking_id)
    return "taken" if busy.exists() else None


def check_kind_and_capacity(*, space: Space, resource_kind: str, attendees: int) -> None:
    """NO_RESOURCE when the place has no such resource, OVER_CAPACITY when none is big enough."""
    capacities = list(Resource.objects.filter(space=space, kind=resource_kind, is_active=True)
                      .values_list("capacity", flat=True))
    check_capacity(max(capacities) if capacities else None, attendees=attendees)


def check_capacity(largest: int | None, *, attendees: int) -> None:
    """The same check from the largest active resource of the kind (None: there is none)."""
    if largest is None:
        raise BookingError(E.NO_RESOURCE)
    if largest < attendees:
        raise BookingError(E.OVER_CAPACITY, attendees=attendees)
