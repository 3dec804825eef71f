"""factory-boy factories for the bookings app.

BookingFactory writes rows directly (no rules): give `resource`, `start` and `end`; the
space, kind and local date are derived. Use the services to test rules.
"""

import datetime as dt
from zoneinfo import ZoneInfo

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from ostal.bookings.models import (
    Booking,
    BookingPolicy,
    DayPart,
    Part,
    ResourceBlock,
    WaitlistEntry,
)
from ostal.spaces.models import Resource
from tests.factories import ResourceFactory, UserFactory

PARIS = ZoneInfo("Europe/Paris")


def paris(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> dt.datetime:
    """An aware instant given in Paris wall-clock time."""
    return dt.datetime(year, month, day, hour, minute, tzinfo=PARIS)


class BookingPolicyFactory(DjangoModelFactory[BookingPolicy]):
    class Meta:
        model = BookingPolicy

    space = factory.SubFactory("tests.factories.SpaceFactory")
    resource_kind = Resource.Kind.DESK
    sale_unit = BookingPolicy.SaleUnit.HALF_DAY


class BookingFactory(DjangoModelFactory[Booking]):
    class Meta:
        model = Booking

    resource = factory.SubFactory(ResourceFactory)
    space = factory.LazyAttribute(lambda o: o.resource.space)
    resource_kind = factory.LazyAttribute(lambda o: o.resource.kind)
    member = factory.SubFactory(UserFactory)
    status = Booking.Status.CONFIRMED
    start = factory.LazyFunction(lambda: paris(2026, 6, 1, 9))
    # As the booking services do: a booking is confirmed at some moment (None while held, or
    # for a hold that expired).
    confirmed_at = factory.LazyAttribute(
        lambda o: None if o.status in (Booking.Status.HELD, Booking.Status.EXPIRED)
        else timezone.now())
    end = factory.LazyAttribute(lambda o: o.start + dt.timedelta(hours=9))
    local_date = factory.LazyAttribute(
        lambda o: o.start.astimezone(ZoneInfo(o.space.timezone)).date())
    part = Part.DAY


class ResourceBlockFactory(DjangoModelFactory[ResourceBlock]):
    class Meta:
        model = ResourceBlock

    resource = factory.SubFactory(ResourceFactory)
    space = factory.LazyAttribute(lambda o: o.resource.space)
    start = factory.LazyFunction(lambda: paris(2026, 6, 1, 0))
    end = factory.LazyAttribute(lambda o: o.start + dt.timedelta(days=1))
    reason = "Maintenance"


class WaitlistEntryFactory(DjangoModelFactory[WaitlistEntry]):
    class Meta:
        model = WaitlistEntry

    space = factory.SubFactory("tests.factories.SpaceFactory")
    resource_kind = Resource.Kind.DESK
    date = dt.date(2026, 6, 1)
    part = DayPart.DAY
    member = factory.SubFactory(UserFactory)
