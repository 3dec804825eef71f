"""Defect 4 of issue 14: bad input is a 400 with a message on the field, never a 500, and a
refused request changes nothing.

- dates at the edges of the calendar (year 9999, year 1) on the availability search and a
  place's calendar (arithmetic on them overflowed);
- JSON nested 1,000 deep (the parser's RecursionError), on the API and on allauth's;
- a NUL byte in a slug or a text field (PostgreSQL text cannot hold one)."""

from typing import Any

import pytest

from ostal.bookings.models import Booking
from ostal.core.api.inputs import MAX_DEPTH
from ostal.spaces.models import Space

pytestmark = pytest.mark.django_db

SLUG = "la-fabrique-figeac"
YEAR = "Année entre 1900 et 2999 / year between 1900 and 2999."


def _error(response: Any) -> dict[str, Any]:
    assert response.status_code == 400, response.content[:300]
    body = response.json()
    assert set(body) == {"code", "message", "fields"}
    return body


@pytest.mark.parametrize(("query", "field"), [
    ("date=9999-12-31", "date"),
    ("date=0001-01-01", "date"),
    ("date=2026-03-23&date_to=9999-12-31", "date_to"),
    ("date=9999-12-30&date_to=9999-12-31", "date"),
    ("date=2026-03-23&kind=meeting_room&start_time=10:00&end_time=11:00&date_to=0001-01-01",
     "date_to"),
])
def test_availability_search_refuses_dates_at_the_edges_of_the_calendar(figeac, client_as,
                                                                        query, field):
    body = _error(client_as("anonymous").get(f"/api/v1/availability/?{query}"))

    assert body["fields"][field] == [YEAR]


@pytest.mark.parametrize(("query", "field"), [
    ("from=9999-12-31", "from"),
    ("from=9999-12-25&to=9999-12-31", "from"),
    ("from=0001-01-01", "from"),
    ("from=0001-01-01&to=0001-01-02", "from"),
    ("to=9999-12-31", "to"),
])
def test_a_places_calendar_refuses_dates_at_the_edges_of_the_calendar(figeac, client_as,
                                                                      query, field):
    body = _error(client_as("member_ada").get(
        f"/api/v1/availability/spaces/{SLUG}/?{query}"))

    assert body["fields"][field] == [YEAR]


def test_a_booking_in_year_9999_is_refused_on_its_date(figeac, client_as):
    body = _error(client_as("member_ada").post(
        "/api/v1/bookings/", {"space": SLUG, "date": "9999-12-31", "part": "day"},
        format="json"))

    assert body["fields"]["date"] == [YEAR]
    assert Booking.objects.count() == 0


@pytest.mark.parametrize("body", [
    "[" * 1000 + "]" * 1000,
    '{"space":' * 1000 + '"x"' + "}" * 1000,
    '{"space": "' + SLUG + '", "date": "2026-03-23", "part": "day", "extra": '
    + "[" * 1000 + "]" * 1000 + "}",
])
def test_json_nested_a_thousand_deep_is_refused(figeac, client_as, body):
    response = client_as("member_ada").generic("POST", "/api/v1/bookings/", body,
                                               content_type="application/json")

    error = _error(response)
    assert "nested too deeply" in error["message"]
    assert error["fields"]
    assert Booking.objects.count() == 0


def test_json_just_within_the_depth_limit_is_read_as_usual(figeac, client_as):
    nested: Any = "x"
    for _ in range(MAX_DEPTH - 1):
        nested = [nested]
    response = client_as("member_ada").post("/api/v1/bookings/", {
        "space": SLUG, "date": "2026-03-23", "part": "day", "extra": nested}, format="json")

    assert response.status_code == 201, response.content[:300]


@pytest.mark.parametrize("path", ["/_allauth/browser/v1/auth/login",
                                  "/_allauth/browser/v1/auth/signup"])
def test_allauths_json_is_bounded_too(client_as, path):
    response = client_as("anonymous").generic("POST", path, "[" * 1000 + "]" * 1000,
                                              content_type="application/json")

    assert response.status_code == 400
    assert "nested too deeply" in response.json()["errors"][0]["message"]


def test_a_nul_in_allauths_json_names_the_field(client_as):
    response = client_as("anonymous").post(
        "/_allauth/browser/v1/auth/login", {"email": "ada\x00@example.org", "password": "x"},
        format="json")

    assert response.status_code == 400
    assert response.json()["errors"][0]["param"] == "email"


@pytest.mark.parametrize("payload", [
    {"space": f"{SLUG}\x00", "date": "2026-03-23", "part": "day"},
    {"space": SLUG, "date": "2026-03-23", "part": "day", "idempotency_key": "k\x00"},
])
def test_a_nul_in_a_slug_or_text_field_of_a_booking_is_refused(figeac, client_as, payload):
    body = _error(client_as("member_ada").post("/api/v1/bookings/", payload, format="json"))

    field = next(key for key, value in payload.items() if "\x00" in str(value))
    assert "NUL" in body["fields"][field][0]
    assert Booking.objects.count() == 0


def test_a_nul_in_a_places_name_is_refused_and_changes_nothing(figeac, client_as):
    response = client_as("manager_cy").patch(f"/api/v1/manage/spaces/{figeac.pk}/",
                                             {"name": "La\x00Fabrique"}, format="json")

    body = _error(response)
    assert "NUL" in body["fields"]["name"][0]
    assert Space.objects.get(pk=figeac.pk).name == "La Fabrique"


def test_a_nul_in_a_form_body_is_refused(figeac, client_as):
    response = client_as("manager_cy").patch(
        f"/api/v1/manage/spaces/{figeac.pk}/", "name=La%00Fabrique",
        content_type="application/x-www-form-urlencoded")

    body = _error(response)
    assert "NUL" in body["fields"]["name"][0]
    assert Space.objects.get(pk=figeac.pk).name == "La Fabrique"
