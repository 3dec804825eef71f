"""rollups_rebuild(): open and booked time computed by hand on a small fixed week.

La Fabrique: D1, D2 (desks) and Salle 1, Mon-Fri 09:00-18:00 = 540 min per resource.
- Fri 27 March: D1 day (540), D2 morning 09-13 checked in (240), D2 afternoon cancelled,
  Salle 1 10:00-11:30 (90);
- Sat 28: closed (no hours);
- Sun 29 March, the spring DST day (23 hours): special opening 09:00-18:00 = still 540 min;
  D1 afternoon 13-18 (300);
- Mon 30: closure;
- Tue 31: D1 day booking, no-show (not booked time).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from ostal.analytics.models import (
    MemberActivityMonthly,
    OccupancyDaily,
    OccupancyHourly,
    RevenueDaily,
)
from ostal.analytics.services import hour_boundaries, rollups_rebuild
from ostal.billing.models import Payment
from ostal.bookings.models import Booking
from ostal.spaces.models import Space
from tests.backend.analytics.conftest import booking, resource, spend_credits
from tests.factories import ClosureFactory, ItineraryStopFactory, SpecialOpeningFactory, commune
from tests.factories.bookings import PARIS, paris

pytestmark = pytest.mark.django_db

FRI, SAT, SUN, MON, TUE = (dt.date(2026, 3, d) for d in (27, 28, 29, 30, 31))


@pytest.fixture
def week(fabrique: Space) -> Space:
    booking(fabrique, "D1", FRI, (9, 0), (18, 0), part="day")
    booking(fabrique, "D2", FRI, (9, 0), (13, 0), part="morning",
            status=Booking.Status.CHECKED_IN)
    booking(fabrique, "D2", FRI, (13, 0), (18, 0), part="afternoon",
            status=Booking.Status.CANCELLED)
    booking(fabrique, "Salle 1", FRI, (10, 0), (11, 30))
    SpecialOpeningFactory(space=fabrique, date=SUN, opens=dt.time(9), closes=dt.time(18))
    booking(fabrique, "D1", SUN, (13, 0), (18, 0), part="afternoon")
    ClosureFactory(space=fabrique, start_date=MON, end_date=MON)
    booking(fabrique, "D1", TUE, (9, 0), (18, 0), part="day", status=Booking.Status.NO_SHOW)
    return fabrique


def kind_row(space: Space, kind: str, day: dt.date) -> tuple[int, ...]:
    row = OccupancyDaily.objects.filter(space=space, resource__isnull=True, resource_kind=kind,
                                        local_date=day).first()
    if row is None:  # closed and nothing booked: no row
        return (0, 0, 0, 0, 0, 0)
    return (row.open_minutes, row.booked_minutes, row.bookings, row.cancellations,
            row.no_shows, row.checked_in)


def resource_row(space: Space, name: str, day: dt.date) -> tuple[int, int]:
    row = OccupancyDaily.objects.filter(resource=resource(space, name), local_date=day).first()
    return (row.open_minutes, row.booked_minutes) if row else (0, 0)


def test_counts_full_days_half_days_and_custom_times(week: Space) -> None:
    rollups_rebuild(FRI, TUE, spaces=[week])

    # (open, booked, bookings, cancellations, no-shows, checked in)
    assert kind_row(week, "desk", FRI) == (2 * 540, 540 + 240, 3, 1, 0, 1)
    assert kind_row(week, "meeting_room", FRI) == (540, 90, 1, 0, 0, 0)
    assert resource_row(week, "D1", FRI) == (540, 540)
    assert resource_row(week, "D2", FRI) == (540, 240)  # the cancelled afternoon is not booked


def test_closed_days_have_no_open_time(week: Space) -> None:
    rollups_rebuild(FRI, TUE, spaces=[week])

    assert kind_row(week, "desk", SAT) == (0, 0, 0, 0, 0, 0)
    assert kind_row(week, "desk", MON) == (0, 0, 0, 0, 0, 0)  # closure


def test_dst_day_opening_is_still_nine_hours(week: Space) -> None:
    rollups_rebuild(FRI, TUE, spaces=[week])

    assert kind_row(week, "desk", SUN) == (2 * 540, 300, 1, 0, 0, 0)
    hours = dict(OccupancyHourly.objects.filter(space=week, resource_kind="desk", local_date=SUN)
                 .values_list("hour", "booked_minutes"))
    opened = dict(OccupancyHourly.objects.filter(space=week, resource_kind="desk",
                                                 local_date=SUN)
                  .values_list("hour", "open_minutes"))
    assert opened == dict.fromkeys(range(9, 18), 120)  # 2 desks x 60 min, local hours
    assert {h: m for h, m in hours.items() if m} == {13: 60, 14: 60, 15: 60, 16: 60, 17: 60}


def test_no_show_is_counted_but_not_booked_time(week: Space) -> None:
    rollups_rebuild(FRI, TUE, spaces=[week])

    assert kind_row(week, "desk", TUE) == (1080, 0, 1, 0, 1, 0)


def test_week_rate_by_hand(week: Space) -> None:
    rollups_rebuild(FRI, TUE, spaces=[week])

    rows = OccupancyDaily.objects.filter(space=week, resource__isnull=True, resource_kind="desk")
    open_minutes = sum(r.open_minutes for r in rows)
    booked = sum(r.booked_minutes for r in rows)
    assert (open_minutes, booked) == (3 * 1080, 780 + 300)  # Fri, Sun, Tue open: 1/3 booked


def test_night_opening_across_dst_changes_counts_real_time(fabrique: Space) -> None:
    spring, autumn = dt.date(2026, 3, 29), dt.date(2026, 10, 25)
    for day in (spring, autumn):
        SpecialOpeningFactory(space=fabrique, date=day, opens=dt.time(1), closes=dt.time(4))

    rollups_rebuild(spring, spring, spaces=[fabrique])
    rollups_rebuild(autumn, autumn, spaces=[fabrique])

    assert resource_row(fabrique, "D1", spring) == (120, 0)  # 02:00-03:00 does not exist
    assert resource_row(fabrique, "D1", autumn) == (240, 0)  # 02:00-03:00 happens twice
    autumn_hours = dict(OccupancyHourly.objects.filter(
        space=fabrique, resource_kind="meeting_room", local_date=autumn)
        .values_list("hour", "open_minutes"))
    assert autumn_hours == {1: 60, 2: 120, 3: 60}


def test_hour_boundaries_on_dst_days() -> None:
    spring = hour_boundaries(dt.date(2026, 3, 29), PARIS)
    autumn = hour_boundaries(dt.date(2026, 10, 25), PARIS)

    assert len(spring) == len(autumn) == 25
    assert (spring[-1] - spring[0]) == dt.timedelta(hours=23)
    assert (autumn[-1] - autumn[0]) == dt.timedelta(hours=25)
    assert spring[2] == spring[3]  # hour 2 is empty


def test_rebuild_is_idempotent_and_follows_changes(week: Space) -> None:
    def snapshot() -> list[tuple[object, ...]]:
        return sorted(OccupancyDaily.objects.values_list(
            "space_id", "resource_id", "resource_kind", "local_date", "open_minutes",
            "booked_minutes", "bookings", "cancellations", "no_shows", "checked_in"),
            key=str)

    rollups_rebuild(FRI, TUE, spaces=[week])
    first = snapshot()
    rollups_rebuild(FRI, TUE, spaces=[week])
    assert snapshot() == first
    assert OccupancyDaily.objects.count() == len(first)

    Booking.objects.filter(resource=resource(week, "Salle 1")).update(
        status=Booking.Status.CANCELLED)
    rollups_rebuild(FRI, FRI, spaces=[week])

    assert kind_row(week, "meeting_room", FRI) == (540, 0, 1, 1, 0, 0)
    assert kind_row(week, "desk", SUN) == (1080, 300, 1, 0, 0, 0)  # other days untouched


def test_itinerant_place_is_open_on_its_stops_only(operator_dee: object) -> None:
    stop = ItineraryStopFactory(date=TUE, opens=dt.time(10), closes=dt.time(16))
    truck = stop.space
    desk = truck.resources.create(kind="desk", name="T1")

    rollups_rebuild(MON, TUE, spaces=[truck])

    assert not OccupancyDaily.objects.filter(resource=desk, local_date=MON).exists()
    assert OccupancyDaily.objects.get(resource=desk, local_date=TUE).open_minutes == 360


def test_revenue_and_credits_of_the_day(week: Space) -> None:
    paid = Booking.objects.get(resource=resource(week, "Salle 1"))
    Payment.objects.create(payer=paid.member, purpose=Payment.Purpose.BOOKING, booking=paid,
                           seller_key="operator:1", description="Salle", amount=Decimal("30.00"),
                           amount_refunded=Decimal("5.00"),
                           status=Payment.Status.PARTIALLY_REFUNDED)
    day_desk = Booking.objects.get(resource=resource(week, "D1"), local_date=FRI)
    half_desk = Booking.objects.get(resource=resource(week, "D2"), local_date=FRI,
                                    status=Booking.Status.CHECKED_IN)
    spend_credits(day_desk.member, day_desk, 100, network=True)
    spend_credits(half_desk.member, half_desk, 50, network=False)

    rollups_rebuild(FRI, FRI, spaces=[week])

    row = RevenueDaily.objects.get(space=week, local_date=FRI)
    assert (row.booking_revenue, row.plan_revenue, row.credit_units, row.pass_credit_units) == (
        Decimal("25.00"), Decimal("0.00"), 150, 100)


def test_member_activity_counts_present_days_once(fabrique: Space, dee_place: Space) -> None:
    from tests.backend.analytics.conftest import people

    ada, bob = people(2)
    april = dt.date(2026, 4, 1)
    booking(fabrique, "D1", dt.date(2026, 4, 14), (9, 0), (18, 0), member=ada)  # past: present
    booking(dee_place, "D1", dt.date(2026, 4, 14), (13, 0), (18, 0), member=ada)  # same day
    booking(fabrique, "D1", dt.date(2026, 4, 15), (9, 0), (13, 0), member=ada,
            status=Booking.Status.CHECKED_IN)  # today, checked in: present
    booking(fabrique, "D2", dt.date(2026, 4, 15), (9, 0), (13, 0), member=bob)  # today: not yet
    booking(fabrique, "D2", dt.date(2026, 4, 16), (9, 0), (13, 0), member=bob)  # future

    rollups_rebuild(april, dt.date(2026, 4, 30))

    rows = {(r.member_id, r.space_id, r.commune_id): r.days_present
            for r in MemberActivityMonthly.objects.filter(month=april)}
    assert rows == {(ada.pk, fabrique.pk, "46102"): 2}


def test_member_activity_of_an_itinerant_place_uses_the_stop_commune(db: None) -> None:
    from tests.backend.analytics.conftest import people

    (ada,) = people(1)
    stop = ItineraryStopFactory(date=dt.date(2026, 4, 7), commune=commune("48092"))
    desk = stop.space.resources.create(kind="desk", name="T1")
    from tests.factories.bookings import BookingFactory

    BookingFactory(resource=desk, member=ada, start=paris(2026, 4, 7, 10),
                   end=paris(2026, 4, 7, 16), status=Booking.Status.CHECKED_IN)

    rollups_rebuild(dt.date(2026, 4, 1), dt.date(2026, 4, 30))

    row = MemberActivityMonthly.objects.get()
    assert (row.commune_id, row.days_present) == ("48092", 1)
