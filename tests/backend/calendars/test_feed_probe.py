"""The 304 path's single SQL statement must count exactly the rows the feed renders
(`selectors.feed_bookings`, the ORM definition), at the edges of the window too, for the
three kinds of feeds — otherwise a change could hide behind a stale ETag."""

import datetime as dt

import pytest
from django.db.models import Count, Sum

from ostal.bookings.models import Booking
from ostal.calendars import selectors
from ostal.calendars.models import CalendarFeed
from tests.factories import ResourceFactory
from tests.factories.bookings import BookingFactory
from tests.factories.calendars import CalendarFeedFactory

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 6, 1, 6, tzinfo=dt.UTC)
SINCE = NOW - dt.timedelta(days=selectors.FEED_PAST_DAYS)


@pytest.fixture
def rows(member_ada, desk, room):
    """Bookings on both sides of each edge of the window, active and not."""
    other = ResourceFactory(space=desk.space)
    made = []
    for n, (start_offset, status, changed_offset) in enumerate([
        (-1, "confirmed", 0),          # starts just before the window: out
        (0, "confirmed", 0),           # starts at its first instant: in
        (1, "held", 0),
        (2, "checked_in", 0),
        (3, "cancelled", -1),          # inactive, changed just too long ago: out
        (4, "cancelled", 1),           # inactive, changed recently enough: in
        (5, "no_show", 1),
        (6, "expired", -1),
    ]):
        start = SINCE + dt.timedelta(seconds=start_offset) + dt.timedelta(days=n)
        resource = [desk, room, other][n % 3]
        booking = BookingFactory(member=member_ada, resource=resource, status=status,
                                 start=start, end=start + dt.timedelta(hours=2))
        kept_since = NOW - dt.timedelta(days=selectors.CANCELLED_KEPT_DAYS)
        Booking.objects.filter(pk=booking.pk).update(
            updated_at=kept_since + dt.timedelta(seconds=changed_offset))
        made.append(booking)
    BookingFactory(resource=desk, start=NOW, end=NOW + dt.timedelta(hours=1))  # not Ada's
    return made


@pytest.mark.parametrize("kind", ["member", "space", "resource"])
def test_the_probe_counts_what_the_feed_shows(rows, member_ada, manager_cy, desk, kind):
    owner = member_ada if kind == "member" else manager_cy
    feed = CalendarFeedFactory(owner=owner, kind=kind,
                               space=None if kind == "member" else desk.space,
                               resource=desk if kind == "resource" else None)

    probe = selectors.feed_probe(feed.token, now=NOW)

    expected = selectors.feed_bookings(feed, now=NOW).aggregate(n=Count("id"), ids=Sum("id"))
    count, ids = probe.counted.split("|")[:2]
    assert (int(count), int(ids)) == (expected["n"], expected["ids"] or 0)
    assert expected["n"] > 0


def test_a_row_leaving_the_window_changes_the_version(rows, member_ada):
    feed = CalendarFeedFactory(owner=member_ada)

    before = selectors.feed_probe(feed.token, now=NOW)
    after = selectors.feed_probe(feed.token, now=NOW + dt.timedelta(days=1, seconds=1))

    assert before.version != after.version


def test_wrong_revoked_and_forbidden_tokens_give_nothing(member_ada, manager_cy, operator_cy,
                                                        desk):
    member_feed = CalendarFeedFactory(owner=member_ada)
    place_feed = CalendarFeedFactory(owner=manager_cy, kind=CalendarFeed.Kind.SPACE,
                                     space=desk.space)
    assert selectors.feed_probe(member_feed.token, now=NOW) is not None
    assert selectors.feed_probe(place_feed.token, now=NOW) is not None

    operator_cy.managers.remove(manager_cy)
    CalendarFeed.objects.filter(pk=member_feed.pk).update(revoked_at=NOW)

    assert selectors.feed_probe(member_feed.token, now=NOW) is None
    assert selectors.feed_probe(place_feed.token, now=NOW) is None
    assert selectors.feed_probe("x" * 43, now=NOW) is None
