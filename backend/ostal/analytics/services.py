"""Writes of the analytics app: its own rollup tables and the search log, nothing else.

`rollups_rebuild()` is the one way rollups change. It is idempotent and deterministic: for each
place it reads the bookings, hours, payments and credit movements of the dates asked, computes
the rows in Python, then deletes and rewrites that place's rows for those dates in one
transaction that first locks the place row (`SELECT ... FOR UPDATE` on PostgreSQL, the database
write lock on SQLite). Two rebuilds of the same place therefore run one after the other, and a
crash leaves either the old rows or the new ones. Member activity is rebuilt per whole month,
network-wide (a member's day is counted once across places).
"""

from __future__ import annotations

import bisect
import datetime as dt
import logging
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

from django.db import DatabaseError, connection, models, transaction
from django.db.models import Sum
from django.utils import timezone

from ostal.analytics.models import (
    MemberActivityMonthly,
    OccupancyDaily,
    OccupancyHourly,
    RevenueDaily,
    SearchLog,
)
from ostal.billing.models import Payment
from ostal.bookings.models import Booking
from ostal.bookings.schedule import SpaceSchedule
from ostal.core.geo import great_circle_km
from ostal.core.money import ZERO, quantize
from ostal.memberships.models import CreditLedgerEntry, CreditLot
from ostal.spaces.models import Closure, Commune, ItineraryStop, Space, SpecialOpening

UTC = dt.UTC
logger = logging.getLogger(__name__)
#: Statuses whose time counts as booked (held bookings are minutes-long payment holds).
BOOKED_STATUSES = (Booking.Status.CONFIRMED, Booking.Status.CHECKED_IN)
#: Statuses counted in `bookings` (everything a member actually booked).
COUNTED_STATUSES = (Booking.Status.CONFIRMED, Booking.Status.CHECKED_IN,
                    Booking.Status.NO_SHOW, Booking.Status.CANCELLED)
PAID_STATUSES = ("succeeded", "partially_refunded", "refunded")
CHUNK = 2000
#: A rebuild transaction covers at most this many days of one place.
DAYS_PER_TRANSACTION = 92


def _days(day_from: dt.date, day_to: dt.date) -> Iterator[dt.date]:
    day = day_from
    while day <= day_to:
        yield day
        day += dt.timedelta(days=1)


def _month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def _next_month(month: dt.date) -> dt.date:
    return (month + dt.timedelta(days=32)).replace(day=1)


def hour_boundaries(day: dt.date, tz: ZoneInfo) -> list[dt.datetime]:
    """UTC instants of local hours 00:00 … 23:00 of `day`, then 00:00 of the next day.

    On the spring DST day 02:00 does not exist: zoneinfo maps it onto 03:00, so hour 2 is an
    empty bucket; on the autumn day hour 2 lasts two real hours. 25 values, non-decreasing."""
    bounds = [dt.datetime.combine(day, dt.time(hour), tzinfo=tz).astimezone(UTC)
              for hour in range(24)]
    bounds.append(dt.datetime.combine(day + dt.timedelta(days=1), dt.time(0),
                                      tzinfo=tz).astimezone(UTC))
    return bounds


def split_by_hour(start: dt.datetime, end: dt.datetime, bounds: Sequence[dt.datetime]
                  ) -> Iterator[tuple[int, int]]:
    """(local hour, minutes) pieces of [start, end) inside the day of `bounds`."""
    first = max(0, bisect.bisect_right(bounds, start) - 1)
    for hour in range(first, 24):
        lo, hi = bounds[hour], bounds[hour + 1]
        if lo >= end:
            break
        piece = (min(end, hi) - max(start, lo)).total_seconds()
        if piece > 0:
            yield hour, int(piece // 60)


@dataclass
class _DayRows:
    """Accumulators of one place and date while computing."""

    kind_open: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    daily: dict[tuple[str, int | None], list[int]] = field(default_factory=dict)
    hourly: dict[tuple[str, int], list[int]] = field(default_factory=dict)


def _counters(rows: dict[Any, list[int]], key: Any) -> list[int]:
    """[open, booked, bookings, cancellations, no_shows, checked_in] of a key."""
    if key not in rows:
        rows[key] = [0, 0, 0, 0, 0, 0]
    return rows[key]


@dataclass(frozen=True)
class RebuildResult:
    places: int
    days: int
    occupancy_rows: int
    hourly_rows: int
    revenue_rows: int
    member_rows: int


def rollups_rebuild(day_from: dt.date, day_to: dt.date, *,
                    spaces: Iterable[Space] | None = None,
                    members: bool | None = None,
                    today: dt.date | None = None) -> RebuildResult:
    """Rebuild the occupancy, hourly and revenue rollups of `spaces` (default: every place) for
    the local dates `day_from`..`day_to`, and, when `members` (default: when all places are
    rebuilt), the member activity of every month those dates touch.

    Idempotent and deterministic; safe to run concurrently (see the module docstring). `today`
    is passed to `member_activity_rebuild` (which confirmed bookings count as present days)."""
    if day_to < day_from:
        raise ValueError("day_to is before day_from")
    all_places = spaces is None
    places = list(Space.objects.select_related("commune").order_by("pk")) if spaces is None \
        else sorted(spaces, key=lambda s: s.pk)
    totals = [0, 0, 0]
    for space in places:
        chunk_from = day_from
        while chunk_from <= day_to:
            chunk_to = min(day_to, chunk_from + dt.timedelta(days=DAYS_PER_TRANSACTION - 1))
            counts = _rebuild_space(space, chunk_from, chunk_to)
            totals = [a + b for a, b in zip(totals, counts, strict=True)]
            chunk_from = chunk_to + dt.timedelta(days=1)
    member_rows = 0
    if members if members is not None else all_places:
        month = _month_start(day_from)
        while month <= day_to:
            member_rows += member_activity_rebuild(month, today=today)
            month = _next_month(month)
    return RebuildResult(len(places), (day_to - day_from).days + 1, totals[0], totals[1],
                         totals[2], member_rows)


def _rebuild_space(space: Space, day_from: dt.date, day_to: dt.date) -> tuple[int, int, int]:
    schedule = SpaceSchedule.load(space, day_from, day_to)
    tz = schedule.tz
    resources = list(space.resources.values_list("pk", "kind", "is_active"))
    bookings = list(
        Booking.objects.filter(space=space, local_date__range=(day_from, day_to))
        .exclude(status__in=(Booking.Status.HELD, Booking.Status.EXPIRED))
        .values_list("resource_id", "resource_kind", "local_date", "status", "start", "end",
                     "reference"))
    booked_resources: dict[dt.date, set[int]] = defaultdict(set)
    for resource_id, _kind, local_date, *_rest in bookings:
        booked_resources[local_date].add(resource_id)

    days: dict[dt.date, _DayRows] = {}
    bounds_of: dict[dt.date, list[dt.datetime]] = {}
    for day in _days(day_from, day_to):
        hours = schedule.day(day)
        rows = days[day] = _DayRows()
        bounds = bounds_of[day] = hour_boundaries(day, tz)
        spans = [(hours.utc(opens), hours.utc(closes)) for opens, closes in hours.windows]
        open_minutes = sum(int((end - start).total_seconds() // 60) for start, end in spans)
        per_hour: dict[int, int] = defaultdict(int)
        for start, end in spans:
            for hour, minutes in split_by_hour(start, end, bounds):
                per_hour[hour] += minutes
        resources_of_kind: dict[str, int] = defaultdict(int)
        for resource_id, kind, is_active in resources:
            if not is_active and resource_id not in booked_resources[day]:
                continue  # a retired resource counts only on the days it was booked
            resources_of_kind[kind] += 1
            _counters(rows.daily, (kind, resource_id))[0] += open_minutes
        for kind, count in resources_of_kind.items():
            _counters(rows.daily, (kind, None))[0] += open_minutes * count
            for hour, minutes in per_hour.items():
                _counters(rows.hourly, (kind, hour))[0] += minutes * count

    for resource_id, kind, local_date, status, start, end, _reference in bookings:
        rows = days[local_date]
        minutes = int((end - start).total_seconds() // 60)
        for key in ((kind, resource_id), (kind, None)):
            counters = _counters(rows.daily, key)
            counters[2] += 1
            if status == Booking.Status.CANCELLED:
                counters[3] += 1
            elif status == Booking.Status.NO_SHOW:
                counters[4] += 1
            elif status == Booking.Status.CHECKED_IN:
                counters[5] += 1
            if status in BOOKED_STATUSES:
                counters[1] += minutes
        if status in BOOKED_STATUSES:
            for hour, piece in split_by_hour(start, end, bounds_of[local_date]):
                _counters(rows.hourly, (kind, hour))[1] += piece

    daily_rows = [
        (space.pk, resource_id, kind, day, *c)
        for day, rows in sorted(days.items())
        for (kind, resource_id), c in sorted(rows.daily.items(),
                                             key=lambda item: (item[0][0], item[0][1] or 0))
        if any(c)]  # a closed day without bookings has no row: absent means zero
    hourly_rows = [
        (space.pk, kind, day, hour, c[0], c[1])
        for day, rows in sorted(days.items())
        for (kind, hour), c in sorted(rows.hourly.items()) if c[0] or c[1]]
    day_of_reference = {str(booking[6]): booking[2] for booking in bookings}
    revenue_rows = _revenue_rows(space, day_from, day_to, tz, day_of_reference)

    with transaction.atomic():
        Space.objects.select_for_update().filter(pk=space.pk).first()
        for model in (OccupancyDaily, OccupancyHourly, RevenueDaily):
            model.objects.filter(space=space, local_date__range=(day_from, day_to)).delete()
        _insert(OccupancyDaily, DAILY_COLUMNS, daily_rows)
        _insert(OccupancyHourly, HOURLY_COLUMNS, hourly_rows)
        RevenueDaily.objects.bulk_create(revenue_rows, batch_size=CHUNK)
    return len(daily_rows), len(hourly_rows), len(revenue_rows)


DAILY_COLUMNS = ("space_id", "resource_id", "resource_kind", "local_date", "open_minutes",
                 "booked_minutes", "bookings", "cancellations", "no_shows", "checked_in")
HOURLY_COLUMNS = ("space_id", "resource_kind", "local_date", "hour", "open_minutes",
                  "booked_minutes")
MEMBER_COLUMNS = ("month", "member_id", "space_id", "commune_id", "days_present",
                  "credit_units", "pass_credit_units")


def _insert(model: type[models.Model], columns: Sequence[str],
            rows: Sequence[tuple[Any, ...]]) -> None:
    """Insert plain rows into one of our rollup tables, inside the caller's transaction.

    PostgreSQL: COPY (a year of a place is ~10,000 rows; COPY writes them ten times faster
    than INSERTs built by the ORM). Elsewhere: bulk_create. Constraints apply either way."""
    if not rows:
        return
    if connection.vendor == "postgresql":
        table = connection.ops.quote_name(model._meta.db_table)
        names = ", ".join(connection.ops.quote_name(column) for column in columns)
        with connection.cursor() as cursor, cursor.cursor.copy(
                f"COPY {table} ({names}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
        return
    model._default_manager.bulk_create(
        [model(**dict(zip(columns, row, strict=True))) for row in rows], batch_size=CHUNK)


def _credit_units_by_booking(references: Sequence[str]) -> dict[str, tuple[int, int]]:
    """Net credit units (all, from network lots) spent by each booking reference: spends minus
    what was given back. Chunked IN lists (SQLite caps the number of parameters)."""
    result: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for offset in range(0, len(references), CHUNK):
        chunk = references[offset:offset + CHUNK]
        entries = (CreditLedgerEntry.objects
                   .filter(reason_type="booking", reason_id__in=chunk,
                           kind__in=(CreditLedgerEntry.Kind.SPEND, CreditLedgerEntry.Kind.RELEASE))
                   .values_list("reason_id", "lot__scope").annotate(total=Sum("delta"))
                   .order_by())
        for reason_id, scope, total in entries:
            result[reason_id][0] -= total
            if scope == CreditLot.Scope.NETWORK:
                result[reason_id][1] -= total
    return {ref: (units[0], units[1]) for ref, units in result.items()}


def _revenue_rows(space: Space, day_from: dt.date, day_to: dt.date, tz: ZoneInfo,
                  day_of_reference: dict[str, dt.date]) -> list[RevenueDaily]:
    money: dict[tuple[dt.date, str], list[Any]] = {}

    def row(day: dt.date, currency: str) -> list[Any]:
        return money.setdefault((day, currency), [ZERO, ZERO, 0, 0])

    for day, currency, amount, refunded in (
            Payment.objects.filter(booking__space=space,
                                   booking__local_date__range=(day_from, day_to),
                                   status__in=PAID_STATUSES)
            .values_list("booking__local_date", "currency", "amount", "amount_refunded")):
        row(day, currency)[0] += amount - refunded
    # A place's own plans count on the local date they were paid.
    start = dt.datetime.combine(day_from, dt.time(0), tzinfo=tz)
    end = dt.datetime.combine(day_to + dt.timedelta(days=1), dt.time(0), tzinfo=tz)
    for paid_at, currency, amount, refunded in (
            Payment.objects.filter(plan__space=space, status__in=PAID_STATUSES,
                                   succeeded_at__gte=start, succeeded_at__lt=end)
            .values_list("succeeded_at", "currency", "amount", "amount_refunded")):
        if paid_at is not None:
            row(paid_at.astimezone(tz).date(), currency)[1] += amount - refunded
    credits = _credit_units_by_booking(list(day_of_reference))
    for reference, day in day_of_reference.items():
        units, pass_units = credits.get(reference, (0, 0))
        if units or pass_units:
            counters = row(day, "EUR")
            counters[2] += units
            counters[3] += pass_units
    return [RevenueDaily(space_id=space.pk, local_date=day, currency=currency,
                         booking_revenue=quantize(c[0], currency),
                         plan_revenue=quantize(c[1], currency),
                         credit_units=c[2], pass_credit_units=c[3])
            for (day, currency), c in sorted(money.items())]


def member_activity_rebuild(month: dt.date, *, today: dt.date | None = None) -> int:
    """Rewrite the member activity rows of `month` (network-wide) in one transaction.

    A present day: a checked-in booking, or a confirmed one dated before `today` (default: the
    current local date in the booking's place's time zone). Credits are attributed to the
    booking's place and month whatever the status (a no-show still spent them)."""
    month = _month_start(month)
    month_end = _next_month(month) - dt.timedelta(days=1)
    now = timezone.now()
    zones: dict[str, dt.date] = {}

    def local_today(zone: str) -> dt.date:
        if today is not None:
            return today
        if zone not in zones:
            zones[zone] = now.astimezone(ZoneInfo(zone)).date()
        return zones[zone]

    places = {pk: (commune_id, kind, zone) for pk, commune_id, kind, zone in
              Space.objects.values_list("pk", "commune_id", "kind", "timezone")}
    stops = {(space_id, date): commune_id for space_id, date, commune_id in
             ItineraryStop.objects.filter(date__range=(month, month_end))
             .values_list("space_id", "date", "commune_id")}
    bookings = (Booking.objects.filter(local_date__range=(month, month_end))
                .exclude(status__in=(Booking.Status.HELD, Booking.Status.EXPIRED))
                .values_list("member_id", "local_date", "space_id", "start", "status",
                             "reference")
                .order_by("member_id", "local_date", "start", "pk"))
    rows: dict[tuple[int, int, str], list[int]] = {}
    day_taken: set[tuple[int, dt.date]] = set()
    credited: list[tuple[str, tuple[int, int, str]]] = []
    for member_id, local_date, space_id, _start, status, reference in bookings.iterator(
            chunk_size=CHUNK):
        commune_id, kind, zone = places[space_id]
        if kind == Space.Kind.ITINERANT:
            commune_id = stops.get((space_id, local_date), commune_id)
        key = (member_id, space_id, commune_id)
        present = status == Booking.Status.CHECKED_IN or (
            status == Booking.Status.CONFIRMED and local_date < local_today(zone))
        if present and (member_id, local_date) not in day_taken:
            day_taken.add((member_id, local_date))
            _counters(rows, key)[0] += 1
        credited.append((str(reference), key))
    credits = _credit_units_by_booking([ref for ref, _key in credited])
    for ref, key in credited:
        units, pass_units = credits.get(ref, (0, 0))
        if units or pass_units:
            counters = _counters(rows, key)
            counters[1] += units
            counters[2] += pass_units
    objects = [(month, member_id, space_id, commune_id, c[0], c[1], c[2])
               for (member_id, space_id, commune_id), c in sorted(rows.items())
               if c[0] or c[1] or c[2]]
    with transaction.atomic():
        MemberActivityMonthly.objects.filter(month=month).delete()
        _insert(MemberActivityMonthly, MEMBER_COLUMNS, objects)
    return len(objects)


def changed_days_since(since: dt.datetime) -> dict[int, set[dt.date]]:
    """Per place, the local dates whose rollups may be stale: bookings, closures, special
    openings and stops changed since `since`, and the bookings of credit movements or payments
    recorded since then. Weekly hours have no timestamp: the nightly run rebuilds a window of
    recent days for that (see `rollups_rebuild_nightly`)."""
    changed: dict[int, set[dt.date]] = defaultdict(set)
    for space_id, day in Booking.objects.filter(updated_at__gte=since).values_list(
            "space_id", "local_date").distinct():
        changed[space_id].add(day)
    for space_id, first, last in Closure.objects.filter(updated_at__gte=since).values_list(
            "space_id", "start_date", "end_date"):
        changed[space_id].update(_days(first, last))
    for model in (SpecialOpening, ItineraryStop):
        for space_id, day in model.objects.filter(updated_at__gte=since).values_list(
                "space_id", "date"):
            changed[space_id].add(day)
    references = set(CreditLedgerEntry.objects.filter(created_at__gte=since,
                                                      reason_type="booking")
                     .values_list("reason_id", flat=True))
    paid = Payment.objects.filter(updated_at__gte=since, booking__isnull=False).values_list(
        "booking__space_id", "booking__local_date")
    for space_id, day in paid:
        changed[space_id].add(day)
    refs = sorted(references)
    for offset in range(0, len(refs), CHUNK):
        for space_id, day in Booking.objects.filter(
                reference__in=refs[offset:offset + CHUNK]).values_list("space_id", "local_date"):
            changed[space_id].add(day)
    return changed


def rollups_rebuild_nightly(*, now: dt.datetime | None = None, sweep_hours: int = 26,
                            recent_days: int = 7) -> RebuildResult:
    """The nightly run: every place for the last `recent_days` local dates up to yesterday
    (covers weekly-hours edits and the presence of yesterday's confirmed bookings), then every
    other (place, date) changed in the last `sweep_hours`, then the member activity of the
    months touched. Idempotent: running it twice gives the same rows."""
    now = now or timezone.now()
    yesterday = (now - dt.timedelta(days=1)).date()
    first = yesterday - dt.timedelta(days=recent_days - 1)
    result = rollups_rebuild(first, yesterday, members=False)
    totals = [result.occupancy_rows, result.hourly_rows, result.revenue_rows]
    months = {_month_start(day) for day in _days(first, yesterday)}
    spaces = {space.pk: space for space in Space.objects.select_related("commune")}
    for space_id, days in sorted(changed_days_since(now - dt.timedelta(hours=sweep_hours))
                                 .items()):
        extra = sorted(day for day in days if not first <= day <= yesterday)
        if space_id not in spaces or not extra:
            continue
        for lo, hi in _runs(extra):
            counts = rollups_rebuild(lo, hi, spaces=[spaces[space_id]], members=False)
            totals = [a + b for a, b in zip(totals, [counts.occupancy_rows, counts.hourly_rows,
                                                     counts.revenue_rows], strict=True)]
            months.update(_month_start(day) for day in _days(lo, hi))
    member_rows = sum(member_activity_rebuild(month) for month in sorted(months))
    return RebuildResult(len(spaces), recent_days, totals[0], totals[1], totals[2], member_rows)


def _runs(days: Sequence[dt.date]) -> Iterator[tuple[dt.date, dt.date]]:
    """Consecutive dates grouped into [first, last] runs."""
    start = previous = days[0]
    for day in days[1:]:
        if day != previous + dt.timedelta(days=1):
            yield start, previous
            start = day
        previous = day
    yield start, previous


def rollups_rebuild_today(*, spaces: Iterable[Space], now: dt.datetime | None = None
                          ) -> RebuildResult:
    """Refresh today's rows of `spaces` (each in its own time zone): what the manager's
    "refresh" button calls. Member activity waits for the nightly run."""
    now = now or timezone.now()
    total = RebuildResult(0, 1, 0, 0, 0, 0)
    for space in spaces:
        today = now.astimezone(ZoneInfo(space.timezone)).date()
        result = rollups_rebuild(today, today, spaces=[space], members=False)
        total = RebuildResult(total.places + 1, 1, total.occupancy_rows + result.occupancy_rows,
                              total.hourly_rows + result.hourly_rows,
                              total.revenue_rows + result.revenue_rows, 0)
    return total


# --- unmet demand -------------------------------------------------------------------------------


def search_record(*, source: str, results: int, department: str | None = None,
                  near: tuple[float, float] | None = None, resource_kind: str | None = None,
                  space_kind: str | None = None, date: dt.date | None = None) -> SearchLog | None:
    """Log a public search that found nothing (unmet demand); a search with results is not
    logged (returns None). Stores no user, no address: the department given, or the one of the
    commune nearest to `near` (one bounding-box query), the kinds and the date.

    Never breaks the search that calls it: the write runs in a savepoint and a database error
    is logged and swallowed (returns None)."""
    if results:
        return None
    department_code = (department or "")[:3]
    try:
        with transaction.atomic():
            if not department_code and near is not None:
                department_code = _nearest_department(*near)
            return SearchLog.objects.create(
                source=source if source in SearchLog.Source.values
                else SearchLog.Source.DIRECTORY,
                department_code=department_code, resource_kind=(resource_kind or "")[:20],
                space_kind=(space_kind or "")[:20], date=date, results=0)
    except DatabaseError:
        logger.warning("analytics: could not log an empty %s search", source, exc_info=True)
        return None


def search_record_directory(*, filters: Any, count: int) -> SearchLog | None:
    """The directory's hook (one line in DirectorySpaceListApi.get): `filters` is the view's
    `spaces.selectors.DirectoryFilters`, `count` the number of places found."""
    return search_record(source=SearchLog.Source.DIRECTORY, results=count,
                         department=filters.department, near=filters.near,
                         space_kind=filters.kind, date=filters.open_on)


def search_record_availability(*, search: Any, results: Sequence[Any]) -> SearchLog | None:
    """The availability search's hook (one line in AvailabilitySearchApi.get): logged when no
    place in `results` (bookings.selectors.SpaceAvailability) has anything free."""
    found = sum(1 for result in results if any(day.free for day in result.days))
    return search_record(source=SearchLog.Source.AVAILABILITY, results=found, near=search.near,
                         resource_kind=search.resource_kind, date=search.date)


def _nearest_department(latitude: float, longitude: float) -> str:
    box = 0.5
    candidates = list(Commune.objects.filter(
        latitude__range=(latitude - box, latitude + box),
        longitude__range=(longitude - box, longitude + box))
        .values_list("latitude", "longitude", "department_code"))
    if not candidates:
        return ""
    return min(candidates,
               key=lambda c: great_circle_km(latitude, longitude, c[0], c[1]))[2]

