"""Availability: how many resources of a kind are free, per place, day and slot.

The computation is done in Python over rows fetched in bulk: for any number of places and days
it costs a fixed number of queries (places with their hours, closures, stops, policies and
resources as prefetches; then every active booking and every block of those places over the
dates, in one query each). A resource is free over a span when no active booking and no block
of that resource overlaps it.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from typing import Any

from django.db import connection
from django.db.models import Exists, Model, OuterRef, Q, QuerySet, Subquery

from ostal.bookings.locks import is_postgres
from ostal.bookings.models import Booking, BookingPolicy, DayPart, ResourceBlock
from ostal.bookings.policies import POLICY_FIELDS, Policy, default_policy, policy_for
from ostal.bookings.schedule import DayHours, SpaceSchedule, Span
from ostal.core.geo import distance_km_expression, great_circle_km
from ostal.spaces.models import (
    Closure,
    Commune,
    ItineraryStop,
    OpeningHours,
    Price,
    Resource,
    Space,
    SpecialOpening,
)

MAX_SEARCH_DAYS = 14
MAX_CALENDAR_DAYS = 62


@dataclass(frozen=True)
class Window:
    """What the searcher wants each day: a part of the day, or local times (or nothing:
    "anything free that day")."""

    part: str | None = None
    start_time: dt.time | None = None
    end_time: dt.time | None = None

    def span(self, day: DayHours) -> Span | None:
        if not day.is_open:
            return None
        if self.part:
            return day.part_span(self.part)
        if self.start_time and self.end_time:
            span = Span(day.utc(self.start_time), day.utc(self.end_time))
            return span if day.contains(span.start, span.end) else None
        return None


@dataclass(frozen=True)
class SlotAvailability:
    key: str
    start: dt.datetime
    end: dt.datetime
    free: int
    free_resource_ids: list[int]


@dataclass(frozen=True)
class DayAvailability:
    date: dt.date
    is_open: bool
    closed_reason: str | None
    opens_at: dt.datetime | None
    closes_at: dt.datetime | None
    stop: ItineraryStop | None
    free: int
    slots: list[SlotAvailability]


@dataclass(frozen=True)
class PriceRef:
    """A public price of the searched kind at a place (tax included), per sale unit."""

    unit: str
    amount: Decimal
    currency: str


@dataclass
class SpaceAvailability:
    space: Space
    resource_kind: str
    policy: Policy
    resources: list[ResourceRef]
    distance_km: float | None = None
    days: list[DayAvailability] = field(default_factory=list)
    prices: list[PriceRef] = field(default_factory=list)

    @property
    def total(self) -> int:
        return len(self.resources)


Busy = dict[int, list[tuple[dt.datetime, dt.datetime]]]


def _free_ids(resources: list[ResourceRef], busy: Busy, span: Span) -> list[int]:
    """The ids of `resources` with nothing overlapping `span` (the hot loop of a network-wide
    search: most resources have no booking that day, so they are tested without a call)."""
    start, end = span.start, span.end
    free = []
    for resource in resources:
        intervals = busy.get(resource.id)
        if not intervals or not any(b_start < end and start < b_end
                                    for b_start, b_end in intervals):
            free.append(resource.id)
    return free


def day_availability(day: DayHours, policy: Policy, resources: list[ResourceRef], busy: Busy,
                     window: Window) -> DayAvailability:
    """Free counts of one place on one day: per sold slot (day / half-days, or each hour or
    half-hour), and `free` for the searched window (without a window: the whole day for
    resources sold by the day, "at least one free slot" for those sold by time)."""
    if not day.is_open:
        return DayAvailability(day.date, False, day.closed_reason, None, None, day.stop, 0, [])
    if policy.is_sold_by_day:
        parts = day.parts()
        if policy.sale_unit == BookingPolicy.SaleUnit.DAY:
            parts = {k: v for k, v in parts.items() if k == DayPart.DAY}
        spans = list(parts.items())
    else:
        step = policy.step_minutes or 60
        spans = [(day.local(span.start).strftime("%H:%M"), span)
                 for span in day.time_slots(step)]
    slots = []
    for key, span in spans:
        ids = _free_ids(resources, busy, span)
        slots.append(SlotAvailability(key, span.start, span.end, len(ids), ids))
    wanted = window.span(day)
    if wanted is not None:
        free = len(_free_ids(resources, busy, wanted))
    elif window.part or window.start_time:
        free = 0  # the window does not exist that day (e.g. morning of an afternoon opening)
    elif policy.is_sold_by_day:
        free = slots[0].free if slots else 0
    else:
        free = len({rid for slot in slots for rid in slot.free_resource_ids})
    opening = day.day_span()
    return DayAvailability(day.date, True, None, opening.start if opening else None,
                           opening.end if opening else None, day.stop, free, slots)


@dataclass(frozen=True)
class ResourceRef:
    """What availability needs of a resource (a plain row, not a model instance)."""

    id: int
    name: str
    kind: str
    capacity: int

    @property
    def pk(self) -> int:
        return self.id


# Columns of Space (and its commune) the availability endpoints render: descriptions and other
# long texts stay in the database.
SPACE_COLUMNS = ("id", "slug", "name", "kind", "latitude", "longitude", "timezone",
                 "accepts_network_pass", "is_published", "commune__insee_code",
                 "commune__name", "commune__department_code")


@dataclass
class _Loaded:
    spaces: list[Space]
    schedules: dict[int, SpaceSchedule]
    policies: dict[int, Policy]
    resources: dict[int, list[ResourceRef]]


# The sale units a search shows prices for, in display order (the month is a plan, not a slot).
PRICE_UNITS = ("day", "half_day", "hour")


def _with_prices(queryset: QuerySet[Space], resource_kind: str) -> QuerySet[Space]:
    """Each place's public price of the kind per unit, as columns of the places' query (no
    query of its own): `price_day`, `price_half_day`, `price_hour` (None: not sold so)."""
    prices = Price.objects.filter(space=OuterRef("pk"), resource_kind=resource_kind)
    return queryset.annotate(**{
        f"price_{unit}": Subquery(prices.filter(unit=unit).values("amount")[:1])
        for unit in PRICE_UNITS})


def prices_of(space: Space) -> list[PriceRef]:
    """The prices `_with_prices` put on a place, day first (the network sells in euros:
    Price.currency is EUR throughout)."""
    return [PriceRef(unit, amount, "EUR") for unit in PRICE_UNITS
            if (amount := getattr(space, f"price_{unit}", None)) is not None]


def _load(queryset: QuerySet[Space], resource_kind: str, attendees: int, date_from: dt.date,
          date_to: dt.date, *, with_prices: bool = False) -> _Loaded:
    """Places having a fitting resource, with everything availability needs: the places, then
    on PostgreSQL one statement for the rest; elsewhere 6 queries (weekly hours, exceptional
    hours, closures, stops, policies, resources), as tuples where the rows are many;
    `with_prices`: the kind's public prices as columns of the places."""
    fitting = Resource.objects.filter(kind=resource_kind, is_active=True,
                                      capacity__gte=attendees)
    queryset = _with_prices(queryset, resource_kind) if with_prices else queryset
    spaces = list(queryset.filter(Exists(fitting.filter(space=OuterRef("pk"))))
                  .select_related("commune").only(*SPACE_COLUMNS))
    ids = [space.pk for space in spaces]
    if is_postgres():
        return _load_rest_in_one_statement(spaces, ids, resource_kind, attendees, date_from,
                                           date_to)
    weekly: dict[int, list[Any]] = defaultdict(list)
    for space_id, *row in OpeningHours.objects.filter(space_id__in=ids).values_list(
            "space_id", "weekday", "opens", "closes"):
        weekly[space_id].append(row)
    specials: dict[int, list[Any]] = defaultdict(list)
    for space_id, *row in SpecialOpening.objects.filter(
            space_id__in=ids, date__range=(date_from, date_to)).values_list(
            "space_id", "date", "opens", "closes"):
        specials[space_id].append(row)
    closures: dict[int, list[Any]] = defaultdict(list)
    for space_id, *row in Closure.objects.filter(
            space_id__in=ids, start_date__lte=date_to, end_date__gte=date_from).values_list(
            "space_id", "start_date", "end_date"):
        closures[space_id].append(row)
    stops: dict[int, list[ItineraryStop]] = defaultdict(list)
    for stop in ItineraryStop.objects.filter(space_id__in=ids, date__range=(date_from, date_to)
                                             ).select_related("commune"):
        stops[stop.space_id].append(stop)
    rows = list(BookingPolicy.objects.filter(space_id__in=ids, resource_kind=resource_kind))
    resources: dict[int, list[ResourceRef]] = defaultdict(list)
    for rid, space_id, name, capacity in fitting.filter(space_id__in=ids).order_by(
            "name", "id").values_list("id", "space_id", "name", "capacity"):
        resources[space_id].append(ResourceRef(rid, name, resource_kind, capacity))
    return _Loaded(
        spaces=spaces,
        schedules={space.pk: SpaceSchedule(space, weekly=weekly[space.pk],
                                           specials=specials[space.pk],
                                           closures=closures[space.pk], stops=stops[space.pk])
                   for space in spaces},
        policies={space.pk: policy_for(space.pk, resource_kind,
                                       [r for r in rows if r.space_id == space.pk])
                  for space in spaces},
        resources=resources,
    )


def _load_rest_in_one_statement(spaces: list[Space], ids: list[int], resource_kind: str,
                                attendees: int, date_from: dt.date, date_to: dt.date
                                ) -> _Loaded:
    """PostgreSQL: the hours, exceptional hours, closures, stops, policy and fitting resources
    of every place in one statement (one round trip instead of six; each related list an
    ARRAY of JSON per place), read into the same structures as the queries above."""
    with connection.cursor() as cursor:
        cursor.execute(_rest_sql(), {"ids": ids, "from": date_from, "to": date_to,
                                     "kind": resource_kind, "attendees": attendees})
        found = {row[0]: row[1:] for row in cursor.fetchall()}
    schedules, policies = {}, {}
    resources: dict[int, list[ResourceRef]] = defaultdict(list)
    for space in spaces:
        weekly, specials, closures, stops, policy, fitting = found[space.pk]
        schedules[space.pk] = SpaceSchedule(
            space,
            weekly=[(w["w"], _time(w["o"]), _time(w["c"])) for w in weekly],
            specials=[(_date(x["d"]), _time(x["o"]), _time(x["c"])) for x in specials],
            closures=[(_date(c["a"]), _date(c["b"])) for c in closures],
            stops=[ItineraryStop(
                id=t["id"], space_id=space.pk, date=_date(t["d"]), opens=_time(t["o"]),
                closes=_time(t["c"]), location_note=t["note"], latitude=t["lat"],
                longitude=t["lon"], commune=Commune(insee_code=t["ci"], name=t["cn"],
                                                    department_code=t["cd"]))
                for t in stops])
        policies[space.pk] = (Policy(**policy, is_default=False) if policy is not None
                              else default_policy(resource_kind))
        resources[space.pk] = [ResourceRef(r["id"], r["n"], resource_kind, r["c"])
                               for r in fitting]
    return _Loaded(spaces=spaces, schedules=schedules, policies=policies, resources=resources)


def _time(value: str) -> dt.time:
    return dt.time.fromisoformat(value)


def _date(value: str) -> dt.date:
    return dt.date.fromisoformat(value)


@lru_cache(maxsize=1)
def _rest_sql() -> str:
    """Written once from the models' metadata; every value is a parameter."""
    quote = connection.ops.quote_name

    def table(model: type[Model]) -> str:
        return quote(model._meta.db_table)

    policy_cols = ", ".join(quote(name) for name in POLICY_FIELDS)
    return (
        "SELECT s.id, "  # noqa: S608 (table and column names from the models)
        "ARRAY(SELECT json_build_object('w', h.weekday, 'o', h.opens, 'c', h.closes) "
        f"FROM {table(OpeningHours)} h WHERE h.space_id = s.id), "
        "ARRAY(SELECT json_build_object('d', x.date, 'o', x.opens, 'c', x.closes) "
        f"FROM {table(SpecialOpening)} x WHERE x.space_id = s.id "
        "AND x.date BETWEEN %(from)s AND %(to)s), "
        "ARRAY(SELECT json_build_object('a', c.start_date, 'b', c.end_date) "
        f"FROM {table(Closure)} c WHERE c.space_id = s.id "
        "AND c.start_date <= %(to)s AND c.end_date >= %(from)s), "
        "ARRAY(SELECT json_build_object('id', t.id, 'd', t.date, 'o', t.opens, 'c', t.closes, "
        "'note', t.location_note, 'lat', t.latitude, 'lon', t.longitude, "
        "'ci', m.insee_code, 'cn', m.name, 'cd', m.department_code) "
        f"FROM {table(ItineraryStop)} t JOIN {table(Commune)} m "
        "ON m.insee_code = t.commune_id WHERE t.space_id = s.id "
        "AND t.date BETWEEN %(from)s AND %(to)s ORDER BY t.date, t.opens), "
        f"(SELECT row_to_json(p) FROM (SELECT {policy_cols} FROM {table(BookingPolicy)} "
        "WHERE space_id = s.id AND resource_kind = %(kind)s LIMIT 1) p), "
        "ARRAY(SELECT json_build_object('id', r.id, 'n', r.name, 'c', r.capacity) "
        f"FROM {table(Resource)} r WHERE r.space_id = s.id AND r.kind = %(kind)s "
        "AND r.is_active AND r.capacity >= %(attendees)s ORDER BY r.name, r.id) "
        "FROM unnest(%(ids)s::bigint[]) AS s(id)")


def _busy_by_resource(space_ids: list[int], resource_kind: str, date_from: dt.date,
                      date_to: dt.date) -> Busy:
    """Active bookings and blocks of those places over the dates: one query (UNION ALL)."""
    busy: Busy = defaultdict(list)
    bookings = (Booking.objects.active()
                .filter(space_id__in=space_ids, resource_kind=resource_kind,
                        local_date__range=(date_from, date_to))
                .values_list("resource_id", "start", "end"))
    # Blocks may span days: fetch with a margin of a day on each side (any time zone).
    lower = dt.datetime.combine(date_from - dt.timedelta(days=1), dt.time(), tzinfo=dt.UTC)
    upper = dt.datetime.combine(date_to + dt.timedelta(days=2), dt.time(), tzinfo=dt.UTC)
    blocks = (ResourceBlock.objects
              .filter(space_id__in=space_ids, resource__kind=resource_kind, start__lt=upper,
                      end__gt=lower)
              .values_list("resource_id", "start", "end"))
    for resource_id, start, end in bookings.union(blocks, all=True):  # one round trip
        busy[resource_id].append((start, end))
    return busy


def _dates(date_from: dt.date, date_to: dt.date) -> list[dt.date]:
    return [date_from + dt.timedelta(days=n) for n in range((date_to - date_from).days + 1)]


def _compute(loaded: _Loaded, resource_kind: str, date_from: dt.date, date_to: dt.date,
             window: Window) -> list[SpaceAvailability]:
    busy = _busy_by_resource([s.pk for s in loaded.spaces], resource_kind, date_from, date_to)
    dates = _dates(date_from, date_to)
    results = []
    for space in loaded.spaces:
        schedule, policy = loaded.schedules[space.pk], loaded.policies[space.pk]
        resources = loaded.resources[space.pk]
        result = SpaceAvailability(space, resource_kind, policy, resources,
                                   prices=prices_of(space))
        result.days = [day_availability(schedule.day(date), policy, resources, busy, window)
                       for date in dates]
        results.append(result)
    return results


@dataclass(frozen=True)
class AvailabilitySearch:
    date: dt.date
    date_to: dt.date | None = None
    resource_kind: str = Resource.Kind.DESK
    attendees: int = 1
    window: Window = field(default_factory=Window)
    near: tuple[float, float] | None = None
    radius_km: float | None = None
    available_only: bool = False


def availability_search(search: AvailabilitySearch) -> list[SpaceAvailability]:
    """Published places with resources of the kind (and capacity), with free counts per day,
    sorted by distance from `near` (then name), or by name.

    An itinerant place is where its stop is: its distance is measured from the stop of the
    first searched date (no stop that day: from its home commune). Fixed number of queries
    (3 on PostgreSQL, 8 elsewhere) whatever the number of places and days.
    """
    date_to = search.date_to or search.date
    queryset = Space.objects.published()
    if search.near and search.radius_km is not None:
        lat, lon = search.near
        queryset = queryset.annotate(distance_km=distance_km_expression(lat, lon)).filter(
            Q(kind=Space.Kind.ITINERANT) | Q(distance_km__lte=search.radius_km))
    loaded = _load(queryset, search.resource_kind, search.attendees, search.date, date_to,
                   with_prices=True)
    results = _compute(loaded, search.resource_kind, search.date, date_to, search.window)
    if search.near:
        lat, lon = search.near
        for result in results:
            stop = result.days[0].stop if result.days else None
            here = (stop.latitude, stop.longitude) if stop else (result.space.latitude,
                                                                 result.space.longitude)
            result.distance_km = great_circle_km(lat, lon, *here)
        if search.radius_km is not None:
            results = [r for r in results if (r.distance_km or 0) <= search.radius_km]
        results.sort(key=lambda r: (r.distance_km or 0, r.space.name))
    else:
        results.sort(key=lambda r: r.space.name)
    if search.available_only:
        results = [r for r in results if any(day.free for day in r.days)]
    return results


def space_availability_calendar(*, space: Space, resource_kind: str, date_from: dt.date,
                                date_to: dt.date, attendees: int = 1,
                                window: Window | None = None) -> SpaceAvailability:
    """One place over a week or a month: per day, free resources per sold slot (day and
    half-days, or each hour / half-hour for rooms) with their ids. Fixed number of queries."""
    loaded = _load(Space.objects.filter(pk=space.pk), resource_kind, attendees, date_from,
                   date_to)
    if not loaded.spaces:  # no resource of that kind/capacity: an empty calendar, still with hours
        schedule = SpaceSchedule.load(space, date_from, date_to)
        policy = policy_for(space.pk, resource_kind)
        result = SpaceAvailability(space, resource_kind, policy, [])
        result.days = [day_availability(schedule.day(d), policy, [], {}, window or Window())
                       for d in _dates(date_from, date_to)]
        return result
    return _compute(loaded, resource_kind, date_from, date_to, window or Window())[0]
