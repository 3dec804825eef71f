"""Many clients at once (PostgreSQL only): exactly as many bookings as free resources succeed,
every other client gets a clean 409 slot_taken — never a double booking, never a 500.

Each thread is an HTTP client with its own database connection; the rows they race for are
committed first (transactional test). A barrier releases all threads at the same instant.
"""

import threading
from collections import Counter
from collections.abc import Callable
from typing import Any

import pytest
from django.db import IntegrityError, connection, transaction
from rest_framework.test import APIClient

from ostal.accounts.models import User
from ostal.bookings import locks
from ostal.bookings.models import Booking
from ostal.bookings.services import engine as booking_services
from ostal.spaces.models import Operator
from tests.backend.bookings.conftest import MONDAY, book, desks, make_place, room
from tests.factories import UserFactory
from tests.factories.bookings import BookingFactory, paris

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(connection.vendor != "postgresql",
                       reason="needs PostgreSQL (real concurrent transactions and the "
                              "exclusion constraint); set DATABASE_URL=postgres://..."),
]

CLIENTS = 16


def race(requests: list[tuple[User, dict[str, Any]]]) -> list[Any]:
    """POST every payload to /api/v1/bookings/ at once, one thread (and connection) each."""
    barrier = threading.Barrier(len(requests))
    responses: list[Any] = [None] * len(requests)

    def run(index: int, member: User, payload: dict[str, Any]) -> None:
        client = APIClient()
        client.force_authenticate(member)
        try:
            barrier.wait(timeout=30)
            responses[index] = client.post("/api/v1/bookings/", payload, format="json")
        except Exception as exc:
            responses[index] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, member, payload))
               for i, (member, payload) in enumerate(requests)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return responses


def outcome(responses: list[Any]) -> Counter[tuple[int, str]]:
    return Counter((r.status_code, r.json().get("code", "ok") if r.status_code >= 400
                    else "ok") for r in responses)


@pytest.mark.django_db(transaction=True)
def test_last_free_desks_of_a_day(operator_cy: Operator,
                                  make_member: Callable[[str], User]) -> None:
    space = make_place(operator_cy, name="Rush", slug="rush", insee="46102", desks=5)
    for n in range(2):
        book(make_member(f"Early{n}"), space, MONDAY)
    members = [make_member(f"Racer{n}") for n in range(CLIENTS)]
    payload = {"space": space.slug, "date": MONDAY.isoformat(), "part": "day"}

    responses = race([(member, payload) for member in members])

    assert all(not isinstance(r, Exception) for r in responses), responses
    assert outcome(responses) == Counter({(201, "ok"): 3, (409, "slot_taken"): CLIENTS - 3})
    active = Booking.objects.active().filter(space=space, local_date=MONDAY)
    assert active.count() == 5
    assert len(set(active.values_list("resource_id", flat=True))) == 5


@pytest.mark.django_db(transaction=True)
def test_one_room_at_overlapping_hours(operator_cy: Operator,
                                       make_member: Callable[[str], User]) -> None:
    space = make_place(operator_cy, name="Salle", slug="salle", insee="46102", desks=0)
    hours = [(10, 12), (11, 12), (11, 13), (9, 12), (11, 14), (10, 13), (9, 17), (11, 15)]
    requests = [(make_member(f"R{n}"), {"space": space.slug, "kind": "meeting_room",
                                        "date": MONDAY.isoformat(),
                                        "start_time": f"{start:02d}:00",
                                        "end_time": f"{end:02d}:00", "attendees": 2})
                for n, (start, end) in enumerate(hours * 2)]

    responses = race(requests)

    assert all(not isinstance(r, Exception) for r in responses), responses
    assert outcome(responses) == Counter({(201, "ok"): 1,
                                          (409, "slot_taken"): len(requests) - 1})
    assert Booking.objects.active().filter(resource=room(space)).count() == 1


@pytest.mark.django_db(transaction=True)
def test_same_idempotency_key_from_racing_retries_books_once(
        operator_cy: Operator, member_ada: User) -> None:
    space = make_place(operator_cy, name="Retry", slug="retry", insee="46102", desks=3)
    barrier = threading.Barrier(6)
    statuses: list[int] = []

    def run() -> None:
        client = APIClient()
        client.force_authenticate(member_ada)
        try:
            barrier.wait(timeout=30)
            statuses.append(client.post(
                "/api/v1/bookings/", {"space": space.slug, "date": MONDAY.isoformat(),
                                      "part": "day"},
                format="json", headers={"Idempotency-Key": "retry-me"}).status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert sorted(statuses) == [200] * 5 + [201]
    assert Booking.objects.filter(member=member_ada).count() == 1


@pytest.mark.django_db
def test_exclusion_constraint_refuses_overlaps_the_code_missed(figeac: Any) -> None:
    d1 = desks(figeac)[0]
    BookingFactory(resource=d1, start=paris(2026, 3, 23, 9), end=paris(2026, 3, 23, 13))
    BookingFactory(resource=d1, start=paris(2026, 3, 23, 13), end=paris(2026, 3, 23, 18))
    BookingFactory(resource=d1, start=paris(2026, 3, 23, 10), end=paris(2026, 3, 23, 11),
                   status=Booking.Status.CANCELLED)

    with pytest.raises(IntegrityError) as raised, transaction.atomic():
        BookingFactory(resource=d1, start=paris(2026, 3, 23, 12), end=paris(2026, 3, 23, 14),
                       status=Booking.Status.HELD)

    assert locks.sqlstate(raised.value) == "23P01"


@pytest.mark.django_db
def test_service_moves_to_another_desk_when_the_constraint_fires(
        figeac: Any, member_ada: User, monkeypatch: pytest.MonkeyPatch,
        caplog: pytest.LogCaptureFixture) -> None:
    """Simulate a check that saw a desk free while a concurrent booking took it: the insert
    hits booking_no_overlap (23P01) and the service tries the next desk."""
    d1, d2, _ = desks(figeac)
    BookingFactory(resource=d1, member=UserFactory(), start=paris(2026, 3, 23, 9),
                   end=paris(2026, 3, 23, 18))
    monkeypatch.setattr(booking_services, "resource_state", lambda *args: None)
    monkeypatch.setattr(booking_services, "free_resources", lambda **kw: desks(figeac))
    monkeypatch.setattr(booking_services, "_pick",
                        lambda candidates, preferred: candidates[0] if candidates else None)

    with caplog.at_level("INFO", logger="ostal.bookings.services.engine"):
        booking = book(member_ada, figeac, MONDAY)

    assert booking.resource == d2
    assert Booking.objects.filter(resource=d1).count() == 1
    assert f"booking conflict on resource {d1.pk} (23P01)" in caplog.text
