"""Factories for memberships and billing rows (used by both test folders)."""

import datetime as dt
from decimal import Decimal

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from ostal.billing.models import BillingProfile
from ostal.memberships.models import Plan
from tests.factories import SpaceFactory


class PlaceCarnetFactory(DjangoModelFactory[Plan]):
    class Meta:
        model = Plan

    space = factory.SubFactory(SpaceFactory)
    kind = Plan.Kind.PLACE_CARNET
    name = factory.Sequence(lambda n: f"Carnet 10 jours {n}")
    credit_units = 1000
    validity_days = 180
    price = Decimal("120.00")


class NetworkCarnetFactory(DjangoModelFactory[Plan]):
    class Meta:
        model = Plan

    kind = Plan.Kind.NETWORK_CARNET
    name = factory.Sequence(lambda n: f"Pass 10 crédits {n}")
    credit_units = 1000
    validity_days = 365
    price = Decimal("150.00")


class NetworkPassMonthlyFactory(DjangoModelFactory[Plan]):
    class Meta:
        model = Plan

    kind = Plan.Kind.NETWORK_PASS_MONTHLY
    name = factory.Sequence(lambda n: f"Pass mensuel 8 crédits {n}")
    credit_units = 800
    price = Decimal("96.00")


class BusinessProfileFactory(DjangoModelFactory[BillingProfile]):
    class Meta:
        model = BillingProfile

    is_business = True
    name = "Atelier Lovelace SARL"
    address_line1 = "3 rue des Lois"
    postal_code = "31000"
    city = "Toulouse"
    siret = "73282932000074"
    vat_number = "FR44732829320"


def days_from_now(days: float) -> dt.datetime:
    return timezone.now() + dt.timedelta(days=days)
