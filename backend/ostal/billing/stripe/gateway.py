"""Our small interface to the payment provider, implemented with the official `stripe` library.

Everything Stripe-specific stops here: the domain sees dataclasses with Decimal amounts (minor
units are converted here and nowhere else) and our own error types.

One API version, one code path. Every request carries the version pinned in settings
(STRIPE_API_VERSION, the version the installed `stripe` library is generated for) and this
module speaks that version's shapes only: subscription periods and prices on the items, an
invoice's subscription under `parent.subscription_details`, its payments under `payments`
(expanded on request), a payment intent's charge as `latest_charge`, which invoice a payment
intent paid through the invoice payments list. Production and the tests run this same code:
the local fake Stripe of the tests and the demo is put behind a bridge that speaks this version
(tests/stripe_bridge.py), and tests/contract/test_stripe_contract.py checks every request made
here and every field read here against the library's definitions of the pinned version.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from typing import Any, Protocol

import stripe
from django.conf import settings

from ostal.core.money import from_minor_units, to_minor_units

# Webhook signatures: older than this, or dated further in the future than the clock skew we
# allow, and the delivery is refused (a replay, or a forged timestamp).
WEBHOOK_TOLERANCE_SECONDS = 300
WEBHOOK_FUTURE_TOLERANCE_SECONDS = 60
LIST_RESOURCES = ("payment_intents", "charges", "refunds", "invoices", "subscriptions",
                  "disputes")


class GatewayError(Exception):
    """A refusal or failure from the provider. `retryable` for network errors, rate limits and
    5xx (a task may retry with the same idempotency key); not for refusals."""

    def __init__(self, code: str, message: str, *, retryable: bool = False,
                 payment_intent_id: str = "") -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.retryable = retryable
        self.payment_intent_id = payment_intent_id


class CardDeclined(GatewayError):
    pass


class SignatureError(GatewayError):
    pass


class InvalidEvent(GatewayError):
    """A correctly signed webhook body that is not an event (no id, no type, no object)."""


@dataclass(frozen=True)
class GatewayCustomer:
    id: str
    email: str


@dataclass(frozen=True)
class GatewayPaymentMethod:
    id: str
    customer: str
    brand: str
    last4: str
    exp_month: int
    exp_year: int


@dataclass(frozen=True)
class GatewaySetupIntent:
    id: str
    status: str
    client_secret: str
    customer: str
    payment_method: str


@dataclass(frozen=True)
class GatewayPaymentIntent:
    id: str
    status: str
    amount: Decimal
    amount_received: Decimal
    currency: str
    customer: str
    payment_method: str
    client_secret: str
    latest_charge: str
    metadata: dict[str, str]
    next_action: str = ""
    error_code: str = ""
    error_message: str = ""


@dataclass(frozen=True)
class GatewayRefund:
    id: str
    status: str
    amount: Decimal
    currency: str
    payment_intent: str
    charge: str
    metadata: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class GatewaySubscription:
    id: str
    status: str
    customer: str
    item: str
    price: str
    current_period_start: dt.datetime | None
    current_period_end: dt.datetime | None
    cancel_at_period_end: bool
    latest_invoice: str
    metadata: dict[str, str]


@dataclass(frozen=True)
class GatewayInvoice:
    id: str
    status: str
    customer: str
    subscription: str
    payment_intent: str
    currency: str
    amount_due: Decimal
    amount_paid: Decimal
    period_start: dt.datetime | None
    period_end: dt.datetime | None
    billing_reason: str
    attempt_count: int
    next_payment_attempt: dt.datetime | None
    paid_at: dt.datetime | None


@dataclass(frozen=True)
class GatewayDispute:
    id: str
    status: str
    amount: Decimal
    currency: str
    reason: str
    charge: str
    payment_intent: str


@dataclass(frozen=True)
class GatewayEvent:
    id: str
    type: str
    api_version: str
    created: dt.datetime | None
    livemode: bool
    object_type: str
    object_id: str
    data_object: dict[str, Any]


@dataclass(frozen=True)
class GatewayCharge:
    id: str
    status: str
    amount: Decimal
    amount_refunded: Decimal
    currency: str
    payment_intent: str
    refunded: bool
    disputed: bool


@dataclass(frozen=True)
class Listed:
    """One object from a list call: when Stripe created it, and the parsed object."""

    created: dt.datetime
    item: Any


# --- Parsing: pure functions of the pinned version's JSON ----------------------------------

def _ts(value: Any) -> dt.datetime | None:
    return dt.datetime.fromtimestamp(int(value), tz=dt.UTC) if value else None


def _id(value: Any) -> str:
    """An expandable field: an id, an expanded object, or nothing."""
    if isinstance(value, dict):
        return str(value.get("id") or "")
    return str(value or "")


def _money(minor: Any, currency: str) -> Decimal:
    return from_minor_units(int(minor or 0), currency)


def parse_customer(data: dict[str, Any]) -> GatewayCustomer:
    return GatewayCustomer(id=data["id"], email=data.get("email") or "")


def parse_payment_method(data: dict[str, Any]) -> GatewayPaymentMethod:
    card = data.get("card") or {}
    return GatewayPaymentMethod(id=data["id"], customer=_id(data.get("customer")),
                                brand=str(card.get("brand", "")).lower(),
                                last4=str(card.get("last4", "")),
                                exp_month=int(card.get("exp_month") or 0),
                                exp_year=int(card.get("exp_year") or 0))


def parse_setup_intent(data: dict[str, Any]) -> GatewaySetupIntent:
    return GatewaySetupIntent(id=data["id"], status=data["status"],
                              client_secret=data.get("client_secret") or "",
                              customer=_id(data.get("customer")),
                              payment_method=_id(data.get("payment_method")))


def parse_payment_intent(data: dict[str, Any]) -> GatewayPaymentIntent:
    currency = str(data["currency"]).upper()
    error = data.get("last_payment_error") or {}
    return GatewayPaymentIntent(
        id=data["id"], status=data["status"], amount=_money(data["amount"], currency),
        amount_received=_money(data.get("amount_received"), currency), currency=currency,
        customer=_id(data.get("customer")), payment_method=_id(data.get("payment_method")),
        client_secret=data.get("client_secret") or "",
        latest_charge=_id(data.get("latest_charge")),
        metadata=dict(data.get("metadata") or {}),
        next_action=str((data.get("next_action") or {}).get("type") or ""),
        error_code=str(error.get("decline_code") or error.get("code") or ""),
        error_message=str(error.get("message") or ""))


def parse_refund(data: dict[str, Any]) -> GatewayRefund:
    currency = str(data["currency"]).upper()
    return GatewayRefund(id=data["id"], status=data["status"],
                         amount=_money(data["amount"], currency), currency=currency,
                         payment_intent=_id(data.get("payment_intent")),
                         charge=_id(data.get("charge")),
                         metadata=dict(data.get("metadata") or {}))


def parse_price(data: dict[str, Any]) -> str:
    return str(data["id"])


def parse_subscription(data: dict[str, Any]) -> GatewaySubscription:
    """One price per subscription (ours have one item); its period is the item's."""
    items = (data.get("items") or {}).get("data") or [{}]
    item = items[0]
    return GatewaySubscription(
        id=data["id"], status=data["status"], customer=_id(data.get("customer")),
        item=str(item.get("id") or ""), price=_id(item.get("price")),
        current_period_start=_ts(item.get("current_period_start")),
        current_period_end=_ts(item.get("current_period_end")),
        cancel_at_period_end=bool(data.get("cancel_at_period_end")),
        latest_invoice=_id(data.get("latest_invoice")),
        metadata=dict(data.get("metadata") or {}))


def parse_invoice(data: dict[str, Any]) -> GatewayInvoice:
    """`payments` is only present when expanded (the gateway always asks for it): the paid
    payment's intent, else the first one (an open invoice's current attempt)."""
    currency = str(data.get("currency") or "eur").upper()
    parent = data.get("parent") or {}
    subscription = _id((parent.get("subscription_details") or {}).get("subscription"))
    payments = (data.get("payments") or {}).get("data") or []
    paid = [p for p in payments if p.get("status") == "paid"] or payments
    payment_intent = _id((paid[0].get("payment") or {}).get("payment_intent")) if paid else ""
    lines = (data.get("lines") or {}).get("data") or []
    period = (lines[0].get("period") if lines else None) or {}
    transitions = data.get("status_transitions") or {}
    return GatewayInvoice(
        id=data["id"], status=data["status"], customer=_id(data.get("customer")),
        subscription=subscription, payment_intent=payment_intent, currency=currency,
        amount_due=_money(data.get("amount_due"), currency),
        amount_paid=_money(data.get("amount_paid"), currency),
        period_start=_ts(period.get("start")), period_end=_ts(period.get("end")),
        billing_reason=str(data.get("billing_reason") or ""),
        attempt_count=int(data.get("attempt_count") or 0),
        next_payment_attempt=_ts(data.get("next_payment_attempt")),
        paid_at=_ts(transitions.get("paid_at")))


def parse_invoice_payment(data: dict[str, Any]) -> str:
    """The invoice an invoice payment belongs to."""
    return _id(data.get("invoice"))


def parse_dispute(data: dict[str, Any]) -> GatewayDispute:
    currency = str(data["currency"]).upper()
    return GatewayDispute(id=data["id"], status=data["status"],
                          amount=_money(data["amount"], currency), currency=currency,
                          reason=str(data.get("reason") or ""), charge=_id(data.get("charge")),
                          payment_intent=_id(data.get("payment_intent")))


def parse_charge(data: dict[str, Any]) -> GatewayCharge:
    currency = str(data["currency"]).upper()
    return GatewayCharge(id=data["id"], status=str(data.get("status") or ""),
                         amount=_money(data.get("amount"), currency),
                         amount_refunded=_money(data.get("amount_refunded"), currency),
                         currency=currency, payment_intent=_id(data.get("payment_intent")),
                         refunded=bool(data.get("refunded")),
                         disputed=bool(data.get("disputed")))


def parse_event(data: Any) -> GatewayEvent:
    """A webhook event. InvalidEvent when the body is not one (no id, type or object)."""
    event = data if isinstance(data, dict) else {}
    body = event.get("data")
    obj = body.get("object") if isinstance(body, dict) else None
    event_id, kind, created = event.get("id"), event.get("type"), event.get("created")
    if not (isinstance(event_id, str) and event_id and isinstance(kind, str) and kind
            and isinstance(obj, dict)):
        raise InvalidEvent("invalid_event", "not a Stripe event (id, type and data.object)")
    return GatewayEvent(id=event_id, type=kind, api_version=str(event.get("api_version") or ""),
                        created=_ts(created) if isinstance(created, int) else None,
                        livemode=bool(event.get("livemode")),
                        object_type=str(obj.get("object") or ""), object_id=_id(obj),
                        data_object=obj)


_LIST_PARSERS: dict[str, Any] = {
    "payment_intents": parse_payment_intent, "charges": parse_charge, "refunds": parse_refund,
    "invoices": parse_invoice, "subscriptions": parse_subscription, "disputes": parse_dispute,
}


def parse_listed(resource: str, data: dict[str, Any]) -> Listed:
    return Listed(created=dt.datetime.fromtimestamp(int(data["created"]), tz=dt.UTC),
                  item=_LIST_PARSERS[resource](data))


# --- The interface and its Stripe implementation -------------------------------------------

class PaymentGateway(Protocol):
    def create_customer(self, *, email: str, name: str, metadata: dict[str, str],
                        idempotency_key: str) -> GatewayCustomer: ...
    def create_setup_intent(self, *, customer: str, metadata: dict[str, str],
                            idempotency_key: str) -> GatewaySetupIntent: ...
    def retrieve_setup_intent(self, setup_intent_id: str) -> GatewaySetupIntent: ...
    def list_payment_methods(self, *, customer: str) -> list[GatewayPaymentMethod]: ...
    def retrieve_payment_method(self, payment_method_id: str) -> GatewayPaymentMethod: ...
    def detach_payment_method(self, payment_method_id: str) -> None: ...
    def set_default_payment_method(self, *, customer: str, payment_method: str) -> None: ...
    def create_payment_intent(self, *, amount: Decimal, currency: str, customer: str,
                              payment_method: str, metadata: dict[str, str], description: str,
                              save_card: bool, idempotency_key: str) -> GatewayPaymentIntent: ...
    def confirm_payment_intent(self, payment_intent_id: str, *, idempotency_key: str
                               ) -> GatewayPaymentIntent: ...
    def retrieve_payment_intent(self, payment_intent_id: str) -> GatewayPaymentIntent: ...
    def cancel_payment_intent(self, payment_intent_id: str, *, idempotency_key: str
                              ) -> GatewayPaymentIntent: ...
    def create_refund(self, *, payment_intent: str, amount: Decimal, currency: str,
                      metadata: dict[str, str], idempotency_key: str) -> GatewayRefund: ...
    def retrieve_refund(self, refund_id: str) -> GatewayRefund: ...
    def ensure_monthly_price(self, *, lookup_key: str, name: str, amount: Decimal,
                             currency: str) -> str: ...
    def create_subscription(self, *, customer: str, price: str, payment_method: str,
                            metadata: dict[str, str], idempotency_key: str
                            ) -> GatewaySubscription: ...
    def retrieve_subscription(self, subscription_id: str) -> GatewaySubscription: ...
    def update_subscription(self, subscription_id: str, *, price: str | None = None,
                            cancel_at_period_end: bool | None = None,
                            idempotency_key: str) -> GatewaySubscription: ...
    def cancel_subscription(self, subscription_id: str, *, idempotency_key: str
                            ) -> GatewaySubscription: ...
    def retrieve_invoice(self, invoice_id: str) -> GatewayInvoice: ...
    def invoice_of_payment_intent(self, payment_intent_id: str) -> str: ...
    def retrieve_dispute(self, dispute_id: str) -> GatewayDispute: ...
    def list_objects(self, resource: str, *, created_gte: dt.datetime | None
                     ) -> Iterator[Listed]: ...
    def verify_webhook(self, payload: bytes, signature: str) -> dict[str, Any]: ...


def _raise_from(exc: stripe.StripeError, *, payment_intent_id: str = "") -> GatewayError:
    error = getattr(exc, "error", None)
    code = str(getattr(error, "decline_code", None) or getattr(exc, "code", None) or "stripe")
    message = str(getattr(exc, "user_message", None) or exc)
    pi = payment_intent_id or _id(getattr(error, "payment_intent", None) if error else None)
    if isinstance(exc, stripe.CardError):
        return CardDeclined(code, message, payment_intent_id=pi)
    retryable = isinstance(exc, stripe.APIConnectionError | stripe.RateLimitError) or (
        isinstance(exc, stripe.APIError) and (exc.http_status or 500) >= 500)
    return GatewayError(code, message, retryable=retryable, payment_intent_id=pi)


def _signature_timestamp(header: str) -> int | None:
    found = re.search(r"(?:^|,)\s*t=(\d+)", header or "")
    return int(found.group(1)) if found else None


class StripeGateway:
    """PaymentGateway over `stripe.StripeClient`, pinned to `api_version`, with explicit
    timeouts and network retries (idempotency keys make the retries safe)."""

    def __init__(self, *, api_key: str, api_base: str, webhook_secret: str, api_version: str,
                 timeout: float = 15, max_network_retries: int = 2,
                 http_client: stripe.HTTPClient | None = None) -> None:
        self.webhook_secret = webhook_secret
        self.api_version = api_version
        self._client = stripe.StripeClient(
            api_key, stripe_version=api_version, base_addresses={"api": api_base},
            http_client=http_client or stripe.RequestsClient(timeout=timeout),
            max_network_retries=max_network_retries)

    def _call(self, fn: Any, *args: Any, params: dict[str, Any] | None = None,
              idempotency_key: str = "", payment_intent_id: str = "") -> dict[str, Any]:
        options: dict[str, Any] = {"idempotency_key": idempotency_key} if idempotency_key else {}
        try:
            result = fn(*args, params=params or {}, options=options)
        except stripe.StripeError as exc:
            raise _raise_from(exc, payment_intent_id=payment_intent_id) from exc
        return dict(result.to_dict())

    @property
    def _v1(self) -> Any:
        return self._client.v1

    # Customers and saved cards
    def create_customer(self, *, email: str, name: str, metadata: dict[str, str],
                        idempotency_key: str) -> GatewayCustomer:
        return parse_customer(self._call(
            self._v1.customers.create, idempotency_key=idempotency_key,
            params={"email": email, "name": name, "metadata": metadata}))

    def create_setup_intent(self, *, customer: str, metadata: dict[str, str],
                            idempotency_key: str) -> GatewaySetupIntent:
        params: dict[str, Any] = {"customer": customer, "usage": "off_session",
                                  "allowed_payment_method_types": ["card"],
                                  "metadata": metadata}
        return parse_setup_intent(self._call(self._v1.setup_intents.create, params=params,
                                             idempotency_key=idempotency_key))

    def retrieve_setup_intent(self, setup_intent_id: str) -> GatewaySetupIntent:
        return parse_setup_intent(self._call(self._v1.setup_intents.retrieve, setup_intent_id))

    def list_payment_methods(self, *, customer: str) -> list[GatewayPaymentMethod]:
        data = self._call(self._v1.payment_methods.list,
                          params={"customer": customer, "type": "card", "limit": 20})
        return [parse_payment_method(item) for item in data.get("data") or []]

    def retrieve_payment_method(self, payment_method_id: str) -> GatewayPaymentMethod:
        return parse_payment_method(self._call(self._v1.payment_methods.retrieve,
                                               payment_method_id))

    def detach_payment_method(self, payment_method_id: str) -> None:
        self._call(self._v1.payment_methods.detach, payment_method_id)

    def set_default_payment_method(self, *, customer: str, payment_method: str) -> None:
        self._call(self._v1.customers.update, customer, params={
            "invoice_settings": {"default_payment_method": payment_method}})

    # Payment intents
    def create_payment_intent(self, *, amount: Decimal, currency: str, customer: str,
                              payment_method: str, metadata: dict[str, str], description: str,
                              save_card: bool, idempotency_key: str) -> GatewayPaymentIntent:
        """Cards only. With `payment_method` (a saved card) the intent is confirmed next by
        `confirm_payment_intent`; without, the browser confirms it with a new card, which
        `save_card` keeps on the customer for later."""
        params: dict[str, Any] = {
            "amount": to_minor_units(amount, currency), "currency": currency.lower(),
            "customer": customer, "metadata": metadata, "description": description[:200],
            "allowed_payment_method_types": ["card"]}
        if payment_method:
            params["payment_method"] = payment_method
        elif save_card:
            params["setup_future_usage"] = "off_session"
        return parse_payment_intent(self._call(self._v1.payment_intents.create, params=params,
                                               idempotency_key=idempotency_key))

    def confirm_payment_intent(self, payment_intent_id: str, *, idempotency_key: str
                               ) -> GatewayPaymentIntent:
        """Confirm with the attached payment method. 3-D Secure is left to Stripe.js in the
        browser (`use_stripe_sdk`; `return_url` for a bank that redirects). A declined card is
        not an error here: the returned intent carries the failure."""
        params: dict[str, Any] = {"use_stripe_sdk": True,
                                  "return_url": f"{settings.SITE_URL}/paiement/retour"}
        try:
            return parse_payment_intent(self._call(
                self._v1.payment_intents.confirm, payment_intent_id, params=params,
                idempotency_key=idempotency_key, payment_intent_id=payment_intent_id))
        except CardDeclined:
            return self.retrieve_payment_intent(payment_intent_id)

    def retrieve_payment_intent(self, payment_intent_id: str) -> GatewayPaymentIntent:
        return parse_payment_intent(self._call(self._v1.payment_intents.retrieve,
                                               payment_intent_id))

    def cancel_payment_intent(self, payment_intent_id: str, *, idempotency_key: str
                              ) -> GatewayPaymentIntent:
        return parse_payment_intent(self._call(self._v1.payment_intents.cancel,
                                               payment_intent_id,
                                               idempotency_key=idempotency_key))

    # Refunds
    def create_refund(self, *, payment_intent: str, amount: Decimal, currency: str,
                      metadata: dict[str, str], idempotency_key: str) -> GatewayRefund:
        return parse_refund(self._call(self._v1.refunds.create, idempotency_key=idempotency_key,
                                       params={"payment_intent": payment_intent,
                                               "amount": to_minor_units(amount, currency),
                                               "metadata": metadata}))

    def retrieve_refund(self, refund_id: str) -> GatewayRefund:
        return parse_refund(self._call(self._v1.refunds.retrieve, refund_id))

    # Subscriptions
    def ensure_monthly_price(self, *, lookup_key: str, name: str, amount: Decimal,
                             currency: str) -> str:
        """The id of the monthly recurring Price for `amount`, created on first use.
        `lookup_key` names the amount too, so a price change makes a new Price and leaves
        the old one to old subscriptions."""
        found = self._call(self._v1.prices.list, params={"lookup_keys": [lookup_key],
                                                         "limit": 1})
        if found.get("data"):
            return parse_price(found["data"][0])
        return parse_price(self._call(
            self._v1.prices.create, idempotency_key=f"price:{lookup_key}", params={
                "unit_amount": to_minor_units(amount, currency), "currency": currency.lower(),
                "recurring": {"interval": "month"}, "lookup_key": lookup_key,
                "product_data": {"name": name[:200]}}))

    def create_subscription(self, *, customer: str, price: str, payment_method: str,
                            metadata: dict[str, str], idempotency_key: str
                            ) -> GatewaySubscription:
        """The first month is charged at once to `payment_method` (`allow_incomplete`: a
        declined card or 3-D Secure leaves the subscription incomplete, its first invoice
        open, rather than failing the call)."""
        params: dict[str, Any] = {
            "customer": customer, "items": [{"price": price}], "metadata": metadata,
            "default_payment_method": payment_method, "payment_behavior": "allow_incomplete",
            "payment_settings": {"save_default_payment_method": "on_subscription"}}
        return parse_subscription(self._call(self._v1.subscriptions.create, params=params,
                                             idempotency_key=idempotency_key))

    def retrieve_subscription(self, subscription_id: str) -> GatewaySubscription:
        return parse_subscription(self._call(self._v1.subscriptions.retrieve, subscription_id))

    def update_subscription(self, subscription_id: str, *, price: str | None = None,
                            cancel_at_period_end: bool | None = None,
                            idempotency_key: str) -> GatewaySubscription:
        """A new price applies from the next renewal (no proration)."""
        params: dict[str, Any] = {}
        if cancel_at_period_end is not None:
            params["cancel_at_period_end"] = cancel_at_period_end
        if price is not None:
            current = self.retrieve_subscription(subscription_id)
            params["items"] = [{"id": current.item, "price": price}]
            params["proration_behavior"] = "none"
        return parse_subscription(self._call(self._v1.subscriptions.update, subscription_id,
                                             params=params, idempotency_key=idempotency_key))

    def cancel_subscription(self, subscription_id: str, *, idempotency_key: str
                            ) -> GatewaySubscription:
        return parse_subscription(self._call(self._v1.subscriptions.cancel, subscription_id,
                                             idempotency_key=idempotency_key))

    def retrieve_invoice(self, invoice_id: str) -> GatewayInvoice:
        return parse_invoice(self._call(self._v1.invoices.retrieve, invoice_id,
                                        params={"expand": ["payments"]}))

    def invoice_of_payment_intent(self, payment_intent_id: str) -> str:
        """The invoice a payment intent pays (a subscription's), or "" for a one-off payment."""
        page = self._call(self._v1.invoice_payments.list, params={
            "payment": {"type": "payment_intent", "payment_intent": payment_intent_id},
            "limit": 1})
        found = page.get("data") or []
        return parse_invoice_payment(found[0]) if found else ""

    def retrieve_dispute(self, dispute_id: str) -> GatewayDispute:
        return parse_dispute(self._call(self._v1.disputes.retrieve, dispute_id))

    # Listing, for reconciliation
    def list_objects(self, resource: str, *, created_gte: dt.datetime | None
                     ) -> Iterator[Listed]:
        """Every object of `resource` (one of LIST_RESOURCES; subscriptions of any status)
        created at or after `created_gte` (None: all), page by page (100 per call,
        `starting_after` the last id). Invoices come with their payments."""
        params: dict[str, Any] = {"limit": 100}
        if created_gte is not None:
            params["created"] = {"gte": int(created_gte.timestamp())}
        if resource == "subscriptions":
            params["status"] = "all"
        if resource == "invoices":
            params["expand"] = ["data.payments"]
        list_call = getattr(self._v1, resource).list
        starting_after = ""
        while True:
            page = self._call(list_call, params={**params, **(
                {"starting_after": starting_after} if starting_after else {})})
            data = page.get("data") or []
            for raw in data:
                yield parse_listed(resource, raw)
            if not page.get("has_more") or not data:
                return
            starting_after = str(data[-1]["id"])

    # Webhooks
    def verify_webhook(self, payload: bytes, signature: str) -> dict[str, Any]:
        """The event as a dict if `signature` (the Stripe-Signature header) is valid for our
        endpoint secret and dated within WEBHOOK_TOLERANCE_SECONDS in the past or
        WEBHOOK_FUTURE_TOLERANCE_SECONDS in the future; SignatureError otherwise. A body that
        is not an event answers InvalidEvent."""
        try:
            stripe.WebhookSignature.verify_header(payload, signature, self.webhook_secret,
                                                  tolerance=WEBHOOK_TOLERANCE_SECONDS)
        except (stripe.SignatureVerificationError, UnicodeDecodeError) as exc:
            raise SignatureError("invalid_signature", str(exc)) from exc
        timestamp = _signature_timestamp(signature)
        if timestamp is None or timestamp > time.time() + WEBHOOK_FUTURE_TOLERANCE_SECONDS:
            raise SignatureError("invalid_signature", "signature dated in the future")
        try:
            data = json.loads(payload)
        except ValueError as exc:
            raise InvalidEvent("invalid_event", "the body is not JSON") from exc
        parse_event(data)
        return dict(data)


@lru_cache(maxsize=4)
def _gateway(api_key: str, api_base: str, webhook_secret: str, api_version: str, timeout: int,
             retries: int) -> StripeGateway:
    return StripeGateway(api_key=api_key, api_base=api_base, webhook_secret=webhook_secret,
                         api_version=api_version, timeout=timeout, max_network_retries=retries)


def get_gateway() -> PaymentGateway:
    """The gateway configured by settings (STRIPE_*)."""
    return _gateway(settings.STRIPE_SECRET_KEY, settings.STRIPE_API_BASE,
                    settings.STRIPE_WEBHOOK_SECRET, settings.STRIPE_API_VERSION,
                    settings.STRIPE_TIMEOUT_SECONDS, settings.STRIPE_MAX_NETWORK_RETRIES)
