"""Hold expiry sweep and the worker tasks that call the sweeps."""

from collections.abc import Callable

import pytest

from ostal.accounts.models import User
from ostal.bookings import services
from ostal.bookings.models import Booking
from ostal.spaces.models import Space
from tests.backend.bookings.conftest import MONDAY, book
from tests.factories.bookings import BookingPolicyFactory, paris


@pytest.mark.django_db
def test_unpaid_hold_is_released_after_its_window(figeac: Space, member_ada: User,
                                                  make_member: Callable[[str], User],
                                                  travel: Callable[..., None]) -> None:
    BookingPolicyFactory(space=figeac, requires_payment=True, hold_minutes=15)
    held = book(member_ada, figeac, MONDAY)
    paid = book(make_member("Bob"), figeac, MONDAY)
    services.booking_confirm_hold(booking=paid)

    travel(paris(2026, 3, 20, 10, 14))
    assert services.booking_release_expired_holds() == 0
    travel(paris(2026, 3, 20, 10, 15))
    assert services.booking_release_expired_holds() == 1
    assert services.booking_release_expired_holds() == 0

    held.refresh_from_db()
    paid.refresh_from_db()
    assert (held.status, held.released_at) == (Booking.Status.EXPIRED, paris(2026, 3, 20, 10, 15))
    assert paid.status == Booking.Status.CONFIRMED


@pytest.mark.django_db
def test_a_late_payment_cannot_confirm_an_expired_hold(figeac: Space, member_ada: User,
                                                       travel: Callable[..., None]) -> None:
    from tests.backend.bookings.conftest import refused

    BookingPolicyFactory(space=figeac, requires_payment=True, hold_minutes=15)
    held = book(member_ada, figeac, MONDAY)
    travel(paris(2026, 3, 20, 10, 20))

    with refused("hold_expired"):  # even before the sweep ran
        services.booking_confirm_hold(booking=held)


@pytest.mark.django_db
def test_worker_tasks_call_the_sweeps(figeac: Space, member_ada: User,
                                      travel: Callable[..., None]) -> None:
    from worker import bookings as tasks

    BookingPolicyFactory(space=figeac, requires_payment=True, hold_minutes=15)
    book(member_ada, figeac, MONDAY)
    travel(paris(2026, 3, 20, 11))

    assert tasks.release_expired_holds() == 1
    assert tasks.release_no_shows() == 0
    assert tasks.expire_waitlist_offers() == 0


def test_every_bookings_beat_entry_names_a_registered_task() -> None:
    from celery.schedules import crontab

    from worker.app import app
    from worker.schedule import BEAT_SCHEDULE

    app.loader.import_default_modules()
    ours = {"bookings.release_expired_holds", "bookings.release_no_shows",
            "bookings.expire_waitlist_offers"}
    scheduled = {entry["task"]: entry["schedule"] for entry in BEAT_SCHEDULE.values()
                 if entry["task"].startswith("bookings.")}

    assert set(scheduled) == ours
    assert ours <= set(app.tasks)
    assert all(str(schedule) == str(crontab()) for schedule in scheduled.values())  # minutely
