"""Check-in by the place's code or the booking's signed code; no-shows."""

import datetime as dt
from collections.abc import Callable

import pytest

from ostal.accounts.models import User
from ostal.bookings import services
from ostal.bookings.models import Booking
from ostal.spaces.models import Space
from tests.backend.bookings.conftest import MONDAY, book, refused
from tests.factories.bookings import BookingPolicyFactory, paris

pytestmark = pytest.mark.django_db


def test_member_checks_in_by_scanning_the_place_code(figeac: Space, member_ada: User,
                                                     travel: Callable[..., None]) -> None:
    booking = book(member_ada, figeac, MONDAY)
    token = services.space_check_in_code_get_or_create(space=figeac).token
    travel(paris(2026, 3, 23, 8, 20))

    with refused("check_in_nothing_to_check_in"):  # 40 min early
        services.booking_check_in_with_space_token(member=member_ada, token=token)
    travel(paris(2026, 3, 23, 8, 35))
    checked = services.booking_check_in_with_space_token(member=member_ada, token=token)

    assert checked.pk == booking.pk
    assert (checked.status, checked.checked_in_at) == (Booking.Status.CHECKED_IN,
                                                       paris(2026, 3, 23, 8, 35))
    again = services.booking_check_in_with_space_token(member=member_ada, token=token)
    assert again.pk == booking.pk
    with refused("check_in_invalid_code"):
        services.booking_check_in_with_space_token(member=member_ada, token="nope")


def test_rotated_code_stops_working(figeac: Space, member_ada: User,
                                    travel: Callable[..., None]) -> None:
    book(member_ada, figeac, MONDAY)
    old = services.space_check_in_code_get_or_create(space=figeac).token
    new = services.space_check_in_code_rotate(space=figeac).token
    travel(paris(2026, 3, 23, 9))

    assert old != new
    with refused("check_in_invalid_code"):
        services.booking_check_in_with_space_token(member=member_ada, token=old)


def test_manager_scans_the_booking_code(figeac: Space, member_ada: User, manager_cy: User,
                                        travel: Callable[..., None]) -> None:
    booking = book(member_ada, figeac, MONDAY)
    code = services.booking_signed_code(booking)
    travel(paris(2026, 3, 23, 9, 10))

    checked = services.booking_check_in_with_signed_code(
        bookings=Booking.objects.managed_by(manager_cy), code=code, actor=manager_cy)

    assert (checked.status, checked.checked_in_by) == (Booking.Status.CHECKED_IN, manager_cy)
    with refused("check_in_invalid_code"):
        services.booking_check_in_with_signed_code(
            bookings=Booking.objects.managed_by(manager_cy), code=code[:-2] + "xx",
            actor=manager_cy)


def test_no_show_sweep_releases_the_desk_after_the_grace_period(
        figeac: Space, member_ada: User, make_member: Callable[[str], User],
        travel: Callable[..., None]) -> None:
    BookingPolicyFactory(space=figeac, no_show_grace_minutes=30)
    absent = book(member_ada, figeac, MONDAY)
    present = book(make_member("Bob"), figeac, MONDAY)
    also_present = book(make_member("Cleo"), figeac, MONDAY)
    travel(paris(2026, 3, 23, 9, 5))
    for booking in (present, also_present):
        services.booking_check_in(booking=booking, actor=booking.member)

    travel(paris(2026, 3, 23, 9, 29))
    assert services.booking_release_no_shows() == 0
    travel(paris(2026, 3, 23, 9, 30))
    assert services.booking_release_no_shows() == 1
    assert services.booking_release_no_shows() == 0  # idempotent

    absent.refresh_from_db()
    present.refresh_from_db()
    assert (absent.status, absent.no_show_at) == (Booking.Status.NO_SHOW,
                                                  paris(2026, 3, 23, 9, 30))
    assert present.status == Booking.Status.CHECKED_IN
    walk_up = book(make_member("Walker"), figeac, MONDAY)
    assert walk_up.resource == absent.resource
    assert walk_up.start == paris(2026, 3, 23, 9, 30)
    with refused("check_in_not_confirmed"):
        services.booking_check_in(booking=absent, actor=member_ada)


def test_manager_marks_a_no_show_only_after_the_start(figeac: Space, member_ada: User,
                                                      manager_cy: User,
                                                      travel: Callable[..., None]) -> None:
    booking = book(member_ada, figeac, MONDAY)

    with refused("no_show_too_early"):
        services.booking_mark_no_show(booking=booking, actor=manager_cy)
    travel(paris(2026, 3, 23, 9, 0))
    marked = services.booking_mark_no_show(booking=booking, actor=manager_cy)

    assert marked.status == Booking.Status.NO_SHOW


def test_check_in_window(figeac: Space, member_ada: User,
                         travel: Callable[..., None]) -> None:
    booking = book(member_ada, figeac, MONDAY, part="morning")

    with refused("check_in_too_early"):
        services.booking_check_in(booking=booking, actor=member_ada)
    travel(paris(2026, 3, 23, 13))
    with refused("check_in_too_late"):
        services.booking_check_in(booking=booking, actor=member_ada)
    assert dt.timedelta(minutes=30)  # window opens 30 min before the start (see above)
