"""Chargebacks (recorded current-API dispute payloads): recorded, notified, and when lost, a
credit note and the unspent credits taken back."""

from decimal import Decimal

import pytest
from django.utils import timezone

from ostal.billing.models import (
    BillingNotice,
    Dispute,
    Invoice,
    Payment,
    StripeEvent,
    StripeObjectRef,
)
from ostal.billing.services.payments import payment_apply_intent, payment_create
from ostal.billing.services.webhooks import stripe_event_process
from ostal.billing.stripe.gateway import parse_payment_intent
from ostal.memberships.selectors import wallet_get
from tests.backend.billing.helpers import payload, post_event

pytestmark = pytest.mark.django_db


@pytest.fixture
def paid_carnet(recorded_gateway, member_ada, network_carnet):
    payment = payment_create(payer=member_ada, purpose="plan_purchase", amount=Decimal("150.00"),
                             currency="EUR", description="Pass 10 crédits",
                             seller_operator=None, plan=network_carnet)
    intent = payload("payment_intent") | {"amount": 15000, "amount_received": 15000}
    intent["metadata"] = {"ostal_payment": str(payment.reference)}
    recorded_gateway.add(intent)
    StripeObjectRef.objects.create(stripe_id=intent["id"], object_type="payment_intent",
                                   payment=payment)
    return payment_apply_intent(payment=payment, intent=parse_payment_intent(intent))


def _dispute_event(status, event_id):
    event = payload("event")
    event.update(id=event_id, type=f"charge.dispute.{'closed' if status == 'lost' else 'created'}")
    event["data"]["object"] = payload("dispute") | {"status": status}
    return event


def test_lost_dispute_gets_a_credit_note_and_revokes_credits(
        recorded_gateway, api_client, member_ada, paid_carnet):
    assert paid_carnet.status == "succeeded"
    opened = _dispute_event("needs_response", "evt_d1")
    recorded_gateway.add(opened["data"]["object"])
    post_event(api_client, opened)
    stripe_event_process(StripeEvent.objects.get(stripe_event_id="evt_d1").pk)

    assert Dispute.objects.get().status == "needs_response"
    assert Payment.objects.get().is_disputed
    assert wallet_get(user=member_ada, now=timezone.now()).total_units == 1000

    lost = _dispute_event("lost", "evt_d2")
    recorded_gateway.add(lost["data"]["object"])
    post_event(api_client, lost)
    stripe_event_process(StripeEvent.objects.get(stripe_event_id="evt_d2").pk)

    assert Dispute.objects.get().status == "lost"
    note = Invoice.objects.get(doc_type="credit_note")
    assert note.total_gross == Decimal("150.00")
    assert note.seller_key == "network"
    assert wallet_get(user=member_ada, now=timezone.now()).total_units == 0
    assert sorted(BillingNotice.objects.values_list("kind", flat=True)) == [
        "dispute_closed", "dispute_opened"]


def test_dispute_on_a_foreign_payment_is_ignored(recorded_gateway, api_client):
    event = _dispute_event("needs_response", "evt_d3")
    event["data"]["object"]["payment_intent"] = "pi_not_ours"
    recorded_gateway.add(event["data"]["object"])
    post_event(api_client, event)

    row = stripe_event_process(StripeEvent.objects.get().pk)

    assert row.status == "ignored"
    assert not Dispute.objects.exists()


def test_a_tampered_amount_changes_nothing(recorded_gateway, member_ada, network_carnet):
    from ostal.billing.errors import BillingError

    payment = payment_create(payer=member_ada, purpose="plan_purchase", amount=Decimal("150.00"),
                             currency="EUR", description="x", seller_operator=None,
                             plan=network_carnet)
    intent = payload("payment_intent")  # 15.00 EUR, not 150.00
    intent["metadata"] = {"ostal_payment": str(payment.reference)}

    with pytest.raises(BillingError) as refused:
        payment_apply_intent(payment=payment, intent=parse_payment_intent(intent))

    assert refused.value.code == "provider_mismatch"
    payment.refresh_from_db()
    assert payment.status == "requires_payment"
    assert not Invoice.objects.exists()


@pytest.mark.parametrize(("amount", "currency", "code"), [
    ("0.00", "EUR", "invalid_amount"), ("-1.00", "EUR", "invalid_amount"),
    ("1.001", "EUR", "invalid_amount"), ("10.00", "USD", "unsupported_currency")])
def test_bad_amounts_and_currencies_are_refused(member_ada, amount, currency, code):
    from ostal.billing.errors import BillingError

    with pytest.raises(BillingError) as refused:
        payment_create(payer=member_ada, purpose="plan_purchase", amount=Decimal(amount),
                       currency=currency, description="x", seller_operator=None)
    assert refused.value.code == code
    assert not Payment.objects.exists()
