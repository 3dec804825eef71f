"""A booking at an itinerant place says where the place stands that day (issue 16, item 3):
"Mes réservations" showed the truck's home town, not the village of that day's stop."""

import datetime as dt
from typing import Any

import pytest
from django.test.utils import CaptureQueriesContext

from ostal.accounts.models import User
from ostal.spaces.models import Space
from tests.backend.bookings.conftest import MONDAY, TUESDAY, book
from tests.factories import ItineraryStopFactory, commune

pytestmark = pytest.mark.django_db


def my_bookings(client: Any) -> dict[int, dict[str, Any]]:
    answer = client.get("/api/v1/bookings/?when=all")
    assert answer.status_code == 200, answer.content[:300]
    return {row["id"]: row for row in answer.json()["results"]}


def test_my_bookings_name_the_stop_of_the_day_not_the_home_town(
        truck: Space, figeac: Space, member_ada: User, client_as: Any) -> None:
    ItineraryStopFactory(space=truck, date=MONDAY, commune=commune("48092"),
                         location_note="Place du Foirail", opens=dt.time(9),
                         closes=dt.time(17))
    at_marvejols = book(member_ada, truck, MONDAY)
    at_figeac = book(member_ada, figeac, MONDAY + dt.timedelta(days=2))
    client = client_as("member_ada")

    rows = my_bookings(client)

    stop = rows[at_marvejols.pk]["stop"]
    assert (stop["commune"]["name"], stop["location_note"]) == ("Marvejols",
                                                                "Place du Foirail")
    assert rows[at_marvejols.pk]["space"]["commune"]["name"] == "Mende"  # its home town
    assert rows[at_figeac.pk]["stop"] is None
    detail = client.get(f"/api/v1/bookings/{at_marvejols.pk}/").json()
    assert detail["stop"]["commune"]["name"] == "Marvejols"


def test_stops_cost_one_query_whatever_the_number_of_itinerant_bookings(
        truck: Space, member_ada: User, client_as: Any) -> None:
    from django.db import connection

    client = client_as("member_ada")
    book(member_ada, truck, TUESDAY)
    with CaptureQueriesContext(connection) as one:
        my_bookings(client)
    villages = ["48092", "48061", "48080", "48140", "48034"]
    for week in range(1, 4):
        for n, insee in enumerate(villages):
            day = MONDAY + dt.timedelta(days=7 * week + n)
            ItineraryStopFactory(space=truck, date=day, commune=commune(insee))
            book(member_ada, truck, day)

    with CaptureQueriesContext(connection) as many:
        rows = my_bookings(client)

    assert len(rows) == 16
    assert len(many) == len(one)
    assert {row["stop"]["commune"]["insee_code"] for row in rows.values()} == {
        "48095", *villages}
