"""Small fixed data sets for the analytics tests; every expected figure is computed by hand.

Time is frozen on Wednesday 2026-04-15, 10:00 in Paris unless a test travels. The place
`fabrique` (operator_cy, Figeac) has two desks D1, D2 and one meeting room, open Monday to
Friday 09:00-18:00 (540 minutes a day).
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pytest
import time_machine

from ostal.accounts.models import CommuteDeclaration, User
from ostal.bookings.models import Booking
from ostal.memberships.models import CreditAccount, CreditLedgerEntry, CreditLot
from ostal.spaces.models import Operator, Resource, Space
from tests.factories import ResourceFactory, SpaceFactory, UserFactory, commune
from tests.factories.bookings import BookingFactory, paris

NOW = paris(2026, 4, 15, 10)

MENDE, MONTPELLIER, FIGEAC, TOULOUSE = "48095", "34172", "46102", "31555"


@pytest.fixture(autouse=True)
def _frozen_now() -> Iterator[None]:
    with time_machine.travel(NOW, tick=False):
        yield


def make_space(operator: Operator, name: str, *, insee: str = FIGEAC, desks: int = 2,
               rooms: int = 1, **kwargs: Any) -> Space:
    place = commune(insee)
    space = SpaceFactory(operator=operator, name=name, slug=name.lower().replace(" ", "-"),
                         commune=place, latitude=place.latitude, longitude=place.longitude,
                         **kwargs)
    for n in range(desks):
        ResourceFactory(space=space, kind=Resource.Kind.DESK, name=f"D{n + 1}")
    for n in range(rooms):
        ResourceFactory(space=space, kind=Resource.Kind.MEETING_ROOM, name=f"Salle {n + 1}",
                        capacity=8)
    return space


@pytest.fixture
def fabrique(operator_cy: Operator) -> Space:
    return make_space(operator_cy, "La Fabrique")


@pytest.fixture
def dee_place(operator_dee: Operator) -> Space:
    return make_space(operator_dee, "Chez Dee", insee=TOULOUSE, desks=1, rooms=0)


def resource(space: Space, name: str) -> Resource:
    return space.resources.get(name=name)


def booking(space: Space, name: str, day: dt.date, start: tuple[int, int], end: tuple[int, int],
            *, status: str = Booking.Status.CONFIRMED, part: str = "custom",
            member: User | None = None) -> Booking:
    """A booking written directly (no rules), local times of Paris."""
    return BookingFactory(
        resource=resource(space, name), status=status, part=part,
        start=paris(day.year, day.month, day.day, *start),
        end=paris(day.year, day.month, day.day, *end),
        **({"member": member} if member else {}))


def declare(user: User, home: str, workplace: str) -> CommuteDeclaration:
    return CommuteDeclaration.objects.create(user=user, home_commune=commune(home),
                                             workplace_commune=commune(workplace))


def people(count: int, prefix: str = "p") -> list[User]:
    return [UserFactory(email=f"{prefix}{n}@example.org", first_name=f"{prefix.upper()}{n}")
            for n in range(count)]


def spend_credits(member: User, booking_: Booking, units: int, *, network: bool = True
                  ) -> CreditLedgerEntry:
    """A credit spend on the booking, from a network lot (the Pass) or a lot of its place."""
    account, _ = CreditAccount.objects.get_or_create(user=member)
    lot = CreditLot.objects.create(
        account=account, credit_units_granted=1000,
        scope=CreditLot.Scope.NETWORK if network else CreditLot.Scope.SPACE,
        space=None if network else booking_.space,
        valid_from=paris(2026, 1, 1), expires_at=paris(2027, 1, 1),
        source=CreditLot.Source.PURCHASE, source_key=f"test:{uuid.uuid4()}",
        vat_treatment=(CreditLot.VatTreatment.MULTI_PURPOSE if network
                       else CreditLot.VatTreatment.SINGLE_PURPOSE), value=Decimal("100.00"))
    key = f"booking:{booking_.reference}:spend"
    return CreditLedgerEntry.objects.create(
        account=account, lot=lot, kind=CreditLedgerEntry.Kind.SPEND, delta=-units,
        reason_type="booking", reason_id=str(booking_.reference), operation_key=key,
        idempotency_key=f"{key}:{lot.pk}")
