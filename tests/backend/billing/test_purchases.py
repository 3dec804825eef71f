"""Buying a carnet by card, over real HTTP against the local fake Stripe server."""

from decimal import Decimal

import pytest

from ostal.billing.models import Invoice, Payment, StripeObjectRef
from ostal.memberships.models import CreditLot
from tests.backend.billing.helpers import CARD_3DS, CARD_DECLINED_ON_CHARGE, save_card

pytestmark = pytest.mark.django_db


def buy(client, plan, card, **extra):
    return client.post("/api/v1/purchases/", {"plan": plan.pk, "payment_method": card, **extra},
                       format="json")


def test_carnet_paid_with_a_saved_card_grants_credits_and_an_invoice(
        stripe_api, client_as, member_ada, carnet_cy):
    client = client_as("member_ada")
    card = save_card(client, stripe_api.url)

    answer = buy(client, carnet_cy, card)

    assert answer.status_code == 201, answer.content
    body = answer.json()
    assert body["payment"]["status"] == "succeeded"
    assert body["requires_action"] is False
    assert body["payment"]["amount"] == "120.00"
    assert body["payment"]["currency"] == "EUR"
    lot = CreditLot.objects.get()
    assert (lot.credit_units_granted, lot.scope, lot.space_id, lot.vat_treatment) == (
        1000, "space", carnet_cy.space_id, "single_purpose")
    invoice = Invoice.objects.get()
    assert invoice.seller_operator_id == carnet_cy.seller_operator_id
    assert invoice.on_behalf_of
    assert (invoice.total_net, invoice.total_vat, invoice.total_gross) == (
        Decimal("100.00"), Decimal("20.00"), Decimal("120.00"))
    wallet = client.get("/api/v1/wallet/").json()
    assert wallet["total_credits"] == "10.00"
    assert wallet["lots"][0]["balance"] == "10.00"
    cards = client.get("/api/v1/billing/payment-methods/").json()
    assert [c["id"] for c in cards] == [card]
    assert cards[0]["last4"] == "4242"


def test_network_carnet_is_a_multi_purpose_voucher_without_vat(
        stripe_api, client_as, member_ada, network_carnet):
    client = client_as("member_ada")

    answer = buy(client, network_carnet, save_card(client, stripe_api.url))

    assert answer.json()["payment"]["status"] == "succeeded"
    invoice = Invoice.objects.get()
    assert invoice.seller_key == "network"
    assert not invoice.on_behalf_of
    assert invoice.total_vat == Decimal("0.00")
    assert invoice.total_gross == Decimal("150.00")
    assert any("usages multiples" in m for m in invoice.vat_mentions)
    assert CreditLot.objects.get().vat_treatment == "multi_purpose"


def test_declined_card_fails_and_grants_nothing(stripe_api, client_as, member_ada, carnet_cy):
    client = client_as("member_ada")
    card = save_card(client, stripe_api.url, CARD_DECLINED_ON_CHARGE)

    answer = buy(client, carnet_cy, card)

    assert answer.status_code == 201
    payment = answer.json()["payment"]
    assert payment["status"] == "failed"
    assert payment["failure_code"] == "card_declined"
    assert not CreditLot.objects.exists()
    assert not Invoice.objects.exists()
    assert member_ada.billing_notices.get().kind == "payment_failed"


def test_3d_secure_completes_after_authentication(stripe_api, client_as, member_ada, carnet_cy):

    client = client_as("member_ada")
    card = save_card(client, stripe_api.url, CARD_3DS)
    started = buy(client, carnet_cy, card).json()
    assert started["requires_action"] is True
    assert started["payment"]["status"] == "requires_payment"
    assert not CreditLot.objects.exists()
    pi = StripeObjectRef.objects.get(object_type="payment_intent").stripe_id

    stripe_api.authenticate_3ds(pi, client_secret=started["client_secret"], success=True)
    synced = client.post(f"/api/v1/payments/{started['payment']['reference']}/sync/",
                         {"payment_intent": pi}, format="json")

    assert synced.status_code == 200
    assert synced.json()["status"] == "succeeded"
    assert CreditLot.objects.count() == 1
    assert Invoice.objects.count() == 1


def test_failed_3d_secure_fails_the_payment(stripe_api, client_as, member_ada, carnet_cy):

    client = client_as("member_ada")
    started = buy(client, carnet_cy, save_card(client, stripe_api.url, CARD_3DS)).json()
    pi = StripeObjectRef.objects.get(object_type="payment_intent").stripe_id

    stripe_api.authenticate_3ds(pi, client_secret=started["client_secret"], success=False)
    synced = client.post(f"/api/v1/payments/{started['payment']['reference']}/sync/",
                         {"payment_intent": pi}, format="json")

    assert synced.json()["status"] == "failed"
    assert not CreditLot.objects.exists()


def test_a_foreign_payment_intent_is_refused_and_changes_nothing(
        stripe_api, client_as, member_ada, carnet_cy):
    client = client_as("member_ada")
    started = buy(client, carnet_cy, save_card(client, stripe_api.url, CARD_3DS)).json()

    answer = client.post(f"/api/v1/payments/{started['payment']['reference']}/sync/",
                         {"payment_intent": "pi_someone_else"}, format="json")

    assert answer.status_code == 400
    assert answer.json()["code"] == "foreign_payment_intent"
    assert Payment.objects.get().status == "requires_payment"


def test_someone_elses_card_is_refused(stripe_api, client_as, member_ada, stranger_manager_dee,
                                       carnet_cy):
    dees_card = save_card(client_as("stranger_manager_dee"), stripe_api.url)

    answer = buy(client_as("member_ada"), carnet_cy, dees_card)

    assert answer.status_code == 400
    assert answer.json()["code"] == "payment_method_not_yours"
    assert not Payment.objects.exists()


@pytest.mark.parametrize(("change", "code"), [
    ({"is_active": False}, "plan_not_available"), ({"kind": "network_pass_monthly"}, None)])
def test_unavailable_or_monthly_plans_cannot_be_bought(stripe_api, client_as, member_ada,
                                                       network_carnet, change, code):
    for key, value in change.items():
        setattr(network_carnet, key, value)
    network_carnet.save()
    client = client_as("member_ada")

    answer = buy(client, network_carnet, save_card(client, stripe_api.url))

    assert answer.status_code == 400
    assert answer.json()["code"] == (code or "plan_is_recurring")
    assert not Payment.objects.exists()


def test_garbage_input_is_refused(stripe_api, client_as, member_ada):
    client = client_as("member_ada")
    assert client.post("/api/v1/purchases/", {"plan": "x"}, format="json").status_code == 400
    assert client.post("/api/v1/purchases/", {"plan": 999}, format="json").status_code == 404
    assert not Payment.objects.exists()
