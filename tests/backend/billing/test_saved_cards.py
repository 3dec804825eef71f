"""Saving a card: completing a setup the browser never confirmed is the member's step to
finish (409 with the SetupIntent's status), not a provider failure; nothing is saved."""

import pytest

from tests.backend.billing.helpers import save_card

pytestmark = pytest.mark.django_db


def test_completing_an_unconfirmed_card_setup_is_a_409_and_saves_nothing(stripe_api, client_as):
    client = client_as("member_ada")
    intent = client.post("/api/v1/billing/payment-methods/setup-intents/").json()

    answer = client.post(f"/api/v1/billing/payment-methods/setup-intents/"
                         f"{intent['setup_intent_id']}/complete/")

    assert answer.status_code == 409
    assert answer.json()["code"] == "setup_not_confirmed"
    assert "requires_payment_method" in answer.json()["message"]
    assert client.get("/api/v1/billing/payment-methods/").json() == []


def test_a_confirmed_card_setup_saves_the_card_on_the_members_customer(stripe_api, client_as):
    """Stripe attaches a confirmed SetupIntent's card to the customer (the local bridge does
    what localstripe does not), so it is listed and can pay."""
    client = client_as("member_ada")

    card = save_card(client, stripe_api.url)

    [listed] = client.get("/api/v1/billing/payment-methods/").json()
    assert (listed["id"], listed["last4"], listed["brand"]) == (card, "4242", "visa")
