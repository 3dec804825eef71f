"""The /ical/ edge: ETag and 304 without rendering, 404 that reveals nothing, rate limits."""

import datetime as dt

import pytest
import time_machine
from django.test import Client, RequestFactory

from ostal.bookings.models import Booking
from ostal.calendars import feeds, ratelimit
from ostal.calendars.models import CalendarFeed
from tests.factories import ItineraryStopFactory, ResourceFactory, SpaceFactory, UserFactory
from tests.factories.bookings import BookingFactory, paris
from tests.factories.calendars import CalendarFeedFactory

NOW = dt.datetime(2026, 5, 20, 10, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def _frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def url(feed):
    return f"/ical/{feed.token}.ics"


def test_feed_answers_the_calendar_with_an_etag_of_its_bytes(client, ada_feed):
    response = client.get(url(ada_feed))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Cache-Control"] == "private, no-cache"
    assert response["ETag"].startswith('"')
    assert len(response["ETag"]) == 34
    assert response.content.startswith(b"BEGIN:VCALENDAR\r\n")
    assert response.content.count(b"BEGIN:VEVENT") == 1
    assert client.get(url(ada_feed))["ETag"] == response["ETag"]


def test_if_none_match_answers_304_without_rendering(client, ada_feed, monkeypatch,
                                                     django_assert_num_queries):
    etag = client.get(url(ada_feed))["ETag"]

    def fail(*args, **kwargs):
        raise AssertionError("rendered")

    monkeypatch.setattr(feeds, "feed_render", fail)
    with django_assert_num_queries(1):  # token, access and version in one statement
        response = client.get(url(ada_feed), HTTP_IF_NONE_MATCH=etag)
    with django_assert_num_queries(0):  # then the cached validator vouches for the ETag
        again = client.get(url(ada_feed), HTTP_IF_NONE_MATCH=etag)

    assert (response.status_code, again.status_code) == (304, 304)
    assert again["ETag"] == etag
    assert response.content == b""
    assert response["ETag"] == etag
    weak = client.get(url(ada_feed), HTTP_IF_NONE_MATCH=f'"other", W/{etag}')
    assert weak.status_code == 304


def test_a_changed_booking_changes_the_etag(client, ada_feed, member_ada):
    etag = client.get(url(ada_feed))["ETag"]
    booking = Booking.objects.get(member=member_ada)
    with time_machine.travel(NOW + dt.timedelta(seconds=5), tick=False):
        booking.status, booking.sequence = Booking.Status.CANCELLED, booking.sequence + 1
        booking.save()

        response = client.get(url(ada_feed), HTTP_IF_NONE_MATCH=etag)

    assert response.status_code == 200
    assert response["ETag"] != etag
    assert b"STATUS:CANCELLED" in response.content
    assert b"SEQUENCE:1" in response.content


def test_a_new_booking_changes_the_etag(client, ada_feed, member_ada, desk):
    etag = client.get(url(ada_feed))["ETag"]
    BookingFactory(member=member_ada, resource=desk, start=paris(2026, 6, 3, 9),
                   end=paris(2026, 6, 3, 18))

    response = client.get(url(ada_feed), HTTP_IF_NONE_MATCH=etag)

    assert response.status_code == 200
    assert response.content.count(b"BEGIN:VEVENT") == 2


def test_a_cold_cache_still_answers_304_after_rendering(client, ada_feed):
    from django.core.cache import cache

    etag = client.get(url(ada_feed))["ETag"]
    cache.clear()

    assert client.get(url(ada_feed), HTTP_IF_NONE_MATCH=etag).status_code == 304


def test_wrong_revoked_and_regenerated_tokens_all_get_the_same_bare_404(client, ada_feed):
    ok = client.get(url(ada_feed))
    wrong = client.get("/ical/" + "A" * 43 + ".ics")
    ada_feed.revoked_at = NOW
    ada_feed.save()
    revoked = client.get(url(ada_feed))

    assert ok.status_code == 200
    assert (wrong.status_code, wrong.content) == (404, b"Not found\n")
    assert (revoked.status_code, revoked.content) == (404, b"Not found\n")
    assert set(wrong.headers) == set(revoked.headers)


def test_a_manager_who_loses_the_place_gets_404(client, manager_cy, operator_cy, desk):
    feed = CalendarFeedFactory(owner=manager_cy, kind=CalendarFeed.Kind.SPACE,
                               space=desk.space)
    assert client.get(url(feed)).status_code == 200

    operator_cy.managers.remove(manager_cy)

    assert client.get(url(feed)).status_code == 404


def test_a_network_admin_keeps_any_place_feed(client, network_admin_nina, desk):
    feed = CalendarFeedFactory(owner=network_admin_nina, kind=CalendarFeed.Kind.SPACE,
                               space=desk.space)

    assert client.get(url(feed)).status_code == 200


def test_a_deactivated_account_loses_its_feed(client, ada_feed, member_ada):
    member_ada.is_active = False
    member_ada.save()

    assert client.get(url(ada_feed)).status_code == 404


def test_only_get_and_head(client, ada_feed):
    assert client.head(url(ada_feed)).status_code == 200
    assert client.post(url(ada_feed)).status_code == 405


def test_last_use_is_recorded_at_most_hourly(client, ada_feed, django_assert_num_queries):
    client.get(url(ada_feed))
    ada_feed.refresh_from_db()
    assert ada_feed.last_used_at == NOW

    with time_machine.travel(NOW + dt.timedelta(minutes=30), tick=False):
        client.get(url(ada_feed))
    ada_feed.refresh_from_db()
    assert ada_feed.last_used_at == NOW


def test_too_many_requests_for_one_token_get_429(client, ada_feed, settings, member_ada):
    settings.CALENDAR_FEED_RATE_PER_TOKEN = 3
    other = CalendarFeedFactory(owner=member_ada)

    codes = [client.get(url(ada_feed)).status_code for _ in range(4)]
    refused = client.get(url(ada_feed))

    assert codes == [200, 200, 200, 429]
    assert refused["Retry-After"] == "60"  # the window is the minute from 10:00:00
    assert client.get(url(other)).status_code == 200
    with time_machine.travel(NOW + dt.timedelta(seconds=60), tick=False):
        assert client.get(url(ada_feed)).status_code == 200


def test_too_many_requests_from_one_address_get_429_whatever_the_token(db, client, settings):
    settings.CALENDAR_FEED_RATE_PER_IP = 5

    codes = [client.get("/ical/" + f"{n:043d}" + ".ics").status_code for n in range(6)]

    assert codes == [404] * 5 + [429]
    other = Client(REMOTE_ADDR="81.250.1.9")
    assert other.get("/ical/" + "B" * 43 + ".ics").status_code == 404


def test_the_forwarded_address_is_believed_only_from_our_proxy(settings):
    """Behind one proxy of ours (TRUSTED_PROXY_COUNT=1, the compose setting), the client is
    the address our nginx appended; what a client wrote before it is ignored. Reached directly
    (0), no forwarding header is believed. (Issue 14: the same rule as allauth and DRF.)"""
    factory = RequestFactory()
    settings.TRUSTED_PROXY_COUNT = 1
    proxied = factory.get("/", REMOTE_ADDR="172.18.0.5", HTTP_X_FORWARDED_FOR="81.250.1.7")
    spoofed = factory.get("/", REMOTE_ADDR="172.18.0.5",
                          HTTP_X_FORWARDED_FOR="10.0.0.1, 81.250.1.7")
    real_ip_header = factory.get("/", REMOTE_ADDR="172.18.0.5", HTTP_X_REAL_IP="10.0.0.1",
                                 HTTP_X_FORWARDED_FOR="81.250.1.7")

    assert ratelimit.client_ip(proxied) == "81.250.1.7"
    assert ratelimit.client_ip(spoofed) == "81.250.1.7"
    assert ratelimit.client_ip(real_ip_header) == "81.250.1.7"

    settings.TRUSTED_PROXY_COUNT = 0
    direct = factory.get("/", REMOTE_ADDR="81.250.1.8", HTTP_X_FORWARDED_FOR="10.0.0.1",
                         HTTP_X_REAL_IP="10.0.0.1")

    assert ratelimit.client_ip(direct) == "81.250.1.8"


# --- the public schedule of an itinerant place ----------------------------------------------------


@pytest.fixture
def truck(db):
    space = SpaceFactory(kind="itinerant", name="Le Camion, des Causses", slug="le-camion",
                         weekday_hours=False)
    for day in (2, 3):
        ItineraryStopFactory(space=space, date=dt.date(2026, 6, day),
                             location_note="Place de l'église")
    return space


def test_public_stops_feed_has_the_stops_and_nothing_about_people(client, truck, parse_both):
    BookingFactory(member=UserFactory(first_name="Ada", email="ada2@example.org"),
                   resource=ResourceFactory(space=truck), start=paris(2026, 6, 2, 9),
                   end=paris(2026, 6, 2, 17))

    response = client.get("/ical/public/spaces/le-camion/stops.ics")

    assert response.status_code == 200
    assert response["Cache-Control"] == "public, max-age=900"
    parsed = parse_both(response.content)
    events = parsed.js["events"]
    assert [e["start"] for e in events] == ["2026-06-02T07:00:00Z", "2026-06-03T07:00:00Z"]
    assert events[0]["uid"] == f"stop-{truck.pk}-20260602@ostal.example.org"
    assert events[0]["location"].startswith("Place de l'église, ")
    assert b"Ada" not in response.content
    assert b"booking-" not in response.content
    etag = response["ETag"]
    assert client.get("/ical/public/spaces/le-camion/stops.ics",
                      HTTP_IF_NONE_MATCH=etag).status_code == 304


@pytest.mark.parametrize("slug", ["nowhere", "fixed-place", "hidden-truck"])
def test_public_stops_feed_is_404_for_other_places(db, client, slug):
    SpaceFactory(slug="fixed-place")
    SpaceFactory(slug="hidden-truck", kind="itinerant", is_published=False)

    assert client.get(f"/ical/public/spaces/{slug}/stops.ics").status_code == 404


def test_the_place_page_links_an_itinerant_place_to_its_stops_feed(client, truck):
    SpaceFactory(slug="fixed-place")

    truck_page = client.get("/api/v1/directory/spaces/le-camion/").json()
    fixed_page = client.get("/api/v1/directory/spaces/fixed-place/").json()

    assert truck_page["stops_feed_url"] == "/ical/public/spaces/le-camion/stops.ics"
    assert client.get(truck_page["stops_feed_url"]).status_code == 200
    assert fixed_page["stops_feed_url"] is None
