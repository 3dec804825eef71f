"""The directory and the place page answer exactly what their documented serializers describe,
in a fixed small number of queries, and are cacheable over HTTP (ETag changed by the writes
they show, 304 on a repeat view)."""

import datetime as dt
import json
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from ostal.spaces import selectors
from ostal.spaces.api.serializers import SpaceDetailOutputSerializer, SpaceListItemOutputSerializer
from ostal.spaces.models import Price, Resource, Service, Space, SpacePhoto
from tests.factories import (
    ClosureFactory,
    ItineraryStopFactory,
    PriceFactory,
    ResourceFactory,
    SpaceFactory,
    SpecialOpeningFactory,
    commune,
)

pytestmark = pytest.mark.django_db
LIST = "/api/v1/directory/spaces/"


def plain(data: Any) -> Any:
    return json.loads(json.dumps(data))


def days(n: int) -> dt.date:
    return timezone.localdate() + dt.timedelta(days=n)


def furnished(**kwargs: Any) -> Space:
    """A place with a bit of everything its page shows, past and future rows mixed."""
    space = SpaceFactory(services=["fibre", "wifi", "parking"], description_fr="Un lieu",
                         accessibility_fr="Plain-pied", email="lieu@example.org", **kwargs)
    PriceFactory(space=space, amount=Decimal("15.00"), member_amount=Decimal("12.50"))
    PriceFactory(space=space, resource_kind="meeting_room", unit=Price.Unit.HOUR,
                 amount=Decimal("20"))
    for position, name in ((2, "b.jpg"), (1, "a.jpg"), (1, "c.jpg")):
        SpacePhoto.objects.create(space=space, image=f"spaces/2026/{name}", alt_fr=name,
                                  position=position)
    ClosureFactory(space=space, start_date=days(-10), end_date=days(-5))  # over: not shown
    ClosureFactory(space=space, start_date=days(-1), end_date=days(2), reason="Travaux")
    SpecialOpeningFactory(space=space, date=days(-3))
    SpecialOpeningFactory(space=space, date=days(9), opens=dt.time(8, 30))
    ResourceFactory(space=space, name="Poste B")
    ResourceFactory(space=space, name="Poste A")
    ResourceFactory(space=space, name="Salle", kind=Resource.Kind.MEETING_ROOM, capacity=8)
    ResourceFactory(space=space, name="Ancien", is_active=False)
    return space


@pytest.fixture
def places() -> list[Space]:
    fixed = furnished(name="Le Quai", commune=commune("46102"))
    bare = SpaceFactory(name="Bare", weekday_hours=False)
    truck = ItineraryStopFactory(date=days(1), location_note="Place de la gare").space
    truck.name = "Camion"
    truck.save()
    ItineraryStopFactory(space=truck, date=days(3), commune=commune("12052"))
    ItineraryStopFactory(space=truck, date=days(-2))  # past
    ItineraryStopFactory(space=truck, date=days(selectors.UPCOMING_STOPS_DAYS + 1))  # too far
    SpaceFactory(name="Brouillon", is_published=False)
    return [fixed, bare, truck]


def test_place_page_is_what_the_serializer_describes(api_client, places):
    for space in places:
        expected = SpaceDetailOutputSerializer(selectors.space_get_for_directory(space.slug)).data

        response = api_client.get(f"{LIST}{space.slug}/")

        assert response.status_code == 200
        assert response.json() == plain(expected)
    page = api_client.get(f"{LIST}{places[0].slug}/").json()
    assert [p["url"] for p in page["photos"]] == ["/media/spaces/2026/a.jpg",
                                                  "/media/spaces/2026/c.jpg",
                                                  "/media/spaces/2026/b.jpg"]
    assert [c["reason"] for c in page["closures"]] == ["Travaux"]
    assert {"resource_kind": "desk", "unit": "day", "amount": "15.00", "member_amount": "12.50",
            "currency": "EUR"} in page["prices"]
    assert [r["name"] for r in page["resources"]] == ["Poste A", "Poste B", "Salle"]
    truck = api_client.get(f"{LIST}{places[2].slug}/").json()
    assert [s["date"] for s in truck["upcoming_stops"]] == [days(1).isoformat(),
                                                            days(3).isoformat()]
    assert truck["stops_feed_url"] == f"/ical/public/spaces/{places[2].slug}/stops.ics"
    assert page["stops_feed_url"] is None


def test_unpublished_or_unknown_place_is_404(api_client, places):
    assert api_client.get(f"{LIST}{Space.objects.get(name='Brouillon').slug}/").status_code == 404
    assert api_client.get(f"{LIST}nulle-part/").status_code == 404


@pytest.mark.parametrize("query", ["", "near=44.6,2.0", "near_commune=31555&radius_km=300",
                                   "services=fibre&base_set=false", "kind=itinerant",
                                   "page_size=2&page=2"])
def test_directory_items_are_what_the_serializer_describes(api_client, places, query):
    body = api_client.get(f"{LIST}?{query}").json()

    by_id = {s.pk: s for s in selectors.space_list_for_directory(selectors.DirectoryFilters(
        near=(44.6, 2.0) if "near" in query else None))}
    assert body["results"]
    for item in body["results"]:
        space = by_id[item["id"]]
        expected = plain(SpaceListItemOutputSerializer(space).data)
        if "near" not in query:
            assert item == expected
        else:  # the distance from Toulouse or from the given point
            assert item["distance_km"] is not None
            assert {**item, "distance_km": None} == {**expected, "distance_km": None}
    first = next(i for i in api_client.get(LIST).json()["results"] if i["name"] == "Le Quai")
    assert first["day_pass_price"] == {"amount": "15.00", "currency": "EUR"}
    assert first["thumbnail_url"] == "/media/spaces/2026/a.jpg"
    assert first["services"] == list(Service.objects.filter(
        code__in=["fibre", "wifi", "parking"]).values_list("code", flat=True))


def count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_place_page_in_one_query_whatever_it_holds(api_client):
    small = SpaceFactory(weekday_hours=False)
    big = furnished()
    for n in range(10):
        ResourceFactory(space=big, name=f"Poste {n + 10}")
        ClosureFactory(space=big, start_date=days(20 + 3 * n), end_date=days(21 + 3 * n))

    assert count_queries(api_client, f"{LIST}{small.slug}/") == 1
    assert count_queries(api_client, f"{LIST}{big.slug}/") == 1  # target: at most 4


def test_directory_in_two_queries_whatever_the_number_of_places(api_client):
    furnished()
    few = count_queries(api_client, LIST)
    for _ in range(12):
        furnished()
    assert count_queries(api_client, LIST) == few == 2  # the count, then the page


def test_repeat_views_are_304_until_a_write_changes_the_answer(api_client, places):
    url = f"{LIST}{places[0].slug}/"
    first = api_client.get(url)
    etag = first["ETag"]
    assert etag.startswith('"')
    assert len(etag) > 10
    policy = {part.strip() for part in first["Cache-Control"].split(",")}
    assert {"public", "max-age=0", "must-revalidate", "s-maxage=30"} <= policy

    again = api_client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == etag

    Price.objects.filter(space=places[0], unit="day").update(amount=Decimal("17.00"))  # bulk
    changed = api_client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200
    assert changed["ETag"] != etag
    assert changed.json()["day_pass_price"]["amount"] == "17.00"

    listing = api_client.get(LIST)
    assert api_client.get(LIST, HTTP_IF_NONE_MATCH=listing["ETag"]).status_code == 304
    ClosureFactory(space=places[1], start_date=days(1), end_date=days(1))  # not on the cards
    assert api_client.get(LIST, HTTP_IF_NONE_MATCH=listing["ETag"]).status_code == 304
    SpacePhoto.objects.create(space=places[1], image="spaces/2026/new.jpg", alt_fr="Nouveau")
    assert api_client.get(LIST, HTTP_IF_NONE_MATCH=listing["ETag"]).status_code == 200
