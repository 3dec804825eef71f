"""The gateway reads the pinned API version's shapes: recorded payloads of that version, and
localstripe's older shapes once the local bridge has reshaped them (tests/stripe_bridge.py)."""

import datetime as dt
from decimal import Decimal

import pytest

from ostal.billing.stripe.gateway import (
    parse_dispute,
    parse_event,
    parse_invoice,
    parse_payment_intent,
    parse_subscription,
)
from tests.backend.billing.helpers import payload
from tests.stripe_bridge import reshape
from tests.stripe_definitions import LIBRARY_VERSION

UTC = dt.UTC


def test_current_payment_intent():
    intent = parse_payment_intent(payload("payment_intent"))

    assert (intent.status, intent.amount, intent.amount_received, intent.currency) == (
        "succeeded", Decimal("15.00"), Decimal("15.00"), "EUR")
    assert intent.latest_charge == "ch_3QcurrentA1b2C3d4"
    assert intent.customer == "cus_Rcurrent0001"
    assert intent.error_code == ""


def test_current_failed_payment_intent_carries_the_decline():
    intent = parse_payment_intent(payload("payment_intent_failed"))

    assert intent.status == "requires_payment_method"
    assert intent.error_code == "insufficient_funds"
    assert intent.error_message == "Your card has insufficient funds."


def test_bridged_legacy_payment_intent_with_expanded_charge_and_no_amount_received():
    legacy = {"id": "pi_old", "object": "payment_intent", "amount": 990, "currency": "eur",
              "status": "succeeded", "customer": "cus_1", "payment_method": "pm_1",
              "latest_charge": {"id": "ch_old", "object": "charge", "status": "succeeded"},
              "charges": {"object": "list", "data": [{"id": "ch_old"}]}, "metadata": {},
              "next_action": None, "last_payment_error": None, "client_secret": "s"}
    intent = parse_payment_intent(reshape(legacy, LIBRARY_VERSION))
    assert (intent.latest_charge, intent.amount_received) == ("ch_old", Decimal("9.90"))


def test_current_subscription_reads_the_period_on_its_item():
    sub = parse_subscription(payload("subscription"))

    assert (sub.status, sub.price, sub.latest_invoice) == (
        "past_due", "price_1Qcurrent0001", "in_1Qcurrent0002")
    assert sub.current_period_start == dt.datetime.fromtimestamp(1795000000, UTC)
    assert sub.current_period_end == dt.datetime.fromtimestamp(1797678400, UTC)


def test_bridged_legacy_subscription_moves_period_and_plan_to_its_item():
    legacy = {"id": "sub_old", "object": "subscription", "status": "active",
              "customer": "cus_1", "current_period_start": 1700000000,
              "current_period_end": 1702592000, "cancel_at_period_end": True,
              "latest_invoice": "in_old", "metadata": {},
              "items": {"data": [{"id": "si_old", "plan": {"id": "plan_old"}}]}}
    sub = parse_subscription(reshape(legacy, LIBRARY_VERSION))
    assert (sub.price, sub.cancel_at_period_end) == ("plan_old", True)
    assert sub.current_period_end == dt.datetime.fromtimestamp(1702592000, UTC)


def test_current_invoice_finds_subscription_and_payment_intent():
    invoice = parse_invoice(payload("invoice_paid"))

    assert (invoice.subscription, invoice.payment_intent) == ("sub_1Qcurrent0001",
                                                              "pi_3QcurrentRenew02")
    assert (invoice.amount_paid, invoice.currency, invoice.billing_reason) == (
        Decimal("96.00"), "EUR", "subscription_cycle")
    assert invoice.period_start == dt.datetime.fromtimestamp(1797678400, UTC)
    assert invoice.paid_at == dt.datetime.fromtimestamp(1797678460, UTC)


def test_current_failed_invoice_keeps_attempts():
    invoice = parse_invoice(payload("invoice_payment_failed"))

    assert (invoice.status, invoice.attempt_count) == ("open", 2)
    assert invoice.next_payment_attempt == dt.datetime.fromtimestamp(1800616000, UTC)
    assert invoice.payment_intent == "pi_3QcurrentRenew03"


def test_bridged_legacy_invoice_with_top_level_subscription_and_payment_intent():
    legacy = {"id": "in_old", "object": "invoice", "status": "paid", "customer": "cus_1",
              "subscription": "sub_old", "payment_intent": "pi_old", "currency": "eur",
              "amount_due": 9600, "amount_paid": 9600, "attempt_count": 1,
              "lines": {"data": [{"period": {"start": 1700000000, "end": 1702592000}}]},
              "status_transitions": {"paid_at": 1700000001}}
    invoice = parse_invoice(reshape(legacy, LIBRARY_VERSION, expand=("payments",)))
    assert (invoice.subscription, invoice.payment_intent) == ("sub_old", "pi_old")


def test_dispute_and_event():
    dispute = parse_dispute(payload("dispute"))
    assert (dispute.amount, dispute.payment_intent, dispute.status) == (
        Decimal("150.00"), "pi_3QcurrentA1b2C3d4", "needs_response")
    event = payload("event")
    event["data"]["object"] = payload("payment_intent")
    parsed = parse_event(event)
    assert (parsed.object_type, parsed.object_id, parsed.api_version) == (
        "payment_intent", "pi_3QcurrentA1b2C3d4", "2026-10-28.endive")


@pytest.mark.django_db
def test_localstripe_shapes_parse_live(stripe_api, member_ada, client_as):
    """The same parsers read what localstripe really answers, through its bridge."""
    from ostal.billing.stripe.gateway import get_gateway
    from tests.backend.billing.helpers import save_card

    client = client_as("member_ada")
    card = save_card(client, stripe_api.url)
    gateway = get_gateway()
    customer = gateway.retrieve_payment_method(card).customer
    price = gateway.ensure_monthly_price(lookup_key="k", name="Pass", amount=Decimal("96.00"),
                                         currency="EUR")
    gateway.set_default_payment_method(customer=customer, payment_method=card)

    sub = gateway.create_subscription(customer=customer, price=price, payment_method=card,
                                      metadata={}, idempotency_key="k")
    invoice = gateway.retrieve_invoice(sub.latest_invoice)

    assert sub.status == "active"
    assert sub.current_period_end > sub.current_period_start
    assert (invoice.status, invoice.subscription, invoice.amount_paid) == (
        "paid", sub.id, Decimal("96.00"))
    assert invoice.payment_intent.startswith("pi_")
    assert gateway.retrieve_payment_intent(invoice.payment_intent).status == "succeeded"
