"""Opening hours → UTC spans: DST days, half-days, hourly slots, closures, stops."""

import datetime as dt

import pytest

from ostal.bookings.schedule import SpaceSchedule
from ostal.spaces.models import OpeningHours, Space
from tests.backend.bookings.conftest import MONDAY, TUESDAY
from tests.factories import ClosureFactory, SpecialOpeningFactory

pytestmark = pytest.mark.django_db

UTC = dt.UTC


def utc(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=UTC)


@pytest.mark.parametrize(
    ("date", "start", "end"),
    [
        (dt.date(2026, 3, 28), utc(2026, 3, 28, 8), utc(2026, 3, 28, 17)),   # CET, UTC+1
        (dt.date(2026, 3, 29), utc(2026, 3, 29, 7), utc(2026, 3, 29, 16)),   # CEST from 02:00
        (dt.date(2026, 10, 24), utc(2026, 10, 24, 7), utc(2026, 10, 24, 16)),  # CEST
        (dt.date(2026, 10, 25), utc(2026, 10, 25, 8), utc(2026, 10, 25, 17)),  # CET from 03:00
    ],
)
def test_day_span_follows_dst(figeac: Space, date: dt.date, start: dt.datetime,
                              end: dt.datetime) -> None:
    SpecialOpeningFactory(space=figeac, date=date, opens=dt.time(9), closes=dt.time(18))

    day = SpaceSchedule.load(figeac, date, date).day(date)

    span = day.day_span()
    assert span is not None
    assert (span.start, span.end) == (start, end)
    assert span.minutes == 9 * 60


def test_half_days_split_at_13h_local(figeac: Space) -> None:
    day = SpaceSchedule.load(figeac, MONDAY, MONDAY).day(MONDAY)

    parts = day.parts()

    assert (parts["morning"].start, parts["morning"].end) == (utc(2026, 3, 23, 8),
                                                              utc(2026, 3, 23, 12))
    assert (parts["afternoon"].start, parts["afternoon"].end) == (utc(2026, 3, 23, 12),
                                                                  utc(2026, 3, 23, 17))


def test_no_morning_when_opening_after_13h(figeac: Space) -> None:
    SpecialOpeningFactory(space=figeac, date=MONDAY, opens=dt.time(14), closes=dt.time(20))

    day = SpaceSchedule.load(figeac, MONDAY, MONDAY).day(MONDAY)

    assert day.part_span("morning") is None
    assert day.part_span("afternoon") == day.day_span()


def test_hourly_slots_are_clock_aligned_inside_each_window(figeac: Space) -> None:
    figeac.opening_hours.all().delete()
    OpeningHours.objects.create(space=figeac, weekday=0, opens=dt.time(8, 30), closes=dt.time(12))
    OpeningHours.objects.create(space=figeac, weekday=0, opens=dt.time(14), closes=dt.time(16))

    day = SpaceSchedule.load(figeac, MONDAY, MONDAY).day(MONDAY)

    local = [day.local(s.start).strftime("%H:%M") for s in day.time_slots(60)]
    assert local == ["09:00", "10:00", "11:00", "14:00", "15:00"]
    assert len(day.time_slots(30)) == 7 + 4
    assert day.contains(utc(2026, 3, 23, 10), utc(2026, 3, 23, 13)) is False  # 11-14h local


def test_closure_and_exceptional_hours(figeac: Space) -> None:
    ClosureFactory(space=figeac, start_date=MONDAY, end_date=MONDAY)
    SpecialOpeningFactory(space=figeac, date=TUESDAY, opens=dt.time(10), closes=dt.time(12))
    schedule = SpaceSchedule.load(figeac, MONDAY, TUESDAY + dt.timedelta(days=4))

    assert schedule.day(MONDAY).closed_reason == "closed"
    assert schedule.day(TUESDAY).windows == ((dt.time(10), dt.time(12)),)
    assert schedule.day(dt.date(2026, 3, 28)).closed_reason == "closed"  # Saturday: no hours


def test_itinerant_place_opens_only_at_its_stops(truck: Space) -> None:
    schedule = SpaceSchedule.load(truck, MONDAY, TUESDAY)

    assert schedule.day(MONDAY).closed_reason == "no_stop"
    tuesday = schedule.day(TUESDAY)
    assert tuesday.windows == ((dt.time(10), dt.time(16)),)
    assert tuesday.stop is not None
    assert tuesday.stop.commune.name == "Mende"
