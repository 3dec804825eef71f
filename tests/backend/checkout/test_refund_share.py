"""What closing a booking gives back (`refund_share`), and the fill of `confirmed_at` for the
bookings made before a booking recorded when it was confirmed."""

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from ostal.billing.pricing import refund_share
from ostal.bookings.models import Booking
from ostal.bookings.services import booking_cancel, booking_confirm_hold
from tests.factories import ResourceFactory, SpaceFactory
from tests.factories.bookings import BookingFactory


@pytest.fixture
def space_cy(operator_cy):
    return SpaceFactory(operator=operator_cy)


@pytest.fixture
def desk(space_cy):
    return ResourceFactory(space=space_cy, kind="desk")


def _held(desk, member, starts_in):
    start = timezone.now() + starts_in
    return BookingFactory(resource=desk, member=member, status=Booking.Status.HELD,
                          start=start, end=start + dt.timedelta(hours=8),
                          expires_at=timezone.now() + dt.timedelta(minutes=15))


def test_a_booking_cancelled_while_held_gives_everything_back_even_after_the_deadline(
        desk, member_ada, settings):
    settings.BILLING_LATE_CANCELLATION_REFUND_PERCENT = 0
    booking = _held(desk, member_ada, starts_in=dt.timedelta(minutes=30))  # deadline: 60 min

    booking = booking_cancel(booking=booking, actor=member_ada)

    assert (booking.status, booking.confirmed_at) == ("cancelled", None)
    assert refund_share(booking) == 100


def test_a_confirmed_booking_cancelled_late_gives_back_the_late_share(desk, member_ada,
                                                                     settings):
    settings.BILLING_LATE_CANCELLATION_REFUND_PERCENT = 30
    booking = booking_confirm_hold(booking=_held(desk, member_ada, dt.timedelta(minutes=30)))
    assert booking.confirmed_at is not None

    booking = booking_cancel(booking=booking, actor=member_ada, late=True)

    assert refund_share(booking) == 30


@pytest.mark.django_db(transaction=True)
def test_the_fill_marks_as_confirmed_what_was_confirmed_before_the_field_existed(
        space_cy, member_ada):
    desk = ResourceFactory(space=space_cy, kind="desk")
    start = timezone.now() + dt.timedelta(days=2)
    executor = MigrationExecutor(connection)
    executor.migrate([("bookings", "0003_booking_confirmed_at")])
    old = executor.loader.project_state([("bookings", "0003_booking_confirmed_at")]).apps
    OldBooking = old.get_model("bookings", "Booking")
    hold = dt.timedelta(minutes=15)
    rows = {}
    for n, (status, expires_at) in enumerate([
            ("confirmed", None), ("checked_in", None), ("no_show", None),
            ("cancelled", None),                    # cancelled after being confirmed
            ("cancelled", timezone.now() + hold),   # cancelled while held
            ("held", timezone.now() + hold), ("expired", timezone.now() - hold)]):
        day_start = start + dt.timedelta(days=n)
        rows[(status, expires_at is None)] = OldBooking.objects.create(
            space_id=space_cy.pk, resource_id=desk.pk, resource_kind="desk",
            member_id=member_ada.pk, status=status, start=day_start,
            end=day_start + dt.timedelta(hours=8), local_date=day_start.date(), part="day",
            expires_at=expires_at, confirmed_at=None).pk

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())

    confirmed = {key for key, pk in rows.items()
                 if Booking.objects.get(pk=pk).confirmed_at is not None}
    assert confirmed == {("confirmed", True), ("checked_in", True), ("no_show", True),
                         ("cancelled", True)}
    filled = Booking.objects.get(pk=rows[("confirmed", True)])
    assert filled.confirmed_at == filled.created_at
