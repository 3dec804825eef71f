"""Invitations (METHOD REQUEST / CANCEL) and the single-booking download."""

import datetime as dt

import pytest

from ostal.bookings.models import Booking
from ostal.calendars import feeds
from tests.factories import UserFactory
from tests.factories.bookings import BookingFactory, paris

NOW = dt.datetime(2026, 5, 20, 10, tzinfo=dt.UTC)


@pytest.fixture
def booking(desk):
    member = UserFactory(email="ada@example.org", first_name="Ada", last_name="Lovelace, Countess")
    return BookingFactory(member=member, resource=desk, start=paris(2026, 6, 2, 9),
                          end=paris(2026, 6, 2, 18), sequence=0)


def test_request_adds_the_event_with_organizer_attendee_and_sequence(booking, parse_both):
    parsed = parse_both(feeds.booking_invitation(booking, "REQUEST", now=NOW))

    assert str(parsed.python["METHOD"]) == "REQUEST"
    event = parsed.python.walk("VEVENT")[0]
    assert str(event["UID"]) == f"booking-{booking.reference}@ostal.example.org"
    assert event["SEQUENCE"] == 0
    assert str(event["STATUS"]) == "CONFIRMED"
    assert str(event["ORGANIZER"]) == "mailto:no-reply@ostal.example.org"
    assert str(event["ATTENDEE"]) == "mailto:ada@example.org"
    assert event["ATTENDEE"].params["CN"] == "Ada Lovelace, Countess"
    assert event["ATTENDEE"].params["PARTSTAT"] == "ACCEPTED"
    assert event["ATTENDEE"].params["RSVP"] == "FALSE"
    assert event["DTSTAMP"].dt == NOW
    assert event["DTSTART"].dt.astimezone(dt.UTC) == booking.start
    js = parsed.js
    assert js["method"] == "REQUEST"
    assert js["events"][0]["organizer"] == "mailto:no-reply@ostal.example.org"
    assert js["events"][0]["attendee"] == "mailto:ada@example.org"
    assert js["events"][0]["start"] == "2026-06-02T07:00:00Z"


def test_an_update_keeps_the_uid_and_raises_the_sequence(booking):
    first = feeds.booking_invitation(booking, now=NOW)
    Booking.objects.filter(pk=booking.pk).update(start=paris(2026, 6, 3, 9),
                                                 end=paris(2026, 6, 3, 18), sequence=1)
    booking.refresh_from_db()

    second = feeds.booking_invitation(booking, now=NOW)

    uid = f"UID:booking-{booking.reference}@ostal.example.org".encode()
    assert uid in first
    assert uid in second
    assert b"SEQUENCE:0" in first
    assert b"SEQUENCE:1" in second
    assert b"20260603T090000" in second


def test_cancel_removes_the_event(booking, parse_both):
    Booking.objects.filter(pk=booking.pk).update(status=Booking.Status.CANCELLED, sequence=1)
    booking.refresh_from_db()

    parsed = parse_both(feeds.booking_invitation(booking, "CANCEL", now=NOW))

    assert parsed.js["method"] == "CANCEL"
    assert (parsed.js["events"][0]["status"], parsed.js["events"][0]["sequence"]) == (
        "CANCELLED", 1)
    assert str(parsed.python.walk("VEVENT")[0]["STATUS"]) == "CANCELLED"


def test_cancel_of_an_active_booking_or_an_unknown_method_is_a_programming_error(booking):
    with pytest.raises(ValueError, match="active"):
        feeds.booking_invitation(booking, "CANCEL")
    with pytest.raises(ValueError, match="REQUEST or CANCEL"):
        feeds.booking_invitation(booking, "PUBLISH")


def test_download_is_the_same_event_as_in_the_feed(booking, parse_both):
    parsed = parse_both(feeds.booking_ics(booking, now=NOW))

    assert parsed.js["method"] == "PUBLISH"
    assert parsed.js["events"][0]["uid"] == feeds.booking_uid(booking.reference)
    assert "ATTENDEE" not in parsed.python.walk("VEVENT")[0]
