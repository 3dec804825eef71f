"""Availability selectors: free counts per slot, distance, stops, calendar."""

import datetime as dt
from collections.abc import Callable

import pytest

from ostal.accounts.models import User
from ostal.bookings.availability import (
    AvailabilitySearch,
    Window,
    availability_search,
    space_availability_calendar,
)
from ostal.bookings.models import Booking
from ostal.spaces.models import Operator, Space
from tests.backend.bookings.conftest import MONDAY, TUESDAY, book, desks, make_place, room
from tests.factories import ClosureFactory, ItineraryStopFactory, SpecialOpeningFactory, commune
from tests.factories.bookings import BookingFactory, ResourceBlockFactory, paris

pytestmark = pytest.mark.django_db

FIGEAC = (44.60894, 2.03155)


def by_key(day: object) -> dict[str, int]:
    return {slot.key: slot.free for slot in day.slots}  # type: ignore[attr-defined]


def test_free_desks_per_day_and_half_day(figeac: Space, member_ada: User,
                                         make_member: Callable[[str], User]) -> None:
    d1, d2, d3 = desks(figeac)
    book(member_ada, figeac, MONDAY, part="morning", resource_id=d1.pk)
    ResourceBlockFactory(resource=d3, start=paris(2026, 3, 23, 14), end=paris(2026, 3, 23, 15))
    cancelled = book(make_member("Bob"), figeac, MONDAY, resource_id=d2.pk)
    Booking.objects.filter(pk=cancelled.pk).update(status=Booking.Status.CANCELLED)

    result = space_availability_calendar(space=figeac, resource_kind="desk", date_from=MONDAY,
                                         date_to=MONDAY)

    day = result.days[0]
    assert by_key(day) == {"day": 1, "morning": 2, "afternoon": 2}
    assert day.free == 1
    assert day.slots[0].free_resource_ids == [d2.pk]
    assert (day.opens_at, day.closes_at) == (paris(2026, 3, 23, 9), paris(2026, 3, 23, 18))


def test_calendar_week_shows_closures_and_weekends(figeac: Space) -> None:
    ClosureFactory(space=figeac, start_date=TUESDAY, end_date=TUESDAY)

    result = space_availability_calendar(space=figeac, resource_kind="desk", date_from=MONDAY,
                                         date_to=MONDAY + dt.timedelta(days=6))

    assert [(d.date.isoformat(), d.is_open, d.free) for d in result.days] == [
        ("2026-03-23", True, 3), ("2026-03-24", False, 0), ("2026-03-25", True, 3),
        ("2026-03-26", True, 3), ("2026-03-27", True, 3), ("2026-03-28", False, 0),
        ("2026-03-29", False, 0)]
    assert result.days[1].closed_reason == "closed"


def test_room_calendar_has_hourly_slots_with_free_rooms(figeac: Space,
                                                        member_ada: User) -> None:
    book(member_ada, figeac, MONDAY, resource_kind="meeting_room", start_time=dt.time(10),
         end_time=dt.time(12), attendees=4)

    result = space_availability_calendar(space=figeac, resource_kind="meeting_room",
                                         date_from=MONDAY, date_to=MONDAY, attendees=6)

    day = result.days[0]
    assert list(by_key(day)) == [f"{h:02d}:00" for h in range(9, 18)]
    assert by_key(day)["09:00"] == 1
    assert by_key(day)["10:00"] == by_key(day)["11:00"] == 0
    assert day.slots[3].free_resource_ids == [room(figeac).pk]
    assert day.free == 1  # some free hour that day


def test_dst_day_slots_are_local_hours(figeac: Space) -> None:
    SpecialOpeningFactory(space=figeac, date=dt.date(2026, 10, 25), opens=dt.time(9),
                          closes=dt.time(12))

    result = space_availability_calendar(space=figeac, resource_kind="meeting_room",
                                         date_from=dt.date(2026, 10, 24),
                                         date_to=dt.date(2026, 10, 25))

    slots = result.days[1].slots
    assert [s.key for s in slots] == ["09:00", "10:00", "11:00"]
    assert slots[0].start == dt.datetime(2026, 10, 25, 8, tzinfo=dt.UTC)


def test_search_sorts_by_distance_within_radius(figeac: Space, operator_dee: Operator) -> None:
    capdenac = make_place(operator_dee, name="Gare de Capdenac", slug="capdenac",
                          insee="12052", desks=1)
    make_place(operator_dee, name="Toulouse Centre", slug="toulouse", insee="31555")
    make_place(operator_dee, name="Sans poste", slug="sans-poste", insee="46055", desks=0)

    results = availability_search(AvailabilitySearch(date=MONDAY, near=FIGEAC, radius_km=25))

    assert [(r.space.slug, r.total) for r in results] == [("la-fabrique-figeac", 3),
                                                          ("capdenac", 1)]
    assert results[0].distance_km == pytest.approx(0, abs=0.1)
    assert results[1].distance_km == pytest.approx(5.4, abs=0.1)
    assert results[1].space == capdenac


def test_truck_is_found_where_its_stop_is(truck: Space, figeac: Space) -> None:
    ItineraryStopFactory(space=truck, date=dt.date(2026, 3, 25), commune=commune("12052"),
                         opens=dt.time(9), closes=dt.time(17))
    wednesday = dt.date(2026, 3, 25)

    near_figeac = availability_search(AvailabilitySearch(date=wednesday, near=FIGEAC,
                                                         radius_km=25))
    on_tuesday = availability_search(AvailabilitySearch(date=TUESDAY, near=FIGEAC,
                                                        radius_km=25))

    assert [r.space.slug for r in near_figeac] == ["la-fabrique-figeac", "le-camion"]
    assert near_figeac[1].days[0].stop.commune.insee_code == "12052"  # type: ignore[union-attr]
    assert near_figeac[1].days[0].free == 2
    assert [r.space.slug for r in on_tuesday] == ["la-fabrique-figeac"]  # truck in Mende


def test_search_window_and_available_only(figeac: Space, operator_dee: Operator,
                                          make_member: Callable[[str], User]) -> None:
    small = make_place(operator_dee, name="Petit", slug="petit", insee="12052", desks=1)
    book(make_member("Bob"), small, MONDAY, part="afternoon")

    mornings = availability_search(AvailabilitySearch(date=MONDAY,
                                                      window=Window(part="morning")))
    afternoons = availability_search(AvailabilitySearch(
        date=MONDAY, window=Window(part="afternoon"), available_only=True))
    rooms = availability_search(AvailabilitySearch(
        date=MONDAY, resource_kind="meeting_room", attendees=8,
        window=Window(start_time=dt.time(10), end_time=dt.time(12))))

    assert {r.space.slug: r.days[0].free for r in mornings} == {"la-fabrique-figeac": 3,
                                                                "petit": 1}
    assert [r.space.slug for r in afternoons] == ["la-fabrique-figeac"]
    assert {r.space.slug: r.days[0].free for r in rooms} == {"la-fabrique-figeac": 1,
                                                             "petit": 1}


def test_date_range_gives_one_entry_per_day(figeac: Space, member_ada: User) -> None:
    BookingFactory(resource=desks(figeac)[0], member=member_ada, start=paris(2026, 3, 24, 9),
                   end=paris(2026, 3, 24, 18))

    results = availability_search(AvailabilitySearch(date=MONDAY, date_to=TUESDAY))

    assert [(d.date, d.free) for d in results[0].days] == [(MONDAY, 3), (TUESDAY, 2)]
