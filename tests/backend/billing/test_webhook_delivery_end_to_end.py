"""End to end on one machine: localstripe delivers a signed webhook over HTTP to our running
server, which stores it; processing it completes the payment (the embedded default's flow)."""

import time

import pytest

from ostal.billing.models import Payment, StripeEvent, StripeObjectRef
from ostal.billing.services.webhooks import stripe_event_process
from tests.backend.billing.concurrency import requires_postgres
from tests.backend.billing.helpers import CARD_3DS, WEBHOOK_URL, save_card

# The live server thread shares the test database: SQLite's single in-memory connection
# cannot serve two threads' transactions, PostgreSQL can.
pytestmark = [pytest.mark.postgres, requires_postgres]


@pytest.mark.django_db(transaction=True)
def test_localstripe_delivers_a_signed_event_to_our_endpoint(
        stripe_api, live_server, client_as, member_ada, carnet_cy):
    stripe_api.register_webhook(f"{live_server.url}{WEBHOOK_URL}", "whsec_test")
    try:
        client = client_as("member_ada")
        started = client.post("/api/v1/purchases/", {
            "plan": carnet_cy.pk, "payment_method": save_card(client, stripe_api.url, CARD_3DS),
        }, format="json").json()
        pi = StripeObjectRef.objects.get(object_type="payment_intent").stripe_id

        stripe_api.authenticate_3ds(pi, client_secret=started["client_secret"], success=True)
        deadline = time.monotonic() + 10
        while not StripeEvent.objects.filter(type="payment_intent.succeeded").exists():
            assert time.monotonic() < deadline, "no webhook delivered"
            time.sleep(0.2)

        row = StripeEvent.objects.get(type="payment_intent.succeeded")
        stripe_event_process(row.pk)
        assert Payment.objects.get().status == "succeeded"
        assert StripeEvent.objects.get(pk=row.pk).status == "succeeded"
    finally:
        stripe_api.unregister_webhook()
