"""Fixtures for the notification tests.

Time is frozen on Friday 2026-03-20, 10:00 in Paris (09:00 UTC) unless a test travels. The
place "La Fabrique" (Figeac, operator_cy) opens Mon-Fri 09:00-18:00 and has desks D1-D3 and
a meeting room; desks are sold by half-day with a 15-minute no-show grace period. E-mails go
to Django's locmem outbox; nudges of the dispatcher are recorded, not sent.
"""

import datetime as dt
from collections.abc import Callable, Iterator
from typing import Any

import pytest
import time_machine
from django.core import mail

from ostal.accounts.models import User
from ostal.bookings import services
from ostal.bookings.models import Booking
from ostal.notifications.dispatch import DispatchStats, notifications_dispatch_due
from ostal.spaces.models import Operator, Resource, Space
from tests.factories import ResourceFactory, SpaceFactory, UserFactory, commune
from tests.factories.bookings import BookingPolicyFactory, paris

NOW = paris(2026, 3, 20, 10)  # Friday
MONDAY = dt.date(2026, 3, 23)


@pytest.fixture(autouse=True)
def _frozen_now() -> Iterator[None]:
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def travel() -> Iterator[Callable[[dt.datetime], None]]:
    travellers: list[Any] = []

    def go(instant: dt.datetime) -> None:
        traveller = time_machine.travel(instant, tick=False)
        traveller.start()
        travellers.append(traveller)

    yield go
    for traveller in reversed(travellers):
        traveller.stop()


@pytest.fixture(autouse=True)
def nudges(monkeypatch: pytest.MonkeyPatch, settings: Any) -> list[str]:
    """Tasks the backend enqueued after commit (recorded, no broker)."""
    settings.NOTIFICATIONS_NUDGE = True  # off by default in tests (tests/conftest.py)
    sent: list[str] = []
    monkeypatch.setattr("ostal.notifications.nudge.send_task", lambda name, *a: sent.append(name))
    monkeypatch.setattr("ostal.billing.tasks._send", lambda name, args: None)
    return sent


@pytest.fixture(autouse=True)
def _notification_settings(settings: Any) -> None:
    settings.SITE_URL = "https://ostal.example.org"
    settings.NOTIFICATIONS_MESSAGE_ID_DOMAIN = "ostal.example.org"


@pytest.fixture
def figeac(operator_cy: Operator) -> Space:
    place = commune("46102")
    space = SpaceFactory(operator=operator_cy, name="La Fabrique", slug="la-fabrique-figeac",
                         commune=place, latitude=place.latitude, longitude=place.longitude,
                         address="2 rue de la Monnaie", postal_code="46100")
    for n in range(3):
        ResourceFactory(space=space, kind=Resource.Kind.DESK, name=f"D{n + 1}")
    ResourceFactory(space=space, kind=Resource.Kind.MEETING_ROOM, capacity=8, name="Salle Célé")
    BookingPolicyFactory(space=space, resource_kind=Resource.Kind.DESK, no_show_grace_minutes=15)
    return space


@pytest.fixture
def ada(db: None) -> User:
    return UserFactory(email="ada@example.org", first_name="Ada", language="fr")


@pytest.fixture
def grace(db: None) -> User:
    return UserFactory(email="grace@example.org", first_name="Grace", language="en")


def book(member: User, space: Space, date: dt.date, **kwargs: Any) -> Booking:
    """Book through the service (every rule, every notification hook)."""
    kwargs.setdefault("resource_kind", Resource.Kind.DESK)
    if "part" not in kwargs and "end_time" not in kwargs:
        kwargs["part"] = "day"
    return services.booking_create(
        member=member, request=services.BookingRequest(space=space, date=date, **kwargs)).booking


def dispatch(**kwargs: Any) -> DispatchStats:
    return notifications_dispatch_due(time_budget=30, **kwargs)


def outbox() -> list[Any]:
    return list(mail.outbox)
