"""booking_cancel and booking_change: deadlines, idempotency, all-or-nothing changes."""

import datetime as dt
from collections.abc import Callable

import pytest

from ostal.accounts.models import User
from ostal.bookings import services
from ostal.bookings.models import Booking
from ostal.spaces.models import Space
from tests.backend.bookings.conftest import MONDAY, TUESDAY, book, desks, refused
from tests.factories.bookings import BookingPolicyFactory, paris

pytestmark = pytest.mark.django_db


def test_cancel_frees_the_desk(figeac: Space, make_member: Callable[[str], User]) -> None:
    bookings = [book(make_member(f"M{n}"), figeac, MONDAY) for n in range(3)]

    cancelled = services.booking_cancel(booking=bookings[0], actor=bookings[0].member)

    assert cancelled.status == Booking.Status.CANCELLED
    assert cancelled.cancelled_at == paris(2026, 3, 20, 10)
    assert cancelled.sequence == 1
    assert book(make_member("Late"), figeac, MONDAY).resource == bookings[0].resource


def test_cancel_twice_is_harmless(figeac: Space, member_ada: User) -> None:
    booking = book(member_ada, figeac, MONDAY)
    services.booking_cancel(booking=booking, actor=member_ada)

    again = services.booking_cancel(booking=booking, actor=member_ada)

    assert again.status == Booking.Status.CANCELLED
    assert again.sequence == 1


def test_member_cannot_cancel_after_the_deadline_but_a_manager_can(
        figeac: Space, member_ada: User, manager_cy: User,
        travel: Callable[[dt.datetime], None]) -> None:
    BookingPolicyFactory(space=figeac, cancellation_deadline_minutes=24 * 60)
    booking = book(member_ada, figeac, MONDAY)
    travel(paris(2026, 3, 22, 9, 1))  # 23h59 before Monday 09:00

    with refused("too_late_to_cancel"):
        services.booking_cancel(booking=booking, actor=member_ada)
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CONFIRMED

    services.booking_cancel(booking=booking, actor=manager_cy)
    booking.refresh_from_db()
    assert (booking.status, booking.cancelled_by) == (Booking.Status.CANCELLED, manager_cy)


def test_stranger_manager_counts_as_a_member(figeac: Space, member_ada: User,
                                             stranger_manager_dee: User,
                                             travel: Callable[[dt.datetime], None]) -> None:
    booking = book(member_ada, figeac, MONDAY)
    travel(paris(2026, 3, 23, 8, 30))

    with refused("too_late_to_cancel"):
        services.booking_cancel(booking=booking, actor=stranger_manager_dee)


def test_change_moves_the_booking_in_place(figeac: Space, member_ada: User) -> None:
    booking = book(member_ada, figeac, MONDAY)

    changed = services.booking_change(booking=booking, actor=member_ada,
                                      change=services.BookingChange(date=TUESDAY,
                                                                    part="morning"))

    assert changed.pk == booking.pk
    assert (changed.local_date, changed.part) == (TUESDAY, "morning")
    assert (changed.start, changed.end) == (paris(2026, 3, 24, 9), paris(2026, 3, 24, 13))
    assert changed.resource == booking.resource  # kept: it was free
    assert changed.sequence == 1
    assert Booking.objects.count() == 1


def test_refused_change_keeps_the_old_booking(figeac: Space, member_ada: User,
                                              make_member: Callable[[str], User]) -> None:
    booking = book(member_ada, figeac, MONDAY, part="morning")
    for n in range(3):
        book(make_member(f"M{n}"), figeac, TUESDAY)

    with refused("slot_taken"):
        services.booking_change(booking=booking, actor=member_ada,
                                change=services.BookingChange(date=TUESDAY))

    booking.refresh_from_db()
    assert (booking.local_date, booking.part, booking.status) == (MONDAY, "morning",
                                                                  Booking.Status.CONFIRMED)
    assert booking.sequence == 0


def test_change_to_a_taken_desk_moves_to_another_one(figeac: Space, member_ada: User,
                                                     make_member: Callable[[str], User]) -> None:
    d1 = desks(figeac)[0]
    booking = book(member_ada, figeac, MONDAY, resource_id=d1.pk)
    book(make_member("Bob"), figeac, TUESDAY, resource_id=d1.pk)

    changed = services.booking_change(booking=booking, actor=member_ada,
                                      change=services.BookingChange(date=TUESDAY))

    assert changed.resource != d1
    assert changed.local_date == TUESDAY


def test_change_room_times_and_attendees(figeac: Space, member_ada: User) -> None:
    booking = book(member_ada, figeac, MONDAY, resource_kind="meeting_room",
                   start_time=dt.time(10), end_time=dt.time(11))

    changed = services.booking_change(
        booking=booking, actor=member_ada,
        change=services.BookingChange(start_time=dt.time(14), end_time=dt.time(16),
                                      attendees=6))

    assert (changed.start, changed.end, changed.attendees) == (
        paris(2026, 3, 23, 14), paris(2026, 3, 23, 16), 6)
    with refused("over_capacity"):
        services.booking_change(booking=booking, actor=member_ada,
                                change=services.BookingChange(attendees=20))
    moved = services.booking_change(booking=booking, actor=member_ada,
                                    change=services.BookingChange(date=TUESDAY))
    assert (moved.start, moved.end) == (paris(2026, 3, 24, 14), paris(2026, 3, 24, 16))


def test_change_after_deadline_or_once_inactive_is_refused(
        figeac: Space, member_ada: User, travel: Callable[[dt.datetime], None]) -> None:
    booking = book(member_ada, figeac, MONDAY)
    travel(paris(2026, 3, 23, 8, 30))

    with refused("too_late_to_change"):
        services.booking_change(booking=booking, actor=member_ada,
                                change=services.BookingChange(date=TUESDAY))
    Booking.objects.filter(pk=booking.pk).update(status=Booking.Status.CANCELLED)
    with refused("not_active"):
        services.booking_change(booking=booking, actor=member_ada,
                                change=services.BookingChange(date=TUESDAY))


def test_checked_in_booking_cannot_be_cancelled_by_its_member(
        figeac: Space, member_ada: User, travel: Callable[[dt.datetime], None]) -> None:
    booking = book(member_ada, figeac, MONDAY)
    travel(paris(2026, 3, 23, 9))
    services.booking_check_in(booking=booking, actor=member_ada)

    with refused("not_active"):
        services.booking_cancel(booking=booking, actor=member_ada)
