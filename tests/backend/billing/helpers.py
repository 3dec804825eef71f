"""Helpers for billing tests: what a browser does at (local) Stripe, signed webhooks, and a
gateway that serves recorded payloads of the current Stripe API version."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import time
from pathlib import Path
from typing import Any

import requests
from django.conf import settings
from rest_framework.test import APIClient

from ostal.billing.stripe import gateway as gw

PAYLOADS = Path(__file__).parent / "stripe_payloads"
WEBHOOK_URL = "/api/v1/billing/stripe/webhook/"
CARD_OK, CARD_DECLINED_ON_CHARGE, CARD_3DS = ("4242424242424242", "4000000000000341",
                                              "4000002500003155")


def payload(name: str) -> dict[str, Any]:
    return json.loads((PAYLOADS / f"{name}.json").read_text())


def save_card(client: APIClient, stripe_url: str, number: str = CARD_OK) -> str:
    """Save a card as the browser would: SetupIntent from our API, confirmed at (local)
    Stripe like Stripe.js does (3-D Secure accepted), then completed with our API."""
    created = client.post("/api/v1/billing/payment-methods/setup-intents/")
    assert created.status_code == 201, created.content
    intent = created.json()
    url = f"{stripe_url}/v1/setup_intents/{intent['setup_intent_id']}/confirm"
    body = {"key": "pk_test_local", "client_secret": intent["client_secret"],
            "payment_method_data": {"type": "card", "card": {
                "number": number, "exp_month": 12, "exp_year": 2031, "cvc": "123"}}}
    answer = requests.post(url, json=body, timeout=5).json()
    if answer.get("status") == "requires_action":
        requests.post(url, json={"key": "pk_test_local",
                                 "client_secret": intent["client_secret"]}, timeout=5)
    done = client.post(f"/api/v1/billing/payment-methods/setup-intents/"
                       f"{intent['setup_intent_id']}/complete/")
    assert done.status_code == 200, done.content
    return str(done.json()["id"])


def sign(body: bytes, secret: str, timestamp: int | None = None) -> str:
    timestamp = timestamp or int(time.time())
    mac = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256)
    return f"t={timestamp},v1={mac.hexdigest()}"


def post_event(client: APIClient, event: dict[str, Any], secret: str = "whsec_test",
               signature: str | None = None) -> Any:
    body = json.dumps(event).encode()
    return client.post(WEBHOOK_URL, data=body, content_type="application/json",
                       HTTP_STRIPE_SIGNATURE=signature or sign(body, secret))


def local_events(stripe_url: str, event_type: str) -> list[dict[str, Any]]:
    """Events the local Stripe recorded, newest first (in the pinned version's shape)."""
    answer = requests.get(f"{stripe_url}/v1/events", params={"type": event_type, "limit": 100},
                          headers={"Authorization": "Bearer sk_test_local",
                                   "Stripe-Version": settings.STRIPE_API_VERSION}, timeout=5)
    return list(answer.json()["data"])[::-1]


class RecordedGateway:
    """A PaymentGateway serving objects of the current API shape (parsed by the real parsing
    functions). Tests put JSON objects in `objects` by id; writes are recorded in `calls`."""

    def __init__(self) -> None:
        self.objects: dict[str, dict[str, Any]] = {}
        self.calls: list[tuple[str, Any]] = []

    def add(self, obj: dict[str, Any]) -> dict[str, Any]:
        self.objects[obj["id"]] = obj
        return obj

    def retrieve_payment_intent(self, pi: str) -> gw.GatewayPaymentIntent:
        return gw.parse_payment_intent(self.objects[pi])

    def retrieve_invoice(self, invoice: str) -> gw.GatewayInvoice:
        return gw.parse_invoice(self.objects[invoice])

    def retrieve_subscription(self, sub: str) -> gw.GatewaySubscription:
        return gw.parse_subscription(self.objects[sub])

    def retrieve_dispute(self, dispute: str) -> gw.GatewayDispute:
        return gw.parse_dispute(self.objects[dispute])

    def retrieve_refund(self, refund: str) -> gw.GatewayRefund:
        return gw.parse_refund(self.objects[refund])

    def invoice_of_payment_intent(self, pi: str) -> str:
        return next((obj["id"] for obj in self.objects.values() if obj.get("object") == "invoice"
                     and any(p["payment"].get("payment_intent") == pi
                             for p in (obj.get("payments") or {}).get("data") or [])), "")

    def list_objects(self, resource: str, *, created_gte: dt.datetime | None
                     ) -> list[gw.Listed]:
        """The recorded objects of that kind (`payment_intents` → `payment_intent`...),
        parsed as the real listing parses them."""
        kind = resource.removesuffix("s")
        return [gw.parse_listed(resource, obj) for obj in self.objects.values()
                if obj.get("object") == kind and (created_gte is None or obj["created"]
                                                  >= created_gte.timestamp())]

    def verify_webhook(self, body: bytes, signature: str) -> dict[str, Any]:
        return gw.StripeGateway(api_key="sk_test_x", api_base="http://127.0.0.1:9",
                                webhook_secret="whsec_test",
                                api_version=settings.STRIPE_API_VERSION).verify_webhook(
            body, signature)

    def create_refund(self, **kwargs: Any) -> gw.GatewayRefund:
        self.calls.append(("create_refund", kwargs))
        refund = self.add({"id": f"re_{len(self.calls)}", "object": "refund",
                           "status": "succeeded", "currency": kwargs["currency"].lower(),
                           "amount": gw.to_minor_units(kwargs["amount"], kwargs["currency"]),
                           "payment_intent": kwargs["payment_intent"], "charge": "ch_1"})
        return gw.parse_refund(refund)

    def __getattr__(self, name: str) -> Any:
        def record(*args: Any, **kwargs: Any) -> None:
            self.calls.append((name, (args, kwargs)))

        return record


GATEWAY_USERS = ["ostal.billing.services.customers", "ostal.billing.services.payments",
                 "ostal.billing.services.subscriptions", "ostal.billing.services.webhooks"]
