"""Defect 6 of issue 14: the OpenAPI contract says exactly what the server answers.

- The booking error enum lists every code a booking endpoint can answer: the booking
  catalogue's and those the error handler gives DRF's own refusals (a malformed body's
  `parse_error` was missing, so a strict client refused a real answer).
- Local times are HH:MM[:SS] without an offset: described by a pattern the answers match, not
  by OpenAPI's `time` format (RFC 3339 full-time, which requires an offset)."""

import inspect
import json
import re
from pathlib import Path

import pytest
from rest_framework import exceptions

from ostal.bookings.errors import BookingErrorCode
from ostal.core.api.errors import GENERIC_ERROR_CODES

SCHEMA = json.loads((Path(__file__).resolve().parents[2] / "backend" / "openapi.json")
                    .read_text())
COMPONENTS = SCHEMA["components"]["schemas"]


def test_every_drf_refusal_code_is_a_generic_code():
    defaults = {cls.default_code for _, cls in inspect.getmembers(exceptions, inspect.isclass)
                if issubclass(cls, exceptions.APIException)}

    assert defaults - {"error"} <= set(GENERIC_ERROR_CODES)


def test_the_booking_error_enum_lists_the_catalogue_and_the_generic_codes():
    enum = set(COMPONENTS["BookingErrorCodeEnum"]["enum"])

    assert {str(code) for code in BookingErrorCode} <= enum
    assert set(GENERIC_ERROR_CODES) <= enum


@pytest.mark.django_db
@pytest.mark.parametrize(("body", "content_type", "status"), [
    ("{not json", "application/json", 400),
    ("<xml/>", "application/xml", 415),
])
def test_drf_refusals_on_a_booking_endpoint_answer_a_code_of_the_enum(figeac, client_as, body,
                                                                     content_type, status):
    response = client_as("member_ada").generic("POST", "/api/v1/bookings/", body,
                                               content_type=content_type)

    assert response.status_code == status
    assert response.json()["code"] in COMPONENTS["BookingErrorCodeEnum"]["enum"]


def _all_nodes(node):
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from _all_nodes(value)
    elif isinstance(node, list):
        for value in node:
            yield from _all_nodes(value)


def test_no_time_format_is_left_in_the_schema():
    assert not [node for node in _all_nodes(SCHEMA) if node.get("format") == "time"]


@pytest.mark.django_db
def test_local_times_answered_match_their_schema(figeac, client_as):
    response = client_as("anonymous").get(f"/api/v1/directory/spaces/{figeac.slug}/")
    assert response.status_code == 200
    hours = response.json()["opening_hours"]
    assert hours
    properties = COMPONENTS["OpeningHoursOutput"]["properties"]

    for row in hours:
        for field in ("opens", "closes"):
            assert "format" not in properties[field]
            assert re.match(properties[field]["pattern"], row[field]), (field, row[field])
