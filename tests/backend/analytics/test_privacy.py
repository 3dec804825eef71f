"""No published figure describes fewer than 5 people; the manager sees names only of their
own places."""

from __future__ import annotations

import datetime as dt

import pytest

from ostal.analytics.method import MIN_GROUP_SIZE, is_publishable
from ostal.analytics.selectors import Period, network_dashboard, open_data_occupancy_by_department
from ostal.analytics.services import rollups_rebuild
from ostal.bookings.models import Booking
from ostal.spaces.models import Space
from tests.backend.analytics.conftest import booking, people
from tests.factories.bookings import WaitlistEntryFactory

pytestmark = pytest.mark.django_db

MARCH = Period(dt.date(2026, 3, 1), dt.date(2026, 3, 31))


def test_minimum_group_size_is_five() -> None:
    assert MIN_GROUP_SIZE == 5
    assert [is_publishable(n) for n in (0, 1, 4, 5, 6)] == [True, False, False, True, True]


def present(space: Space, members: list, day: dt.date) -> None:
    for n, member in enumerate(members):
        booking(space, "D1" if n % 2 else "D2", day + dt.timedelta(days=n // 2), (9, 0),
                (13, 0), member=member, status=Booking.Status.CHECKED_IN)


def test_four_members_are_suppressed_five_are_shown(fabrique: Space, dee_place: Space) -> None:
    present(fabrique, people(4, "lot"), dt.date(2026, 3, 2))       # Lot (46): 4 people
    for n, member in enumerate(people(5, "hg")):                   # Haute-Garonne (31): 5
        booking(dee_place, "D1", dt.date(2026, 3, 2) + dt.timedelta(days=n), (9, 0), (13, 0),
                member=member, status=Booking.Status.CHECKED_IN)
    rollups_rebuild(MARCH.date_from, MARCH.date_to)

    body = network_dashboard(period=MARCH)

    departments = {row["key"]: row for row in body["by_department"]}
    assert (departments["46"]["members"], departments["46"]["suppressed"]) == (None, True)
    assert (departments["31"]["members"], departments["31"]["suppressed"]) == (5, False)
    assert departments["46"]["booked_minutes"] == 4 * 240  # occupancy of places stays visible
    assert body["active_members"] == 9


def test_a_whole_network_of_four_members_publishes_no_member_count(fabrique: Space) -> None:
    present(fabrique, people(4), dt.date(2026, 3, 2))
    rollups_rebuild(MARCH.date_from, MARCH.date_to)

    body = network_dashboard(period=MARCH)

    assert (body["active_members"], body["active_members_suppressed"]) == (None, True)


def test_waiting_lists_of_fewer_than_five_people_are_suppressed(fabrique: Space) -> None:
    for member in people(3):
        WaitlistEntryFactory(space=fabrique, member=member, date=dt.date(2026, 3, 10))

    row = network_dashboard(period=MARCH)["unmet_demand"]["by_department"][0]

    assert row["department_code"] == "46"
    assert (row["waitlist_entries"], row["waitlist_members"], row["suppressed"]) == (
        None, None, True)


def test_open_data_rows_about_fewer_than_five_members_keep_only_the_place_count(
        fabrique: Space, dee_place: Space) -> None:
    present(fabrique, people(4, "lot"), dt.date(2026, 3, 2))
    for n, member in enumerate(people(6, "hg")):
        booking(dee_place, "D1", dt.date(2026, 3, 2) + dt.timedelta(days=n), (9, 0), (18, 0),
                member=member, status=Booking.Status.CHECKED_IN)
    rollups_rebuild(MARCH.date_from, MARCH.date_to)

    rows = {row["department_code"]: row for row in
            open_data_occupancy_by_department(until=dt.date(2026, 4, 15))}

    assert rows["46"] == {"month": "2026-03", "department_code": "46", "department_name": "Lot",
                          "places": 1, "open_hours": None, "booked_hours": None,
                          "occupancy_rate": None, "members": None, "suppressed": True}
    # Chez Dee: 1 desk, 22 weekdays x 9 h open; 6 days x 9 h booked.
    assert rows["31"] == {"month": "2026-03", "department_code": "31",
                          "department_name": "Haute-Garonne", "places": 1,
                          "open_hours": 198.0, "booked_hours": 54.0,
                          "occupancy_rate": round(54 / 198, 4), "members": 6,
                          "suppressed": False}


def test_open_data_publishes_complete_months_only(dee_place: Space) -> None:
    rollups_rebuild(dt.date(2026, 3, 30), dt.date(2026, 4, 14))

    months = {row["month"] for row in open_data_occupancy_by_department()}

    assert months == {"2026-03"}  # today is 15 April
