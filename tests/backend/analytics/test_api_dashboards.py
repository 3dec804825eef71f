"""The dashboards over HTTP: the hand-computed week, CSV exports, refresh, query counts."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Callable

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from ostal.analytics.models import SearchLog
from ostal.analytics.services import rollups_rebuild, search_record
from ostal.bookings.models import Booking
from ostal.spaces.models import Operator, Space
from tests.backend.analytics.conftest import booking, make_space, people
from tests.factories import ClosureFactory, SpecialOpeningFactory

pytestmark = pytest.mark.django_db

FRI, SUN, MON, TUE = (dt.date(2026, 3, d) for d in (27, 29, 30, 31))
WEEK = "from=2026-03-27&to=2026-03-31"


@pytest.fixture
def week(fabrique: Space) -> Space:
    """The week of test_rollups_rebuild, built."""
    booking(fabrique, "D1", FRI, (9, 0), (18, 0), part="day")
    booking(fabrique, "D2", FRI, (9, 0), (13, 0), part="morning",
            status=Booking.Status.CHECKED_IN)
    booking(fabrique, "D2", FRI, (13, 0), (18, 0), part="afternoon",
            status=Booking.Status.CANCELLED)
    booking(fabrique, "Salle 1", FRI, (10, 0), (11, 30))
    SpecialOpeningFactory(space=fabrique, date=SUN, opens=dt.time(9), closes=dt.time(18))
    booking(fabrique, "D1", SUN, (13, 0), (18, 0), part="afternoon")
    ClosureFactory(space=fabrique, start_date=MON, end_date=MON)
    booking(fabrique, "D1", TUE, (9, 0), (18, 0), part="day", status=Booking.Status.NO_SHOW)
    rollups_rebuild(dt.date(2026, 3, 20), TUE, spaces=[fabrique])
    return fabrique


def test_manager_dashboard_figures(client_as: Callable[[str], APIClient], week: Space) -> None:
    body = client_as("manager_cy").get(
        f"/api/v1/analytics/manager/dashboard/?space={week.pk}&{WEEK}").json()

    kpis = body["kpis"]
    # desks 3 x 1080 + room 3 x 540 open; 780 + 300 desk + 90 room booked
    assert (kpis["open_minutes"], kpis["booked_minutes"]) == (3 * 1080 + 3 * 540, 1170)
    assert kpis["occupancy_rate"] == round(1170 / 4860, 4)
    assert (kpis["bookings"], kpis["cancellations"], kpis["no_shows"]) == (6, 1, 1)
    assert kpis["cancellation_rate"] == round(1 / 6, 4)
    assert kpis["no_show_rate"] == round(1 / 5, 4)
    desk = next(k for k in body["by_kind"] if k["resource_kind"] == "desk")
    assert desk["occupancy_rate"] == round(1080 / 3240, 4)
    assert body["previous_period"] == {"date_from": "2026-03-22", "date_to": "2026-03-26"}
    assert [d["start"] for d in body["series"]] == ["2026-03-27", "2026-03-28", "2026-03-29",
                                                   "2026-03-30", "2026-03-31"]
    assert body["busiest_days"][0] == {"date": "2026-03-27", "occupancy_rate": round(870 / 1620, 4),
                                       "open_minutes": 1620, "booked_minutes": 870,
                                       "bookings": 4}
    assert body["emptiest_days"][0]["date"] == "2026-03-31"
    cell = next(c for c in body["heatmap"] if c["weekday"] == 6 and c["hour"] == 13)
    assert (cell["open_minutes"], cell["booked_minutes"]) == (180, 60)  # Sunday 13h


def test_weekly_and_monthly_granularity(client_as: Callable[[str], APIClient], week: Space
                                        ) -> None:
    weekly = client_as("manager_cy").get(
        f"/api/v1/analytics/manager/dashboard/?{WEEK}&granularity=week").json()["series"]
    monthly = client_as("manager_cy").get(
        f"/api/v1/analytics/manager/dashboard/?{WEEK}&granularity=month").json()["series"]

    assert [(p["start"], p["end"], p["booked_minutes"]) for p in weekly] == [
        ("2026-03-27", "2026-03-29", 870 + 300), ("2026-03-30", "2026-03-31", 0)]
    assert [(p["start"], p["end"]) for p in monthly] == [("2026-03-27", "2026-03-31")]


def test_csv_export_of_a_table(client_as: Callable[[str], APIClient], week: Space) -> None:
    response = client_as("manager_cy").get(
        f"/api/v1/analytics/manager/dashboard/resources.csv?{WEEK}")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    d1 = next(row for row in rows if row["resource"] == "D1")
    assert (d1["place"], d1["open_minutes"], d1["booked_minutes"]) == ("La Fabrique", "1620",
                                                                        "840")


def test_csv_semicolon_for_spreadsheets(client_as: Callable[[str], APIClient], week: Space
                                        ) -> None:
    response = client_as("manager_cy").get(
        f"/api/v1/analytics/manager/dashboard/by-kind.csv?{WEEK}&delimiter=semicolon")

    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeffresource_kind;open_minutes;booked_minutes;occupancy_rate")


def test_unknown_table_is_404(client_as: Callable[[str], APIClient], week: Space) -> None:
    assert client_as("manager_cy").get(
        "/api/v1/analytics/manager/dashboard/secrets.csv").status_code == 404


def test_period_is_bounded(client_as: Callable[[str], APIClient], week: Space) -> None:
    response = client_as("manager_cy").get(
        "/api/v1/analytics/manager/dashboard/?from=2025-01-01&to=2026-03-31")

    assert response.status_code == 400
    assert response.json()["fields"]["to"]


def test_today_shows_who_is_in_and_refresh_builds_today(
        client_as: Callable[[str], APIClient], fabrique: Space) -> None:
    today = dt.date(2026, 4, 15)  # frozen: 10:00 in Paris
    (ada,) = people(1, prefix="ada")
    booking(fabrique, "D1", today, (9, 0), (13, 0), member=ada, part="morning",
            status=Booking.Status.CHECKED_IN)
    client = client_as("manager_cy")

    body = client.get(f"/api/v1/analytics/manager/today/?space={fabrique.pk}").json()
    refreshed = client.post("/api/v1/analytics/manager/refresh/", {}, format="json")
    dashboard = client.get("/api/v1/analytics/manager/dashboard/?from=2026-04-15&to=2026-04-15"
                           ).json()

    desk = next(k for k in body[0]["by_kind"] if k["resource_kind"] == "desk")
    assert (desk["open_minutes"], desk["booked_minutes"], desk["in_now"]) == (1080, 240, 1)
    assert [(p["name"], p["resource_name"]) for p in body[0]["people"]] == [("ADA0", "D1")]
    assert refreshed.json()["places"] == 1
    assert dashboard["kpis"]["booked_minutes"] == 240


def places(operator: Operator, count: int, first: int = 0) -> None:
    for n in range(first, first + count):
        space = make_space(operator, f"Lieu {n}")
        booking(space, "D1", FRI, (9, 0), (18, 0), part="day")
        rollups_rebuild(FRI, FRI, spaces=[space])


def count_queries(client: APIClient, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize("url", ["/api/v1/analytics/manager/dashboard/?" + WEEK,
                                 "/api/v1/analytics/manager/today/"])
def test_query_count_does_not_grow_with_places(client_as: Callable[[str], APIClient],
                                               operator_cy: Operator, url: str) -> None:
    client = client_as("network_admin_nina")
    places(operator_cy, 2)
    few = count_queries(client, url)
    places(operator_cy, 8, first=2)

    assert count_queries(client, url) == few
    assert few <= 20


def test_publishing_a_month_does_not_grow_with_places_and_rereading_is_one_query(
        client_as: Callable[[str], APIClient], operator_cy: Operator) -> None:
    client = client_as("network_admin_nina")
    url = "/api/v1/analytics/network/dashboard/?month="
    places(operator_cy, 2)
    few = count_queries(client, url + "2026-02")
    places(operator_cy, 8, first=2)

    assert count_queries(client, url + "2026-03") == few  # a first read publishes the month
    assert few <= 20
    assert count_queries(client, url + "2026-03") <= 3  # later reads answer the stored copy


def test_search_record_logs_empty_searches_only(db: None) -> None:
    assert search_record(source="directory", results=3, department="48") is None
    logged = search_record(source="availability", results=0, near=(44.52, 3.50),
                           resource_kind="desk", date=dt.date(2026, 4, 20))

    assert logged is not None
    assert (logged.department_code, logged.resource_kind) == ("48", "desk")
    assert SearchLog.objects.count() == 1


def test_empty_searches_appear_in_unmet_demand(client_as: Callable[[str], APIClient]) -> None:
    search_record(source="directory", results=0, department="48")
    search_record(source="availability", results=0, department="48", resource_kind="desk")

    with time_machine.travel(dt.datetime(2026, 5, 2, 10, tzinfo=dt.UTC), tick=False):
        body = client_as("network_admin_nina").get(
            "/api/v1/analytics/network/dashboard/?month=2026-04").json()

    assert body["unmet_demand"]["empty_searches"] == 2
    row = body["unmet_demand"]["by_department"][0]
    assert (row["department_code"], row["empty_directory_searches"],
            row["empty_availability_searches"]) == ("48", 1, 1)


def test_search_hooks_for_the_two_search_views(fabrique: Space) -> None:
    from ostal.analytics.services import search_record_availability, search_record_directory
    from ostal.bookings import selectors as booking_selectors
    from ostal.spaces.selectors import DirectoryFilters

    directory = search_record_directory(filters=DirectoryFilters(department="48", kind="fablab"),
                                        count=0)
    search = booking_selectors.AvailabilitySearch(
        date=dt.date(2026, 4, 18), resource_kind="desk", attendees=1, near=(44.6, 2.03))
    saturday = booking_selectors.availability_search(search)  # La Fabrique: closed Saturdays
    empty = search_record_availability(search=search, results=saturday)
    monday = booking_selectors.AvailabilitySearch(
        date=dt.date(2026, 4, 20), resource_kind="desk", attendees=1)
    found = search_record_availability(search=monday,
                                       results=booking_selectors.availability_search(monday))

    assert directory is not None
    assert (directory.department_code, directory.space_kind) == ("48", "fablab")
    assert empty is not None
    assert (empty.department_code, empty.source, empty.date) == ("46", "availability",
                                                                 dt.date(2026, 4, 18))
    assert found is None
