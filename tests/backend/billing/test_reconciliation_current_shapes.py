"""Reconciliation reads Stripe's current shapes (recorded payloads of the pinned version):
a subscription invoice's payment through `invoice.payments`, the subscription's period from its
item, a payment intent's invoice through the invoice payments list (a payment intent no longer
names its invoice), a charge's intent through `payment_intent` (a charge no longer names one)."""

import copy
import datetime as dt
from decimal import Decimal

import pytest

from ostal.billing.models import Invoice, Payment, ReconciliationIssue, StripeObjectRef
from ostal.billing.services.reconciliation import reconciliation_run
from ostal.memberships.models import CreditLot, Subscription
from tests.backend.billing.helpers import payload

pytestmark = pytest.mark.django_db
UTC = dt.UTC
NOW = dt.datetime.fromtimestamp(1797680000, UTC)  # just after the recorded renewal


@pytest.fixture
def subscribed(member_ada, network_pass_monthly):
    sub = Subscription.objects.create(member=member_ada, plan=network_pass_monthly,
                                      status="active",
                                      current_period_start=dt.datetime(2026, 11, 18, tzinfo=UTC),
                                      current_period_end=dt.datetime(2026, 12, 18, tzinfo=UTC))
    StripeObjectRef.objects.create(stripe_id="sub_1Qcurrent0001", object_type="subscription",
                                   subscription=sub)
    return sub


def renewal_intent():
    """The payment intent of the recorded renewal invoice, as Stripe lists it: no `invoice`."""
    intent = copy.deepcopy(payload("payment_intent"))
    intent.update(id="pi_3QcurrentRenew02", amount=9600, amount_received=9600,
                  created=1797678400, metadata={})
    return intent


def test_a_missed_renewal_is_applied_from_the_invoice_payments_and_its_intent_is_ours(
        recorded_gateway, subscribed):
    recorded_gateway.add(payload("invoice_paid"))
    recorded_gateway.add(renewal_intent())

    run = reconciliation_run(gateway=recorded_gateway, now=NOW)

    assert run is not None
    assert run.status == "succeeded"
    subscribed.refresh_from_db()
    assert subscribed.current_period_end == dt.datetime.fromtimestamp(1800356800, UTC)
    assert CreditLot.objects.get().credit_units_granted == 800
    payment = Payment.objects.get()
    assert (payment.amount, payment.status) == (Decimal("96.00"), "succeeded")
    assert Invoice.objects.get().source_key == "stripe_invoice:in_1Qcurrent0002"
    # The renewal's intent is linked to its payment, found through invoice.payments:
    assert StripeObjectRef.objects.get(stripe_id="pi_3QcurrentRenew02").payment == payment
    assert not ReconciliationIssue.objects.exists()


def test_an_invoice_payment_we_cannot_link_is_not_reported_as_an_unknown_payment(
        recorded_gateway):
    """A subscription that is not ours: its invoice is reported once, not its intent too."""
    recorded_gateway.add(payload("invoice_paid"))
    recorded_gateway.add(renewal_intent())

    reconciliation_run(gateway=recorded_gateway, now=NOW)

    assert list(ReconciliationIssue.objects.values_list("kind", "stripe_id")) == [
        ("unknown_invoice", "in_1Qcurrent0002")]


def test_a_one_off_intent_we_do_not_know_is_reported(recorded_gateway):
    foreign = copy.deepcopy(payload("payment_intent"))
    foreign.update(id="pi_3QforeignOneOff01", metadata={}, created=1797679000)
    recorded_gateway.add(foreign)

    reconciliation_run(gateway=recorded_gateway, now=NOW)

    issue = ReconciliationIssue.objects.get()
    assert (issue.kind, issue.stripe_id) == ("unknown_payment", "pi_3QforeignOneOff01")
    assert issue.details["amount"] == "15.00"


def test_a_charge_without_an_intent_is_reported_and_one_with_an_intent_is_not(
        recorded_gateway):
    with_intent = payload("charge") | {"created": 1797679000, "amount_refunded": 0}
    legacy = with_intent | {"id": "ch_legacyDirect01", "payment_intent": None}
    recorded_gateway.add(with_intent)
    recorded_gateway.add(legacy)

    reconciliation_run(gateway=recorded_gateway, now=NOW)

    assert list(ReconciliationIssue.objects.values_list("kind", "stripe_id")) == [
        ("unknown_payment", "ch_legacyDirect01")]


def test_objects_older_than_the_first_window_are_not_listed(recorded_gateway):
    old = copy.deepcopy(payload("payment_intent"))
    old.update(id="pi_3QoldForeign0001", metadata={},
               created=int((NOW - dt.timedelta(days=40)).timestamp()))
    recorded_gateway.add(old)

    reconciliation_run(gateway=recorded_gateway, now=NOW)

    assert not ReconciliationIssue.objects.exists()  # older than the first run's 30 days
