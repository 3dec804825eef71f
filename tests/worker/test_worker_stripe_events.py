"""A real worker is SIGKILLed while it handles a Stripe webhook event: the event does not stay
"processing" for ever. Its claim carries a lease (STRIPE_EVENT_LEASE_SECONDS, 3 s here); once
the lease has ended, the periodic sweep on another worker claims it again and finishes it, and
the payment is applied exactly once (one invoice, one lot of credits).

The kill is placed deterministically: the local Stripe holds the worker's re-fetch of the
payment intent (the first thing the handler does after claiming), the test kills the worker
that is waiting for it, then lets the server go on.
"""

import time
from typing import Any

import pytest

from ostal.billing.models import Invoice, Payment, StripeEvent, StripeObjectRef
from ostal.memberships.models import CreditLot
from tests.backend.billing.factories import PlaceCarnetFactory
from tests.backend.billing.helpers import CARD_3DS, local_events, post_event, save_card
from tests.factories import SpaceFactory
from tests.worker.conftest import requires_shared_database

pytestmark = [requires_shared_database, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def local_stripe(stripe_server: Any, settings: Any) -> Any:
    stripe_server.reset()
    settings.STRIPE_API_BASE = stripe_server.url
    settings.STRIPE_SECRET_KEY = "sk_test_local"
    settings.STRIPE_WEBHOOK_SECRET = "whsec_test"
    return stripe_server


def test_an_event_whose_worker_was_killed_mid_way_is_taken_over_and_applied_once(
        local_stripe, start_worker, broker, client_as, member_ada, operator_cy, monkeypatch):
    app = broker.app()
    monkeypatch.setattr("ostal.billing.tasks._send",
                        lambda name, args: app.send_task(name, args=list(args)))
    env = {"STRIPE_SECRET_KEY": "sk_test_local", "STRIPE_API_BASE": local_stripe.url,
           "STRIPE_WEBHOOK_SECRET": "whsec_test", "STRIPE_EVENT_LEASE_SECONDS": "3",
           "STRIPE_MAX_NETWORK_RETRIES": "0"}
    victim = start_worker("w1", **env)
    # A carnet bought with a card that asks for 3-D Secure; the member authenticates at Stripe.
    carnet = PlaceCarnetFactory(space=SpaceFactory(operator=operator_cy))
    client = client_as("member_ada")
    started = client.post("/api/v1/purchases/", {
        "plan": carnet.pk, "payment_method": save_card(client, local_stripe.url, CARD_3DS)},
        format="json").json()
    pi = StripeObjectRef.objects.get(object_type="payment_intent").stripe_id
    local_stripe.authenticate_3ds(pi, client_secret=started["client_secret"], success=True)
    [event] = local_events(local_stripe.url, "payment_intent.succeeded")
    local_stripe.hold_requests(rf"^/v1/payment_intents/{pi}$")

    # Stripe's webhook arrives; the worker claims the event and asks Stripe for the intent.
    assert post_event(client_as("anonymous"), event).status_code == 200
    assert local_stripe.wait_held(timeout=30) == f"/v1/payment_intents/{pi}"
    row = StripeEvent.objects.get(stripe_event_id=event["id"])
    assert (row.status, row.attempts) == ("processing", 1)
    victim.kill()
    local_stripe.release_requests()

    survivor = start_worker("w2", **env)
    deadline = time.monotonic() + 60
    while StripeEvent.objects.get(pk=row.pk).status != "succeeded":
        assert time.monotonic() < deadline, survivor.output()[-3000:]
        app.send_task("billing.process_pending_stripe_events")  # beat's job, faster
        time.sleep(0.5)

    row.refresh_from_db()
    assert (row.attempts, row.lease_until, row.error) == (2, None, "")
    payment = Payment.objects.get()
    assert payment.status == "succeeded"
    assert payment.status_changes.filter(to_status="succeeded").count() == 1
    assert Invoice.objects.filter(payment=payment).count() == 1
    assert CreditLot.objects.count() == 1
