"""Garbage in, a clean 4xx out: bad input is never a 500, and always {code, message, fields}."""

from typing import Any

import pytest
from rest_framework.test import APIClient

from ostal.bookings.models import Booking
from ostal.spaces.models import Space
from tests.backend.bookings.conftest import MONDAY, book

pytestmark = pytest.mark.django_db

SLUG = "la-fabrique-figeac"
BIG = 10**30

BOOKING_PAYLOADS: list[Any] = [
    {},
    [],
    "just a string",
    {"space": "nope", "date": "2026-03-23", "part": "day"},
    {"space": ["a", "b"], "date": "2026-03-23"},
    {"space": SLUG},
    {"space": SLUG, "date": "2026-13-45", "part": "day"},
    {"space": SLUG, "date": "tomorrow", "part": "day"},
    {"space": SLUG, "date": "2026-03-23", "part": "noon"},
    {"space": SLUG, "date": "2026-03-23", "part": "day", "start_time": "10:00",
     "end_time": "11:00"},
    {"space": SLUG, "date": "2026-03-23", "kind": "meeting_room", "start_time": "25:00",
     "end_time": "26:00"},
    {"space": SLUG, "date": "2026-03-23", "kind": "meeting_room", "start_time": "12:00",
     "end_time": "10:00"},
    {"space": SLUG, "date": "2026-03-23", "kind": "meeting_room", "start_time": "10:00"},
    {"space": SLUG, "date": "2026-03-23", "kind": "spaceship", "part": "day"},
    {"space": SLUG, "date": "2026-03-23", "part": "day", "attendees": -1},
    {"space": SLUG, "date": "2026-03-23", "part": "day", "attendees": "many"},
    {"space": SLUG, "date": "2026-03-23", "part": "day", "attendees": BIG},
    {"space": SLUG, "date": "2026-03-23", "part": "day", "resource": "abc"},
    {"space": SLUG, "date": "2026-03-23", "part": "day", "resource": BIG},
    {"space": SLUG, "date": "2026-03-23", "part": "day", "resource": 999999},
    {"space": SLUG, "date": "2026-03-23", "part": "day", "idempotency_key": "x" * 500},
    {"space": SLUG, "date": "9999-12-31", "part": "day"},
    {"space": SLUG, "date": "0001-01-01", "part": "day"},
    {"space": SLUG, "date": "2026-03-23", "kind": "meeting_room", "start_time": "10:07",
     "end_time": "11:00"},
    {"space": SLUG, "date": "2026-03-23", "part": None},
    {"space": SLUG, "walk_up": "perhaps", "part": "day"},
    {"space": {"$gt": ""}, "date": "2026-03-23", "part": "day"},
]


@pytest.mark.parametrize("payload", BOOKING_PAYLOADS)
def test_garbage_bookings_are_refused_cleanly(figeac: Space, client_as: Any,
                                              payload: Any) -> None:
    response = client_as("member_ada").post("/api/v1/bookings/", payload, format="json")

    assert response.status_code in (400, 409), (payload, response.content[:300])
    assert set(response.json()) == {"code", "message", "fields"}
    assert Booking.objects.count() == 0


@pytest.mark.parametrize(
    ("method", "url", "payload"),
    [
        ("post", "/api/v1/bookings/", "{not json"),
        ("get", "/api/v1/availability/", None),
        ("get", "/api/v1/availability/?date=bad", None),
        ("get", "/api/v1/availability/?date=2026-03-23&near=abc", None),
        ("get", "/api/v1/availability/?date=2026-03-23&near=91,0", None),
        ("get", "/api/v1/availability/?date=2026-03-23&radius_km=-3&near_commune=46102", None),
        ("get", "/api/v1/availability/?date=2026-03-23&radius_km=10", None),
        ("get", "/api/v1/availability/?date=2026-03-23&near_commune=99999", None),
        ("get", "/api/v1/availability/?date=2026-03-23&date_to=2027-01-01", None),
        ("get", "/api/v1/availability/?date=2026-03-23&date_to=2026-03-01", None),
        ("get", "/api/v1/availability/?date=2026-03-23&start_time=10:00", None),
        ("get", "/api/v1/availability/?date=2026-03-23&attendees=0", None),
        ("get", f"/api/v1/availability/spaces/{SLUG}/?from=2026-03-30&to=2026-03-01", None),
        ("get", f"/api/v1/availability/spaces/{SLUG}/?from=2026-01-01&to=2026-12-31", None),
        ("get", f"/api/v1/availability/spaces/{SLUG}/?kind=rocket", None),
        ("get", "/api/v1/availability/spaces/unknown-place/", None),
        ("get", f"/api/v1/bookings/{BIG}/", None),
        ("get", "/api/v1/bookings/?when=someday", None),
        ("patch", "/api/v1/bookings/{booking}/", {}),
        ("patch", "/api/v1/bookings/{booking}/", {"date": "2026-02-30"}),
        ("patch", "/api/v1/bookings/{booking}/", {"part": "evening"}),
        ("patch", "/api/v1/bookings/{booking}/", {"start_time": "10:00"}),
        ("patch", "/api/v1/bookings/{booking}/", ["date"]),
        ("post", "/api/v1/bookings/check-in/", {}),
        ("post", "/api/v1/bookings/check-in/", {"token": "x" * 300}),
        ("post", "/api/v1/booking-series/", {"space": SLUG, "weekdays": [9],
                                             "start_date": "2026-03-23", "count": 2,
                                             "part": "day"}),
        ("post", "/api/v1/booking-series/", {"space": SLUG, "weekdays": [1],
                                             "start_date": "2026-03-23", "count": 0,
                                             "part": "day"}),
        ("post", "/api/v1/booking-series/", {"space": SLUG, "weekdays": [1],
                                             "start_date": "2026-03-23", "part": "day"}),
        ("post", "/api/v1/booking-series/", {"space": SLUG, "weekdays": [1],
                                             "start_date": "2026-03-23",
                                             "until_date": "2026-03-01", "part": "day"}),
        ("post", "/api/v1/booking-series/", {"space": SLUG, "weekdays": "mardi",
                                             "start_date": "2026-03-23", "count": 1}),
        ("post", "/api/v1/booking-series/{BIG}/cancel/", {"from_date": "2026-03-23"}),
        ("post", "/api/v1/waitlist/", {"space": SLUG, "date": "2026-03-23", "part": "x"}),
        ("post", "/api/v1/waitlist/", {"space": SLUG, "date": "2026-03-23", "kind": "x"}),
        ("post", "/api/v1/waitlist/", {"space": SLUG, "date": "2026-03-23"}),  # not full
    ],
)
def test_garbage_everywhere_is_a_clean_4xx(figeac: Space, member_ada: Any, client_as: Any,
                                           method: str, url: str, payload: Any) -> None:
    booking = book(member_ada, figeac, MONDAY)
    client: APIClient = client_as("member_ada")
    url = url.replace("{booking}", str(booking.pk)).replace("{BIG}", str(BIG))

    if isinstance(payload, str):
        response = client.generic(method.upper(), url, payload, content_type="application/json")
    elif method == "get":
        response = client.get(url)
    else:
        response = getattr(client, method)(url, payload, format="json")

    assert 400 <= response.status_code < 500, (url, payload, response.content[:300])
    assert set(response.json()) == {"code", "message", "fields"}


@pytest.mark.parametrize(
    ("method", "url", "payload"),
    [
        ("post", "/api/v1/manage/spaces/{space}/bookings/", {"member_email": "not-an-email"}),
        ("post", "/api/v1/manage/spaces/{space}/bookings/", {"member_email": "ada@example.org"}),
        ("get", "/api/v1/manage/spaces/{space}/bookings/?date=yesterday", None),
        ("get", f"/api/v1/manage/spaces/{BIG}/bookings/", None),
        ("post", "/api/v1/manage/check-in/", {"code": ""}),
        ("post", "/api/v1/manage/check-in/", {"code": "a:b:c"}),
        ("post", "/api/v1/manage/spaces/{space}/resource-blocks/",
         {"resource": 1, "start": "2026-03-24T10:00:00Z", "end": "2026-03-24T09:00:00Z"}),
        ("post", "/api/v1/manage/spaces/{space}/resource-blocks/",
         {"resource": BIG, "start": "2026-03-24T10:00:00Z", "end": "2026-03-24T11:00:00Z"}),
        ("post", "/api/v1/manage/spaces/{space}/resource-blocks/",
         {"resource": 1, "start": "soon", "end": "later"}),
        ("get", "/api/v1/manage/spaces/{space}/resource-blocks/?date_from=x", None),
        ("patch", f"/api/v1/manage/spaces/{{space}}/resource-blocks/{BIG}/", {"reason": "x"}),
        ("post", "/api/v1/manage/spaces/{space}/booking-policies/",
         {"resource_kind": "desk", "sale_unit": "week"}),
        ("post", "/api/v1/manage/spaces/{space}/booking-policies/",
         {"resource_kind": "desk", "sale_unit": "day", "max_advance_days": -1}),
        ("post", f"/api/v1/manage/bookings/{BIG}/check-in/", None),
    ],
)
def test_manager_garbage_is_a_clean_4xx(figeac: Space, client_as: Any, method: str, url: str,
                                        payload: Any) -> None:
    client: APIClient = client_as("manager_cy")
    url = url.replace("{space}", str(figeac.pk))

    response = client.get(url) if method == "get" else getattr(client, method)(
        url, payload or {}, format="json")

    assert 400 <= response.status_code < 500, (url, payload, response.content[:300])
    assert set(response.json()) == {"code", "message", "fields"}
