"""Defect 8 of issue 14: a local time the clock change makes ambiguous or skips is refused
with a clear message on its field — never silently stored as some other real hour.

In Paris, on Sunday 2026-10-25 the clocks go back at 03:00 (summer time) to 02:00 (winter
time): 02:00-02:59 happens twice. On Sunday 2026-03-29 they go forward at 02:00 to 03:00:
02:00-02:59 never happens. The place is open all night on those dates for the test."""

import datetime as dt
from typing import Any

import pytest
import time_machine

from ostal.bookings.models import Booking
from ostal.spaces.models import Space
from tests.factories import SpecialOpeningFactory
from tests.factories.bookings import BookingPolicyFactory

pytestmark = pytest.mark.django_db

AUTUMN = dt.date(2026, 10, 25)
SPRING = dt.date(2026, 3, 29)


@pytest.fixture
def night_place(figeac: Space) -> Space:
    BookingPolicyFactory(space=figeac, max_advance_days=365)
    for date in (AUTUMN, SPRING):
        SpecialOpeningFactory(space=figeac, date=date, opens=dt.time(0), closes=dt.time(23))
    return figeac


def _book_room(client_as: Any, date: dt.date, start: str, end: str) -> Any:
    """Book from the Tuesday before `date` (within every booking horizon)."""
    before = dt.datetime.combine(date - dt.timedelta(days=5), dt.time(10), tzinfo=dt.UTC)
    with time_machine.travel(before, tick=False):
        return client_as("member_ada").post("/api/v1/bookings/", {
            "space": "la-fabrique-figeac", "date": date.isoformat(), "kind": "meeting_room",
            "start_time": start, "end_time": end, "attendees": 2}, format="json")


def test_a_room_booked_in_the_autumn_repeated_hour_is_refused(night_place, client_as):
    response = _book_room(client_as, AUTUMN, "02:00", "03:00")

    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "ambiguous_local_time"
    assert "02:00 existe deux fois" in body["message"]
    assert "heure d'hiver" in body["message"]
    assert "happens twice" in body["message"]
    assert list(body["fields"]) == ["start_time"]
    assert Booking.objects.count() == 0


def test_an_end_inside_the_repeated_hour_is_refused_too(night_place, client_as):
    response = _book_room(client_as, AUTUMN, "01:00", "02:00")

    assert response.status_code == 400
    assert response.json()["code"] == "ambiguous_local_time"
    assert list(response.json()["fields"]) == ["end_time"]
    assert Booking.objects.count() == 0


def test_a_time_the_spring_change_skips_is_refused(night_place, client_as):
    response = _book_room(client_as, SPRING, "02:00", "04:00")

    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "nonexistent_local_time"
    assert "02:00 n'existe pas ce jour-là" in body["message"]
    assert list(body["fields"]) == ["start_time"]
    assert Booking.objects.count() == 0


def test_the_hour_after_the_autumn_change_is_one_real_hour(night_place, client_as):
    response = _book_room(client_as, AUTUMN, "03:00", "04:00")

    assert response.status_code == 201, response.content
    booking = Booking.objects.get()
    # 03:00 winter time (UTC+1) is 02:00 UTC: one hour of real time, not two.
    assert (booking.start, booking.end) == (dt.datetime(2026, 10, 25, 2, tzinfo=dt.UTC),
                                            dt.datetime(2026, 10, 25, 3, tzinfo=dt.UTC))


def test_a_slot_across_the_autumn_change_keeps_its_real_length(night_place, client_as):
    """01:00 summer time to 04:00 winter time: both ends are unambiguous, and four real hours
    pass between them (01:00-02:00 once, 02:00-03:00 twice)."""
    response = _book_room(client_as, AUTUMN, "01:00", "04:00")

    assert response.status_code == 201, response.content
    booking = Booking.objects.get()
    assert booking.end - booking.start == dt.timedelta(hours=4)
