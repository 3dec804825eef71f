"""booking_create: slots, hours, rules, limits, idempotency, resource choice."""

import datetime as dt
from collections.abc import Callable

import pytest

from ostal.accounts.models import User
from ostal.bookings.models import Booking, BookingPolicy
from ostal.spaces.models import Resource, Space
from tests.backend.bookings.conftest import MONDAY, TUESDAY, book, desks, refused, room
from tests.factories import ClosureFactory, SpecialOpeningFactory
from tests.factories.bookings import BookingPolicyFactory, ResourceBlockFactory, paris

pytestmark = pytest.mark.django_db

UTC = dt.UTC


# --- time ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("date", "start", "end"),
    [
        (dt.date(2026, 3, 28), dt.datetime(2026, 3, 28, 8, tzinfo=UTC),
         dt.datetime(2026, 3, 28, 17, tzinfo=UTC)),
        (dt.date(2026, 3, 29), dt.datetime(2026, 3, 29, 7, tzinfo=UTC),
         dt.datetime(2026, 3, 29, 16, tzinfo=UTC)),
        (dt.date(2026, 10, 25), dt.datetime(2026, 10, 25, 8, tzinfo=UTC),
         dt.datetime(2026, 10, 25, 17, tzinfo=UTC)),
    ],
)
def test_day_booking_on_dst_days_stores_right_utc_instants(
        figeac: Space, member_ada: User, date: dt.date, start: dt.datetime,
        end: dt.datetime) -> None:
    BookingPolicyFactory(space=figeac, max_advance_days=365)
    SpecialOpeningFactory(space=figeac, date=date, opens=dt.time(9), closes=dt.time(18))

    booking = book(member_ada, figeac, date)

    assert (booking.start, booking.end, booking.local_date) == (start, end, date)


def test_hourly_room_booking_on_dst_day_uses_local_wall_clock(figeac: Space,
                                                              member_ada: User) -> None:
    SpecialOpeningFactory(space=figeac, date=dt.date(2026, 3, 29), opens=dt.time(9),
                          closes=dt.time(18))

    booking = book(member_ada, figeac, dt.date(2026, 3, 29), resource_kind="meeting_room",
                   start_time=dt.time(9), end_time=dt.time(11), attendees=3)

    assert (booking.start, booking.end) == (dt.datetime(2026, 3, 29, 7, tzinfo=UTC),
                                            dt.datetime(2026, 3, 29, 9, tzinfo=UTC))


# --- half-days and desks --------------------------------------------------------------------------


def test_morning_and_afternoon_share_one_desk(figeac: Space, member_ada: User,
                                              make_member: Callable[[str], User]) -> None:
    figeac.resources.filter(name__in=["D2", "D3"]).delete()

    morning = book(member_ada, figeac, MONDAY, part="morning")
    afternoon = book(make_member("Bob"), figeac, MONDAY, part="afternoon")

    assert morning.resource == afternoon.resource
    assert (morning.end, afternoon.start) == (paris(2026, 3, 23, 13), paris(2026, 3, 23, 13))
    with refused("slot_taken"):
        book(make_member("Cleo"), figeac, MONDAY, part="day")


def test_place_assigns_distinct_free_desks_until_full(
        figeac: Space, make_member: Callable[[str], User]) -> None:
    bookings = [book(make_member(f"M{n}"), figeac, MONDAY) for n in range(3)]

    assert {b.resource.name for b in bookings} == {"D1", "D2", "D3"}
    with refused("slot_taken"):
        book(make_member("Late"), figeac, MONDAY)
    assert Booking.objects.count() == 3


def test_member_may_pick_a_desk(figeac: Space, member_ada: User,
                                make_member: Callable[[str], User]) -> None:
    d2 = desks(figeac)[1]

    assert book(member_ada, figeac, MONDAY, resource_id=d2.pk).resource == d2
    with refused("slot_taken"):
        book(make_member("Bob"), figeac, MONDAY, resource_id=d2.pk)
    with refused("unknown_resource"):
        book(make_member("Cleo"), figeac, MONDAY, resource_id=room(figeac).pk)


def test_desk_sold_by_the_day_refuses_half_days(figeac: Space, member_ada: User) -> None:
    BookingPolicyFactory(space=figeac, sale_unit=BookingPolicy.SaleUnit.DAY)

    with refused("part_not_sold"):
        book(member_ada, figeac, MONDAY, part="morning")
    with refused("part_not_sold"):
        book(member_ada, figeac, MONDAY, part=None, start_time=dt.time(10),
             end_time=dt.time(12))


# --- opening hours, closures, stops ----------------------------------------------------------


def test_closed_days_and_hours(figeac: Space, member_ada: User) -> None:
    ClosureFactory(space=figeac, start_date=MONDAY, end_date=MONDAY)

    with refused("closed"):
        book(member_ada, figeac, MONDAY)
    with refused("closed"):
        book(member_ada, figeac, dt.date(2026, 3, 28))  # Saturday
    with refused("outside_opening_hours"):
        book(member_ada, figeac, TUESDAY, resource_kind="meeting_room",
             start_time=dt.time(17), end_time=dt.time(19))
    assert Booking.objects.count() == 0


def test_truck_is_bookable_only_at_its_stop(truck: Space, member_ada: User) -> None:
    with refused("no_stop"):
        book(member_ada, truck, MONDAY)

    booking = book(member_ada, truck, TUESDAY)

    assert (booking.start, booking.end) == (paris(2026, 3, 24, 10), paris(2026, 3, 24, 16))


def test_blocked_resource_is_unavailable(figeac: Space, member_ada: User,
                                         make_member: Callable[[str], User]) -> None:
    d1, d2, d3 = desks(figeac)
    for desk in (d1, d2):
        ResourceBlockFactory(resource=desk, start=paris(2026, 3, 23, 0),
                             end=paris(2026, 3, 24, 0))

    assert book(member_ada, figeac, MONDAY).resource == d3
    with refused("slot_taken"):
        book(make_member("Bob"), figeac, MONDAY)
    with refused("resource_blocked"):
        book(make_member("Cleo"), figeac, MONDAY, resource_id=d1.pk)


def test_all_resources_blocked_says_blocked(figeac: Space, member_ada: User) -> None:
    ResourceBlockFactory(resource=room(figeac), start=paris(2026, 3, 23, 11),
                         end=paris(2026, 3, 23, 12))

    with refused("resource_blocked"):
        book(member_ada, figeac, MONDAY, resource_kind="meeting_room",
             start_time=dt.time(10), end_time=dt.time(12))


# --- rooms by the hour ------------------------------------------------------------------------


def test_room_by_the_hour(figeac: Space, member_ada: User,
                          make_member: Callable[[str], User]) -> None:
    def room_at(member: User, start: int, end: int, **kw: object) -> Booking:
        return book(member, figeac, MONDAY, resource_kind="meeting_room",
                    start_time=dt.time(start), end_time=dt.time(end), **kw)

    first = room_at(member_ada, 10, 12, attendees=8)
    second = room_at(make_member("Bob"), 12, 13)  # touching: half-open intervals

    assert first.resource == second.resource == room(figeac)
    with refused("slot_taken"):
        room_at(make_member("Cleo"), 11, 12)
    with refused("over_capacity"):
        room_at(make_member("Dan"), 14, 15, attendees=9)
    with refused("misaligned"):
        book(make_member("Eve"), figeac, MONDAY, resource_kind="meeting_room",
             start_time=dt.time(14, 30), end_time=dt.time(15, 30))
    with refused("misaligned"):
        book(make_member("Eve"), figeac, MONDAY, resource_kind="meeting_room",
             start_time=dt.time(14, 0, 30), end_time=dt.time(15))
    assert Booking.objects.count() == 2


def test_room_duration_limits(figeac: Space, member_ada: User) -> None:
    BookingPolicyFactory(space=figeac, resource_kind=Resource.Kind.MEETING_ROOM,
                         sale_unit=BookingPolicy.SaleUnit.HALF_HOUR, min_duration_minutes=60,
                         max_duration_minutes=120)

    with refused("too_short"):
        book(member_ada, figeac, MONDAY, resource_kind="meeting_room",
             start_time=dt.time(10), end_time=dt.time(10, 30))
    with refused("too_long"):
        book(member_ada, figeac, MONDAY, resource_kind="meeting_room",
             start_time=dt.time(10), end_time=dt.time(12, 30))
    booking = book(member_ada, figeac, MONDAY, resource_kind="meeting_room",
                   start_time=dt.time(10, 30), end_time=dt.time(11, 30))
    assert booking.part == "custom"


def test_no_resource_of_that_kind(figeac: Space, member_ada: User) -> None:
    with refused("no_resource"):
        book(member_ada, figeac, MONDAY, resource_kind="private_office")


# --- notice, horizon, past, walk-up ------------------------------------------------------------


def test_past_notice_and_horizon(figeac: Space, member_ada: User) -> None:
    BookingPolicyFactory(space=figeac, min_notice_minutes=24 * 60, max_advance_days=30)

    with refused("in_the_past"):
        book(member_ada, figeac, dt.date(2026, 3, 19))
    with refused("too_short_notice"):
        book(member_ada, figeac, dt.date(2026, 3, 20))  # today, under way
    with refused("too_far_ahead"):
        book(member_ada, figeac, dt.date(2026, 4, 20))
    assert book(member_ada, figeac, dt.date(2026, 4, 17)).local_date == dt.date(2026, 4, 17)


def test_walk_up_starts_now(figeac: Space, member_ada: User,
                            make_member: Callable[[str], User]) -> None:
    booking = book(make_member("Bob"), figeac, dt.date(2026, 3, 20), part="afternoon")
    assert booking.start == paris(2026, 3, 20, 13)  # not started yet: a plain booking

    walk_up = book(member_ada, figeac, dt.date(2026, 3, 20), part="morning")

    assert walk_up.source == Booking.Source.WALK_UP
    assert (walk_up.start, walk_up.end) == (paris(2026, 3, 20, 10), paris(2026, 3, 20, 13))


def test_walk_up_room_until_an_end_time(figeac: Space, member_ada: User,
                                        travel: Callable[[dt.datetime], None]) -> None:
    travel(paris(2026, 3, 20, 10, 17))

    booking = book(member_ada, figeac, dt.date(2026, 3, 20), resource_kind="meeting_room",
                   part=None, end_time=dt.time(11), walk_up=True)

    assert (booking.start, booking.end) == (paris(2026, 3, 20, 10, 17), paris(2026, 3, 20, 11))


def test_manager_booking_for_someone_skips_notice(figeac: Space, member_ada: User,
                                                  manager_cy: User) -> None:
    BookingPolicyFactory(space=figeac, min_notice_minutes=24 * 60)

    booking = book(member_ada, figeac, dt.date(2026, 3, 20), booked_by=manager_cy)

    assert booking.source == Booking.Source.MANAGER
    assert booking.booked_by == manager_cy
    assert booking.member == member_ada


# --- per-member limits ------------------------------------------------------------------------


def test_member_cannot_hold_two_desks_at_once(figeac: Space, member_ada: User,
                                              truck: Space) -> None:
    book(member_ada, figeac, TUESDAY)

    with refused("member_already_booked"):
        book(member_ada, truck, TUESDAY)


def test_daily_and_active_limits(figeac: Space, member_ada: User) -> None:
    BookingPolicyFactory(space=figeac, max_bookings_per_member_per_day=1,
                         max_active_bookings_per_member=2)
    book(member_ada, figeac, MONDAY, part="morning")

    with refused("daily_limit_reached"):
        book(member_ada, figeac, MONDAY, part="afternoon")
    book(member_ada, figeac, TUESDAY)
    with refused("active_limit_reached"):
        book(member_ada, figeac, dt.date(2026, 3, 25))


# --- idempotency and holds --------------------------------------------------------------------


def test_idempotency_key_replays_instead_of_booking_twice(figeac: Space,
                                                          member_ada: User) -> None:
    first = book(member_ada, figeac, MONDAY, idempotency_key="k-1")
    again = book(member_ada, figeac, MONDAY, idempotency_key="k-1")

    assert again.pk == first.pk
    assert Booking.objects.count() == 1
    with refused("idempotency_key_reused"):
        book(member_ada, figeac, TUESDAY, idempotency_key="k-1")


def test_same_key_for_two_members_is_two_bookings(figeac: Space, member_ada: User,
                                                  make_member: Callable[[str], User]) -> None:
    book(member_ada, figeac, MONDAY, idempotency_key="same")
    book(make_member("Bob"), figeac, MONDAY, idempotency_key="same")

    assert Booking.objects.count() == 2


def test_paid_booking_is_held_until_payment(figeac: Space, member_ada: User) -> None:
    BookingPolicyFactory(space=figeac, requires_payment=True, hold_minutes=15)

    booking = book(member_ada, figeac, MONDAY)

    assert booking.status == Booking.Status.HELD
    assert booking.expires_at == paris(2026, 3, 20, 10, 15)
