"""Reconciliation against the local fake Stripe (localstripe): webhooks deliberately missed
(none is registered), a refund made "in the dashboard" (straight at Stripe), and differences
that must be reported, not repaired. Every repair is applied once: a second run, or the late
webhook, changes nothing."""

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
import requests
from django.conf import settings
from django.utils import timezone

from ostal.billing.models import (
    Invoice,
    Payment,
    ReconciliationCursor,
    ReconciliationIssue,
    ReconciliationRun,
    Refund,
    StripeEvent,
    StripeObjectRef,
)
from ostal.billing.services.customers import customer_get_or_create
from ostal.billing.services.payments import payment_create, payment_intent_id
from ostal.billing.services.reconciliation import (
    reconciliation_daily_summary,
    reconciliation_issue_resolve,
    reconciliation_run,
)
from ostal.billing.services.webhooks import stripe_event_process
from ostal.billing.stripe.gateway import Listed
from ostal.bookings.models import Booking
from ostal.memberships.models import CreditLot, Subscription
from ostal.notifications.models import Notification
from tests.backend.billing.helpers import CARD_3DS, CARD_OK, post_event, save_card
from tests.factories import PriceFactory, ResourceFactory

pytestmark = pytest.mark.django_db
Issue = ReconciliationIssue


def stripe(stripe_api: Any, method: str, path: str, **data: Any) -> dict[str, Any]:
    """A call straight to (local) Stripe, as the dashboard or another system would make."""
    answer = requests.request(method, f"{stripe_api.url}/v1/{path}", data=data, timeout=5,
                              headers={"Authorization": "Bearer sk_test_local",
                                       "Stripe-Version": settings.STRIPE_API_VERSION})
    assert answer.status_code == 200, answer.text
    return dict(answer.json())


@pytest.fixture
def held_booking(space_cy, member_ada):
    desk = ResourceFactory(space=space_cy, kind="desk")
    PriceFactory(space=space_cy, resource_kind="desk", unit="day", amount=Decimal("18.00"))
    start = timezone.now().replace(hour=8, minute=0, second=0, microsecond=0) + dt.timedelta(
        days=3)
    return Booking.objects.create(
        space=space_cy, resource=desk, resource_kind="desk", member=member_ada,
        status=Booking.Status.HELD, start=start, end=start + dt.timedelta(hours=9),
        local_date=start.date(), part="day",
        expires_at=timezone.now() + dt.timedelta(minutes=15))


def checkout(client, booking, card):
    answer = client.post(f"/api/v1/billing/bookings/{booking.pk}/checkout/",
                         {"method": "card", "payment_method": card}, format="json")
    assert answer.status_code in (200, 201, 202), answer.content
    return answer.json()


def repairs_of(run: ReconciliationRun) -> list[str]:
    return list(run.repairs)


def test_a_payment_whose_webhook_was_missed_is_completed_once(
        stripe_api, client_as, member_ada, held_booking):
    client = client_as("member_ada")
    started = checkout(client, held_booking, save_card(client, stripe_api.url, CARD_3DS))
    payment = Payment.objects.get()
    pi = payment_intent_id(payment)
    # The member passes 3-D Secure; Stripe's webhook never reaches us.
    stripe_api.authenticate_3ds(pi, client_secret=started["payment"]["client_secret"],
                               success=True)
    assert Payment.objects.get().status == "requires_payment"

    first = reconciliation_run()
    second = reconciliation_run()

    payment.refresh_from_db()
    held_booking.refresh_from_db()
    assert payment.status == "succeeded"
    assert held_booking.status == "confirmed"
    assert Invoice.objects.filter(payment=payment).count() == 1
    assert [r for r in repairs_of(first) if pi in r] == [
        f"{pi}: payment {payment.reference} requires_payment → succeeded (webhook missed)"]
    assert repairs_of(second) == []
    assert not Issue.objects.exists()

    # The webhook finally arrives: nothing more happens.
    event = {"id": "evt_late_1", "type": "payment_intent.succeeded",
             "api_version": settings.STRIPE_API_VERSION, "created": int(timezone.now().timestamp()),
             "data": {"object": {"id": pi, "object": "payment_intent"}}}
    assert post_event(client_as("anonymous"), event).status_code == 200
    stripe_event_process(StripeEvent.objects.get(stripe_event_id="evt_late_1").pk)
    assert Invoice.objects.filter(payment=payment).count() == 1
    assert Notification.objects.filter(booking=held_booking,
                                       kind="booking_confirmed").count() == 1


def test_a_refund_made_in_the_stripe_dashboard_is_recorded_once(
        stripe_api, client_as, member_ada, held_booking):
    client = client_as("member_ada")
    checkout(client, held_booking, save_card(client, stripe_api.url, CARD_OK))
    payment = Payment.objects.get()
    assert payment.status == "succeeded"
    refund = stripe(stripe_api, "POST", "refunds", payment_intent=payment_intent_id(payment),
                    amount=500)

    run = reconciliation_run()
    reconciliation_run()

    payment.refresh_from_db()
    assert (payment.status, payment.amount_refunded) == ("partially_refunded", Decimal("5.00"))
    recorded = Refund.objects.get()
    assert (recorded.amount, recorded.reason, recorded.status) == (
        Decimal("5.00"), "manual", "succeeded")
    assert recorded.idempotency_key == f"stripe_refund:{refund['id']}"
    assert StripeObjectRef.objects.get(stripe_id=refund["id"]).refund == recorded
    assert Invoice.objects.filter(doc_type="credit_note").count() == 1
    assert any("made in the Stripe dashboard" in r for r in repairs_of(run))
    assert not Issue.objects.exists()  # refunded amounts agree with Stripe's charge

    # A late refund webhook applies the same refund: nothing is counted twice.
    event = {"id": "evt_late_2", "type": "refund.updated",
             "api_version": settings.STRIPE_API_VERSION, "created": int(timezone.now().timestamp()),
             "data": {"object": {"id": refund["id"], "object": "refund"}}}
    post_event(client_as("anonymous"), event)
    stripe_event_process(StripeEvent.objects.get(stripe_event_id="evt_late_2").pk)
    payment.refresh_from_db()
    assert payment.amount_refunded == Decimal("5.00")
    assert Invoice.objects.filter(doc_type="credit_note").count() == 1


def test_differences_that_are_not_safe_to_repair_are_reported_once(
        stripe_api, client_as, member_ada, held_booking, space_cy, network_admin_nina):
    client = client_as("member_ada")
    card = save_card(client, stripe_api.url, CARD_OK)
    checkout(client, held_booking, card)
    paid = Payment.objects.get()
    # 1. the place cancelled the paid booking, but no refund was ever asked for (a bug, or a
    #    manual edit): reported.
    Booking.objects.filter(pk=held_booking.pk).update(status="cancelled",
                                                      cancelled_by=network_admin_nina)
    customer = customer_get_or_create(user=member_ada)
    # 2. a payment taken outside Ostal (dashboard, another tool): unknown.
    foreign = stripe(stripe_api, "POST", "payment_intents", amount=4200, currency="eur",
                     customer=customer, payment_method=card)
    stripe(stripe_api, "POST", f"payment_intents/{foreign['id']}/confirm")
    # 3. one of ours, for another amount than the row says.
    other = payment_create(payer=member_ada, purpose="booking", amount=Decimal("20.00"),
                           currency="EUR", description="x", seller_operator=space_cy.operator)
    mismatched = stripe(stripe_api, "POST", "payment_intents", amount=2500, currency="eur",
                        customer=customer, payment_method=card,
                        **{"metadata[ostal_payment]": str(other.reference)})
    StripeObjectRef.objects.create(stripe_id=mismatched["id"], object_type="payment_intent",
                                   payment=other)

    reconciliation_run()
    reconciliation_run()

    issues = {(i.kind, i.stripe_id) for i in Issue.objects.all()}
    assert issues == {
        ("payment_for_cancelled_booking", payment_intent_id(paid)),
        ("unknown_payment", foreign["id"]),
        ("amount_mismatch", mismatched["id"]),
    }
    other.refresh_from_db()
    assert other.status == "requires_payment"  # nothing applied from a mismatching intent
    assert Issue.objects.get(kind="amount_mismatch").details["stripe_amount"] == "25.00"

    resolved = reconciliation_issue_resolve(issue=Issue.objects.get(kind="unknown_payment"),
                                            actor=network_admin_nina, note="Donation")
    reconciliation_run()
    resolved.refresh_from_db()
    assert resolved.status == "resolved"
    assert Issue.objects.count() == 3


def test_a_subscription_whose_first_invoice_webhook_was_missed_is_activated(
        stripe_api, client_as, member_ada, network_pass_monthly):
    client = client_as("member_ada")
    answer = client.post("/api/v1/subscriptions/", {
        "plan": network_pass_monthly.pk,
        "payment_method": save_card(client, stripe_api.url, CARD_3DS)}, format="json")
    assert answer.json()["requires_action"] is True
    subscription = Subscription.objects.get()
    assert subscription.status == "incomplete"
    [invoice] = stripe(stripe_api, "GET", "invoices?expand[]=data.payments")["data"]
    invoice_pi = invoice["payments"]["data"][0]["payment"]["payment_intent"]
    stripe_api.authenticate_3ds(invoice_pi, client_secret=answer.json()["client_secret"],
                               success=True)

    run = reconciliation_run()
    reconciliation_run()

    subscription.refresh_from_db()
    assert subscription.status == "active"
    assert CreditLot.objects.filter(subscription=subscription).count() == 1
    assert Invoice.objects.count() == 1
    assert any("paid invoice applied" in r for r in repairs_of(run))
    assert not Issue.objects.exists()

    # Cancelled at Stripe (dashboard), webhook missed: applied at the next run.
    stripe(stripe_api, "DELETE", f"subscriptions/"
                                 f"{StripeObjectRef.objects.get(object_type='subscription').stripe_id}")
    reconciliation_run()
    subscription.refresh_from_db()
    assert subscription.status == "cancelled"


class ListingGateway:
    """A gateway that only lists (for the cursor and run-lock tests)."""

    def __init__(self, objects: dict[str, list[Listed]] | None = None) -> None:
        self.objects = objects or {}
        self.calls: list[tuple[str, dt.datetime | None]] = []

    def list_objects(self, resource: str, *, created_gte: dt.datetime | None) -> list[Listed]:
        self.calls.append((resource, created_gte))
        return [o for o in self.objects.get(resource, [])
                if created_gte is None or o.created >= created_gte]


def test_each_run_starts_from_the_saved_cursor_minus_the_look_back(settings):
    settings.RECONCILIATION_LOOKBACK_HOURS = 2
    from ostal.billing.stripe.gateway import GatewayCharge

    now = timezone.now()
    created = now - dt.timedelta(hours=5)
    charge = GatewayCharge(id="ch_1", status="failed", amount=Decimal("1.00"),
                           amount_refunded=Decimal("0.00"), currency="EUR", payment_intent="",
                           refunded=False, disputed=False)
    gateway = ListingGateway({"charges": [Listed(created, charge)]})

    reconciliation_run(gateway=gateway, now=now)
    reconciliation_run(gateway=gateway, now=now + dt.timedelta(hours=1))

    first, second = gateway.calls[:5], gateway.calls[5:]
    assert dict(first)["charges"] == now - dt.timedelta(days=30)  # first run: 30 days
    assert ReconciliationCursor.objects.get(object_type="charges").created_gte == created
    assert dict(second)["charges"] == created - dt.timedelta(hours=2)
    assert dict(second)["refunds"] == now + dt.timedelta(hours=1) - dt.timedelta(days=30)
    assert ReconciliationRun.objects.filter(status="succeeded").count() == 2


def test_one_run_at_a_time_and_a_dead_runs_lease_is_taken_over():
    now = timezone.now()
    ReconciliationRun.objects.create(started_at=now, lease_until=now + dt.timedelta(minutes=5))

    assert reconciliation_run(gateway=ListingGateway(), now=now) is None
    taken = reconciliation_run(gateway=ListingGateway(), now=now + dt.timedelta(minutes=6))

    assert taken is not None
    assert taken.status == "succeeded"
    assert ReconciliationRun.objects.filter(status="failed").count() == 1


def test_the_daily_summary_goes_to_each_network_admin_once(network_admin_nina, member_ada):
    from django.core import mail

    from ostal.notifications.dispatch import notifications_dispatch_due

    now = timezone.now()
    ReconciliationRun.objects.create(
        started_at=now - dt.timedelta(days=1), lease_until=now, status="succeeded",
        stats={"checked": {"payment_intents": 12, "refunds": 3}},
        repairs=["pi_1: payment x requires_payment → succeeded (webhook missed)"])
    Issue.objects.create(kind="unknown_payment", stripe_id="pi_9", first_seen_at=now -
                         dt.timedelta(days=1), last_seen_at=now)

    assert reconciliation_daily_summary(now=now) == 1
    assert reconciliation_daily_summary(now=now) == 0
    notifications_dispatch_due()

    message, = mail.outbox
    assert message.to == ["nina@example.org"]
    assert "1 réparation(s), 1 écart(s) ouvert(s)" in message.subject
    assert "objets Stripe examinés : 15" in message.body
    assert "paiement inconnu d'Ostal — pi_9" in message.body
