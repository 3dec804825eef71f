"""Series: per-occurrence results, idempotency, cancelling the following occurrences."""

import datetime as dt
from collections.abc import Callable

import pytest

from ostal.accounts.models import User
from ostal.bookings import services
from ostal.bookings.models import Booking, BookingSeries
from ostal.spaces.models import Space
from tests.backend.bookings.conftest import book, desks, refused
from tests.factories import ClosureFactory

pytestmark = pytest.mark.django_db

TUE, THU = 1, 3


def series(space: Space, **kwargs: object) -> services.SeriesRequest:
    values: dict[str, object] = {"space": space, "resource_kind": "desk",
                                 "weekdays": (TUE, THU), "start_date": dt.date(2026, 3, 23),
                                 "part": "day"}
    values.update(kwargs)
    return services.SeriesRequest(**values)  # type: ignore[arg-type]


def test_every_tuesday_and_thursday_until_a_date(figeac: Space, member_ada: User,
                                                 make_member: Callable[[str], User]) -> None:
    ClosureFactory(space=figeac, start_date=dt.date(2026, 3, 26), end_date=dt.date(2026, 3, 26))
    for n, desk in enumerate(desks(figeac)):
        book(make_member(f"M{n}"), figeac, dt.date(2026, 3, 31), resource_id=desk.pk)

    result = services.booking_series_create(
        member=member_ada, request=series(figeac, until_date=dt.date(2026, 4, 9)))

    occurrences = [(o["date"], o["status"], o["code"]) for o in result.series.occurrences]
    assert occurrences == [
        ("2026-03-24", "booked", ""),
        ("2026-03-26", "refused", "closed"),
        ("2026-03-31", "refused", "slot_taken"),
        ("2026-04-02", "booked", ""),
        ("2026-04-07", "booked", ""),
        ("2026-04-09", "booked", ""),
    ]
    assert result.created
    booked = Booking.objects.filter(series=result.series)
    assert booked.count() == 4
    assert {b.source for b in booked} == {Booking.Source.SERIES}
    assert all(o["message"] for o in result.series.occurrences if o["status"] == "refused")


def test_n_occurrences_of_a_room(figeac: Space, member_ada: User) -> None:
    result = services.booking_series_create(
        member=member_ada,
        request=series(figeac, resource_kind="meeting_room", weekdays=(0,), count=3, part=None,
                       start_time=dt.time(9), end_time=dt.time(10), attendees=5))

    dates = [o["date"] for o in result.series.occurrences if o["status"] == "booked"]
    assert dates == ["2026-03-23", "2026-03-30", "2026-04-06"]


def test_series_is_idempotent(figeac: Space, member_ada: User) -> None:
    first = services.booking_series_create(member=member_ada, idempotency_key="s-1",
                                           request=series(figeac, count=2))
    again = services.booking_series_create(member=member_ada, idempotency_key="s-1",
                                           request=series(figeac, count=2))

    assert (again.series.pk, again.created) == (first.series.pk, False)
    assert BookingSeries.objects.count() == 1
    assert Booking.objects.count() == 2
    with refused("idempotency_key_reused"):
        services.booking_series_create(member=member_ada, idempotency_key="s-1",
                                       request=series(figeac, count=3))


def test_too_long_or_empty_series_is_refused(figeac: Space, member_ada: User) -> None:
    with refused("series_too_long"):
        services.booking_series_create(
            member=member_ada, request=series(figeac, weekdays=(0, 1, 2, 3, 4),
                                              until_date=dt.date(2026, 12, 31)))
    with refused("series_empty"):
        services.booking_series_create(
            member=member_ada, request=series(figeac, weekdays=(TUE,),
                                              until_date=dt.date(2026, 3, 23)))
    assert BookingSeries.objects.count() == 0


def test_cancel_this_and_following_occurrences(figeac: Space, member_ada: User) -> None:
    result = services.booking_series_create(member=member_ada,
                                            request=series(figeac, count=4))

    outcome = services.booking_series_cancel(series=result.series, actor=member_ada,
                                             from_date=dt.date(2026, 3, 31))

    assert [b.local_date for b in outcome.cancelled] == [dt.date(2026, 3, 31),
                                                         dt.date(2026, 4, 2)]
    statuses = dict(Booking.objects.filter(series=result.series)
                    .values_list("local_date", "status"))
    assert statuses == {dt.date(2026, 3, 24): "confirmed", dt.date(2026, 3, 26): "confirmed",
                        dt.date(2026, 3, 31): "cancelled", dt.date(2026, 4, 2): "cancelled"}
    result.series.refresh_from_db()
    assert result.series.cancelled_from == dt.date(2026, 3, 31)
