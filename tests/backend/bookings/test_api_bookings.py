"""HTTP: member endpoints — shapes, status codes, error format, idempotency."""

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from rest_framework.test import APIClient

from ostal.accounts.models import User
from ostal.bookings import services
from ostal.bookings.models import Booking, BookingSeries, WaitlistEntry
from ostal.spaces.models import Space
from tests.backend.bookings.conftest import MONDAY, TUESDAY, book
from tests.factories.bookings import paris

pytestmark = pytest.mark.django_db


@pytest.fixture
def ada(client_as: Callable[[str], APIClient]) -> APIClient:
    return client_as("member_ada")


def post(client: APIClient, url: str, data: dict[str, Any] | None = None,
         **headers: str) -> Any:
    return client.post(url, data or {}, format="json", headers=headers)


def test_book_a_desk_for_a_day(ada: APIClient, figeac: Space) -> None:
    response = post(ada, "/api/v1/bookings/", {"space": figeac.slug, "date": "2026-03-23",
                                               "part": "day"})

    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["status"] == "confirmed"
    assert (body["start"], body["end"]) == ("2026-03-23T08:00:00Z", "2026-03-23T17:00:00Z")
    assert (body["timezone"], body["date"], body["part"]) == ("Europe/Paris", "2026-03-23",
                                                              "day")
    assert (body["local_start_time"], body["local_end_time"]) == ("09:00", "18:00")
    assert body["space"]["slug"] == figeac.slug
    assert body["resource"]["kind"] == "desk"
    assert body["cancellation_deadline"] == "2026-03-23T07:00:00Z"
    assert body["qr_code_url"] == f"/api/v1/bookings/{body['id']}/qr.svg"


def test_idempotency_key_header_replays(ada: APIClient, figeac: Space) -> None:
    payload = {"space": figeac.slug, "date": "2026-03-23", "part": "morning"}

    first = post(ada, "/api/v1/bookings/", payload, **{"Idempotency-Key": "abc-123"})
    again = post(ada, "/api/v1/bookings/", payload, **{"Idempotency-Key": "abc-123"})
    other = post(ada, "/api/v1/bookings/", {**payload, "part": "afternoon"},
                 **{"Idempotency-Key": "abc-123"})

    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json()["id"] == again.json()["id"]
    assert other.status_code == 409
    assert other.json()["code"] == "idempotency_key_reused"
    assert Booking.objects.count() == 1


def test_refusals_have_a_code_and_a_bilingual_message(
        ada: APIClient, figeac: Space, make_member: Callable[[str], User]) -> None:
    for n in range(3):
        book(make_member(f"M{n}"), figeac, MONDAY)

    taken = post(ada, "/api/v1/bookings/", {"space": figeac.slug, "date": "2026-03-23",
                                            "part": "day"})
    closed = post(ada, "/api/v1/bookings/", {"space": figeac.slug, "date": "2026-03-28",
                                             "part": "day"})
    capacity = post(ada, "/api/v1/bookings/", {"space": figeac.slug, "kind": "meeting_room",
                                               "date": "2026-03-24", "start_time": "10:00",
                                               "end_time": "11:00", "attendees": 30})

    assert taken.status_code == 409
    assert taken.json() == {"code": "slot_taken", "fields": {},
                            "message": "Ce créneau vient d'être pris. / "
                                       "This slot has just been taken."}
    assert (closed.status_code, closed.json()["code"]) == (400, "closed")
    assert (capacity.status_code, capacity.json()["code"]) == (400, "over_capacity")
    assert "30" in capacity.json()["message"]


def test_my_bookings_upcoming_and_past(ada: APIClient, figeac: Space, member_ada: User,
                                       make_member: Callable[[str], User],
                                       travel: Callable[..., None]) -> None:
    past = book(member_ada, figeac, MONDAY)
    upcoming = book(member_ada, figeac, dt.date(2026, 3, 30))
    book(make_member("Bob"), figeac, dt.date(2026, 3, 30))
    travel(paris(2026, 3, 25, 10))

    mine = ada.get("/api/v1/bookings/").json()
    old = ada.get("/api/v1/bookings/", {"when": "past"}).json()

    assert [b["id"] for b in mine["results"]] == [upcoming.pk]
    assert [b["id"] for b in old["results"]] == [past.pk]
    assert old["results"][0]["cancellation_deadline"] is not None  # still confirmed


def test_change_and_cancel(ada: APIClient, figeac: Space, member_ada: User,
                           make_member: Callable[[str], User]) -> None:
    booking = book(member_ada, figeac, MONDAY)
    for n in range(3):
        book(make_member(f"M{n}"), figeac, TUESDAY)

    refused = ada.patch(f"/api/v1/bookings/{booking.pk}/", {"date": "2026-03-24"},
                        format="json")
    moved = ada.patch(f"/api/v1/bookings/{booking.pk}/", {"date": "2026-03-25",
                                                          "part": "afternoon"}, format="json")
    cancelled = post(ada, f"/api/v1/bookings/{booking.pk}/cancel/")

    assert (refused.status_code, refused.json()["code"]) == (409, "slot_taken")
    assert moved.status_code == 200
    assert (moved.json()["date"], moved.json()["local_start_time"]) == ("2026-03-25", "13:00")
    assert cancelled.status_code == 200
    assert cancelled.json()["status"] == "cancelled"
    assert cancelled.json()["cancellation_deadline"] is None


def test_booking_qr_code_is_an_svg(ada: APIClient, figeac: Space, member_ada: User) -> None:
    booking = book(member_ada, figeac, MONDAY)

    response = ada.get(f"/api/v1/bookings/{booking.pk}/qr.svg", HTTP_ACCEPT="image/svg+xml")

    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml"
    assert response.content.startswith(b"<svg")


def test_check_in_by_scanning_the_place(ada: APIClient, figeac: Space, member_ada: User,
                                        travel: Callable[..., None]) -> None:
    booking = book(member_ada, figeac, MONDAY)
    token = services.space_check_in_code_get_or_create(space=figeac).token
    travel(paris(2026, 3, 23, 9, 12))

    response = post(ada, "/api/v1/bookings/check-in/", {"token": token})
    wrong = post(ada, "/api/v1/bookings/check-in/", {"token": "not-a-token"})

    assert response.status_code == 200
    assert (response.json()["id"], response.json()["status"]) == (booking.pk, "checked_in")
    assert response.json()["checked_in_at"] == "2026-03-23T08:12:00Z"
    assert (wrong.status_code, wrong.json()["code"]) == (400, "check_in_invalid_code")


def test_series_with_per_occurrence_results(ada: APIClient, figeac: Space) -> None:
    response = post(ada, "/api/v1/booking-series/",
                    {"space": figeac.slug, "weekdays": [1, 3], "start_date": "2026-03-23",
                     "until_date": "2026-04-02", "part": "morning"},
                    **{"Idempotency-Key": "series-1"})

    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["booked"], body["refused"]) == (4, 0)
    assert [o["date"] for o in body["occurrences"]] == ["2026-03-24", "2026-03-26",
                                                        "2026-03-31", "2026-04-02"]

    cancel = post(ada, f"/api/v1/booking-series/{body['id']}/cancel/",
                  {"from_date": "2026-03-31"})

    assert cancel.status_code == 200
    assert [b["date"] for b in cancel.json()["cancelled"]] == ["2026-03-31", "2026-04-02"]
    assert cancel.json()["refused"] == []
    assert ada.get(f"/api/v1/booking-series/{body['id']}/").json()["cancelled_from"] == \
        "2026-03-31"
    assert BookingSeries.objects.count() == 1


def test_waitlist_join_offer_accept(ada: APIClient, figeac: Space,
                                    make_member: Callable[[str], User]) -> None:
    others = [book(make_member(f"M{n}"), figeac, MONDAY) for n in range(3)]

    joined = post(ada, "/api/v1/waitlist/", {"space": figeac.slug, "date": "2026-03-23"})
    assert joined.status_code == 201, joined.json()
    assert (joined.json()["status"], joined.json()["position"]) == ("waiting", 1)
    services.booking_cancel(booking=others[0], actor=others[0].member)

    mine = ada.get("/api/v1/waitlist/", {"open": "true"}).json()
    accepted = post(ada, f"/api/v1/waitlist/{joined.json()['id']}/accept/")

    assert mine[0]["status"] == "offered"
    assert mine[0]["offered_booking"]["status"] == "held"
    assert mine[0]["offer_expires_at"] == "2026-03-20T10:00:00Z"
    assert accepted.status_code == 200
    assert accepted.json()["offered_booking"]["status"] == "confirmed"
    assert WaitlistEntry.objects.get().status == "accepted"


def test_availability_search_near_a_commune(client_as: Callable[[str], APIClient],
                                            figeac: Space, member_ada: User) -> None:
    book(member_ada, figeac, MONDAY, part="morning")

    response = client_as("anonymous").get("/api/v1/availability/", {
        "date": "2026-03-23", "near_commune": "46102", "radius_km": 25, "part": "afternoon"})

    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 1
    result = body["results"][0]
    assert (result["space"]["slug"], result["sale_unit"], result["total"]) == (
        figeac.slug, "half_day", 3)
    assert result["distance_km"] == 0.0
    day = result["days"][0]
    assert (day["is_open"], day["free"]) == (True, 3)
    assert {s["key"]: s["free"] for s in day["slots"]} == {"day": 2, "morning": 2,
                                                          "afternoon": 3}


def test_place_calendar_for_rooms(client_as: Callable[[str], APIClient],
                                  figeac: Space) -> None:
    response = client_as("anonymous").get(
        f"/api/v1/availability/spaces/{figeac.slug}/",
        {"from": "2026-03-23", "to": "2026-03-29", "kind": "meeting_room", "attendees": 4})

    assert response.status_code == 200
    body = response.json()
    assert body["policy"]["sale_unit"] == "hour"
    assert [r["name"] for r in body["resources"]] == ["Salle Célé"]
    assert len(body["days"]) == 7
    assert body["days"][0]["slots"][0] == {
        "key": "09:00", "start": "2026-03-23T08:00:00Z", "end": "2026-03-23T09:00:00Z",
        "free": 1, "free_resource_ids": [body["resources"][0]["id"]]}
    assert body["days"][5]["closed_reason"] == "closed"
