"""The booking write path in a handful of statements (issue 13), the same with 1 or 30 desks
and 0 or 25 earlier bookings; one outbox INSERT (confirmation + reminder, no lookups, no
cancel/reschedule); the answer built from what was loaded. PostgreSQL only (the fast path; the
embedded SQLite default takes the general path, covered by the other booking tests)."""

import datetime as dt
import json
import uuid
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from ostal.accounts.models import User
from ostal.bookings.models import Booking
from ostal.notifications.models import Kind, Notification
from ostal.spaces.models import Operator, Space
from tests.backend.bookings.conftest import MONDAY, book, make_place

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]

STATEMENT_BUDGET = 10  # session, user, the place, BEGIN, member lock, pick, INSERT, preferences,
#                        outbox INSERT, COMMIT (in a test: SAVEPOINT / RELEASE for BEGIN / COMMIT)


@pytest.fixture(autouse=True)
def _postgres_only() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("the fast path runs on PostgreSQL")


def post(client: Client, space: Space, date: dt.date, **extra: Any) -> tuple[Any, list[str]]:
    with CaptureQueriesContext(connection) as captured:
        response = client.post("/api/v1/bookings/", json.dumps(
            {"space": space.slug, "kind": "desk", "date": date.isoformat(), "part": "day",
             **extra}), content_type="application/json",
            HTTP_IDEMPOTENCY_KEY=str(uuid.uuid4()))
    return response, [q["sql"] for q in captured.captured_queries]


def logged_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def weekdays(first: dt.date, count: int) -> list[dt.date]:
    days = (first + dt.timedelta(days=n) for n in range(count * 2))
    return [d for d in days if d.weekday() < 5][:count]


def test_a_booking_takes_ten_statements_whatever_the_place_and_the_member_s_history(
        operator_cy: Operator, make_member: Callable[[str], User]) -> None:
    small = make_place(operator_cy, name="Petit", slug="petit", insee="46102", desks=1)
    big = make_place(operator_cy, name="Grand", slug="grand", insee="31555", desks=30)
    newcomer, regular = make_member("Nova"), make_member("Reg")
    for day in weekdays(MONDAY + dt.timedelta(days=7), 25):
        book(regular, big, day)

    first, first_sql = post(logged_in(newcomer), small, MONDAY)
    second, second_sql = post(logged_in(regular), big, MONDAY)

    assert first.status_code == 201, first.content
    assert second.status_code == 201, second.content
    assert len(first_sql) <= STATEMENT_BUDGET, "\n".join(first_sql)
    assert len(second_sql) == len(first_sql), "\n".join(second_sql)


def test_one_outbox_statement_queues_the_confirmation_and_the_reminder(
        figeac: Space, member_ada: User) -> None:
    response, sql = post(logged_in(member_ada), figeac, MONDAY)

    assert response.status_code == 201, response.content
    outbox = [s for s in sql if '"notifications_notification"' in s]
    assert len(outbox) == 1
    assert outbox[0].startswith("INSERT")
    booking = Booking.objects.get(pk=response.json()["id"])
    queued = {n.kind: n for n in Notification.objects.filter(booking=booking)}
    assert set(queued) == {Kind.BOOKING_CONFIRMED, Kind.BOOKING_REMINDER}
    # 18:00 in Figeac the evening before (the default preference), now = Friday 10:00 Paris
    assert queued[Kind.BOOKING_REMINDER].send_after == dt.datetime(2026, 3, 22, 17, 0,
                                                                    tzinfo=dt.UTC)
    assert queued[Kind.BOOKING_CONFIRMED].status == Notification.Status.PENDING


def test_the_answer_is_built_from_what_was_loaded(figeac: Space, member_ada: User) -> None:
    response, sql = post(logged_in(member_ada), figeac, MONDAY)

    body = response.json()
    assert body["space"]["commune"]["name"] == "Figeac"
    assert body["local_start_time"] == "09:00"
    assert body["cancellation_deadline"] is not None
    assert body["resource"]["name"].startswith("D")
    assert not [s for s in sql if "spaces_commune" in s and "spaces_space" not in s]
    assert not [s for s in sql if "bookings_bookingpolicy" in s and "spaces_space" not in s]


def test_a_replayed_request_answers_the_first_booking_without_booking_again(
        figeac: Space, member_ada: User) -> None:
    client = logged_in(member_ada)
    payload = json.dumps({"space": figeac.slug, "kind": "desk", "date": MONDAY.isoformat(),
                          "part": "day"})

    first = client.post("/api/v1/bookings/", payload, content_type="application/json",
                        HTTP_IDEMPOTENCY_KEY="clef-1")
    again = client.post("/api/v1/bookings/", payload, content_type="application/json",
                        HTTP_IDEMPOTENCY_KEY="clef-1")

    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json()["id"] == first.json()["id"]
    assert Booking.objects.filter(member=member_ada).count() == 1
    assert Notification.objects.filter(kind=Kind.BOOKING_CONFIRMED).count() == 1


def test_an_unknown_place_is_a_400_on_space_and_changes_nothing(member_ada: User) -> None:
    response, _ = post(logged_in(member_ada), Space(slug="nulle-part"), MONDAY)

    assert response.status_code == 400
    assert "nulle-part" in response.json()["fields"]["space"][0]
    assert not Booking.objects.exists()
