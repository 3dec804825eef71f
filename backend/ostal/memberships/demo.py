"""Demo offers: what the demo network sells, so `make demo` shows every payment path.

The network sells a 10-credit carnet and a monthly pass; one place in four sells its own
10-day carnet; one place in three asks for payment before confirming a desk booking (the
booking is held while the member pays by card or with credits). Deterministic: the same
places get the same offers on every run.
"""

from decimal import Decimal

from django.db import transaction

from ostal.bookings.models import BookingPolicy
from ostal.memberships.models import Plan
from ostal.spaces.models import Price, Space

CREDIT_UNITS = 100  # one credit = one desk-day = 100 units (docs/adr/0004-credits-ledger.md)


@transaction.atomic
def demo_offers_create() -> dict[str, int]:
    Plan.objects.create(kind=Plan.Kind.NETWORK_CARNET, name="Carnet Pass télétravail 10 jours",
                        credit_units=10 * CREDIT_UNITS, validity_days=365,
                        price=Decimal("150.00"))
    Plan.objects.create(kind=Plan.Kind.NETWORK_PASS_MONTHLY,
                        name="Pass télétravail mensuel 8 jours", credit_units=8 * CREDIT_UNITS,
                        validity_days=31, price=Decimal("112.00"))
    carnets = policies = 0
    day_prices = {p.space_id: p.amount for p in Price.objects.filter(
        resource_kind="desk", unit=Price.Unit.DAY)}
    for index, space in enumerate(Space.objects.order_by("slug")):
        if index % 4 == 0 and space.pk in day_prices:
            Plan.objects.create(space=space, kind=Plan.Kind.PLACE_CARNET,
                                name=f"Carnet 10 journées — {space.name}"[:120],
                                credit_units=10 * CREDIT_UNITS, validity_days=365,
                                price=day_prices[space.pk] * 9)
            carnets += 1
        if index % 3 == 0:
            BookingPolicy.objects.create(space=space, resource_kind="desk",
                                         sale_unit=BookingPolicy.SaleUnit.HALF_DAY,
                                         requires_payment=True, hold_minutes=15,
                                         no_show_grace_minutes=60)
            policies += 1
    return {"place_carnets": carnets, "paid_places": policies}
