"""The feed addresses API: shown once, regenerated, revoked; place feeds for managers only."""

import pytest
from django.test import Client

from ostal.calendars import services
from ostal.calendars.models import CalendarFeed
from tests.factories import SpaceFactory
from tests.factories.bookings import BookingFactory, paris
from tests.factories.calendars import CalendarFeedFactory

pytestmark = pytest.mark.django_db


def path_of(url: str) -> str:
    return url.removeprefix("https://ostal.example.org")


def test_creating_a_member_feed_shows_its_address_once(client_as, member_ada):
    client = client_as("member_ada")

    created = client.post("/api/v1/calendar-feeds/", {"kind": "member"}, format="json")

    body = created.json()
    assert created.status_code == 201
    assert body["url"].startswith("https://ostal.example.org/ical/")
    assert body["url"].endswith(".ics")
    assert body["webcal_url"] == "webcal://" + body["url"].removeprefix("https://")
    assert (body["kind"], body["space"], body["resource"]) == ("member", None, None)
    assert Client().get(path_of(body["url"])).status_code == 200
    listed = client.get("/api/v1/calendar-feeds/").json()
    assert [feed["id"] for feed in listed] == [body["id"]]
    assert "url" not in listed[0]
    assert "token" not in listed[0]
    token = body["url"].rsplit("/", 1)[1].removesuffix(".ics")
    assert token not in CalendarFeed.objects.get().token_hash


def test_regenerating_replaces_the_address(client_as, member_ada):
    client = client_as("member_ada")
    old = client.post("/api/v1/calendar-feeds/", {"kind": "member"}, format="json").json()

    new = client.post(f"/api/v1/calendar-feeds/{old['id']}/regenerate/").json()

    assert new["id"] == old["id"]
    assert new["url"] != old["url"]
    assert Client().get(path_of(old["url"])).status_code == 404
    assert Client().get(path_of(new["url"])).status_code == 200


def test_revoking_makes_the_address_404_and_hides_the_feed(client_as, member_ada):
    client = client_as("member_ada")
    feed = client.post("/api/v1/calendar-feeds/", {"kind": "member"}, format="json").json()

    assert client.delete(f"/api/v1/calendar-feeds/{feed['id']}/").status_code == 204

    assert Client().get(path_of(feed["url"])).status_code == 404
    assert client.get("/api/v1/calendar-feeds/").json() == []
    assert client.delete(f"/api/v1/calendar-feeds/{feed['id']}/").status_code == 404


def test_a_manager_subscribes_to_a_place_and_to_a_resource(client_as, manager_cy, desk):
    client = client_as("manager_cy")
    BookingFactory(resource=desk, start=paris(2027, 1, 4, 9), end=paris(2027, 1, 4, 18))

    place = client.post("/api/v1/calendar-feeds/", {"kind": "space", "space": desk.space.pk},
                        format="json").json()
    one = client.post("/api/v1/calendar-feeds/", {"kind": "resource", "resource": desk.pk},
                      format="json").json()

    assert place["space"] == {"id": desk.space.pk, "name": "La Ruche de Mende",
                              "slug": "la-ruche-de-mende"}
    assert one["resource"] == {"id": desk.pk, "name": "Poste Fenêtre"}
    assert one["name"] == "Ostal — La Ruche de Mende — Poste Fenêtre (occupation)"
    for feed in (place, one):
        assert Client().get(path_of(feed["url"])).content.count(b"BEGIN:VEVENT") == 1


@pytest.mark.parametrize(("data", "code"), [
    ({"kind": "member", "space": "{space}"}, "feed_kind_scope"),
    ({"kind": "space"}, "feed_kind_scope"),
    ({"kind": "space", "resource": "{desk}"}, "feed_kind_scope"),
    ({"kind": "resource", "space": "{other}", "resource": "{desk}"}, "feed_kind_scope"),
    ({"kind": "space", "space": 999999}, "feed_not_manager"),  # as for a place not yours
    ({"kind": "space", "space": "{other}"}, "feed_not_manager"),
    ({"kind": "calendar"}, "invalid"),
])
def test_refusals_have_a_code_and_create_nothing(client_as, manager_cy, desk, data, code):
    other = SpaceFactory()
    values = {"{space}": desk.space.pk, "{desk}": desk.pk, "{other}": other.pk}
    data = {key: values.get(value, value) for key, value in data.items()}

    response = client_as("manager_cy").post("/api/v1/calendar-feeds/", data, format="json")

    assert response.json()["code"] == code
    assert CalendarFeed.objects.count() == 0


def test_at_most_twenty_active_feeds_per_person(client_as, member_ada):
    for _ in range(services.FEED_LIMIT_PER_USER):
        CalendarFeedFactory(owner=member_ada)
    CalendarFeedFactory(owner=member_ada, revoked_at="2026-01-01T00:00:00Z")

    response = client_as("member_ada").post("/api/v1/calendar-feeds/", {"kind": "member"},
                                            format="json")

    assert (response.status_code, response.json()["code"]) == (409, "feed_limit_reached")


def test_a_manager_who_lost_the_place_cannot_regenerate_its_feed(client_as, manager_cy,
                                                                 operator_cy, desk):
    feed = CalendarFeedFactory(owner=manager_cy, kind="space", space=desk.space)
    operator_cy.managers.remove(manager_cy)

    response = client_as("manager_cy").post(f"/api/v1/calendar-feeds/{feed.pk}/regenerate/")

    assert (response.status_code, response.json()["code"]) == (403, "feed_not_manager")


def test_booking_download_is_an_ics_attachment(client_as, member_ada, desk):
    booking = BookingFactory(member=member_ada, resource=desk, start=paris(2027, 1, 4, 9),
                             end=paris(2027, 1, 4, 18))

    response = client_as("member_ada").get(f"/api/v1/bookings/{booking.pk}/ics/")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == (f'attachment; filename="ostal-'
                                               f'{booking.reference}.ics"')
    assert f"UID:booking-{booking.reference}@ostal.example.org".encode() in response.content
