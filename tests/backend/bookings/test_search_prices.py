"""Search results show each place's prices (issue 16, item 8): a searcher compares them before
opening a place. Public prices of the searched kind, per sale unit, day first; read with the
places (no query of their own)."""

from decimal import Decimal
from typing import Any

import pytest

from ostal.spaces.models import Space
from tests.backend.bookings.conftest import MONDAY
from tests.factories import PriceFactory

pytestmark = pytest.mark.django_db


def search(client: Any, kind: str = "desk") -> dict[str, Any]:
    answer = client.get("/api/v1/availability/", {"date": MONDAY.isoformat(), "kind": kind})
    assert answer.status_code == 200, answer.content[:300]
    return {row["space"]["slug"]: row for row in answer.json()["results"]}


def test_results_carry_the_prices_of_the_searched_kind(figeac: Space, truck: Space,
                                                       client_as: Any) -> None:
    PriceFactory(space=figeac, resource_kind="desk", unit="half_day", amount=Decimal("8"))
    PriceFactory(space=figeac, resource_kind="desk", unit="day", amount=Decimal("14.50"),
                 member_amount=Decimal("10"))
    PriceFactory(space=figeac, resource_kind="meeting_room", unit="hour", amount=Decimal("20"))

    desks = search(client_as("anonymous"))

    assert desks["la-fabrique-figeac"]["prices"] == [
        {"unit": "day", "amount": "14.50", "currency": "EUR"},
        {"unit": "half_day", "amount": "8.00", "currency": "EUR"}]
    assert desks["le-camion"]["prices"] == []  # no price set: nothing invented
    rooms = search(client_as("anonymous"), "meeting_room")
    assert rooms["la-fabrique-figeac"]["prices"] == [
        {"unit": "hour", "amount": "20.00", "currency": "EUR"}]
