"""Recurring bookings: every Tuesday and Thursday until a date, or N occurrences."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone

from ostal.bookings import hooks, locks
from ostal.bookings.errors import BookingError
from ostal.bookings.errors import BookingErrorCode as E
from ostal.bookings.models import Booking, BookingSeries, Part
from ostal.bookings.policies import policy_for
from ostal.bookings.schedule import SpaceSchedule
from ostal.bookings.services.bookings import booking_cancel
from ostal.bookings.services.engine import BookingContext, BookingRequest, booking_insert
from ostal.spaces.models import Space

if TYPE_CHECKING:
    from ostal.accounts.models import User

MAX_OCCURRENCES = 60


@dataclass(frozen=True)
class SeriesRequest:
    space: Space
    resource_kind: str
    weekdays: tuple[int, ...]
    start_date: dt.date
    until_date: dt.date | None = None
    count: int | None = None
    part: str | None = None
    start_time: dt.time | None = None
    end_time: dt.time | None = None
    attendees: int = 1

    def dates(self) -> list[dt.date]:
        """Dates on the chosen weekdays from `start_date`, until `until_date` (inclusive) or
        `count` dates. More than MAX_OCCURRENCES is refused rather than truncated."""
        wanted = set(self.weekdays)
        dates: list[dt.date] = []
        day = self.start_date
        last = self.until_date or (self.start_date + dt.timedelta(weeks=MAX_OCCURRENCES + 1))
        while day <= last:
            if day.weekday() in wanted:
                dates.append(day)
                if self.count is not None and len(dates) == self.count:
                    break
                if len(dates) > MAX_OCCURRENCES:
                    raise BookingError(E.SERIES_TOO_LONG, limit=MAX_OCCURRENCES)
            day += dt.timedelta(days=1)
        if not dates:
            raise BookingError(E.SERIES_EMPTY)
        return dates

    def fingerprint(self) -> str:
        payload = {"space": self.space.pk, "kind": self.resource_kind,
                   "weekdays": sorted(self.weekdays), "start": self.start_date.isoformat(),
                   "until": self.until_date.isoformat() if self.until_date else None,
                   "count": self.count, "part": self.part,
                   "start_time": self.start_time.isoformat() if self.start_time else None,
                   "end_time": self.end_time.isoformat() if self.end_time else None,
                   "attendees": self.attendees}
        return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()


@dataclass
class SeriesResult:
    series: BookingSeries
    created: bool


def booking_series_create(*, member: User, request: SeriesRequest,
                          booked_by: User | None = None, idempotency_key: str = "",
                          now: dt.datetime | None = None) -> SeriesResult:
    """Book every date of a series, each with every rule, and record per date whether it was
    booked (booking id) or refused (code + message) in `series.occurrences`.

    One transaction with the member lock; each occurrence in its own savepoint, so a refused
    date never undoes the others. Idempotent per key like `booking_create`. One confirmation
    mail for the whole series (not one per occurrence).
    """
    now = now or timezone.now()
    fingerprint = request.fingerprint()
    dates = request.dates()
    with transaction.atomic():
        locks.lock_member(member.pk)
        if idempotency_key:
            existing = BookingSeries.objects.filter(member=member,
                                                    idempotency_key=idempotency_key).first()
            if existing is not None:
                if existing.request_fingerprint != fingerprint:
                    raise BookingError(E.IDEMPOTENCY_KEY_REUSED)
                return SeriesResult(existing, created=False)
        series = BookingSeries.objects.create(
            member=member, booked_by=booked_by, space=request.space,
            resource_kind=request.resource_kind, weekdays=sorted(request.weekdays),
            start_date=request.start_date, until_date=request.until_date, count=request.count,
            part=request.part or Part.CUSTOM, start_time=request.start_time,
            end_time=request.end_time, attendees=request.attendees,
            idempotency_key=idempotency_key, request_fingerprint=fingerprint)
        context = BookingContext(
            schedule=SpaceSchedule.load(request.space, dates[0], dates[-1]),
            policy=policy_for(request.space.pk, request.resource_kind))
        occurrences: list[dict[str, Any]] = []
        booked: list[Booking] = []
        for date in dates:
            occurrence = BookingRequest(
                space=request.space, resource_kind=request.resource_kind, date=date,
                part=request.part, start_time=request.start_time, end_time=request.end_time,
                attendees=request.attendees)
            try:
                with transaction.atomic():
                    booking = booking_insert(member=member, request=occurrence, now=now,
                                             booked_by=booked_by, source=Booking.Source.SERIES,
                                             series=series, context=context)
                booked.append(booking)
                occurrences.append({"date": date.isoformat(), "status": "booked",
                                    "booking_id": booking.pk, "code": "", "message": ""})
            except BookingError as exc:
                occurrences.append({"date": date.isoformat(), "status": "refused",
                                    "booking_id": None, "code": exc.code,
                                    "message": str(exc.message)})
        series.occurrences = occurrences
        series.save(update_fields=["occurrences", "updated_at"])
        hooks.series_booked.send(hooks.SeriesBooked(series, booked, now))
    return SeriesResult(series, created=True)


@dataclass
class SeriesCancelResult:
    series: BookingSeries
    cancelled: list[Booking]
    refused: list[tuple[Booking, BookingError]]


def booking_series_cancel(*, series: BookingSeries, actor: User, from_date: dt.date,
                          now: dt.datetime | None = None) -> SeriesCancelResult:
    """Cancel every active booking of the series on or after `from_date`, each with the
    cancellation rules (a booking past its deadline is reported, not cancelled). Each
    cancellation is its own transaction (see `booking_cancel`); retrying is safe."""
    now = now or timezone.now()
    cancelled: list[Booking] = []
    refused: list[tuple[Booking, BookingError]] = []
    bookings = series.bookings.active().filter(local_date__gte=from_date).order_by("start")
    for booking in bookings:
        try:
            cancelled.append(booking_cancel(booking=booking, actor=actor, now=now))
        except BookingError as exc:
            refused.append((booking, exc))
    if series.cancelled_from is None or from_date < series.cancelled_from:
        series.cancelled_from = from_date
        series.save(update_fields=["cancelled_from", "updated_at"])
    return SeriesCancelResult(series, cancelled, refused)
