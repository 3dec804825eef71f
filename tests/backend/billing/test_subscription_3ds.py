"""Subscribing with a card that asks for 3-D Secure: the start answers what the browser needs
(the client secret and the PaymentIntent), and the browser's sync activates the subscription
at once instead of waiting for the webhook."""

import pytest

from ostal.billing.models import Invoice
from ostal.memberships.models import CreditLot, Subscription
from tests.backend.billing.helpers import CARD_3DS, save_card
from tests.conftest import ROLES

pytestmark = pytest.mark.django_db


def start(client, plan, card):
    return client.post("/api/v1/subscriptions/", {"plan": plan.pk, "payment_method": card},
                       format="json")


def sync(client, reference, payment_intent):
    return client.post(f"/api/v1/subscriptions/{reference}/sync/",
                       {"payment_intent": payment_intent}, format="json")


@pytest.fixture
def started(stripe_api, client_as, member_ada, network_pass_monthly):
    client = client_as("member_ada")
    answer = start(client, network_pass_monthly, save_card(client, stripe_api.url, CARD_3DS))
    assert answer.status_code == 201, answer.content
    return answer.json()


def test_the_start_gives_the_browser_what_3ds_needs(started):
    assert started["requires_action"] is True
    assert started["payment_intent"].startswith("pi_")
    assert started["client_secret"].startswith(f"{started['payment_intent']}_secret_")
    assert started["subscription"]["status"] == "incomplete"
    assert not CreditLot.objects.exists()


def test_syncing_after_3ds_activates_the_subscription_once(stripe_api, client_as, started):
    client = client_as("member_ada")
    stripe_api.authenticate_3ds(started["payment_intent"], client_secret=started["client_secret"],
                                success=True)

    first = sync(client, started["subscription"]["reference"], started["payment_intent"])
    again = sync(client, started["subscription"]["reference"], started["payment_intent"])

    assert first.status_code == 200, first.content
    assert first.json()["status"] == "active"
    assert first.json()["credits_left"] == "8.00"
    assert again.json()["status"] == "active"
    assert Invoice.objects.count() == 1
    assert CreditLot.objects.count() == 1


def test_a_failed_3ds_leaves_the_subscription_waiting(stripe_api, client_as, started):
    stripe_api.authenticate_3ds(started["payment_intent"], client_secret=started["client_secret"],
                                success=False)

    answer = sync(client_as("member_ada"), started["subscription"]["reference"],
                  started["payment_intent"])

    assert answer.status_code == 200, answer.content
    assert answer.json()["status"] == "incomplete"
    assert not Invoice.objects.exists()


def test_a_foreign_payment_intent_is_refused_and_changes_nothing(stripe_api, client_as, started):
    stripe_api.authenticate_3ds(started["payment_intent"], client_secret=started["client_secret"],
                                success=True)

    answer = sync(client_as("member_ada"), started["subscription"]["reference"], "pi_forged")

    assert answer.status_code == 400
    assert answer.json()["code"] == "foreign_payment_intent"
    assert Subscription.objects.get().status == "incomplete"
    assert not Invoice.objects.exists()


@pytest.mark.parametrize("role", [role for role in ROLES if role != "member_ada"])
def test_only_the_subscriber_can_sync(stripe_api, client_as, role, started):
    stripe_api.authenticate_3ds(started["payment_intent"], client_secret=started["client_secret"],
                                success=True)

    answer = sync(client_as(role), started["subscription"]["reference"],
                  started["payment_intent"])

    assert answer.status_code == (403 if role == "anonymous" else 404)
    assert Subscription.objects.get().status == "incomplete"
