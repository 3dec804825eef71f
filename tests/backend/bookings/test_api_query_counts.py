"""List endpoints cost a fixed number of queries: the same for 3 places (or rows) as for 30."""

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ostal.accounts.models import User
from ostal.spaces.models import Operator, Resource
from tests.backend.bookings.conftest import MONDAY, book, make_place
from tests.factories import ClosureFactory, ItineraryStopFactory, commune
from tests.factories.bookings import BookingPolicyFactory, ResourceBlockFactory, paris

pytestmark = pytest.mark.django_db

PLACES = ["46102", "12052", "46055", "31555", "12202", "34172", "48095", "81004", "65440",
          "11069"]


def network(operator: Operator, first: int, count: int, members: list[User]) -> None:
    """`count` places with desks, rooms, bookings, blocks, closures, policies, and a truck."""
    for n in range(first, first + count):
        space = make_place(operator, name=f"Lieu {n}", slug=f"lieu-{n}",
                           insee=PLACES[n % len(PLACES)])
        if n % 3 == 0:
            BookingPolicyFactory(space=space)
        if n % 4 == 1:
            ClosureFactory(space=space, start_date=MONDAY, end_date=MONDAY)
            continue
        desk = space.resources.filter(kind=Resource.Kind.DESK).first()
        ResourceBlockFactory(resource=desk, start=paris(2026, 3, 23, 9),
                             end=paris(2026, 3, 23, 10))
        book(members[n % len(members)], space, MONDAY, part="afternoon")
    truck = make_place(operator, name=f"Camion {first}", slug=f"camion-{first}",
                       insee="48095")
    truck.kind = "itinerant"
    truck.save()
    ItineraryStopFactory(space=truck, date=MONDAY, commune=commune("48092"))


def queries(client: Any, url: str) -> int:
    from django.db import connection

    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, response.content[:300]
    return len(captured)


@pytest.fixture
def members(make_member: Callable[[str], User]) -> list[User]:
    return [make_member(f"M{n}") for n in range(40)]


@pytest.mark.parametrize("url", [
    "/api/v1/availability/?date=2026-03-23",
    "/api/v1/availability/?date=2026-03-23&near_commune=46102&radius_km=300&part=morning",
    "/api/v1/availability/?date=2026-03-23&date_to=2026-03-29&kind=meeting_room&attendees=2",
])
def test_availability_search_query_count_does_not_grow(
        url: str, client_as: Any, operator_dee: Operator, members: list[User],
        django_assert_max_num_queries: Any) -> None:
    client = client_as("anonymous")
    network(operator_dee, 0, 3, members)
    small = queries(client, url)
    network(operator_dee, 3, 27, members)

    big = queries(client, url)

    assert big == small
    # the places, everything else about them in one statement, the bookings and blocks (on
    # PostgreSQL; 8 elsewhere), +1 for the commune of near_commune
    with django_assert_max_num_queries(4 if connection.vendor == "postgresql" else 9):
        client.get(url)


def test_my_bookings_query_count_does_not_grow(figeac: Any, member_ada: User,
                                               client_as: Any, operator_dee: Operator) -> None:
    client = client_as("member_ada")
    places = [figeac, *(make_place(operator_dee, name=f"L{n}", slug=f"l-{n}",
                                   insee=PLACES[n % len(PLACES)]) for n in range(29))]
    for n, space in enumerate(places[:3]):
        book(member_ada, space, MONDAY + dt.timedelta(days=n))
    small = queries(client, "/api/v1/bookings/?when=all")
    weekdays = [d for d in (dt.date(2026, 4, 1) + dt.timedelta(days=n) for n in range(60))
                if d.weekday() < 5]
    for n, space in enumerate(places[3:]):
        if n % 2:
            BookingPolicyFactory(space=space)
        book(member_ada, space, weekdays[n], part="morning")

    big = queries(client, "/api/v1/bookings/?when=all")

    assert big == small


def test_manager_day_view_query_count_does_not_grow(
        client_as: Any, operator_cy: Operator, members: list[User],
        django_assert_num_queries: Any) -> None:
    space = make_place(operator_cy, name="Grand", slug="grand", insee="31555", desks=30)
    client = client_as("manager_cy")
    url = f"/api/v1/manage/spaces/{space.pk}/bookings/?date=2026-03-23"
    for member in members[:3]:
        book(member, space, MONDAY)
    small = queries(client, url)
    for member in members[3:30]:
        book(member, space, MONDAY, booked_by=members[-1])

    big = queries(client, url)

    assert big == small
    with django_assert_num_queries(small):
        client.get(url)
