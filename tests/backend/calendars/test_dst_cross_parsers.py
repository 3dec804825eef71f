"""Each event's instant is right on both sides of the March and October DST changes, as read
by the Python icalendar library and by Mozilla's ical.js (Thunderbird's parser).

Bookings are stored as UTC instants; the feed writes them as Europe/Paris wall-clock times
with a VTIMEZONE. A wrong VTIMEZONE (onsets in the wrong offset, a missing year) shifts events
by an hour in clients that read it (Outlook, Thunderbird); a wrong TZID shifts them in the
others (Google, Apple). Both parsers must give back exactly the stored instants."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine

from ostal.calendars import feeds
from tests.factories import ResourceFactory, SpaceFactory
from tests.factories.bookings import BookingFactory, paris
from tests.factories.calendars import CalendarFeedFactory

UTC = dt.UTC
SPANS = [
    # Spring: 2026-03-29 02:00 CET -> 03:00 CEST.
    (paris(2026, 3, 27, 9), paris(2026, 3, 27, 18)),     # Friday before (+01:00)
    (paris(2026, 3, 29, 9), paris(2026, 3, 29, 18)),     # the day itself (+02:00)
    (paris(2026, 3, 29, 0, 30), paris(2026, 3, 29, 4)),  # across the change: 2h30 long
    (paris(2026, 3, 29, 3, 30), paris(2026, 3, 29, 5)),  # the first hour of summer time
    (paris(2026, 3, 30, 9), paris(2026, 3, 30, 18)),     # Monday after (+02:00)
    # Autumn: 2026-10-25 03:00 CEST -> 02:00 CET (02:00-03:00 happens twice).
    (paris(2026, 10, 24, 9), paris(2026, 10, 24, 18)),
    (paris(2026, 10, 25, 9), paris(2026, 10, 25, 18)),
    (dt.datetime(2026, 10, 25, 0, 30, tzinfo=UTC), dt.datetime(2026, 10, 25, 1, 30, tzinfo=UTC)),
    (paris(2026, 10, 26, 9), paris(2026, 10, 26, 18)),
    # Next year, so the VTIMEZONE must cover 2027 too.
    (paris(2027, 3, 29, 9), paris(2027, 3, 29, 18)),
]


def _utc(value: dt.datetime) -> str:
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@pytest.fixture
def dst_feed(member_ada, desk):
    # One desk per booking: some spans overlap (PostgreSQL's exclusion constraint).
    bookings = [BookingFactory(member=member_ada, resource=ResourceFactory(space=desk.space),
                               start=start, end=end) for start, end in SPANS]
    with time_machine.travel(dt.datetime(2026, 3, 1, 12, tzinfo=UTC), tick=False):
        data = feeds.feed_render(CalendarFeedFactory(owner=member_ada))
    return bookings, data


def test_icalendar_reads_every_stored_instant(dst_feed, parse_both):
    bookings, data = dst_feed

    events = parse_both(data).python_events()

    for booking in bookings:
        event = events[feeds.booking_uid(booking.reference)]
        assert event["DTSTART"].dt.astimezone(UTC) == booking.start
        assert event["DTEND"].dt.astimezone(UTC) == booking.end


def test_ical_js_reads_every_stored_instant_from_our_vtimezone(dst_feed, parse_both):
    bookings, data = dst_feed

    events = parse_both(data).js_events()

    for booking in bookings:
        event = events[feeds.booking_uid(booking.reference)]
        assert (event["start"], event["end"]) == (_utc(booking.start), _utc(booking.end))
    zoned = [e for e in events.values() if e["start_zone"] == "Europe/Paris"]
    assert len(zoned) == len(bookings) - 1  # all but the one in the repeated hour


def test_day_bookings_keep_local_opening_hours_on_both_sides_of_the_change(dst_feed):
    _, data = dst_feed
    text = data.decode()

    for day in ("20260327", "20260329", "20260330", "20261024", "20261025", "20261026"):
        assert f"DTSTART;TZID=Europe/Paris:{day}T090000" in text
        assert f"DTEND;TZID=Europe/Paris:{day}T180000" in text


def test_the_repeated_autumn_hour_is_written_in_utc(dst_feed):
    _, data = dst_feed

    # 02:30 happens twice on 2026-10-25; a TZID time would be read as the first 02:30 by
    # some clients and the second by others, so that booking is written as UTC instants.
    assert "DTSTART:20261025T003000Z" in data.decode()
    assert "DTEND:20261025T013000Z" in data.decode()


def test_vtimezone_covers_2026_and_2027_with_the_right_onsets(dst_feed, parse_both):
    _, data = dst_feed
    text = data.decode()

    for onset in ("20260329T020000", "20261025T030000", "20270328T020000", "20271031T030000"):
        assert f"DTSTART:{onset}" in text
    assert parse_both(data).js["timezones"] == ["Europe/Paris"]


def test_another_zone_with_other_change_dates(member_ada, parse_both):
    new_york = SpaceFactory(timezone="America/New_York")
    tz = ZoneInfo("America/New_York")
    spans = [(dt.datetime(2026, 3, 6, 9, tzinfo=tz), dt.datetime(2026, 3, 6, 17, tzinfo=tz)),
             (dt.datetime(2026, 3, 9, 9, tzinfo=tz), dt.datetime(2026, 3, 9, 17, tzinfo=tz)),
             (dt.datetime(2026, 11, 2, 9, tzinfo=tz), dt.datetime(2026, 11, 2, 17, tzinfo=tz))]
    bookings = [BookingFactory(member=member_ada, resource=ResourceFactory(space=new_york),
                               start=start, end=end) for start, end in spans]

    data = feeds.feed_render(CalendarFeedFactory(owner=member_ada),
                             now=dt.datetime(2026, 3, 1, tzinfo=UTC))

    js = parse_both(data).js_events()
    assert [js[feeds.booking_uid(b.reference)]["start"] for b in bookings] == [
        "2026-03-06T14:00:00Z", "2026-03-09T13:00:00Z", "2026-11-02T14:00:00Z"]
