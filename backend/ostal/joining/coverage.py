"""Territorial coverage: how far each commune of the region is from the nearest place open in
a given week (fixed places and the itinerant places' stops of that week), the population
beyond 10, 20 and 30 km, crossed with unmet demand (empty searches, per department: that is
how they are logged) and members' declared home communes (shown from 5 members on), and the
communes where an itinerant place would cover the most population not covered yet.

Everything is computed in Python over the reference communes (about 1 400 rows) and the
week's points (places and stops): four queries whatever the size of the network. Distances are
great-circle distances between commune centres and places (no road network in the data)."""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Q

from ostal.accounts.models import CommuteDeclaration
from ostal.analytics.models import SearchLog
from ostal.analytics.privacy import MIN_GROUP_SIZE
from ostal.core.geo import great_circle_km
from ostal.spaces.departments import OCCITANIE_DEPARTMENTS
from ostal.spaces.models import Closure, Commune, ItineraryStop, Space

THRESHOLDS_KM = (10, 20, 30)
KM_PER_DEGREE_LAT = 111.2
SEARCH_WINDOW_DAYS = 90


@dataclass(frozen=True)
class Point:
    name: str
    kind: str  # "place" | "stop"
    latitude: float
    longitude: float
    commune_id: str


def week_of(day: dt.date) -> tuple[dt.date, dt.date]:
    monday = day - dt.timedelta(days=day.weekday())
    return monday, monday + dt.timedelta(days=6)


def open_points(monday: dt.date, sunday: dt.date) -> list[Point]:
    """Published fixed places with weekly hours or a special opening that week, unless a
    closure covers the whole week; and the itinerant places' stops of that week."""
    closed_all_week = Closure.objects.filter(space=OuterRef("pk"), start_date__lte=monday,
                                             end_date__gte=sunday)
    places = (Space.objects.published().exclude(kind=Space.Kind.ITINERANT)
              .filter(Q(opening_hours__isnull=False)
                      | Q(special_openings__date__range=(monday, sunday)))
              .exclude(Exists(closed_all_week)).distinct()
              .values_list("name", "latitude", "longitude", "commune_id"))
    stops = (ItineraryStop.objects.filter(date__range=(monday, sunday),
                                          space__is_published=True)
             .values_list("space__name", "latitude", "longitude", "commune_id"))
    return ([Point(name, "place", lat, lon, commune) for name, lat, lon, commune in places]
            + [Point(name, "stop", lat, lon, commune) for name, lat, lon, commune in stops])


class _Grid:
    """Points bucketed by cells of about `cell_km`: the neighbours within `cell_km` of a
    position are in its cell and the eight around it."""

    def __init__(self, cell_km: float) -> None:
        self.dlat = cell_km / KM_PER_DEGREE_LAT
        self.dlon = cell_km / (KM_PER_DEGREE_LAT * math.cos(math.radians(46)))
        self.cells: dict[tuple[int, int], list[int]] = defaultdict(list)

    def cell(self, lat: float, lon: float) -> tuple[int, int]:
        return math.floor(lat / self.dlat), math.floor(lon / self.dlon)

    def add(self, index: int, lat: float, lon: float) -> None:
        self.cells[self.cell(lat, lon)].append(index)

    def around(self, lat: float, lon: float) -> list[int]:
        row, col = self.cell(lat, lon)
        return [index for dr in (-1, 0, 1) for dc in (-1, 0, 1)
                for index in self.cells.get((row + dr, col + dc), ())]


@dataclass
class CommuneCoverage:
    insee_code: str
    name: str
    department_code: str
    population: int
    latitude: float
    longitude: float
    nearest_km: float | None
    nearest_place: str
    members: int | None  # None: fewer than MIN_GROUP_SIZE (not shown)


@dataclass
class SuggestedStop:
    insee_code: str
    name: str
    department_code: str
    covered_population: int
    covered_communes: int


@dataclass
class DepartmentCoverage:
    code: str
    name: str
    population: int
    beyond: dict[int, int]
    empty_searches: int
    members: int | None


@dataclass
class Coverage:
    week_start: dt.date
    week_end: dt.date
    points: list[Point]
    communes: list[CommuneCoverage]
    total_population: int
    beyond: dict[int, int] = field(default_factory=dict)
    departments: list[DepartmentCoverage] = field(default_factory=list)
    suggested_stops: list[SuggestedStop] = field(default_factory=list)
    stop_radius_km: int = 10


def _nearest(communes: list[Commune], points: list[Point]) -> list[tuple[float | None, str]]:
    """For each commune, the distance to the nearest point and its name. Searched in growing
    rings of grid cells, so most communes compare with a few points only."""
    if not points:
        return [(None, "")] * len(communes)
    grid = _Grid(10.0)
    for index, point in enumerate(points):
        grid.add(index, point.latitude, point.longitude)
    result: list[tuple[float | None, str]] = []
    for commune in communes:
        row, col = grid.cell(commune.latitude, commune.longitude)
        best: tuple[float, str] | None = None
        ring = 0
        while True:
            for dr in range(-ring, ring + 1):
                for dc in range(-ring, ring + 1):
                    if max(abs(dr), abs(dc)) != ring:
                        continue
                    for index in grid.cells.get((row + dr, col + dc), ()):
                        point = points[index]
                        km = great_circle_km(commune.latitude, commune.longitude,
                                             point.latitude, point.longitude)
                        if best is None or km < best[0]:
                            best = (km, point.name)
            # Every point outside the rings searched is at least `ring` cells away.
            if best is not None and best[0] <= ring * 10.0:
                break
            ring += 1
            if ring > 200:
                break
        result.append(best if best is not None else (None, ""))
    return result


def suggested_stops(communes: list[Commune], nearest: list[float | None], *, radius_km: int,
                    count: int) -> list[SuggestedStop]:
    """Greedy maximum coverage: at each step, the commune whose surroundings (within
    `radius_km`) hold the most population still beyond `radius_km` of any place or of the
    stops already chosen. Greedy is within 1 - 1/e of the best choice of `count` stops."""
    grid = _Grid(float(radius_km))
    for index, commune in enumerate(communes):
        grid.add(index, commune.latitude, commune.longitude)
    uncovered = {index for index, km in enumerate(nearest) if km is None or km > radius_km}
    reach: dict[int, list[int]] = {}  # uncovered commune → candidate stops that would cover it
    for target in uncovered:
        commune = communes[target]
        reach[target] = [candidate for candidate in grid.around(commune.latitude,
                                                                commune.longitude)
                         if great_circle_km(commune.latitude, commune.longitude,
                                            communes[candidate].latitude,
                                            communes[candidate].longitude) <= radius_km]
    chosen: list[SuggestedStop] = []
    for _ in range(count):
        gains: dict[int, int] = defaultdict(int)
        covers: dict[int, int] = defaultdict(int)
        for target in uncovered:
            for candidate in reach[target]:
                gains[candidate] += communes[target].population
                covers[candidate] += 1
        if not gains:
            break
        best = max(gains, key=lambda candidate: (gains[candidate], communes[candidate].population,
                                                 communes[candidate].insee_code))
        if gains[best] <= 0:
            break
        commune = communes[best]
        chosen.append(SuggestedStop(commune.insee_code, commune.name, commune.department_code,
                                    gains[best], covers[best]))
        uncovered = {target for target in uncovered if best not in reach[target]}
    return chosen


def coverage_for_week(*, day: dt.date, radius_km: int = 10, stops: int = 5) -> Coverage:
    monday, sunday = week_of(day)
    points = open_points(monday, sunday)
    communes = list(Commune.objects.order_by("insee_code"))
    members = dict(CommuteDeclaration.objects.filter(home_commune__isnull=False)
                   .values_list("home_commune_id").annotate(count=Count("user_id", distinct=True))
                   .values_list("home_commune_id", "count"))
    since = day - dt.timedelta(days=SEARCH_WINDOW_DAYS)
    searches = dict(SearchLog.objects.filter(created_at__date__gte=since, results=0)
                    .values_list("department_code").annotate(count=Count("id"))
                    .values_list("department_code", "count"))
    nearest = _nearest(communes, points)
    rows = [CommuneCoverage(
        commune.insee_code, commune.name, commune.department_code, commune.population,
        commune.latitude, commune.longitude,
        None if km is None else round(km, 1), place,
        members.get(commune.insee_code) if members.get(commune.insee_code, 0) >= MIN_GROUP_SIZE
        else None) for commune, (km, place) in zip(communes, nearest, strict=True)]

    def beyond(selection: list[CommuneCoverage], km: int) -> int:
        return sum(row.population for row in selection
                   if row.nearest_km is None or row.nearest_km > km)

    by_department: dict[str, list[CommuneCoverage]] = defaultdict(list)
    for row in rows:
        by_department[row.department_code].append(row)
    departments = []
    for code, name in OCCITANIE_DEPARTMENTS.items():
        selection = by_department.get(code, [])
        declared = sum(members.get(row.insee_code, 0) for row in selection)
        shown = sum(row.members or 0 for row in selection)
        # The department's figure, unless it is under 5, or the part of it that no commune
        # shows is (subtracting the communes shown would give a group under 5).
        publishable = (declared == 0 or declared >= MIN_GROUP_SIZE) and (
            declared - shown == 0 or declared - shown >= MIN_GROUP_SIZE)
        departments.append(DepartmentCoverage(
            code, name, sum(row.population for row in selection),
            {km: beyond(selection, km) for km in THRESHOLDS_KM}, searches.get(code, 0),
            declared if publishable else None))
    return Coverage(
        week_start=monday, week_end=sunday, points=points,
        communes=sorted(rows, key=lambda row: (
            -(1e9 if row.nearest_km is None else row.nearest_km), -row.population)),
        total_population=sum(row.population for row in rows),
        beyond={km: beyond(rows, km) for km in THRESHOLDS_KM}, departments=departments,
        suggested_stops=suggested_stops(communes, [km for km, _ in nearest],
                                        radius_km=radius_km, count=stops),
        stop_radius_km=radius_km)
