"""Places and helpers for the booking tests.

Unless a test travels elsewhere, time is frozen on Friday 2026-03-20, 10:00 in Paris (09:00
UTC). Places:
- `figeac`: "La Fabrique" in Figeac (operator_cy), Mon-Fri 09:00-18:00, desks D1-D3, one
  meeting room "Salle Célé" (8 people), one phone booth;
- `truck`: an itinerant coworking truck (operator_dee) with stops on some days in Lozère.
"""

import datetime as dt
from collections.abc import Callable, Iterator
from typing import Any

import pytest
import time_machine

from ostal.accounts.models import User
from ostal.bookings import services
from ostal.bookings.errors import BookingError
from ostal.bookings.models import Booking
from ostal.spaces.models import Operator, Resource, Space
from tests.factories import (
    ItineraryStopFactory,
    ResourceFactory,
    SpaceFactory,
    UserFactory,
    commune,
)
from tests.factories.bookings import paris

NOW = paris(2026, 3, 20, 10)  # Friday
MONDAY = dt.date(2026, 3, 23)
TUESDAY = dt.date(2026, 3, 24)


@pytest.fixture(autouse=True)
def _frozen_now() -> Iterator[None]:
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def travel() -> Iterator[Callable[[dt.datetime], None]]:
    """travel(instant): freeze time there until the end of the test (nests over NOW)."""
    travellers: list[Any] = []

    def go(instant: dt.datetime) -> None:
        traveller = time_machine.travel(instant, tick=False)
        traveller.start()
        travellers.append(traveller)

    yield go
    for traveller in reversed(travellers):
        traveller.stop()


def make_place(operator: Operator, *, name: str, slug: str, insee: str, desks: int = 3,
               rooms: int = 1, booths: int = 1) -> Space:
    place = commune(insee)
    space = SpaceFactory(operator=operator, name=name, slug=slug, commune=place,
                         latitude=place.latitude, longitude=place.longitude)
    for n in range(desks):
        ResourceFactory(space=space, kind=Resource.Kind.DESK, name=f"D{n + 1}")
    for n in range(rooms):
        ResourceFactory(space=space, kind=Resource.Kind.MEETING_ROOM, capacity=8,
                        name="Salle Célé" if n == 0 else f"Salle {n + 1}")
    for n in range(booths):
        ResourceFactory(space=space, kind=Resource.Kind.PHONE_BOOTH, name=f"Cabine {n + 1}")
    return space


@pytest.fixture
def figeac(operator_cy: Operator) -> Space:
    return make_place(operator_cy, name="La Fabrique", slug="la-fabrique-figeac", insee="46102")


@pytest.fixture
def truck(operator_dee: Operator) -> Space:
    mende = commune("48095")
    space = SpaceFactory(operator=operator_dee, name="Le Camion", slug="le-camion",
                         kind=Space.Kind.ITINERANT, commune=mende, latitude=mende.latitude,
                         longitude=mende.longitude, weekday_hours=False)
    for n in range(2):
        ResourceFactory(space=space, kind=Resource.Kind.DESK, name=f"T{n + 1}")
    ItineraryStopFactory(space=space, date=TUESDAY, commune=commune("48095"),
                         opens=dt.time(10), closes=dt.time(16))
    return space


def desks(space: Space) -> list[Resource]:
    return list(space.resources.filter(kind=Resource.Kind.DESK).order_by("name"))


def room(space: Space) -> Resource:
    return space.resources.get(kind=Resource.Kind.MEETING_ROOM, name="Salle Célé")


@pytest.fixture
def make_member(db: None) -> Callable[[str], User]:
    def make(name: str) -> User:
        return UserFactory(email=f"{name.lower()}@example.org", first_name=name)

    return make


def book(member: User, space: Space, date: dt.date, **kwargs: Any) -> Booking:
    """Book through the service (all rules apply); kwargs as BookingRequest, plus
    idempotency_key / booked_by / now."""
    extra = {k: kwargs.pop(k) for k in ("idempotency_key", "booked_by", "now") if k in kwargs}
    kwargs.setdefault("resource_kind", Resource.Kind.DESK)
    if "part" not in kwargs and "end_time" not in kwargs:
        kwargs["part"] = "day"
    request = services.BookingRequest(space=space, date=date, **kwargs)
    return services.booking_create(member=member, request=request, **extra).booking


class refused:
    """Assert that the block raises a BookingError with that code."""

    def __init__(self, code: str) -> None:
        self.code = code

    def __enter__(self) -> None:
        return None

    def __exit__(self, exc_type: object, exc: BaseException | None, tb: object) -> bool:
        assert isinstance(exc, BookingError), f"expected {self.code}, got {exc!r}"
        assert exc.code == self.code, f"expected {self.code}, got {exc.code}: {exc.message}"
        return True
