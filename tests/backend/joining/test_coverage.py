"""Territorial coverage: distances to the nearest place open this week (the truck's stops of
the week included), population beyond 10/20/30 km, members' home communes from 5 on, empty
searches per department, suggested stops by greedy maximum coverage."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from rest_framework.test import APIClient

from ostal.accounts.models import CommuteDeclaration
from ostal.analytics.models import SearchLog
from ostal.joining.coverage import coverage_for_week, suggested_stops
from ostal.spaces.models import Closure, Commune, ItineraryStop, Space
from tests.factories import SpaceFactory, UserFactory, commune

pytestmark = pytest.mark.django_db

MONDAY = dt.date(2026, 12, 7)


def open_place(insee: str, **extra: Any) -> Space:
    """A published place open Monday to Friday (the factory's weekly hours)."""
    return SpaceFactory(commune=commune(insee), **extra)


def by_code(rows: list[Any]) -> dict[str, Any]:
    return {row.insee_code: row for row in rows}


def test_distances_count_only_places_open_that_week() -> None:
    open_place("48095", name="Mende ouvert")                      # Mende
    shut = open_place("12202", name="Rodez fermé")                 # closed all week
    Closure.objects.create(space=shut, start_date=MONDAY - dt.timedelta(days=3),
                           end_date=MONDAY + dt.timedelta(days=10))
    SpaceFactory(commune=commune("31555"), name="Toulouse sans horaires", weekday_hours=False)
    SpaceFactory(commune=commune("34172"), name="Montpellier brouillon", is_published=False)

    coverage = coverage_for_week(day=MONDAY + dt.timedelta(days=2))

    rows = by_code(coverage.communes)
    assert rows["48095"].nearest_km == 0.0
    assert rows["48095"].nearest_place == "Mende ouvert"
    assert rows["12202"].nearest_km == pytest.approx(76, abs=3)  # Rodez → Mende, as the crow flies
    assert (coverage.week_start, coverage.week_end) == (MONDAY, MONDAY + dt.timedelta(days=6))
    assert {point.name for point in coverage.points} == {"Mende ouvert"}


def test_the_trucks_stops_of_the_week_count_where_they_stop() -> None:
    truck = SpaceFactory(kind=Space.Kind.ITINERANT, name="Le Camion", commune=commune("48095"),
                         weekday_hours=False)
    florac = Commune.objects.get(name="Florac Trois Rivières")
    ItineraryStop.objects.create(space=truck, date=MONDAY + dt.timedelta(days=1), commune=florac,
                                 opens=dt.time(9), closes=dt.time(17),
                                 latitude=florac.latitude, longitude=florac.longitude)
    ItineraryStop.objects.create(space=truck, date=MONDAY + dt.timedelta(days=8),
                                 commune=commune("48095"), opens=dt.time(9),
                                 closes=dt.time(17), latitude=44.52, longitude=3.5)

    rows = by_code(coverage_for_week(day=MONDAY).communes)

    assert rows[florac.insee_code].nearest_km == 0.0
    assert rows["48095"].nearest_km > 20  # next week's stop in Mende does not count


def test_population_beyond_each_threshold() -> None:
    open_place("31555")  # Toulouse only

    coverage = coverage_for_week(day=MONDAY)

    expected = {km: sum(c.population for c in Commune.objects.all()
                        if c.insee_code != "31555"
                        and great_circle(c, commune("31555")) > km) for km in (10, 20, 30)}
    assert coverage.beyond == expected
    assert coverage.beyond[10] > coverage.beyond[20] > coverage.beyond[30]
    assert coverage.total_population == sum(c.population for c in Commune.objects.all())


def great_circle(a: Commune, b: Commune) -> float:
    from ostal.core.geo import great_circle_km

    return round(great_circle_km(a.latitude, a.longitude, b.latitude, b.longitude), 1)


def test_members_home_communes_are_shown_from_five() -> None:
    for _ in range(5):
        CommuteDeclaration.objects.create(user=UserFactory(), home_commune=commune("48095"))
    for _ in range(2):
        CommuteDeclaration.objects.create(user=UserFactory(), home_commune=commune("48013"))

    coverage = coverage_for_week(day=MONDAY)

    rows = by_code(coverage.communes)
    assert rows["48095"].members == 5
    assert rows["48013"].members is None  # 2 people: not shown
    lozere = next(row for row in coverage.departments if row.code == "48")
    assert lozere.members is None  # 7 - 5 shown = 2 could be read back


def test_empty_searches_are_crossed_per_department() -> None:
    for _ in range(3):
        SearchLog.objects.create(source="directory", department_code="48", results=0)

    departments = {row.code: row for row in coverage_for_week(day=MONDAY).departments}

    assert departments["48"].empty_searches == 3
    assert departments["31"].empty_searches == 0


def test_greedy_stops_cover_the_most_uncovered_population_first() -> None:
    # Three villages on a line, 8 km apart; no place anywhere: the middle one covers all.
    a = Commune(insee_code="A", name="A", department_code="48", latitude=44.0, longitude=3.0,
                population=100)
    b = Commune(insee_code="B", name="B", department_code="48", latitude=44.072,
                longitude=3.0, population=50)
    c = Commune(insee_code="C", name="C", department_code="48", latitude=44.144,
                longitude=3.0, population=100)
    far = Commune(insee_code="D", name="D", department_code="48", latitude=45.0, longitude=3.0,
                  population=30)

    chosen = suggested_stops([a, b, c, far], [None, None, None, None], radius_km=10, count=3)

    assert [(stop.insee_code, stop.covered_population) for stop in chosen] == [
        ("B", 250), ("D", 30)]


def test_the_api_for_the_network(client_as: Callable[[str], APIClient],
                                 django_assert_max_num_queries: Any) -> None:
    open_place("31555")
    nina = client_as("network_admin_nina")
    nina.get("/api/v1/network/coverage/")

    with django_assert_max_num_queries(8):
        response = nina.get("/api/v1/network/coverage/",
                            {"date": "2026-12-09", "radius": 20, "stops": 3})

    body = response.json()
    assert response.status_code == 200
    assert body["week_start"] == "2026-12-07"
    assert [row["km"] for row in body["beyond"]] == [10, 20, 30]
    assert len(body["suggested_stops"]) == 3
    assert body["stop_radius_km"] == 20
    assert len(body["communes"]) == Commune.objects.count()
    assert body["communes"][-1]["nearest_km"] == 0.0


@pytest.mark.parametrize(("params", "field"), [
    ({"radius": 15}, "radius"), ({"stops": 0}, "stops"), ({"date": "demain"}, "date")])
def test_bad_parameters_are_field_errors(client_as: Callable[[str], APIClient],
                                         params: dict[str, Any], field: str) -> None:
    response = client_as("network_admin_nina").get("/api/v1/network/coverage/", params)

    assert response.status_code == 400
    assert field in response.json()["fields"]
