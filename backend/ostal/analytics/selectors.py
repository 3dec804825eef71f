"""Reads of the dashboards and of the open data. Read-only: nothing here writes.

Every figure comes from the rollup tables (ostal.analytics.models), a fixed number of queries
per dashboard whatever the number of places, days or bookings; only "today" (who is in) reads
the bookings of one day directly. Figures about people (members, commutes, redemptions per
place, waiting lists, employers) go through `disclosure.merge_small`: a group of fewer than 5
distinct people is merged into « autres » (or, when everything is small, shown "< 5").
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, TypedDict
from zoneinfo import ZoneInfo

from django.db.models import Count, QuerySet, Sum
from django.db.models.functions import ExtractIsoWeekDay, TruncMonth
from django.utils import timezone

from ostal.accounts.models import CommuteDeclaration
from ostal.analytics.method import (
    COMMUTE_KM_CLIP,
    DAYS_CLIP,
    REDEMPTION_UNITS_CLIP,
    Point,
    clip,
    co2_kg,
    commute_km_avoided_per_day,
)
from ostal.analytics.models import (
    MemberActivityMonthly,
    OccupancyDaily,
    OccupancyHourly,
    RevenueDaily,
    SearchLog,
)
from ostal.bookings.models import Booking, WaitlistEntry
from ostal.bookings.schedule import SpaceSchedule
from ostal.core.disclosure import EXACT, OTHERS, Cell, Noise, is_small, merge_small
from ostal.core.money import ZERO, quantize
from ostal.employers.models import EmployerBooking
from ostal.memberships.models import units_to_credits
from ostal.spaces.departments import OCCITANIE_DEPARTMENTS
from ostal.spaces.models import (
    Closure,
    Commune,
    ItineraryStop,
    OpeningHours,
    Operator,
    Resource,
    Space,
    SpecialOpening,
)

MAX_PERIOD_DAYS = 366
GRANULARITIES = ("day", "week", "month")
KINDS: tuple[str, ...] = tuple(Resource.Kind.values)
SETTINGS: tuple[str, ...] = tuple(Space.Setting.values)
CARRIER_KINDS: tuple[str, ...] = tuple(Operator.CarrierKind.values)


@dataclass(frozen=True)
class Period:
    """Local dates `date_from`..`date_to`, both included."""

    date_from: dt.date
    date_to: dt.date

    @property
    def days(self) -> int:
        return (self.date_to - self.date_from).days + 1

    def previous(self) -> Period:
        """The period of the same length just before (the comparison)."""
        return Period(self.date_from - dt.timedelta(days=self.days),
                      self.date_from - dt.timedelta(days=1))

    def months(self) -> tuple[dt.date, dt.date]:
        """First days of the first and last months the period touches."""
        return self.date_from.replace(day=1), self.date_to.replace(day=1)


def rate(part: int | Decimal, whole: int | Decimal) -> float | None:
    """part / whole rounded to 4 decimals; None when there is nothing to divide by."""
    if not whole:
        return None
    return round(float(part) / float(whole), 4)


def bucket_start(day: dt.date, granularity: str) -> dt.date:
    if granularity == "week":
        return day - dt.timedelta(days=day.weekday())
    if granularity == "month":
        return day.replace(day=1)
    return day


def _bucket_end(start: dt.date, granularity: str) -> dt.date:
    if granularity == "week":
        return start + dt.timedelta(days=6)
    if granularity == "month":
        return (start + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
    return start


class Totals(TypedDict):
    open_minutes: int
    booked_minutes: int
    bookings: int
    cancellations: int
    no_shows: int
    checked_in: int


def _zero() -> Totals:
    return Totals(open_minutes=0, booked_minutes=0, bookings=0, cancellations=0, no_shows=0,
                  checked_in=0)


def _add(total: Totals, row: dict[str, Any]) -> None:
    counters: dict[str, int] = total  # type: ignore[assignment]
    for key in counters:
        counters[key] += int(row.get(key) or 0)


def _rows(queryset: Any) -> list[dict[str, Any]]:
    """Rows of a .values() queryset as plain dicts (the stubs type them as narrow TypedDicts
    that do not know the annotations)."""
    return [dict(row) for row in queryset]


_SUMS = {name: Sum(name) for name in ("open_minutes", "booked_minutes", "bookings",
                                       "cancellations", "no_shows", "checked_in")}


def kpis(total: Totals) -> dict[str, Any]:
    """The derived rates of a period's totals (definitions: docs/analytics-method.md)."""
    due = total["bookings"] - total["cancellations"]
    return {**total,
            "occupancy_rate": rate(total["booked_minutes"], total["open_minutes"]),
            "cancellation_rate": rate(total["cancellations"], total["bookings"]),
            "no_show_rate": rate(total["no_shows"], due)}


# --- manager dashboard ------------------------------------------------------------------------


def manager_dashboard(*, spaces: QuerySet[Space], period: Period,
                      granularity: str = "day") -> dict[str, Any]:
    """Occupancy, bookings, revenue and credits of `spaces` (already scoped to the manager)
    over `period`, compared with the period just before. Six queries, whatever the number of
    places and days."""
    if granularity not in GRANULARITIES:
        raise ValueError(granularity)
    places = _rows(spaces.order_by("name").values("id", "name", "slug", "timezone"))
    ids = [place["id"] for place in places]
    previous = period.previous()
    span = (previous.date_from, period.date_to)

    by_day_kind = _rows(
        OccupancyDaily.objects.filter(space_id__in=ids, resource__isnull=True,
                                      local_date__range=span)
        .values("local_date", "resource_kind").annotate(**_SUMS).order_by())
    current, before = _zero(), _zero()
    per_day: dict[dt.date, Totals] = defaultdict(_zero)
    per_bucket: dict[dt.date, Totals] = defaultdict(_zero)
    per_bucket_kind: dict[tuple[dt.date, str], Totals] = defaultdict(_zero)
    per_kind: dict[str, Totals] = defaultdict(_zero)
    for row in by_day_kind:
        day = row["local_date"]
        if day < period.date_from:
            _add(before, row)
            continue
        _add(current, row)
        _add(per_day[day], row)
        start = bucket_start(day, granularity)
        _add(per_bucket[start], row)
        _add(per_bucket_kind[(start, row["resource_kind"])], row)
        _add(per_kind[row["resource_kind"]], row)

    money = _rows(RevenueDaily.objects.filter(space_id__in=ids, local_date__range=span)
                 .values("local_date", "currency")
                 .annotate(booking=Sum("booking_revenue"), plan=Sum("plan_revenue"),
                           units=Sum("credit_units"), pass_units=Sum("pass_credit_units"))
                 .order_by())
    revenue_now: dict[str, Decimal] = defaultdict(lambda: ZERO)
    revenue_before: dict[str, Decimal] = defaultdict(lambda: ZERO)
    units_now = units_before = pass_now = 0
    bucket_money: dict[dt.date, dict[str, Any]] = defaultdict(
        lambda: {"revenue": defaultdict(lambda: ZERO), "units": 0})
    for row in money:
        amount = (row["booking"] or ZERO) + (row["plan"] or ZERO)
        if row["local_date"] < period.date_from:
            revenue_before[row["currency"]] += amount
            units_before += row["units"] or 0
            continue
        revenue_now[row["currency"]] += amount
        units_now += row["units"] or 0
        pass_now += row["pass_units"] or 0
        entry = bucket_money[bucket_start(row["local_date"], granularity)]
        entry["revenue"][row["currency"]] += amount
        entry["units"] += row["units"] or 0

    series = []
    start = bucket_start(period.date_from, granularity)
    while start <= period.date_to:
        total = per_bucket.get(start, _zero())
        entry = bucket_money.get(start, {"revenue": {}, "units": 0})
        series.append({
            "start": max(start, period.date_from),
            "end": min(_bucket_end(start, granularity), period.date_to),
            **kpis(total),
            "by_kind": [{"resource_kind": kind, **kpis(per_bucket_kind[(start, kind)])}
                        for kind in KINDS if (start, kind) in per_bucket_kind],
            "revenue": _money_list(entry["revenue"]),
            "credits_redeemed": units_to_credits(entry["units"]),
        })
        start = _bucket_end(start, granularity) + dt.timedelta(days=1)

    by_resource = [
        {"resource_id": row["resource_id"], "resource_name": row["resource__name"],
         "resource_kind": row["resource_kind"], "space_id": row["space_id"],
         "space_name": row["space__name"], **kpis(_totals(row))}
        for row in _rows(OccupancyDaily.objects.filter(
            space_id__in=ids, resource__isnull=False,
            local_date__range=(period.date_from, period.date_to))
            .values("resource_id", "resource__name", "resource_kind", "space_id", "space__name")
            .annotate(**_SUMS).order_by("space__name", "resource_kind", "resource__name"))]

    heatmap = [
        {"weekday": row["weekday"] - 1, "hour": row["hour"], "open_minutes": row["open"],
         "booked_minutes": row["booked"], "occupancy_rate": rate(row["booked"], row["open"])}
        for row in OccupancyHourly.objects.filter(space_id__in=ids,
                                                  local_date__range=(period.date_from,
                                                                     period.date_to))
        .annotate(weekday=ExtractIsoWeekDay("local_date"))
        .values("weekday", "hour")
        .annotate(open=Sum("open_minutes"), booked=Sum("booked_minutes"))
        .order_by("weekday", "hour")]

    open_days = sorted(((day, rate(t["booked_minutes"], t["open_minutes"]) or 0.0, t)
                        for day, t in per_day.items() if t["open_minutes"]),
                       key=lambda item: (-item[1], item[0]))
    ranked = [{"date": day, "occupancy_rate": value, "booked_minutes": t["booked_minutes"],
               "open_minutes": t["open_minutes"], "bookings": t["bookings"]}
              for day, value, t in open_days]
    emptiest = sorted(ranked, key=lambda item: (item["occupancy_rate"], item["date"]))[:3]
    return {
        "places": places,
        "period": {"date_from": period.date_from, "date_to": period.date_to},
        "previous_period": {"date_from": previous.date_from, "date_to": previous.date_to},
        "granularity": granularity,
        "kpis": {**kpis(current), "revenue": _money_list(revenue_now),
                 "credits_redeemed": units_to_credits(units_now),
                 "pass_credits_redeemed": units_to_credits(pass_now)},
        "previous_kpis": {**kpis(before), "revenue": _money_list(revenue_before),
                          "credits_redeemed": units_to_credits(units_before)},
        "by_kind": [{"resource_kind": kind, **kpis(per_kind[kind])} for kind in KINDS
                    if kind in per_kind],
        "series": series,
        "by_resource": by_resource,
        "heatmap": heatmap,
        "busiest_days": ranked[:3],
        "emptiest_days": emptiest,
    }


def _totals(row: dict[str, Any]) -> Totals:
    total = _zero()
    _add(total, row)
    return total


def _money_list(amounts: dict[str, Decimal]) -> list[dict[str, Any]]:
    if not amounts:
        return [{"amount": ZERO, "currency": "EUR"}]
    return [{"amount": quantize(amount, currency), "currency": currency}
            for currency, amount in sorted(amounts.items())]


def manager_today(*, spaces: QuerySet[Space], now: dt.datetime | None = None
                  ) -> list[dict[str, Any]]:
    """Today in each place (its own time zone): open time, booked time, how many are in now,
    and who is booked today, by name (managers only, their places only). Read live from the
    bookings of the day; seven queries whatever the number of places."""
    now = now or timezone.now()
    places = list(spaces.order_by("name"))
    ids = [space.pk for space in places]
    today_of = {space.pk: now.astimezone(ZoneInfo(space.timezone)).date() for space in places}
    dates = set(today_of.values())
    weekly: dict[int, list[Any]] = defaultdict(list)
    for space_id, *row in OpeningHours.objects.filter(space_id__in=ids).values_list(
            "space_id", "weekday", "opens", "closes"):
        weekly[space_id].append(tuple(row))
    specials: dict[int, list[Any]] = defaultdict(list)
    for space_id, *row in SpecialOpening.objects.filter(space_id__in=ids, date__in=dates
                                                        ).values_list("space_id", "date",
                                                                      "opens", "closes"):
        specials[space_id].append(tuple(row))
    closures: dict[int, list[Any]] = defaultdict(list)
    for space_id, *row in Closure.objects.filter(
            space_id__in=ids, start_date__lte=max(dates, default=now.date()),
            end_date__gte=min(dates, default=now.date())).values_list(
            "space_id", "start_date", "end_date"):
        closures[space_id].append(tuple(row))
    stops: dict[int, list[ItineraryStop]] = defaultdict(list)
    for stop in ItineraryStop.objects.filter(space_id__in=ids, date__in=dates):
        stops[stop.space_id].append(stop)
    resources: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for space_id, kind in Resource.objects.filter(space_id__in=ids, is_active=True
                                                  ).values_list("space_id", "kind"):
        resources[space_id][kind] += 1
    bookings: dict[int, list[Booking]] = defaultdict(list)
    for booking in (Booking.objects.filter(space_id__in=ids, local_date__in=dates)
                    .exclude(status__in=(Booking.Status.EXPIRED, Booking.Status.CANCELLED))
                    .select_related("member", "resource").order_by("start", "pk")):
        if booking.local_date == today_of[booking.space_id]:
            bookings[booking.space_id].append(booking)

    result = []
    for space in places:
        day = SpaceSchedule(space, weekly=weekly[space.pk], specials=specials[space.pk],
                            closures=closures[space.pk], stops=stops[space.pk]
                            ).day(today_of[space.pk])
        open_minutes = sum(int((day.utc(c) - day.utc(o)).total_seconds() // 60)
                           for o, c in day.windows)
        kinds = []
        for kind in KINDS:
            count = resources[space.pk].get(kind, 0)
            if not count:
                continue
            booked = sum(int((b.end - b.start).total_seconds() // 60)
                         for b in bookings[space.pk]
                         if b.resource_kind == kind and b.status in (Booking.Status.CONFIRMED,
                                                                     Booking.Status.CHECKED_IN))
            in_now = sum(1 for b in bookings[space.pk] if b.resource_kind == kind
                         and b.status in (Booking.Status.CONFIRMED, Booking.Status.CHECKED_IN)
                         and b.start <= now < b.end)
            kinds.append({"resource_kind": kind, "resources": count,
                          "open_minutes": open_minutes * count, "booked_minutes": booked,
                          "occupancy_rate": rate(booked, open_minutes * count),
                          "in_now": in_now})
        result.append({
            "space_id": space.pk, "space_name": space.name, "date": today_of[space.pk],
            "is_open": day.is_open, "by_kind": kinds,
            "people": [{"booking_id": b.pk, "name": _display_name(b.member),
                        "resource_name": b.resource.name, "resource_kind": b.resource_kind,
                        "part": b.part, "start": b.start, "end": b.end, "status": b.status}
                       for b in bookings[space.pk]],
        })
    return result


def _display_name(user: Any) -> str:
    name = f"{user.first_name} {user.last_name}".strip()
    return name or user.email


# --- network dashboard ------------------------------------------------------------------------


class _Group(TypedDict):
    key: str
    places: int
    open_minutes: int
    booked_minutes: int


def network_dashboard(*, period: Period, noise: Noise = EXACT) -> dict[str, Any]:
    """The whole network over `period` (a calendar month, once published): places and
    occupancy by department, setting and carrier kind; active members; pass redemptions per
    place; unmet demand; commute avoided.

    Occupancy uses the dates of the period; figures about members use the whole months the
    period touches (member activity is monthly). Aggregates only: no row names a person. A
    group describing fewer than 5 people is never shown alone: small groups are merged into
    « autres », grown until it covers 5 (disclosure.merge_small), so no hidden group can be
    recovered as the total minus the others. Counts of people get `noise`. A fixed number of
    queries whatever the size of the network."""
    places = _rows(Space.objects.filter(is_published=True)
                   .values("id", "name", "department_code", "setting", "operator__carrier_kind"))
    place_of = {place["id"]: place for place in places}
    occupancy = {row["space_id"]: row for row in
                 _rows(OccupancyDaily.objects.filter(resource__isnull=True,
                                                     local_date__range=(period.date_from,
                                                                        period.date_to))
                       .values("space_id").annotate(**_SUMS).order_by())}
    month_from, month_to = period.months()
    activity = MemberActivityMonthly.objects.filter(month__range=(month_from, month_to),
                                                    space__is_published=True)
    present_at: dict[int, set[int]] = defaultdict(set)
    for space_id, member_id in (activity.filter(days_present__gt=0)
                                .values_list("space_id", "member_id").distinct()):
        present_at[space_id].add(member_id)
    dimensions = {
        "department": ("department_code", sorted(OCCITANIE_DEPARTMENTS)),
        "setting": ("setting", list(SETTINGS)),
        "carrier_kind": ("operator__carrier_kind", list(CARRIER_KINDS)),
    }
    groups: dict[str, list[dict[str, Any]]] = {}
    for name, (place_field, keys) in dimensions.items():
        cells = []
        for key in keys:
            cell = Cell(key, values={"places": 0, **_zero()})
            for place in places:
                if place[place_field] != key:
                    continue
                cell.values["places"] += 1
                cell.people |= present_at.get(place["id"], set())
                if place["id"] in occupancy:
                    _add(cell.values, occupancy[place["id"]])  # type: ignore[arg-type]
            cells.append(cell)
        groups[name] = [_group_row(cell, noise) for cell in merge_small(cells)]
    everyone = set().union(*present_at.values()) if present_at else set()

    redemption_cells = []
    for row in (activity.filter(pass_credit_units__gt=0)
                .values_list("space_id", "member_id", "pass_credit_units").order_by()):
        space_id, member_id, units = row
        if space_id not in place_of:
            continue
        redemption_cells.append((space_id, member_id, units))
    per_place: dict[int, Cell] = {}
    for space_id, member_id, units in redemption_cells:
        cell = per_place.setdefault(space_id, Cell(str(space_id), values={"units": 0}))
        cell.people.add(member_id)
        cell.values["units"] += min(units, REDEMPTION_UNITS_CLIP) if noise.enabled else units
    redemptions: list[dict[str, Any]] = []
    for cell in merge_small(sorted(per_place.values(), key=lambda c: int(c.key))):
        found = place_of.get(int(cell.key)) if cell.key != OTHERS else None
        people = len(cell.people)
        shown = not is_small(people)
        redemptions.append({
            "space_id": found["id"] if found else None,
            "space_name": found["name"] if found else OTHERS,
            "department_code": found["department_code"] if found else OTHERS,
            "pass_credits_redeemed": units_to_credits(
                int(noise.amount(cell.values["units"], share="redemptions",
                                 sensitivity=float(REDEMPTION_UNITS_CLIP), places="1")))
            if shown else None,
            "members": noise.count(people, share="redemptions") if shown else None,
            "suppressed": not shown})
    redemptions.sort(key=lambda r: (r["suppressed"], r["space_id"] is None,
                                    -(r["pass_credits_redeemed"] or 0), r["space_name"]))

    total_shown = not is_small(len(everyone))
    return {
        "period": {"date_from": period.date_from, "date_to": period.date_to},
        "members_period": {"date_from": month_from,
                           "date_to": (month_to + dt.timedelta(days=32)).replace(day=1)
                           - dt.timedelta(days=1)},
        "places": len(places),
        "totals": kpis(_sum_rows(occupancy.values())) if total_shown else HIDDEN_OCCUPANCY,
        "totals_suppressed": not total_shown,
        "active_members": noise.count(len(everyone), share="active_members")
        if total_shown else None,
        "active_members_suppressed": not total_shown,
        "active_employers": active_employers(period),
        "by_department": groups["department"],
        "by_setting": groups["setting"],
        "by_carrier_kind": groups["carrier_kind"],
        "pass_redemptions": redemptions,
        "unmet_demand": unmet_demand(period=period, noise=noise),
        "commute": commute_avoided(period=period, noise=noise),
    }


HIDDEN_OCCUPANCY: dict[str, Any] = dict.fromkeys(
    ("open_minutes", "booked_minutes", "bookings", "cancellations", "no_shows", "checked_in",
     "occupancy_rate", "cancellation_rate", "no_show_rate"))


def _group_row(cell: Cell, noise: Noise) -> dict[str, Any]:
    """A published group: its places, occupancy and members, or only its places when it
    describes fewer than 5 people (only « autres » can, when the whole network does)."""
    people = len(cell.people)
    shown = not is_small(people)
    return {"key": cell.key, "places": cell.values["places"],
            **(kpis(_totals(cell.values)) if shown else HIDDEN_OCCUPANCY),
            "members": noise.count(people, share="group_members") if shown else None,
            "suppressed": not shown}


def _sum_rows(rows: Iterable[dict[str, Any]]) -> Totals:
    total = _zero()
    for row in rows:
        _add(total, row)
    return total


def _period_bounds(period: Period, zone: str = "Europe/Paris") -> tuple[dt.datetime,
                                                                        dt.datetime]:
    tz = ZoneInfo(zone)
    return (dt.datetime.combine(period.date_from, dt.time(0), tzinfo=tz),
            dt.datetime.combine(period.date_to + dt.timedelta(days=1), dt.time(0), tzinfo=tz))


def unmet_demand(*, period: Period, noise: Noise = EXACT) -> dict[str, Any]:
    """Searches that found nothing (made during the period) and waiting-list entries (for dates
    in the period), by department. Searches are anonymous events, published as counted;
    waiting-list figures are about people: departments of fewer than 5 people on waiting lists
    are merged into « autres » (with complementary suppression) and get `noise`."""
    start, end = _period_bounds(period)
    searches: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for row in (SearchLog.objects.filter(created_at__gte=start, created_at__lt=end)
                .values("department_code", "source").annotate(n=Count("id")).order_by()):
        searches[row["department_code"]][row["source"]] += row["n"]
    cells: dict[str, Cell] = {}
    for code, member_id, status in (WaitlistEntry.objects
                                    .filter(date__range=(period.date_from, period.date_to))
                                    .values_list("space__department_code", "member_id",
                                                 "status")):
        cell = cells.setdefault(code, Cell(code, values={"entries": 0, "served": 0}))
        cell.people.add(member_id)
        cell.values["entries"] += 1
        cell.values["served"] += int(status == WaitlistEntry.Status.ACCEPTED)
    for code in searches:
        cells.setdefault(code, Cell(code, values={"entries": 0, "served": 0}))
    merged = merge_small([cells[code] for code in sorted(cells)])
    rows = []
    for cell in merged:
        codes = [cell.key] if cell.key != OTHERS else [
            code for code in cells if code not in {c.key for c in merged}]
        people = len(cell.people)
        shown = not is_small(people)
        rows.append({
            "department_code": (cell.key or None),
            "empty_directory_searches": sum(searches[c].get(SearchLog.Source.DIRECTORY, 0)
                                            for c in codes),
            "empty_availability_searches": sum(
                searches[c].get(SearchLog.Source.AVAILABILITY, 0) for c in codes),
            "waitlist_entries": noise.count(cell.values["entries"], share="waitlist")
            if shown else None,
            "waitlist_members": noise.count(people, share="waitlist") if shown else None,
            "waitlist_served": noise.count(cell.values["served"], share="waitlist")
            if shown else None,
            "suppressed": not shown,
        })
    everyone = set().union(*(cell.people for cell in cells.values())) if cells else set()
    shown_rows = [row for row in rows if not row["suppressed"]]
    return {"by_department": rows,
            "empty_searches": sum(sum(v.values()) for v in searches.values()),
            # The sum of the published rows: nothing more to subtract.
            "waitlist_entries": sum(row["waitlist_entries"] for row in shown_rows)
            if not is_small(len(everyone)) else None,
            }


# --- commute and CO2 --------------------------------------------------------------------------


def commute_avoided(*, period: Period, user_ids: Sequence[int] | None = None,
                    by_department: bool = True, noise: Noise = EXACT,
                    days: Sequence[dict[str, Any]] | None = None) -> dict[str, Any]:
    """Kilometres and kg CO2e not driven thanks to days worked in a tiers-lieu, from what
    members declared (home and usual workplace communes), over the whole months of `period`.

    `user_ids` restricts it to a group of people; None is the whole network. `days` replaces
    the present days of the members' activity by given rows (`member_id`, `commune_id`,
    `space__department_code`, `days`): an employer's company-funded days. Per department of
    the tiers-lieu when `by_department`: departments of fewer than 5 people are merged into
    « autres » (complementary suppression) and the total is the sum of the published rows.
    With `noise`, each person's month is clipped (method.COMMUTE_KM_CLIP, DAYS_CLIP) and the
    figures get Laplace noise. Method and constants: ostal.analytics.method,
    docs/analytics-method.md."""
    month_from, month_to = period.months()
    declarations = CommuteDeclaration.objects.filter(home_commune__isnull=False,
                                                     workplace_commune__isnull=False)
    if user_ids is not None:
        declarations = declarations.filter(user_id__in=list(user_ids))
    declared = {user_id: (home, work) for user_id, home, work in
                declarations.values_list("user_id", "home_commune_id", "workplace_commune_id")}
    rows: list[dict[str, Any]]
    if days is None:
        rows = _rows(MemberActivityMonthly.objects.filter(
            month__range=(month_from, month_to), days_present__gt=0,
            member_id__in=declarations.values("user_id"))
            .values("member_id", "commune_id", "space__department_code")
            .annotate(days=Sum("days_present")).order_by())
    else:
        rows = [row for row in days if row["member_id"] in declared]
    needed = {code for pair in declared.values() for code in pair} | {
        row["commune_id"] for row in rows}
    points = {code: Point(lat, lon) for code, lat, lon in
              Commune.objects.filter(insee_code__in=needed)
              .values_list("insee_code", "latitude", "longitude")}
    # One cell per (department, person): clipped there, then summed into departments.
    per_person: dict[tuple[str, int], dict[str, Any]] = defaultdict(
        lambda: {"km": Decimal(0), "days": 0})
    for row in rows:
        home, work = declared[row["member_id"]]
        km = row["days"] * commute_km_avoided_per_day(
            home=points[home], workplace=points[work], place=points[row["commune_id"]])
        entry = per_person[(row["space__department_code"], row["member_id"])]
        entry["km"] += km
        entry["days"] += row["days"]
    cells: dict[str, Cell] = {}
    for (code, member_id), entry in sorted(per_person.items()):
        cell = cells.setdefault(code if by_department else "", Cell(
            code if by_department else "", values={"km": Decimal(0), "days": 0}))
        cell.people.add(member_id)
        cell.values["km"] += clip(entry["km"], COMMUTE_KM_CLIP) if noise.enabled else entry["km"]
        cell.values["days"] += min(entry["days"], DAYS_CLIP) if noise.enabled else entry["days"]

    def figures(cell: Cell) -> dict[str, Any]:
        persons = len(cell.people)
        if is_small(persons) or (not persons and not by_department):
            hidden = is_small(persons)
            return {"people": None if hidden else 0, "days": None if hidden else 0,
                    "km_avoided": None if hidden else Decimal("0.0"),
                    "co2_kg_avoided": None if hidden else Decimal("0.0"),
                    "suppressed": hidden}
        km = noise.amount(cell.values["km"], share="commute_km",
                          sensitivity=float(COMMUTE_KM_CLIP))
        return {"people": noise.count(persons, share="commute_people"),
                "days": int(noise.amount(cell.values["days"], share="commute_days",
                                         sensitivity=DAYS_CLIP, places="1")),
                "km_avoided": km.quantize(Decimal("0.1")), "co2_kg_avoided": co2_kg(km),
                "suppressed": False}

    merged = [figures(cell) | {"department_code": cell.key}
              for cell in merge_small(cells[key] for key in sorted(cells))]
    shown = [row for row in merged if not row["suppressed"]]
    everyone = {member_id for (_, member_id) in per_person}
    hidden = is_small(len(everyone))
    total_km = sum((row["km_avoided"] for row in shown), Decimal("0.0"))
    result: dict[str, Any] = {
        "months": {"date_from": month_from, "date_to": month_to},
        "declarations": None if is_small(len(declared)) else (
            noise.count(len(declared), share="commute_people")),
        # The total is the sum of the published rows (with their noise): no difference left.
        "people": None if hidden else sum(row["people"] for row in shown),
        "days": None if hidden else sum(row["days"] for row in shown),
        "km_avoided": None if hidden else total_km,
        "co2_kg_avoided": None if hidden else sum(
            (row["co2_kg_avoided"] for row in shown), Decimal("0.0")),
        "suppressed": hidden,
    }
    if by_department:
        result["by_department"] = merged
    return result


def active_employers(period: Period) -> int:
    """Employers whose bundle paid at least one booking (not given back) in the period."""
    return (EmployerBooking.objects
            .filter(local_date__range=(period.date_from, period.date_to))
            .exclude(status=EmployerBooking.Status.RELEASED)
            .values("employer_id").distinct().count())


def employer_funded_days(*, employer_id: int, period: Period) -> list[dict[str, Any]]:
    """The days an employer paid for (in whole or in part) in `period`, per employee and
    commune of the place: what its commute figure may count (issue 22: never the days an
    employee paid personally). A day counts once, however many bookings fill it."""
    rows = (EmployerBooking.objects
            .filter(employer_id=employer_id, local_date__range=(period.date_from,
                                                               period.date_to),
                    company_units__gt=0, employment__user__isnull=False)
            .exclude(status=EmployerBooking.Status.RELEASED)
            .values_list("employment__user_id", "booking__space__commune_id",
                         "department_code", "local_date").distinct())
    days: dict[tuple[int, str, str], set[dt.date]] = defaultdict(set)
    for member_id, commune_id, department, local_date in rows:
        days[(member_id, commune_id, department)].add(local_date)
    return [{"member_id": member_id, "commune_id": commune_id,
             "space__department_code": department, "days": len(dates)}
            for (member_id, commune_id, department), dates in sorted(days.items())]


def commute_avoided_for_employer(*, employer_id: int, period: Period,
                                 noise: Noise = EXACT) -> dict[str, Any]:
    """What an employer may see for its CSR report: its staff's commute and CO2 avoided on the
    days the company funded, totals only (never where or when anyone worked), published from 5
    people on (GET /employers/{id}/commute/?month=)."""
    return commute_avoided(period=period, by_department=False, noise=noise,
                           days=employer_funded_days(employer_id=employer_id, period=period))


# --- open data --------------------------------------------------------------------------------


def months_with_occupancy(*, before: dt.date) -> list[dt.date]:
    """First days of the months before `before` that have occupancy rows (published places)."""
    return sorted({month.date() if isinstance(month, dt.datetime) else month for month in
                   OccupancyDaily.objects.filter(resource__isnull=True, local_date__lt=before,
                                                 space__is_published=True)
                   .annotate(month=TruncMonth("local_date"))
                   .values_list("month", flat=True).distinct()})


def open_data_occupancy_rows(month: dt.date, departments: Iterable[dict[str, Any]]
                             ) -> list[dict[str, Any]]:
    """The open-data rows of a month: the department rows the network publication of that month
    released (open data spends no privacy budget of its own: it republishes those cells), the
    departments without any place left out. « autres » holds the departments merged there; a
    row describing fewer than 5 members keeps only its place count."""
    result = []
    for row in departments:
        if not row["places"]:
            continue
        shown = not row["suppressed"]
        result.append({
            "month": month.strftime("%Y-%m"), "department_code": row["key"],
            "department_name": OCCITANIE_DEPARTMENTS.get(row["key"], row["key"]),
            "places": row["places"],
            "open_hours": round(row["open_minutes"] / 60, 1) if shown else None,
            "booked_hours": round(row["booked_minutes"] / 60, 1) if shown else None,
            "occupancy_rate": row["occupancy_rate"] if shown else None,
            "members": row["members"] if shown else None,
            "suppressed": not shown,
        })
    return result
