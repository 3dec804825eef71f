"""factory-boy factories for the test data; fixtures in conftest.py name the actors."""

import datetime as dt
from decimal import Decimal

import factory
from factory.django import DjangoModelFactory

from ostal.accounts.models import User
from ostal.core.validators import french_vat_number
from ostal.spaces.models import (
    Closure,
    Commune,
    ItineraryStop,
    OpeningHours,
    Operator,
    Price,
    Resource,
    Service,
    Space,
    SpecialOpening,
)


def valid_siret(stem: str) -> str:
    """A SIRET with valid check digits built from an 8-digit `stem` (the SIREN's body)."""
    from stdnum import luhn

    siren = stem[:8] + luhn.calc_check_digit(stem[:8])
    return siren + "0001" + luhn.calc_check_digit(siren + "0001")


class UserFactory(DjangoModelFactory[User]):
    class Meta:
        model = User
        django_get_or_create = ("email",)

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    password = factory.django.Password("correct horse battery staple")


def commune(insee_code: str) -> Commune:
    """A real commune from the shipped reference data (loaded by migration)."""
    return Commune.objects.get(insee_code=insee_code)


class OperatorFactory(DjangoModelFactory[Operator]):
    class Meta:
        model = Operator

    name = factory.Sequence(lambda n: f"Structure {n}")
    legal_form = Operator.LegalForm.ASSOCIATION
    carrier_kind = Operator.CarrierKind.PRIVATE
    # Every operator has a SIRET and, VAT-registered by default, a VAT number: its business
    # buyers' invoices need both (ostal.billing.vat.missing_identifiers).
    siret = factory.Sequence(lambda n: valid_siret(f"7{n:07d}"))
    vat_number = factory.LazyAttribute(lambda o: french_vat_number(o.siret[:9]))
    address = "Le bourg, 48000 Badaroux"


class SpaceFactory(DjangoModelFactory[Space]):
    class Meta:
        model = Space
        skip_postgeneration_save = True

    operator = factory.SubFactory(OperatorFactory)
    name = factory.Sequence(lambda n: f"Tiers-lieu {n}")
    slug = factory.Sequence(lambda n: f"tiers-lieu-{n}")
    kind = Space.Kind.COWORKING
    setting = Space.Setting.URBAN
    commune = factory.LazyFunction(lambda: commune("31555"))  # Toulouse
    latitude = factory.LazyAttribute(lambda o: o.commune.latitude)
    longitude = factory.LazyAttribute(lambda o: o.commune.longitude)

    @factory.post_generation
    def services(self, create: bool, codes: list[str] | None, **kwargs: object) -> None:
        if create and codes:
            self.services.set(Service.objects.filter(code__in=codes))

    @factory.post_generation
    def weekday_hours(self, create: bool, hours: tuple[str, str] | None, **kwargs: object) -> None:
        """Open Monday to Friday, 09:00-18:00 local time unless told otherwise (False: none)."""
        if not create or hours is False:
            return
        opens, closes = hours or ("09:00", "18:00")
        OpeningHours.objects.bulk_create(
            OpeningHours(space=self, weekday=day, opens=dt.time.fromisoformat(opens),
                         closes=dt.time.fromisoformat(closes)) for day in range(5))


class ResourceFactory(DjangoModelFactory[Resource]):
    class Meta:
        model = Resource

    space = factory.SubFactory(SpaceFactory)
    kind = Resource.Kind.DESK
    name = factory.Sequence(lambda n: f"Poste {n}")
    capacity = 1


class PriceFactory(DjangoModelFactory[Price]):
    class Meta:
        model = Price

    space = factory.SubFactory(SpaceFactory)
    resource_kind = Resource.Kind.DESK
    unit = Price.Unit.DAY
    amount = Decimal("15.00")


class ClosureFactory(DjangoModelFactory[Closure]):
    class Meta:
        model = Closure

    space = factory.SubFactory(SpaceFactory)
    start_date = dt.date(2026, 12, 24)
    end_date = dt.date(2026, 12, 26)
    reason = "Fêtes"


class SpecialOpeningFactory(DjangoModelFactory[SpecialOpening]):
    class Meta:
        model = SpecialOpening

    space = factory.SubFactory(SpaceFactory)
    date = dt.date(2026, 12, 5)
    opens = dt.time(10)
    closes = dt.time(16)


class ItineraryStopFactory(DjangoModelFactory[ItineraryStop]):
    class Meta:
        model = ItineraryStop

    space = factory.SubFactory(SpaceFactory, kind=Space.Kind.ITINERANT, weekday_hours=False)
    date = dt.date(2026, 12, 1)
    commune = factory.LazyFunction(lambda: commune("48095"))  # Mende
    opens = dt.time(9)
    closes = dt.time(17)
    latitude = factory.LazyAttribute(lambda o: o.commune.latitude)
    longitude = factory.LazyAttribute(lambda o: o.commune.longitude)
