"""The network's pass tariff grid (credits per resource kind and unit), set from the network's
screen, is what a booking costs in credits: the quote a member sees before booking follows it."""

import datetime as dt

import pytest
from django.utils import timezone

from tests.factories import ResourceFactory, SpaceFactory

pytestmark = pytest.mark.django_db


def next_weekday() -> dt.date:
    day = timezone.localdate() + dt.timedelta(days=7)
    while day.weekday() > 4:
        day += dt.timedelta(days=1)
    return day


@pytest.fixture
def pass_place(operator_cy):
    place = SpaceFactory(operator=operator_cy, slug="la-ruche", accepts_network_pass=True)
    ResourceFactory(space=place, kind="desk")
    ResourceFactory(space=place, kind="meeting_room", capacity=6)
    return place


def credits(client, place, **query):
    response = client.get("/api/v1/billing/quote/", {"space": place.slug,
                                                     "date": next_weekday().isoformat(),
                                                     **query})
    assert response.status_code == 200, response.content
    return response.json()["credits"]


def set_tariff(nina, kind, unit, value):
    response = nina.put("/api/v1/network/tariffs/", {"resource_kind": kind, "unit": unit,
                                                     "credits": value}, format="json")
    assert response.status_code == 200, response.content
    return response.json()


def test_the_grid_the_network_sets_is_what_a_booking_costs(client_as, pass_place):
    nina, ada = client_as("network_admin_nina"), client_as("member_ada")

    set_tariff(nina, "desk", "day", "1.5")
    set_tariff(nina, "desk", "half_day", "0.8")
    set_tariff(nina, "meeting_room", "hour", "0.4")

    assert credits(ada, pass_place, kind="desk", part="day") == "1.50"
    assert credits(ada, pass_place, kind="desk", part="morning") == "0.80"
    # two hours of meeting room at 0.40 an hour
    assert credits(ada, pass_place, kind="meeting_room", start_time="10:00",
                   end_time="12:00") == "0.80"

    half_day = next(t for t in nina.get("/api/v1/network/tariffs/").json()
                    if (t["resource_kind"], t["unit"]) == ("desk", "half_day"))
    assert nina.delete(f"/api/v1/network/tariffs/{half_day['id']}/").status_code == 204
    # without a half-day tariff, a morning is half the day, rounded up to a credit unit
    assert credits(ada, pass_place, kind="desk", part="morning") == "0.75"


def test_a_kind_without_any_tariff_is_not_sold_in_credits(client_as, pass_place):
    nina = client_as("network_admin_nina")
    for tariff in nina.get("/api/v1/network/tariffs/").json():
        if tariff["resource_kind"] == "meeting_room":
            nina.delete(f"/api/v1/network/tariffs/{tariff['id']}/")

    assert credits(client_as("member_ada"), pass_place, kind="meeting_room", part="day") is None


@pytest.mark.parametrize(("body", "field"), [
    ({"resource_kind": "desk", "unit": "day", "credits": "0"}, "credits"),
    ({"resource_kind": "desk", "unit": "day", "credits": "deux"}, "credits"),
    ({"resource_kind": "desk", "unit": "week", "credits": "1"}, "unit"),
    ({"resource_kind": "castle", "unit": "day", "credits": "1"}, "resource_kind"),
])
def test_bad_tariffs_are_refused_on_their_field(client_as, body, field):
    nina = client_as("network_admin_nina")
    before = nina.get("/api/v1/network/tariffs/").json()

    response = nina.put("/api/v1/network/tariffs/", body, format="json")

    assert response.status_code == 400
    assert field in response.json()["fields"]
    assert nina.get("/api/v1/network/tariffs/").json() == before
