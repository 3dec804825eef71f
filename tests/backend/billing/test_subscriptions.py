"""Monthly plans: subscribe (local Stripe), renewals and failures (recorded current-API
payloads), change and cancel."""

import datetime as dt
from decimal import Decimal

import pytest

from ostal.billing.models import BillingNotice, Invoice, Payment, StripeEvent, StripeObjectRef
from ostal.billing.services.webhooks import stripe_event_process
from ostal.billing.stripe.gateway import get_gateway
from ostal.memberships.models import CreditLot, Subscription
from tests.backend.billing.factories import NetworkPassMonthlyFactory
from tests.backend.billing.helpers import CARD_DECLINED_ON_CHARGE, payload, post_event, save_card

pytestmark = pytest.mark.django_db
UTC = dt.UTC


def subscribe(client, plan, card):
    return client.post("/api/v1/subscriptions/", {"plan": plan.pk, "payment_method": card},
                       format="json")


def test_subscribing_charges_the_first_month_and_grants_its_credits(
        stripe_api, client_as, member_ada, network_pass_monthly):
    client = client_as("member_ada")

    answer = subscribe(client, network_pass_monthly, save_card(client, stripe_api.url))

    assert answer.status_code == 201, answer.content
    sub = answer.json()["subscription"]
    assert sub["status"] == "active"
    assert sub["credits_left"] == "8.00"
    lot = CreditLot.objects.get()
    assert (lot.scope, lot.vat_treatment, lot.source) == ("network", "multi_purpose",
                                                          "subscription")
    assert lot.expires_at == Subscription.objects.get().current_period_end
    invoice = Invoice.objects.get()
    assert invoice.total_gross == Decimal("96.00")
    assert invoice.total_vat == Decimal("0.00")
    assert Payment.objects.get().purpose == "subscription_period"
    listed = client.get("/api/v1/subscriptions/").json()
    assert [s["reference"] for s in listed] == [sub["reference"]]


def test_a_declined_first_payment_cancels_the_subscription(
        stripe_api, client_as, member_ada, network_pass_monthly):
    client = client_as("member_ada")

    answer = subscribe(client, network_pass_monthly,
                       save_card(client, stripe_api.url, CARD_DECLINED_ON_CHARGE))

    assert answer.status_code == 402
    assert answer.json()["code"] == "card_declined"
    assert Subscription.objects.get().status == "cancelled"
    assert not CreditLot.objects.exists()
    assert not Invoice.objects.exists()


def test_one_open_subscription_per_plan(stripe_api, client_as, member_ada,
                                        network_pass_monthly):
    client = client_as("member_ada")
    card = save_card(client, stripe_api.url)
    subscribe(client, network_pass_monthly, card)

    again = subscribe(client, network_pass_monthly, card)

    assert again.status_code == 409
    assert again.json()["code"] == "already_subscribed"
    assert Subscription.objects.count() == 1


def test_cancel_at_period_end_then_resume_then_cancel_now(
        stripe_api, client_as, member_ada, network_pass_monthly):
    client = client_as("member_ada")
    ref = subscribe(client, network_pass_monthly,
                    save_card(client, stripe_api.url)).json()["subscription"]["reference"]
    url = f"/api/v1/subscriptions/{ref}/"

    stop = client.patch(url, {"cancel_at_period_end": True}, format="json")
    remote = get_gateway().retrieve_subscription(
        StripeObjectRef.objects.get(object_type="subscription").stripe_id)
    resume = client.patch(url, {"cancel_at_period_end": False}, format="json")
    cancel = client.post(f"{url}cancel/")

    assert stop.json()["cancel_at_period_end"] is True
    assert remote.cancel_at_period_end
    assert resume.json()["cancel_at_period_end"] is False
    assert cancel.json()["status"] == "cancelled"
    assert CreditLot.objects.get().expires_at > dt.datetime.now(UTC)  # month's credits kept


def test_change_plan_applies_from_next_renewal(stripe_api, client_as, member_ada,
                                               network_pass_monthly):
    client = client_as("member_ada")
    ref = subscribe(client, network_pass_monthly,
                    save_card(client, stripe_api.url)).json()["subscription"]["reference"]
    bigger = NetworkPassMonthlyFactory(name="Pass 16", credit_units=1600, price="180.00")

    answer = client.patch(f"/api/v1/subscriptions/{ref}/", {"plan": bigger.pk}, format="json")

    assert answer.status_code == 200
    assert answer.json()["plan"]["id"] == bigger.pk
    assert answer.json()["credits_left"] == "8.00"  # this month's lot unchanged
    assert CreditLot.objects.count() == 1


def _local_subscription(member, plan, remote_id="sub_1Qcurrent0001"):
    sub = Subscription.objects.create(member=member, plan=plan, status="active",
                                      current_period_start=dt.datetime(2026, 11, 18, tzinfo=UTC),
                                      current_period_end=dt.datetime(2026, 12, 18, tzinfo=UTC))
    StripeObjectRef.objects.create(stripe_id=remote_id, object_type="subscription",
                                   subscription=sub)
    return sub


def _event(obj, event_type, event_id):
    event = payload("event")
    event.update(id=event_id, type=event_type)
    event["data"]["object"] = obj
    return event


def test_renewal_invoice_paid_grants_the_next_month_once(
        recorded_gateway, api_client, member_ada, network_pass_monthly):
    sub = _local_subscription(member_ada, network_pass_monthly)
    invoice = recorded_gateway.add(payload("invoice_paid"))

    for event_id in ("evt_a", "evt_b"):  # invoice.paid and a duplicate delivery
        post_event(api_client, _event(invoice, "invoice.paid", event_id))
    for row in StripeEvent.objects.all():
        stripe_event_process(row.pk)

    sub.refresh_from_db()
    assert sub.status == "active"
    assert sub.current_period_end == dt.datetime.fromtimestamp(1800356800, UTC)
    lot = CreditLot.objects.get()
    assert lot.credit_units_granted == 800
    assert lot.expires_at == sub.current_period_end
    assert Invoice.objects.get().total_gross == Decimal("96.00")
    assert Payment.objects.get().status == "succeeded"


def test_failed_renewals_go_past_due_then_suspended_with_notices(
        recorded_gateway, member_ada, network_pass_monthly, settings):
    from ostal.billing.services.subscriptions import subscription_invoice_failed
    from ostal.billing.stripe.gateway import parse_invoice

    settings.BILLING_RENEWAL_MAX_ATTEMPTS = 3
    sub = _local_subscription(member_ada, network_pass_monthly)
    failed = payload("invoice_payment_failed")

    first = subscription_invoice_failed(invoice=parse_invoice(failed | {"attempt_count": 1}))
    assert first.status == "past_due"
    subscription_invoice_failed(invoice=parse_invoice(failed | {"attempt_count": 1}))  # replay
    second = subscription_invoice_failed(invoice=parse_invoice(failed | {"attempt_count": 2}))
    assert second.status == "past_due"
    third = subscription_invoice_failed(invoice=parse_invoice(failed | {"attempt_count": 3}))

    assert third.status == "suspended"
    kinds = sorted(BillingNotice.objects.values_list("kind", flat=True))
    assert kinds == ["renewal_failed"] * 3 + ["subscription_suspended"]
    assert not CreditLot.objects.exists()
    assert list(sub.status_changes.values_list("to_status", flat=True)) == [
        "past_due", "suspended"]


def test_a_paid_invoice_reactivates_a_suspended_subscription(
        recorded_gateway, member_ada, network_pass_monthly):
    from ostal.billing.services.subscriptions import subscription_invoice_paid
    from ostal.billing.stripe.gateway import parse_invoice

    sub = _local_subscription(member_ada, network_pass_monthly)
    sub.status = "suspended"
    sub.save()

    subscription_invoice_paid(invoice=parse_invoice(payload("invoice_paid")))

    sub.refresh_from_db()
    assert sub.status == "active"
    assert sub.failed_payment_count == 0
    assert CreditLot.objects.count() == 1


def test_stripe_cancelling_or_giving_up_is_mirrored(recorded_gateway, member_ada,
                                                    network_pass_monthly):
    from ostal.billing.services.subscriptions import subscription_apply_remote
    from ostal.billing.stripe.gateway import parse_subscription

    sub = _local_subscription(member_ada, network_pass_monthly)
    remote = payload("subscription")

    assert subscription_apply_remote(remote=parse_subscription(remote)).status == "past_due"
    assert subscription_apply_remote(
        remote=parse_subscription(remote | {"status": "unpaid"})).status == "suspended"
    assert subscription_apply_remote(
        remote=parse_subscription(remote | {"status": "canceled"})).status == "cancelled"
    assert subscription_apply_remote(
        remote=parse_subscription(remote | {"id": "sub_not_ours"})) is None
    sub.refresh_from_db()
    assert sub.status == "cancelled"
