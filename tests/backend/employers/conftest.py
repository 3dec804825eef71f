"""Employer fixtures: a place that accepts the pass, a bundle of network credits in Acme's
pool, and held bookings of Eve (Acme's employee) to pay."""

import datetime as dt
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from ostal.bookings.models import Booking
from ostal.employers.models import Employer, Policy
from ostal.memberships.services.credits import credit_grant
from ostal.spaces.models import Operator, Space
from tests.factories import PriceFactory, ResourceFactory, SpaceFactory, commune

DESK_DAY_PRICE = Decimal("18.00")


@pytest.fixture
def pass_space(operator_cy: Operator) -> Space:
    """A place in Toulouse (31) that accepts the pass; desks at 18 EUR a day."""
    space = SpaceFactory(operator=operator_cy, name="La Grange", slug="la-grange",
                         commune=commune("31555"), accepts_network_pass=True)
    PriceFactory(space=space, resource_kind="desk", unit="day", amount=DESK_DAY_PRICE)
    return space


def fund(employer: Employer, units: int, *, key: str = "test-bundle") -> None:
    now = timezone.now()
    credit_grant(user=None, account=employer.credit_account, units=units, scope="network",
                 space=None, valid_from=now - dt.timedelta(days=1),
                 expires_at=now + dt.timedelta(days=300), source="purchase",
                 source_key=f"{key}:{employer.pk}", vat_treatment="multi_purpose",
                 value=Decimal("15.00") * units / 100)


@pytest.fixture
def funded_acme(employer_acme: Employer) -> Employer:
    """Acme with 10 credits (150 EUR) in its pool."""
    fund(employer_acme, 1000)
    return employer_acme


def next_weekday(weekday: int, *, weeks_ahead: int = 1) -> dt.date:
    """A date `weeks_ahead` weeks from now on `weekday` (0 = Monday)."""
    today = timezone.localdate()
    monday = today - dt.timedelta(days=today.weekday()) + dt.timedelta(weeks=weeks_ahead)
    return monday + dt.timedelta(days=weekday)


def week_in_one_month() -> list[dt.date]:
    """Monday to Friday of the first week ahead that lies within one month."""
    for weeks_ahead in range(1, 3):
        days = [next_weekday(day, weeks_ahead=weeks_ahead) for day in range(5)]
        if days[0].month == days[-1].month:
            return days
    raise AssertionError("two consecutive weeks cannot both straddle a month")


def held(space: Space, member: Any, day: dt.date, *, part: str = "day",
         kind: str = "desk", own_desk: bool = False) -> Booking:
    """A held booking of `member`; `own_desk`: on a new resource (many people, one day)."""
    resource = None if own_desk else space.resources.filter(kind=kind).first()
    resource = resource or ResourceFactory(space=space, kind=kind)
    hours = {"day": (8, 17), "morning": (8, 12), "afternoon": (13, 17)}[part]
    tz = ZoneInfo("Europe/Paris")
    start = dt.datetime.combine(day, dt.time(hours[0]), tzinfo=tz)
    return Booking.objects.create(
        space=space, resource=resource, resource_kind=kind, member=member,
        status=Booking.Status.HELD, start=start,
        end=dt.datetime.combine(day, dt.time(hours[1]), tzinfo=tz), local_date=day,
        part=part, expires_at=timezone.now() + dt.timedelta(minutes=15))


def set_policy(employer: Employer, **values: Any) -> Policy:
    policy = Policy.objects.get(employer=employer, cost_centre__isnull=True)
    for key, value in values.items():
        setattr(policy, key, value)
    policy.save()
    return policy


def checkout(client: Any, booking: Booking, **body: Any) -> Any:
    return client.post("/api/v1/me/employer/checkout/", {"booking": booking.pk, **body},
                       format="json")


# The local fake Stripe server and the recorded after-commit tasks of the billing tests.
from tests.backend.billing.conftest import (  # noqa: E402,F401
    network_carnet,
    sent_tasks,
    stripe_api,
)
