"""Billing fixtures: places and plans of the cast's operators, the local fake Stripe server.

`stripe_server` (tests/conftest.py) starts localstripe once per test session, bound to
127.0.0.1 on a free port (tests/stripe_server.py); `stripe_api` points the settings at it and
wipes its data before the test (DELETE /_config/data), so every test starts from an empty
Stripe.
"""

from decimal import Decimal
from typing import Any

import pytest

from ostal.billing.models import Payment
from ostal.memberships.models import Plan
from ostal.spaces.models import Operator, Space
from tests.backend.billing.factories import (
    NetworkCarnetFactory,
    NetworkPassMonthlyFactory,
    PlaceCarnetFactory,
)
from tests.factories import SpaceFactory
from tests.stripe_server import LocalStripe


@pytest.fixture
def space_cy(operator_cy: Operator) -> Space:
    operator_cy.siret, operator_cy.vat_number = "73282932000074", "FR44732829320"
    operator_cy.address = "1 place du Capitole, 31000 Toulouse"
    operator_cy.save()
    return SpaceFactory(operator=operator_cy, name="La Grange Cy", slug="la-grange-cy",
                        accepts_network_pass=True)


@pytest.fixture
def space_dee(operator_dee: Operator) -> Space:
    operator_dee.vat_status = Operator.VatStatus.FRANCHISE
    operator_dee.save()
    return SpaceFactory(operator=operator_dee, name="Le Fournil Dee", slug="le-fournil-dee",
                        accepts_network_pass=False)


@pytest.fixture
def carnet_cy(space_cy: Space) -> Plan:
    return PlaceCarnetFactory(space=space_cy, name="Carnet 10 jours La Grange")


@pytest.fixture
def network_carnet(db: None) -> Plan:
    return NetworkCarnetFactory(name="Pass télétravail 10 crédits")


@pytest.fixture
def network_pass_monthly(db: None) -> Plan:
    return NetworkPassMonthlyFactory(name="Pass télétravail mensuel 8 crédits")


@pytest.fixture
def adas_payment(member_ada: Any, operator_cy: Operator) -> Payment:
    """A card payment of Ada's, succeeded, sold by Cy's operator."""
    return Payment.objects.create(payer=member_ada, purpose="plan_purchase",
                                  amount=Decimal("15.00"), seller_key=f"operator:{operator_cy.pk}",
                                  seller_operator=operator_cy, description="Carnet",
                                  status="succeeded")


@pytest.fixture
def stripe_api(stripe_server: LocalStripe, settings: Any) -> LocalStripe:
    """Stripe calls of this test go to the (emptied) local fake Stripe server."""
    stripe_server.reset()
    settings.STRIPE_API_BASE = stripe_server.url
    settings.STRIPE_SECRET_KEY = "sk_test_local"
    settings.STRIPE_USES_LOCALSTRIPE = True
    settings.STRIPE_WEBHOOK_SECRET = "whsec_test"
    return stripe_server


@pytest.fixture(autouse=True)
def sent_tasks(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, tuple[Any, ...]]]:
    """Tasks enqueued after commit are recorded instead of being sent to a broker."""
    sent: list[tuple[str, tuple[Any, ...]]] = []
    monkeypatch.setattr("ostal.billing.tasks._send", lambda name, args: sent.append((name, args)))
    return sent


@pytest.fixture
def recorded_gateway(monkeypatch: pytest.MonkeyPatch, settings: Any) -> Any:
    """Services talk to a gateway serving recorded current-API payloads (no server)."""
    from tests.backend.billing.helpers import GATEWAY_USERS, RecordedGateway

    gateway = RecordedGateway()
    for module in GATEWAY_USERS:
        monkeypatch.setattr(f"{module}.get_gateway", lambda: gateway)
    settings.STRIPE_WEBHOOK_SECRET = "whsec_test"
    settings.STRIPE_USES_LOCALSTRIPE = False
    return gateway
