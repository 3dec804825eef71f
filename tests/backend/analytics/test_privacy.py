"""No published figure describes fewer than 5 people; the manager sees names only of their
own places."""

from __future__ import annotations

import datetime as dt

import pytest

from ostal.analytics.method import MIN_GROUP_SIZE, is_publishable
from ostal.analytics.selectors import Period, network_dashboard
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


def test_four_members_are_merged_with_the_smallest_shown_group(fabrique: Space,
                                                              dee_place: Space) -> None:
    present(fabrique, people(4, "lot"), dt.date(2026, 3, 2))       # Lot (46): 4 people
    for n, member in enumerate(people(5, "hg")):                   # Haute-Garonne (31): 5
        booking(dee_place, "D1", dt.date(2026, 3, 2) + dt.timedelta(days=n), (9, 0), (13, 0),
                member=member, status=Booking.Status.CHECKED_IN)
    rollups_rebuild(MARCH.date_from, MARCH.date_to)

    body = network_dashboard(period=MARCH)

    # Lot alone would be 4 people; « autres » holding only Lot would be Lot again (total minus
    # the rest), so the smallest shown department joins it: neither appears on its own.
    departments = {row["key"]: row for row in body["by_department"]}
    assert "46" not in departments
    assert "31" not in departments
    others = departments["autres"]
    assert (others["members"], others["places"], others["suppressed"]) == (9, 2, False)
    assert others["booked_minutes"] == 9 * 240
    assert departments["48"]["members"] == 0  # departments nobody used stay as they are
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

    assert row["department_code"] == "autres"  # never "46": the department of those 3 people
    assert (row["waitlist_entries"], row["waitlist_members"], row["suppressed"]) == (
        None, None, True)


def test_open_data_rows_are_the_cells_the_network_published(
        fabrique: Space, dee_place: Space, api_client) -> None:
    present(fabrique, people(4, "lot"), dt.date(2026, 3, 2))
    for n, member in enumerate(people(6, "hg")):
        booking(dee_place, "D1", dt.date(2026, 3, 2) + dt.timedelta(days=n), (9, 0), (18, 0),
                member=member, status=Booking.Status.CHECKED_IN)
    rollups_rebuild(MARCH.date_from, MARCH.date_to)

    csv = api_client.get("/api/v1/open-data/occupancy-by-department.csv")
    lines = b"".join(csv.streaming_content).decode().splitlines()

    # Lot (4 members) merged with Haute-Garonne into « autres » (10 members, with noise):
    # neither department is published alone, and no row says "< 5" about a department.
    assert [line.split(",")[:4] for line in lines[1:]] == [["2026-03", "autres", "autres", "2"]]
    others = lines[1].split(",")
    # Chez Dee: 22 weekdays x 9 h; La Fabrique: its opening hours; 6 x 9 h + 4 x 4 h booked.
    assert float(others[5]) == 6 * 9 + 4 * 4
    assert int(others[7]) >= 0
    again = b"".join(api_client.get("/api/v1/open-data/occupancy-by-department.csv")
                     .streaming_content).decode().splitlines()
    assert again == lines  # published once: the noise is not drawn again


def test_open_data_publishes_complete_months_only(dee_place: Space, api_client) -> None:
    rollups_rebuild(dt.date(2026, 3, 30), dt.date(2026, 4, 14))

    csv = api_client.get("/api/v1/open-data/occupancy-by-department.csv")
    months = {line.split(",")[0] for line in
              b"".join(csv.streaming_content).decode().splitlines()[1:]}

    assert months == {"2026-03"}  # today is 15 April
