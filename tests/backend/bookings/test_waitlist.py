"""Waiting list: join when full, offers as held desks, expiry passes to the next in line."""

from collections.abc import Callable

import pytest

from ostal.accounts.models import User
from ostal.bookings import services
from ostal.bookings.models import Booking, WaitlistEntry
from ostal.spaces.models import Space
from tests.backend.bookings.conftest import MONDAY, TUESDAY, book, refused
from tests.factories.bookings import BookingPolicyFactory, paris

pytestmark = pytest.mark.django_db


@pytest.fixture
def full_monday(figeac: Space, make_member: Callable[[str], User]) -> list[Booking]:
    return [book(make_member(f"M{n}"), figeac, MONDAY) for n in range(3)]


def join(member: User, space: Space, **kw: object) -> WaitlistEntry:
    return services.waitlist_join(member=member, space=space, resource_kind="desk",
                                  date=kw.pop("date", MONDAY), **kw)  # type: ignore[arg-type]


def test_join_only_when_full(figeac: Space, member_ada: User,
                             full_monday: list[Booking]) -> None:
    with refused("waitlist_not_full"):
        join(member_ada, figeac, date=TUESDAY)

    entry = join(member_ada, figeac)

    assert entry.status == WaitlistEntry.Status.WAITING
    with refused("waitlist_already_joined"):
        join(member_ada, figeac)
    with refused("waitlist_not_sold_by_day"):
        services.waitlist_join(member=member_ada, space=figeac, resource_kind="meeting_room",
                               date=MONDAY)


def test_first_in_line_gets_a_held_desk_when_one_frees_up(
        figeac: Space, member_ada: User, make_member: Callable[[str], User],
        full_monday: list[Booking]) -> None:
    first = join(member_ada, figeac)
    second = join(make_member("Bob"), figeac)

    services.booking_cancel(booking=full_monday[1], actor=full_monday[1].member)

    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == WaitlistEntry.Status.OFFERED
    assert first.offer_expires_at == paris(2026, 3, 20, 11)  # default 60 minutes
    offer = first.offered_booking
    assert offer is not None
    assert (offer.status, offer.member, offer.source) == (Booking.Status.HELD, member_ada,
                                                          Booking.Source.WAITLIST)
    assert offer.resource == full_monday[1].resource
    assert second.status == WaitlistEntry.Status.WAITING
    with refused("slot_taken"):  # the held desk is nobody else's
        book(make_member("Sneaky"), figeac, MONDAY)

    accepted = services.waitlist_accept(entry=first)

    assert accepted.status == WaitlistEntry.Status.ACCEPTED
    offer.refresh_from_db()
    assert (offer.status, offer.expires_at) == (Booking.Status.CONFIRMED, None)


def test_expired_offer_passes_to_the_next(figeac: Space, member_ada: User,
                                          make_member: Callable[[str], User],
                                          full_monday: list[Booking],
                                          travel: Callable[..., None]) -> None:
    BookingPolicyFactory(space=figeac, waitlist_offer_minutes=30)
    first = join(member_ada, figeac)
    bob = make_member("Bob")
    second = join(bob, figeac)
    services.booking_cancel(booking=full_monday[0], actor=full_monday[0].member)
    travel(paris(2026, 3, 20, 10, 31))

    with refused("offer_expired"):
        services.waitlist_accept(entry=first)
    assert services.waitlist_expire_offers() == 1

    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == WaitlistEntry.Status.EXPIRED
    assert first.offered_booking is not None
    assert first.offered_booking.status == Booking.Status.EXPIRED
    assert second.status == WaitlistEntry.Status.OFFERED
    assert second.offered_booking is not None
    assert second.offered_booking.member == bob
    assert services.waitlist_expire_offers() == 0  # nothing due twice


def test_leaving_with_an_offer_passes_it_on(figeac: Space, member_ada: User,
                                            make_member: Callable[[str], User],
                                            full_monday: list[Booking]) -> None:
    first = join(member_ada, figeac)
    second = join(make_member("Bob"), figeac)
    services.booking_cancel(booking=full_monday[2], actor=full_monday[2].member)

    services.waitlist_leave(entry=first)

    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == WaitlistEntry.Status.CANCELLED
    assert first.offered_booking.status == Booking.Status.CANCELLED  # type: ignore[union-attr]
    assert second.status == WaitlistEntry.Status.OFFERED


def test_member_who_booked_elsewhere_is_skipped(figeac: Space, truck: Space,
                                                member_ada: User,
                                                make_member: Callable[[str], User],
                                                full_monday: list[Booking]) -> None:
    BookingPolicyFactory(space=truck, max_advance_days=90)
    first = join(member_ada, figeac)
    second = join(make_member("Bob"), figeac)
    book(member_ada, figeac, TUESDAY)  # another day: still eligible
    services.booking_cancel(booking=full_monday[0], actor=full_monday[0].member)

    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == WaitlistEntry.Status.OFFERED
    assert second.status == WaitlistEntry.Status.WAITING


def test_cancelling_an_offered_booking_declines_the_offer(
        figeac: Space, member_ada: User, make_member: Callable[[str], User],
        full_monday: list[Booking]) -> None:
    first = join(member_ada, figeac)
    second = join(make_member("Bob"), figeac)
    services.booking_cancel(booking=full_monday[0], actor=full_monday[0].member)
    first.refresh_from_db()
    assert first.offered_booking is not None

    services.booking_cancel(booking=first.offered_booking, actor=member_ada)

    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == WaitlistEntry.Status.CANCELLED
    assert second.status == WaitlistEntry.Status.OFFERED
