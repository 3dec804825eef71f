"""`make stripe-smoke`: Ostal's gateway against Stripe's TEST mode, for anyone with a test key.

Not part of the suite (it needs the network and a Stripe account): run it before a release and
after a change of the pinned API version (settings.STRIPE_API_VERSION).

    STRIPE_SECRET_KEY=sk_test_... make stripe-smoke

It runs the gateway's own entry points (the code production runs), and does what the
browser would with Stripe's test payment methods:

1. save a card: a SetupIntent confirmed with the `pm_card_visa` test card, listed on the
   customer;
2. pay with 3-D Secure: a payment with the `pm_card_threeDSecure2Required` test card asks for
   authentication; the smoke prints Stripe's test authentication page, you click "Complete",
   the payment succeeds (STRIPE_SMOKE_3DS=skip leaves this step out, e.g. in a terminal-only
   session);
3. refund part of it;
4. subscribe to a monthly price, read its first invoice's payment and period, find the
   invoice from its payment intent and in the invoice listing, cancel;
5. a webhook round trip: with the Stripe CLI on the PATH, `stripe listen` forwards the events
   of the steps above to a local endpoint that verifies them like Ostal's (signature, date,
   pinned API version). Without the CLI, set STRIPE_SMOKE_WEBHOOK_SECRET to the secret of an
   endpoint reaching this machine (a tunnel) and STRIPE_SMOKE_WEBHOOK_PORT to its local port.

Everything it creates is in test mode, on a customer named "Ostal smoke test".
"""

from __future__ import annotations

import datetime as dt
import http.server
import json
import os
import shutil
import subprocess
import sys
import threading
import time
import uuid
from decimal import Decimal
from typing import Any

PASS, FAIL = "✓", "✗"


def step(text: str) -> None:
    print(f"\n== {text}", flush=True)  # noqa: T201


def check(condition: bool, text: str) -> None:
    print(f"  {PASS if condition else FAIL} {text}", flush=True)  # noqa: T201
    if not condition:
        raise SystemExit(f"stripe-smoke failed: {text}")


class Events(http.server.BaseHTTPRequestHandler):
    """The local webhook endpoint: verifies like Ostal's endpoint does."""

    gateway: Any = None
    received: list[dict[str, Any]] = []

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        try:
            event = self.gateway.verify_webhook(body, self.headers.get("Stripe-Signature", ""))
        except Exception as exc:  # reported, and answered 400 like Ostal
            print(f"  {FAIL} webhook refused: {exc}", flush=True)  # noqa: T201
            self.send_response(400)
        else:
            self.received.append(event)
            self.send_response(200)
        self.end_headers()

    def log_message(self, *_args: Any) -> None:
        pass


def start_listener(port: int) -> http.server.HTTPServer:
    server = http.server.HTTPServer(("127.0.0.1", port), Events)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def stripe_cli_listen(api_key: str, port: int) -> tuple[subprocess.Popen[bytes] | None, str]:
    cli = shutil.which("stripe")
    if cli is None:
        return None, ""
    secret = subprocess.run(
        [cli, "listen", "--print-secret", "--api-key", api_key], check=True,
        capture_output=True, text=True, timeout=60).stdout.strip()
    process = subprocess.Popen(
        [cli, "listen", "--api-key", api_key, "--forward-to",
         f"http://127.0.0.1:{port}/webhook", "--events",
         "payment_intent.succeeded,charge.refunded,invoice.paid,customer.subscription.deleted"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(5)  # the CLI connects; events of the steps below come after
    return process, secret


def main() -> None:
    import django

    django.setup()
    import stripe
    from django.conf import settings

    from ostal.billing.stripe.gateway import StripeGateway

    key = os.environ.get("STRIPE_SECRET_KEY", "")
    if not key.startswith(("sk_test_", "rk_test_")):
        raise SystemExit("stripe-smoke needs a TEST secret key: STRIPE_SECRET_KEY=sk_test_...")
    version = settings.STRIPE_API_VERSION
    print(f"Ostal gateway against Stripe test mode, API {version}")  # noqa: T201
    browser = stripe.StripeClient(key, stripe_version=version)  # what Stripe.js would do
    port = int(os.environ.get("STRIPE_SMOKE_WEBHOOK_PORT") or 0)
    listener = start_listener(port)
    port = listener.server_address[1]
    cli, secret = stripe_cli_listen(key, port)
    secret = secret or os.environ.get("STRIPE_SMOKE_WEBHOOK_SECRET", "")
    gateway = StripeGateway(api_key=key, api_base="https://api.stripe.com",
                            webhook_secret=secret, api_version=version)
    Events.gateway = gateway
    run = uuid.uuid4().hex[:8]
    started = dt.datetime.now(tz=dt.UTC) - dt.timedelta(minutes=1)
    try:
        step("1. Save a card")
        customer = gateway.create_customer(email=f"smoke-{run}@ostal.invalid",
                                           name="Ostal smoke test", metadata={"smoke": run},
                                           idempotency_key=f"smoke:{run}:customer")
        setup = gateway.create_setup_intent(customer=customer.id, metadata={"smoke": run},
                                            idempotency_key=f"smoke:{run}:setup")
        browser.v1.setup_intents.confirm(setup.id, params={"payment_method": "pm_card_visa"})
        setup = gateway.retrieve_setup_intent(setup.id)
        check(setup.status == "succeeded", f"SetupIntent {setup.id} succeeded")
        cards = gateway.list_payment_methods(customer=customer.id)
        check([c.id for c in cards] == [setup.payment_method],
              f"card {setup.payment_method} saved on {customer.id}")
        gateway.set_default_payment_method(customer=customer.id,
                                           payment_method=setup.payment_method)

        step("2. Pay with 3-D Secure")
        with_3ds = os.environ.get("STRIPE_SMOKE_3DS") != "skip"
        card = browser.v1.payment_methods.attach(
            "pm_card_threeDSecure2Required", params={"customer": customer.id}
        ).id if with_3ds else setup.payment_method
        intent = gateway.create_payment_intent(
            amount=Decimal("18.00"), currency="EUR", customer=customer.id,
            payment_method=card, metadata={"smoke": run}, description="Ostal smoke — poste",
            save_card=False, idempotency_key=f"smoke:{run}:pay")
        intent = gateway.confirm_payment_intent(intent.id,
                                                idempotency_key=f"smoke:{run}:confirm")
        if not with_3ds:
            print("  - 3-D Secure skipped (STRIPE_SMOKE_3DS=skip)")  # noqa: T201
        else:
            check(intent.status == "requires_action", "the bank asks for authentication")
            action = browser.v1.payment_intents.retrieve(intent.id).to_dict().get(
                "next_action") or {}
            url = ((action.get("use_stripe_sdk") or {}).get("stripe_js")
                   or (action.get("redirect_to_url") or {}).get("url"))
            print(f"  Open Stripe's test authentication page, click « Complete »:\n  {url}")  # noqa: T201
            deadline = time.monotonic() + 300
            while intent.status == "requires_action" and time.monotonic() < deadline:
                time.sleep(3)
                intent = gateway.retrieve_payment_intent(intent.id)
        check(intent.status == "succeeded" and intent.amount_received == Decimal("18.00"),
              f"payment {intent.id} succeeded, 18.00 EUR received")
        check(bool(intent.latest_charge), f"its charge {intent.latest_charge}")
        check(gateway.invoice_of_payment_intent(intent.id) == "",
              "a one-off payment belongs to no invoice")

        step("3. Refund part of it")
        refund = gateway.create_refund(payment_intent=intent.id, amount=Decimal("5.00"),
                                       currency="EUR", metadata={"smoke": run},
                                       idempotency_key=f"smoke:{run}:refund")
        refund = gateway.retrieve_refund(refund.id)
        check(refund.status in ("succeeded", "pending") and refund.amount == Decimal("5.00"),
              f"refund {refund.id} of 5.00 EUR ({refund.status})")

        step("4. Subscribe, read the first invoice, cancel")
        price = gateway.ensure_monthly_price(lookup_key=f"ostal-smoke-{run}-9600-eur",
                                             name="Ostal smoke — mensuel",
                                             amount=Decimal("96.00"), currency="EUR")
        again = gateway.ensure_monthly_price(lookup_key=f"ostal-smoke-{run}-9600-eur",
                                             name="Ostal smoke — mensuel",
                                             amount=Decimal("96.00"), currency="EUR")
        check(price == again, f"price {price} found again by its lookup key")
        sub = gateway.create_subscription(customer=customer.id, price=price,
                                          payment_method=setup.payment_method,
                                          metadata={"smoke": run},
                                          idempotency_key=f"smoke:{run}:subscribe")
        check(sub.status == "active" and sub.price == price, f"subscription {sub.id} active")
        check(sub.current_period_end is not None and sub.current_period_start is not None
              and sub.current_period_end > sub.current_period_start,
              "its period is read from its item")
        invoice = gateway.retrieve_invoice(sub.latest_invoice)
        check(invoice.status == "paid" and invoice.amount_paid == Decimal("96.00")
              and invoice.subscription == sub.id, f"invoice {invoice.id} paid, 96.00 EUR")
        check(invoice.payment_intent.startswith("pi_"),
              f"its payment {invoice.payment_intent} read from invoice.payments")
        check(gateway.invoice_of_payment_intent(invoice.payment_intent) == invoice.id,
              "the payment intent leads back to its invoice")
        listed = [x.item.id for x in gateway.list_objects("invoices", created_gte=started)]
        check(invoice.id in listed, "the invoice is in the listing since the run started")
        sub = gateway.cancel_subscription(sub.id, idempotency_key=f"smoke:{run}:cancel")
        check(sub.status == "canceled", "subscription cancelled")

        step("5. Webhook round trip")
        if not secret:
            check(False, "no Stripe CLI on the PATH and no STRIPE_SMOKE_WEBHOOK_SECRET: "
                         "install the Stripe CLI, or point a tunnel at this machine")
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not any(
                e["type"] == "payment_intent.succeeded" for e in Events.received):
            time.sleep(1)
        versions = {e.get("api_version") for e in Events.received}
        check(any(e["type"] == "payment_intent.succeeded" for e in Events.received),
              f"{len(Events.received)} signed events received and verified")
        check(versions == {version}, f"events in the pinned version ({versions}); if not, "
                                     f"create the endpoint with --api-version {version}")
    finally:
        listener.shutdown()
        if cli is not None:
            cli.terminate()
    print(f"\nstripe-smoke passed ({json.dumps(version)}).")  # noqa: T201


if __name__ == "__main__":
    sys.exit(main())
