"""A manager sets the booking rules of a resource kind at their place (issue 15), and members
booking through the API meet them: notice, booking window, durations, cancellation deadline,
no-show grace, per-member limits, hold time. Two managers saving the same rules: the second
is refused 409 with the current values. Bad input: 400 on the field, nothing written.

Time is frozen on Friday 2026-03-20, 10:00 in Paris; La Fabrique (Figeac) opens Mon-Fri
09:00-18:00 (tests/backend/bookings/conftest.py).
"""

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from rest_framework.test import APIClient

from ostal.accounts.models import User
from ostal.bookings import services
from ostal.bookings.models import Booking, BookingPolicy
from ostal.bookings.services import booking_policy_update
from ostal.spaces.models import Space
from ostal.spaces.services import version_of
from tests.backend.billing.concurrency import requires_postgres, run_concurrently
from tests.factories.bookings import paris

pytestmark = pytest.mark.django_db


@pytest.fixture
def cy(client_as: Callable[[str], APIClient]) -> APIClient:
    return client_as("manager_cy")


@pytest.fixture
def ada(client_as: Callable[[str], APIClient]) -> APIClient:
    return client_as("member_ada")


def rules_url(space: Space, pk: int | None = None) -> str:
    base = f"/api/v1/manage/spaces/{space.pk}/booking-policies/"
    return f"{base}{pk}/" if pk else base


def set_rules(client: APIClient, space: Space, **rules: Any) -> Any:
    response = client.post(rules_url(space), rules, format="json")
    assert response.status_code == 201, response.json()
    return response.json()


def book(client: APIClient, space: Space, date: str, **slot: Any) -> Any:
    slot = slot or {"part": "day"}
    return client.post("/api/v1/bookings/", {"space": space.slug, "date": date, **slot},
                       format="json")


def code_of(response: Any) -> tuple[int, str]:
    return response.status_code, response.json().get("code", "")


def test_notice_set_by_the_manager_refuses_a_booking_too_soon(cy, ada, figeac) -> None:
    set_rules(cy, figeac, resource_kind="desk", sale_unit="day", min_notice_minutes=3 * 24 * 60)

    monday = book(ada, figeac, "2026-03-23")  # 71 hours ahead
    tuesday = book(ada, figeac, "2026-03-24")  # 95 hours ahead

    assert code_of(monday) == (400, "too_short_notice")
    assert "4320" in monday.json()["message"]
    assert tuesday.status_code == 201, tuesday.json()


def test_booking_window_refuses_a_date_beyond_it(cy, ada, figeac) -> None:
    set_rules(cy, figeac, resource_kind="desk", sale_unit="day", max_advance_days=10)

    far = book(ada, figeac, "2026-04-06")  # 17 days ahead
    near = book(ada, figeac, "2026-03-27")

    assert code_of(far) == (400, "too_far_ahead")
    assert near.status_code == 201, near.json()


def test_meeting_room_durations_and_per_day_limit(cy, ada, figeac) -> None:
    set_rules(cy, figeac, resource_kind="meeting_room", sale_unit="hour",
              min_duration_minutes=120, max_duration_minutes=180,
              max_bookings_per_member_per_day=1)
    room = {"kind": "meeting_room"}

    short = book(ada, figeac, "2026-03-23", start_time="09:00", end_time="10:00", **room)
    long = book(ada, figeac, "2026-03-23", start_time="09:00", end_time="13:00", **room)
    fits = book(ada, figeac, "2026-03-23", start_time="09:00", end_time="11:00", **room)
    second = book(ada, figeac, "2026-03-23", start_time="14:00", end_time="16:00", **room)

    assert code_of(short) == (400, "too_short")
    assert code_of(long) == (400, "too_long")
    assert fits.status_code == 201, fits.json()
    assert code_of(second) == (409, "daily_limit_reached")


def test_active_booking_limit_per_member(cy, ada, figeac) -> None:
    set_rules(cy, figeac, resource_kind="desk", sale_unit="day",
              max_active_bookings_per_member=2)

    results = [book(ada, figeac, date).status_code
               for date in ("2026-03-23", "2026-03-24", "2026-03-25")]

    assert results == [201, 201, 409]
    assert Booking.objects.filter(member__email="ada@example.org").count() == 2


def test_cancellation_deadline_set_by_the_manager(cy, ada, figeac) -> None:
    set_rules(cy, figeac, resource_kind="desk", sale_unit="day",
              cancellation_deadline_minutes=4 * 24 * 60)
    booking = book(ada, figeac, "2026-03-23").json()  # starts in 71 hours

    # Monday 09:00 Paris minus four days: the deadline the member is shown has passed already.
    assert booking["cancellation_deadline"] == "2026-03-19T08:00:00Z"
    cancel = ada.post(f"/api/v1/bookings/{booking['id']}/cancel/", {}, format="json")
    assert code_of(cancel) == (400, "too_late_to_cancel")
    assert Booking.objects.get(pk=booking["id"]).status == "confirmed"


def test_no_show_grace_set_by_the_manager_releases_the_desk(cy, ada, figeac, travel) -> None:
    set_rules(cy, figeac, resource_kind="desk", sale_unit="day", no_show_grace_minutes=30)
    booking = book(ada, figeac, "2026-03-23").json()

    kept = services.booking_release_no_shows(now=paris(2026, 3, 23, 9, 29))
    released = services.booking_release_no_shows(now=paris(2026, 3, 23, 9, 31))

    assert (kept, released) == (0, 1)
    assert Booking.objects.get(pk=booking["id"]).status == "no_show"


def test_hold_time_set_by_the_manager(cy, ada, figeac) -> None:
    set_rules(cy, figeac, resource_kind="desk", sale_unit="day", requires_payment=True,
              hold_minutes=5)

    response = book(ada, figeac, "2026-03-23")

    assert response.status_code == 201, response.json()
    assert response.json()["status"] == "held"
    assert response.json()["expires_at"] == "2026-03-20T09:05:00Z"  # 10:05 in Paris


def test_removing_the_rules_goes_back_to_the_network_defaults(cy, ada, figeac) -> None:
    rules = set_rules(cy, figeac, resource_kind="desk", sale_unit="day")
    assert code_of(book(ada, figeac, "2026-03-23", part="morning")) == (400, "part_not_sold")

    removed = cy.delete(rules_url(figeac, rules["id"]), {"version": rules["version"]})

    assert removed.status_code == 204
    assert book(ada, figeac, "2026-03-23", part="morning").status_code == 201


def test_defaults_are_the_rules_members_meet_where_the_place_has_none(cy, ada, figeac) -> None:
    defaults = {row["resource_kind"]: row
                for row in cy.get(f"{rules_url(figeac)}defaults/").json()}
    booking = book(ada, figeac, "2026-03-24").json()  # Tuesday 09:00 Paris = 08:00 UTC

    assert set(defaults) == {"desk", "meeting_room", "phone_booth", "private_office"}
    deadline = dt.datetime.fromisoformat(booking["cancellation_deadline"])
    start = dt.datetime.fromisoformat(booking["start"])
    assert start - deadline == dt.timedelta(
        minutes=defaults["desk"]["cancellation_deadline_minutes"])


def test_second_manager_saving_from_an_old_version_gets_409_with_current_values(
        cy, figeac, client_as) -> None:
    rules = set_rules(cy, figeac, resource_kind="desk", sale_unit="day", min_notice_minutes=0)
    nina = client_as("network_admin_nina")

    first = cy.patch(rules_url(figeac, rules["id"]),
                     {"min_notice_minutes": 60, "version": rules["version"]}, format="json")
    second = nina.patch(rules_url(figeac, rules["id"]),
                        {"min_notice_minutes": 120, "version": rules["version"]},
                        format="json")

    assert first.status_code == 200, first.json()
    assert second.status_code == 409
    assert second.json()["code"] == "stale_version"
    assert second.json()["current"]["min_notice_minutes"] == 60
    assert second.json()["current"]["version"] == first.json()["version"]
    assert BookingPolicy.objects.get().min_notice_minutes == 60


@pytest.mark.parametrize(("payload", "field"), [
    ({"resource_kind": "desk", "sale_unit": "day", "min_notice_minutes": -5},
     "min_notice_minutes"),
    ({"resource_kind": "desk", "sale_unit": "day", "min_notice_minutes": 10**9},
     "min_notice_minutes"),
    ({"resource_kind": "desk", "sale_unit": "fortnight"}, "sale_unit"),
    ({"resource_kind": "meeting_room", "sale_unit": "hour", "min_duration_minutes": 120,
      "max_duration_minutes": 60}, "max_duration_minutes"),
    ({"resource_kind": "desk", "sale_unit": "day", "hold_minutes": 0}, "hold_minutes"),
    ({"resource_kind": "desk", "sale_unit": "day", "max_advance_days": 5000},
     "max_advance_days"),
    ({"resource_kind": "desk", "sale_unit": "day", "version": ""}, "version"),
])
def test_bad_rules_are_a_field_error_and_write_nothing(cy, figeac, payload, field) -> None:
    response = cy.post(rules_url(figeac), payload, format="json")

    assert response.status_code == 400
    assert field in response.json()["fields"], response.json()
    assert not BookingPolicy.objects.exists()


def test_a_second_row_for_the_same_kind_is_refused_on_the_kind(cy, figeac) -> None:
    set_rules(cy, figeac, resource_kind="desk", sale_unit="day")

    again = cy.post(rules_url(figeac), {"resource_kind": "desk", "sale_unit": "half_day"},
                    format="json")
    narrowed = cy.patch(rules_url(figeac, BookingPolicy.objects.get().pk),
                        {"max_duration_minutes": 30, "min_duration_minutes": 60},
                        format="json")

    assert code_of(again) == (400, "policy_exists")
    assert "resource_kind" in again.json()["fields"]
    assert code_of(narrowed) == (400, "policy_durations")
    assert BookingPolicy.objects.get().sale_unit == "day"


@requires_postgres
@pytest.mark.django_db(transaction=True)
def test_racing_rule_saves_from_one_version_let_exactly_one_through(figeac) -> None:
    policy = BookingPolicy.objects.create(space=figeac, resource_kind="desk", sale_unit="day")
    version = version_of(policy)

    results = run_concurrently(4, lambda i: booking_policy_update(
        policy=BookingPolicy.objects.get(pk=policy.pk),
        data={"min_notice_minutes": 10 * (i + 1)}, version=version))

    saved = [r for r in results if isinstance(r, BookingPolicy)]
    conflicts = [r for r in results if getattr(r, "code", None) == "stale_version"]
    assert (len(saved), len(conflicts)) == (1, 3), results
    policy.refresh_from_db()
    assert policy.min_notice_minutes == saved[0].min_notice_minutes


def test_the_front_desk_cannot_change_the_rules(client_as, figeac, front_desk_fay: User) -> None:
    response = client_as("front_desk_fay").post(
        rules_url(figeac), {"resource_kind": "desk", "sale_unit": "day"}, format="json")

    assert response.status_code == 403
    assert not BookingPolicy.objects.exists()
