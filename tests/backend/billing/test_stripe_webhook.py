"""Webhooks: signature, storage once per event id, duplicates, out of order, foreign objects,
API versions; processing re-reads the object from Stripe."""

import copy
import datetime as dt
import json
import time

import pytest
from django.conf import settings
from django.utils import timezone

from ostal.billing.models import Payment, StripeEvent
from ostal.billing.services.webhooks import (
    MAX_ATTEMPTS,
    stripe_event_process,
    stripe_events_pending,
    stripe_events_sweep,
)
from tests.backend.billing.helpers import (
    CARD_3DS,
    WEBHOOK_URL,
    local_events,
    payload,
    post_event,
    save_card,
    sign,
)

pytestmark = pytest.mark.django_db


def event_for(obj, event_type, event_id="evt_1", api_version=settings.STRIPE_API_VERSION):
    event = payload("event")
    event.update(id=event_id, type=event_type, api_version=api_version)
    event["data"]["object"] = obj
    return event


def test_forged_signature_is_refused_and_nothing_is_stored(api_client, recorded_gateway):
    body = json.dumps(event_for(payload("payment_intent"), "payment_intent.succeeded")).encode()

    for signature in ("", "t=1,v1=deadbeef", sign(body, "whsec_wrong"),
                      sign(body, "whsec_test", timestamp=1_000_000_000)):
        answer = api_client.post(WEBHOOK_URL, data=body, content_type="application/json",
                                 HTTP_STRIPE_SIGNATURE=signature)
        assert answer.status_code == 400
        assert answer.json()["code"] == "invalid_signature"
    assert not StripeEvent.objects.exists()


def test_unexpected_api_version_is_refused(api_client, recorded_gateway):
    answer = post_event(api_client, event_for(payload("payment_intent"),
                                              "payment_intent.succeeded",
                                              api_version="2019-02-19"))

    assert answer.status_code == 400
    assert answer.json()["code"] == "unexpected_api_version"
    assert not StripeEvent.objects.exists()


def test_event_is_stored_once_and_enqueued_once(api_client, recorded_gateway, sent_tasks,
                                                django_capture_on_commit_callbacks):
    event = event_for(payload("payment_intent"), "payment_intent.succeeded")

    with django_capture_on_commit_callbacks(execute=True):
        first = post_event(api_client, event)
        again = post_event(api_client, event)

    assert first.status_code == 200
    assert first.json() == {"received": True, "duplicate": False}
    assert again.json() == {"received": True, "duplicate": True}
    row = StripeEvent.objects.get()
    assert row.payload == event
    assert row.status == "received"
    assert sent_tasks == [("billing.process_stripe_event", (row.pk,))]


def test_foreign_payment_intent_event_is_ignored(api_client, recorded_gateway):
    recorded_gateway.add(payload("payment_intent"))
    post_event(api_client, event_for(payload("payment_intent"), "payment_intent.succeeded"))

    row = stripe_event_process(StripeEvent.objects.get().pk)

    assert row.status == "ignored"
    assert not Payment.objects.exists()


def _pending_payment(stripe_api, client_as, plan):
    client = client_as("member_ada")
    card = save_card(client, stripe_api.url, CARD_3DS)
    started = client.post("/api/v1/purchases/", {"plan": plan.pk, "payment_method": card},
                          format="json").json()
    return Payment.objects.get(reference=started["payment"]["reference"]), started


def test_success_event_completes_a_payment_once_even_if_delivered_twice(
        stripe_api, api_client, client_as, member_ada, carnet_cy):
    from ostal.billing.services.payments import payment_intent_id

    payment, started = _pending_payment(stripe_api, client_as, carnet_cy)
    stripe_api.authenticate_3ds(payment_intent_id(payment), client_secret=started["client_secret"],
                               success=True)
    [event] = local_events(stripe_api.url, "payment_intent.succeeded")

    post_event(api_client, event)
    post_event(api_client, event)
    row = StripeEvent.objects.get()
    stripe_event_process(row.pk)
    stripe_event_process(row.pk)

    row.refresh_from_db()
    assert (row.status, row.attempts) == ("succeeded", 1)
    payment.refresh_from_db()
    assert payment.status == "succeeded"
    assert payment.invoices.count() == 1
    assert member_ada.credit_accounts.get().lots.count() == 1


def test_a_late_failure_event_does_not_undo_a_success(stripe_api, api_client, client_as,
                                                      member_ada, carnet_cy):
    """Out of order: a stale `payment_failed` (for an earlier attempt) arrives after success.
    Processing re-reads the intent, which has succeeded: nothing changes."""
    from ostal.billing.services.payments import payment_intent_id

    payment, started = _pending_payment(stripe_api, client_as, carnet_cy)
    pi = payment_intent_id(payment)
    stripe_api.authenticate_3ds(pi, client_secret=started["client_secret"], success=True)
    [success] = local_events(stripe_api.url, "payment_intent.succeeded")
    stale = copy.deepcopy(success)
    stale.update(id="evt_stale_failure", type="payment_intent.payment_failed")
    stale["data"]["object"]["status"] = "requires_payment_method"

    post_event(api_client, success)
    post_event(api_client, stale)
    for row in StripeEvent.objects.order_by("-received_at"):  # failure processed last
        stripe_event_process(row.pk)

    payment.refresh_from_db()
    assert payment.status == "succeeded"
    assert not payment.failure_code
    assert set(StripeEvent.objects.values_list("status", flat=True)) == {"succeeded"}


def test_processing_failure_is_recorded_and_retried_by_the_sweep(
        api_client, recorded_gateway, monkeypatch):
    post_event(api_client, event_for({"id": "in_x", "object": "invoice"}, "invoice.paid"))
    row = StripeEvent.objects.get()

    with pytest.raises(KeyError):
        stripe_event_process(row.pk)  # the recorded gateway has no such invoice

    row.refresh_from_db()
    assert row.status == "failed"
    assert "KeyError" in row.error
    assert row.attempts == 1
    assert stripe_events_pending() == [row.pk]
    recorded_gateway.add(payload("invoice_paid") | {"id": "in_x", "parent": None})
    assert stripe_event_process(row.pk).status == "ignored"  # not one of our subscriptions


def test_webhook_view_needs_no_session_nor_csrf(client, recorded_gateway):
    """Django's test client enforces CSRF when asked: the endpoint is exempt."""
    from django.test import Client

    csrf_client = Client(enforce_csrf_checks=True)
    body = json.dumps(event_for(payload("payment_intent"), "payment_intent.succeeded")).encode()

    answer = csrf_client.post(WEBHOOK_URL, data=body, content_type="application/json",
                              HTTP_STRIPE_SIGNATURE=sign(body, "whsec_test"))

    assert answer.status_code == 200


@pytest.mark.parametrize(("seconds_ahead", "expected"), [(30, 200), (600, 400), (86_400, 400)])
def test_a_signature_dated_in_the_future_is_refused_beyond_a_small_skew(
        api_client, recorded_gateway, seconds_ahead, expected):
    body = json.dumps(event_for(payload("payment_intent"), "payment_intent.succeeded")).encode()
    signature = sign(body, "whsec_test", timestamp=int(time.time()) + seconds_ahead)

    answer = api_client.post(WEBHOOK_URL, data=body, content_type="application/json",
                             HTTP_STRIPE_SIGNATURE=signature)

    assert answer.status_code == expected
    if expected == 400:
        assert answer.json()["code"] == "invalid_signature"
    assert StripeEvent.objects.count() == (1 if expected == 200 else 0)


def _without(key):
    event = event_for(payload("payment_intent"), "payment_intent.succeeded")
    event.pop(key)
    return event


@pytest.mark.parametrize("body", [
    _without("id"), _without("type"), _without("data"), {**_without("id"), "id": ""},
    {**event_for(payload("payment_intent"), "x"), "data": {"object": "pi_1"}},
    {**event_for(payload("payment_intent"), "x"), "data": "pi_1"},
    [event_for(payload("payment_intent"), "payment_intent.succeeded")], "evt_1", 42,
], ids=["no id", "no type", "no data", "empty id", "object not an object", "data not an object",
        "a list",
        "a string", "a number"])
def test_a_signed_body_that_is_not_an_event_is_a_400_and_stores_nothing(
        api_client, recorded_gateway, body):
    answer = post_event(api_client, body)

    assert answer.status_code == 400
    assert answer.json()["code"] == "invalid_event"
    assert not StripeEvent.objects.exists()


def test_a_signed_body_that_is_not_json_is_a_400(api_client, recorded_gateway):
    body = b"{not json"
    answer = api_client.post(WEBHOOK_URL, data=body, content_type="application/json",
                             HTTP_STRIPE_SIGNATURE=sign(body, "whsec_test"))

    assert (answer.status_code, answer.json()["code"]) == (400, "invalid_event")


def test_a_body_that_is_not_text_is_a_400(api_client, recorded_gateway):
    body = b"\xff\xfe{}"
    answer = api_client.post(WEBHOOK_URL, data=body, content_type="application/json",
                             HTTP_STRIPE_SIGNATURE="t=1,v1=00")

    assert (answer.status_code, answer.json()["code"]) == (400, "invalid_signature")
    assert not StripeEvent.objects.exists()


def test_localstripes_own_api_version_is_refused_too(api_client, recorded_gateway):
    """Only the pinned version is read: the fake Stripe's events come through its bridge."""
    answer = post_event(api_client, event_for(payload("payment_intent"),
                                              "payment_intent.succeeded",
                                              api_version="2017-08-15"))

    assert (answer.status_code, answer.json()["code"]) == (400, "unexpected_api_version")


def _processing(lease_until, attempts=1):
    return StripeEvent.objects.create(
        stripe_event_id=f"evt_leased_{attempts}", type="payment_intent.succeeded",
        api_version=settings.STRIPE_API_VERSION, status="processing", attempts=attempts,
        lease_until=lease_until, payload=event_for(payload("payment_intent"),
                                                   "payment_intent.succeeded"))


def test_an_event_within_its_lease_is_left_to_its_worker(recorded_gateway):
    row = _processing(timezone.now() + dt.timedelta(minutes=4))

    assert row.pk not in stripe_events_pending()
    assert stripe_event_process(row.pk).attempts == 1
    assert StripeEvent.objects.get(pk=row.pk).status == "processing"


def test_an_event_whose_lease_ended_is_taken_over_by_the_sweep(recorded_gateway):
    recorded_gateway.add(payload("payment_intent"))
    row = _processing(timezone.now() - dt.timedelta(seconds=1))

    assert stripe_events_sweep() == 1

    row.refresh_from_db()
    assert (row.status, row.attempts, row.lease_until) == ("ignored", 2, None)


def test_an_event_whose_last_attempt_died_is_marked_failed_for_a_person(recorded_gateway):
    row = _processing(timezone.now() - dt.timedelta(seconds=1), attempts=MAX_ATTEMPTS)

    assert stripe_events_sweep() == 0

    row.refresh_from_db()
    assert (row.status, row.attempts) == ("failed", MAX_ATTEMPTS)
    assert "lease ended" in row.error
