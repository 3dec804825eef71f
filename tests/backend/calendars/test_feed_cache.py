"""The 304 path without the database (`feedcache`): every change a subscriber must see, and
every loss of access, ends the cached validator at once."""

import datetime as dt

import pytest
import time_machine
from django.core.cache import cache

from ostal.bookings.models import Booking
from ostal.calendars import feedcache, services
from ostal.calendars.models import CalendarFeed
from ostal.calendars.selectors import hash_token
from tests.backend.calendars.test_feed_views import NOW, url
from tests.factories import ItineraryStopFactory
from tests.factories.bookings import BookingFactory, paris
from tests.factories.calendars import CalendarFeedFactory


@pytest.fixture(autouse=True)
def _frozen():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def place_feed(manager_cy, desk):
    BookingFactory(resource=desk, start=paris(2026, 6, 2, 9), end=paris(2026, 6, 2, 18))
    return CalendarFeedFactory(owner=manager_cy, kind=CalendarFeed.Kind.SPACE,
                               space=desk.space)


def later():
    """A few seconds on: `updated_at` moves, as it does between real requests."""
    return time_machine.travel(NOW + dt.timedelta(seconds=5), tick=False)


def warm(client, feed, django_assert_num_queries):
    """Poll until the cache alone answers; returns the ETag."""
    etag = client.get(url(feed))["ETag"]
    assert client.get(url(feed), HTTP_IF_NONE_MATCH=etag).status_code == 304
    with django_assert_num_queries(0):
        assert client.get(url(feed), HTTP_IF_NONE_MATCH=etag).status_code == 304
    return etag


def test_a_cancelled_booking_reaches_the_next_poll(client, ada_feed, member_ada,
                                                   django_assert_num_queries):
    etag = warm(client, ada_feed, django_assert_num_queries)
    booking = Booking.objects.get(member=member_ada)
    with later():
        booking.status, booking.sequence = Booking.Status.CANCELLED, booking.sequence + 1
        booking.save(update_fields=["status", "sequence", "updated_at"])

        response = client.get(url(ada_feed), HTTP_IF_NONE_MATCH=etag)

    assert response.status_code == 200
    assert b"STATUS:CANCELLED" in response.content


def test_a_new_booking_at_the_place_reaches_the_managers_feed(client, place_feed, desk,
                                                              django_assert_num_queries):
    etag = warm(client, place_feed, django_assert_num_queries)
    BookingFactory(resource=desk, start=paris(2026, 6, 3, 9), end=paris(2026, 6, 3, 18))

    response = client.get(url(place_feed), HTTP_IF_NONE_MATCH=etag)

    assert response.status_code == 200
    assert response.content.count(b"BEGIN:VEVENT") == 2


def test_a_renamed_place_reaches_the_members_feed(client, ada_feed, desk,
                                                  django_assert_num_queries):
    etag = warm(client, ada_feed, django_assert_num_queries)
    with later():
        desk.space.name = "La Grange numérique"
        desk.space.save()

        response = client.get(url(ada_feed), HTTP_IF_NONE_MATCH=etag)

    assert response.status_code == 200
    assert "La Grange numérique".encode() in response.content


def test_a_renamed_desk_reaches_the_place_feed(client, place_feed, desk,
                                               django_assert_num_queries):
    etag = warm(client, place_feed, django_assert_num_queries)
    with later():
        desk.name = "Poste fenêtre"
        desk.save()

        response = client.get(url(place_feed), HTTP_IF_NONE_MATCH=etag)

    assert response.status_code == 200
    assert "Poste fenêtre".encode() in response.content


def test_an_edited_stop_ends_the_validators_of_the_place(place_feed, desk):
    key = feedcache.PREFIX + f"s:{desk.space_id}"
    cache.set(key, "before")
    ItineraryStopFactory(space=desk.space, date=dt.date(2026, 6, 2))

    assert cache.get(key) is None


def test_revoking_answers_404_at_once(client, ada_feed, django_assert_num_queries):
    etag = warm(client, ada_feed, django_assert_num_queries)

    services.calendar_feed_revoke(feed=ada_feed)

    assert client.get(url(ada_feed), HTTP_IF_NONE_MATCH=etag).status_code == 404


def test_regenerating_answers_404_to_the_old_address_at_once(client, ada_feed,
                                                             django_assert_num_queries):
    etag = warm(client, ada_feed, django_assert_num_queries)

    issued = services.calendar_feed_regenerate(feed=ada_feed)

    assert client.get(url(ada_feed), HTTP_IF_NONE_MATCH=etag).status_code == 404
    assert client.get(f"/ical/{issued.token}.ics", HTTP_IF_NONE_MATCH=etag).status_code == 304


def test_a_manager_removed_from_the_operator_gets_404_at_once(client, place_feed, manager_cy,
                                                              operator_cy,
                                                              django_assert_num_queries):
    etag = warm(client, place_feed, django_assert_num_queries)

    operator_cy.managers.remove(manager_cy)

    assert client.get(url(place_feed), HTTP_IF_NONE_MATCH=etag).status_code == 404


def test_clearing_the_managers_gets_404_at_once(client, place_feed, operator_cy,
                                                django_assert_num_queries):
    etag = warm(client, place_feed, django_assert_num_queries)

    operator_cy.managers.clear()

    assert client.get(url(place_feed), HTTP_IF_NONE_MATCH=etag).status_code == 404


def test_a_deactivated_account_gets_404_at_once(client, ada_feed, member_ada,
                                                django_assert_num_queries):
    etag = warm(client, ada_feed, django_assert_num_queries)
    member_ada.is_active = False
    member_ada.save()

    assert client.get(url(ada_feed), HTTP_IF_NONE_MATCH=etag).status_code == 404


def test_the_cached_path_still_counts_requests(client, ada_feed, settings,
                                               django_assert_num_queries):
    etag = warm(client, ada_feed, django_assert_num_queries)
    settings.CALENDAR_FEED_RATE_PER_TOKEN = 3  # three requests already made this minute

    assert client.get(url(ada_feed), HTTP_IF_NONE_MATCH=etag).status_code == 429


def test_the_last_use_is_still_recorded_hourly(client, ada_feed, django_assert_num_queries):
    etag = warm(client, ada_feed, django_assert_num_queries)

    with time_machine.travel(NOW + dt.timedelta(hours=1), tick=False):
        assert client.get(url(ada_feed), HTTP_IF_NONE_MATCH=etag).status_code == 304

    ada_feed.refresh_from_db()
    assert ada_feed.last_used_at == NOW + dt.timedelta(hours=1)


def test_a_poll_that_read_the_database_before_a_change_stores_no_lasting_validator(
        client, ada_feed, member_ada, django_assert_num_queries):
    """The race: generations are read before the probe, the writer deletes them after its
    commit, so a validator computed from the old rows is already outdated when stored."""
    etag = warm(client, ada_feed, django_assert_num_queries)
    token_hash = hash_token(ada_feed.token)
    feedcache.forget(token_hash)
    generations = feedcache.generations_before_probe(token_hash)  # the slow poll begins...
    booking = Booking.objects.get(member=member_ada)
    with later():
        booking.sequence += 1
        booking.save(update_fields=["sequence", "updated_at"])  # ...a write commits...
        feedcache.store(token_hash, scopes=tuple(name for name, _ in generations or ()),
                        generations=generations, etag=etag, used_at=NOW)

        assert feedcache.fresh_etag(token_hash, now=NOW, touch_every=dt.timedelta(hours=1)) is None
        response = client.get(url(ada_feed), HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200
    assert b"SEQUENCE:1" in response.content


def test_without_a_shared_cache_every_304_asks_the_database(client, ada_feed, settings,
                                                           django_assert_num_queries):
    """The embedded default (memory cache per process, worker elsewhere): no validators."""
    settings.CALENDAR_FEED_VALIDATORS = False
    etag = client.get(url(ada_feed))["ETag"]

    for _ in range(2):
        with django_assert_num_queries(1):
            assert client.get(url(ada_feed), HTTP_IF_NONE_MATCH=etag).status_code == 304
    assert cache.get(feedcache.VALIDATOR + hash_token(ada_feed.token)[:20]) is None
