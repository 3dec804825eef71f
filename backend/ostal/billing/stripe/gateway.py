"""Our small interface to the payment provider, implemented with the official `stripe` library.

Everything Stripe-specific stops here: the domain sees dataclasses with Decimal amounts (minor
units are converted here and nowhere else) and our own error types. Two API shapes are read:

- the current one (the version `stripe` pins): subscription periods on the items, an invoice's
  subscription under `parent.subscription_details`, its payment intents under `payments`,
  `latest_charge` as an id;
- localstripe's older one (used by the embedded default and the integration tests): periods
  on the subscription, `invoice.subscription` / `invoice.payment_intent`, `latest_charge`
  expanded, `charges` lists.

localstripe also lacks Prices (legacy Plans are used instead), idempotency keys (ignored: our
services are idempotent on their own rows first), `setup_future_usage`, and it does not attach a
confirmed SetupIntent's card to the customer: `StripeGateway(local=True)` papers over each of
these, and tests/backend/billing/test_stripe_gateway_parsing.py reads recorded payloads of both
shapes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from typing import Any, Protocol

import stripe
from django.conf import settings

from ostal.core.money import from_minor_units, to_minor_units


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


def _ts(value: Any) -> dt.datetime | None:
    return dt.datetime.fromtimestamp(int(value), tz=dt.UTC) if value else None


def _id(value: Any) -> str:
    """An expandable field: an id, an expanded object, or nothing."""
    if isinstance(value, dict):
        return str(value.get("id") or "")
    return str(value or "")


def _money(minor: Any, currency: str) -> Decimal:
    return from_minor_units(int(minor or 0), currency)


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


# --- Parsing: both API shapes, pure functions of the JSON -----------------------------------

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
    charge = _id(data.get("latest_charge"))
    if not charge:  # API versions before 2022-11-15 (and localstripe) also list `charges`
        charges = (data.get("charges") or {}).get("data") or []
        charge = _id(charges[-1]) if charges else ""
    status = data["status"]
    received = data.get("amount_received")
    if received is None:  # localstripe has no amount_received
        received = data["amount"] if status == "succeeded" else 0
    error = data.get("last_payment_error") or {}
    return GatewayPaymentIntent(
        id=data["id"], status=status, amount=_money(data["amount"], currency),
        amount_received=_money(received, currency), currency=currency,
        customer=_id(data.get("customer")), payment_method=_id(data.get("payment_method")),
        client_secret=data.get("client_secret") or "", latest_charge=charge,
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


def parse_subscription(data: dict[str, Any]) -> GatewaySubscription:
    items = (data.get("items") or {}).get("data") or [{}]
    item = items[0]
    price = _id(item.get("price")) or _id(item.get("plan")) or _id(data.get("plan"))
    start = item.get("current_period_start") or data.get("current_period_start")
    end = item.get("current_period_end") or data.get("current_period_end")
    return GatewaySubscription(
        id=data["id"], status=data["status"], customer=_id(data.get("customer")), price=price,
        current_period_start=_ts(start), current_period_end=_ts(end),
        cancel_at_period_end=bool(data.get("cancel_at_period_end")),
        latest_invoice=_id(data.get("latest_invoice")),
        metadata=dict(data.get("metadata") or {}))


def parse_invoice(data: dict[str, Any]) -> GatewayInvoice:
    currency = str(data.get("currency") or "eur").upper()
    parent = data.get("parent") or {}
    subscription = (_id((parent.get("subscription_details") or {}).get("subscription"))
                    or _id(data.get("subscription")))
    payment_intent = _id(data.get("payment_intent"))
    if not payment_intent:  # current API: invoice payments
        payments = (data.get("payments") or {}).get("data") or []
        paid = [p for p in payments if p.get("status") == "paid"] or payments
        if paid:
            payment_intent = _id((paid[0].get("payment") or {}).get("payment_intent"))
    lines = (data.get("lines") or {}).get("data") or []
    period = (lines[0].get("period") if lines else None) or {}
    transitions = data.get("status_transitions") or {}
    return GatewayInvoice(
        id=data["id"], status=data["status"], customer=_id(data.get("customer")),
        subscription=subscription, payment_intent=payment_intent, currency=currency,
        amount_due=_money(data.get("amount_due"), currency),
        amount_paid=_money(data.get("amount_paid"), currency),
        period_start=_ts(period.get("start") or data.get("period_start")),
        period_end=_ts(period.get("end") or data.get("period_end")),
        billing_reason=str(data.get("billing_reason") or ""),
        attempt_count=int(data.get("attempt_count") or 0),
        next_payment_attempt=_ts(data.get("next_payment_attempt")),
        paid_at=_ts(transitions.get("paid_at")))


def parse_dispute(data: dict[str, Any]) -> GatewayDispute:
    currency = str(data["currency"]).upper()
    return GatewayDispute(id=data["id"], status=data["status"],
                          amount=_money(data["amount"], currency), currency=currency,
                          reason=str(data.get("reason") or ""), charge=_id(data.get("charge")),
                          payment_intent=_id(data.get("payment_intent")))


def parse_event(data: dict[str, Any]) -> GatewayEvent:
    obj = (data.get("data") or {}).get("object") or {}
    return GatewayEvent(id=data["id"], type=data["type"],
                        api_version=str(data.get("api_version") or ""),
                        created=_ts(data.get("created")), livemode=bool(data.get("livemode")),
                        object_type=str(obj.get("object") or ""), object_id=_id(obj),
                        data_object=obj)


# --- The interface and its Stripe implementation -------------------------------------------

class PaymentGateway(Protocol):
    local: bool

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
    def retrieve_dispute(self, dispute_id: str) -> GatewayDispute: ...
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


class StripeGateway:
    """PaymentGateway over `stripe.StripeClient` with explicit timeouts and network retries.
    `local=True` when talking to localstripe (see the module docstring)."""

    def __init__(self, *, api_key: str, api_base: str, webhook_secret: str, local: bool,
                 timeout: float = 15, max_network_retries: int = 2) -> None:
        self.local = local
        self.webhook_secret = webhook_secret
        self._client = stripe.StripeClient(
            api_key, base_addresses={"api": api_base},
            http_client=stripe.RequestsClient(timeout=timeout),
            max_network_retries=max_network_retries)

    def _call(self, fn: Any, *args: Any, params: dict[str, Any] | None = None,
              idempotency_key: str = "", payment_intent_id: str = "") -> dict[str, Any]:
        options: dict[str, Any] = {"idempotency_key": idempotency_key} if idempotency_key else {}
        try:
            result = fn(*args, params=params or {}, options=options)
        except stripe.StripeError as exc:
            raise _raise_from(exc, payment_intent_id=payment_intent_id) from exc
        return result.to_dict()

    def _raw(self, method: str, path: str, **params: Any) -> dict[str, Any]:
        try:
            response = self._client.raw_request(method, path, **params)
            return self._client.deserialize(response, api_mode="V1").to_dict()
        except stripe.StripeError as exc:
            raise _raise_from(exc) from exc

    @property
    def _v1(self) -> Any:
        return self._client.v1

    # Customers and saved cards
    def create_customer(self, *, email: str, name: str, metadata: dict[str, str],
                        idempotency_key: str) -> GatewayCustomer:
        data = self._call(self._v1.customers.create, idempotency_key=idempotency_key,
                          params={"email": email, "name": name, "metadata": metadata})
        return GatewayCustomer(id=data["id"], email=data.get("email") or "")

    def create_setup_intent(self, *, customer: str, metadata: dict[str, str],
                            idempotency_key: str) -> GatewaySetupIntent:
        params: dict[str, Any] = {"customer": customer, "usage": "off_session",
                                  "payment_method_types": ["card"], "metadata": metadata}
        return parse_setup_intent(self._call(self._v1.setup_intents.create, params=params,
                                             idempotency_key=idempotency_key))

    def retrieve_setup_intent(self, setup_intent_id: str) -> GatewaySetupIntent:
        intent = parse_setup_intent(self._call(self._v1.setup_intents.retrieve,
                                               setup_intent_id))
        if self.local and intent.status == "succeeded" and intent.payment_method:
            # localstripe does not attach a confirmed SetupIntent's card; Stripe does.
            method = self.retrieve_payment_method(intent.payment_method)
            if not method.customer:
                self._call(self._v1.payment_methods.attach, intent.payment_method,
                           params={"customer": intent.customer})
        return intent

    def list_payment_methods(self, *, customer: str) -> list[GatewayPaymentMethod]:
        data = self._call(self._v1.payment_methods.list,
                          params={"customer": customer, "type": "card", "limit": 20})
        return [parse_payment_method(item) for item in data.get("data", [])]

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
        params: dict[str, Any] = {
            "amount": to_minor_units(amount, currency), "currency": currency.lower(),
            "customer": customer, "metadata": metadata, "payment_method_types": ["card"]}
        if payment_method:
            params["payment_method"] = payment_method
        if not self.local:  # localstripe refuses these parameters
            params["description"] = description[:200]
            if save_card and not payment_method:
                params["setup_future_usage"] = "off_session"
        return parse_payment_intent(self._call(self._v1.payment_intents.create, params=params,
                                               idempotency_key=idempotency_key))

    def confirm_payment_intent(self, payment_intent_id: str, *, idempotency_key: str
                               ) -> GatewayPaymentIntent:
        """Confirm with the attached payment method. A declined card is not an error here:
        the returned intent carries the failure (status requires_payment_method)."""
        params: dict[str, Any] = {}
        if not self.local:
            params["return_url"] = f"{settings.SITE_URL}/paiement/retour"
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

    def simulate_3ds(self, payment_intent_id: str, *, client_secret: str, success: bool
                     ) -> GatewayPaymentIntent:
        """localstripe only: what the cardholder does in the 3-D Secure window (tests, demo)."""
        if not self.local:
            raise GatewayError("not_local", "3-D Secure is simulated by localstripe only")
        return parse_payment_intent(self._raw(
            "post", f"/v1/payment_intents/{payment_intent_id}/_authenticate",
            client_secret=client_secret, success="true" if success else "false"))

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
        """The id of a monthly recurring price for `amount`: a Price (Stripe) or a legacy Plan
        (localstripe, which has no Prices), created on first use. `lookup_key` names the
        amount too, so a price change makes a new price and leaves the old one to old
        subscriptions."""
        minor = to_minor_units(amount, currency)
        if self.local:
            plan_id = f"plan_{hashlib.sha1(lookup_key.encode()).hexdigest()[:20]}"  # noqa: S324
            try:
                return str(self._call(self._v1.plans.retrieve, plan_id)["id"])
            except GatewayError:
                pass
            data = self._raw("post", "/v1/plans", id=plan_id, amount=minor,
                             currency=currency.lower(), interval="month",
                             product={"name": name[:200]})
            return str(data["id"])
        found = self._call(self._v1.prices.list, params={"lookup_keys": [lookup_key],
                                                         "limit": 1})
        if found.get("data"):
            return str(found["data"][0]["id"])
        data = self._call(self._v1.prices.create, idempotency_key=f"price:{lookup_key}", params={
            "unit_amount": minor, "currency": currency.lower(),
            "recurring": {"interval": "month"}, "lookup_key": lookup_key,
            "product_data": {"name": name[:200]}})
        return str(data["id"])

    def create_subscription(self, *, customer: str, price: str, payment_method: str,
                            metadata: dict[str, str], idempotency_key: str
                            ) -> GatewaySubscription:
        item = {"plan": price} if self.local else {"price": price}
        params: dict[str, Any] = {"customer": customer, "items": [item], "metadata": metadata}
        if not self.local:
            params.update(default_payment_method=payment_method,
                          payment_behavior="allow_incomplete",
                          payment_settings={"save_default_payment_method": "on_subscription"})
        return parse_subscription(self._call(self._v1.subscriptions.create, params=params,
                                             idempotency_key=idempotency_key))

    def retrieve_subscription(self, subscription_id: str) -> GatewaySubscription:
        return parse_subscription(self._call(self._v1.subscriptions.retrieve, subscription_id))

    def update_subscription(self, subscription_id: str, *, price: str | None = None,
                            cancel_at_period_end: bool | None = None,
                            idempotency_key: str) -> GatewaySubscription:
        params: dict[str, Any] = {}
        if cancel_at_period_end is not None:
            params["cancel_at_period_end"] = cancel_at_period_end
        if price is not None:
            current = self._call(self._v1.subscriptions.retrieve, subscription_id)
            item_id = current["items"]["data"][0]["id"]
            params["items"] = [{"id": item_id, ("plan" if self.local else "price"): price}]
            if not self.local:
                params["proration_behavior"] = "none"
        return parse_subscription(self._call(self._v1.subscriptions.update, subscription_id,
                                             params=params, idempotency_key=idempotency_key))

    def cancel_subscription(self, subscription_id: str, *, idempotency_key: str
                            ) -> GatewaySubscription:
        return parse_subscription(self._call(self._v1.subscriptions.cancel, subscription_id,
                                             idempotency_key=idempotency_key))

    def retrieve_invoice(self, invoice_id: str) -> GatewayInvoice:
        params = {} if self.local else {"expand": ["payments"]}
        return parse_invoice(self._call(self._v1.invoices.retrieve, invoice_id, params=params))

    def retrieve_dispute(self, dispute_id: str) -> GatewayDispute:
        return parse_dispute(self._call(self._v1.disputes.retrieve, dispute_id))

    # Webhooks
    def verify_webhook(self, payload: bytes, signature: str) -> dict[str, Any]:
        """The event as a dict if `signature` (Stripe-Signature header) is valid for our
        endpoint secret and recent (5 min tolerance); SignatureError otherwise."""
        try:
            event = stripe.Webhook.construct_event(payload, signature, self.webhook_secret)
        except (stripe.SignatureVerificationError, ValueError) as exc:
            raise SignatureError("invalid_signature", str(exc)) from exc
        return event.to_dict()


@lru_cache(maxsize=4)
def _gateway(api_key: str, api_base: str, webhook_secret: str, local: bool, timeout: int,
             retries: int) -> StripeGateway:
    return StripeGateway(api_key=api_key, api_base=api_base, webhook_secret=webhook_secret,
                         local=local, timeout=timeout, max_network_retries=retries)


def get_gateway() -> PaymentGateway:
    """The gateway configured by settings (STRIPE_*)."""
    return _gateway(settings.STRIPE_SECRET_KEY, settings.STRIPE_API_BASE,
                    settings.STRIPE_WEBHOOK_SECRET, settings.STRIPE_USES_LOCALSTRIPE,
                    settings.STRIPE_TIMEOUT_SECONDS, settings.STRIPE_MAX_NETWORK_RETRIES)


# --- Listing, for reconciliation (ostal.billing.reconciliation) -----------------------------

@dataclass(frozen=True)
class GatewayCharge:
    id: str
    status: str
    amount: Decimal
    amount_refunded: Decimal
    currency: str
    payment_intent: str
    invoice: str
    refunded: bool
    disputed: bool


@dataclass(frozen=True)
class Listed:
    """One object from a list call: when Stripe created it, the parsed object, and the
    invoice it belongs to (payment intents and charges of subscription invoices)."""

    created: dt.datetime
    item: Any
    invoice: str = ""


def parse_charge(data: dict[str, Any]) -> GatewayCharge:
    currency = str(data["currency"]).upper()
    return GatewayCharge(id=data["id"], status=str(data.get("status") or ""),
                         amount=_money(data.get("amount"), currency),
                         amount_refunded=_money(data.get("amount_refunded"), currency),
                         currency=currency, payment_intent=_id(data.get("payment_intent")),
                         invoice=_id(data.get("invoice")), refunded=bool(data.get("refunded")),
                         disputed=bool(data.get("disputed")))


_LIST_PARSERS: dict[str, Any] = {
    "payment_intents": parse_payment_intent, "charges": parse_charge, "refunds": parse_refund,
    "invoices": parse_invoice, "subscriptions": parse_subscription, "disputes": parse_dispute,
}


def _iter_listed(gateway: StripeGateway, resource: str, *, created_gte: dt.datetime | None,
                 params: dict[str, Any]) -> Iterator[Listed]:
    """Every object of `resource` created at or after `created_gte`, page by page (100 per
    call, `starting_after` the last id). Stripe filters by `created[gte]` itself; localstripe
    cannot (it refuses the parameter on most lists), so there every object is listed and the
    filter applied here."""
    parse = _LIST_PARSERS[resource]
    list_call = getattr(gateway._v1, resource).list
    since = int(created_gte.timestamp()) if created_gte is not None else None
    base: dict[str, Any] = {**params, "limit": 100}
    if since is not None and not gateway.local:
        base["created"] = {"gte": since}
    starting_after = ""
    while True:
        page = gateway._call(list_call, params={**base, **(
            {"starting_after": starting_after} if starting_after else {})})
        data = page.get("data") or []
        for raw in data:
            created = int(raw.get("created") or 0)
            if since is not None and created < since:
                continue
            yield Listed(created=dt.datetime.fromtimestamp(created, tz=dt.UTC), item=parse(raw),
                         invoice=_id(raw.get("invoice")))
        if not page.get("has_more") or not data:
            return
        starting_after = str(data[-1]["id"])


def list_objects(gateway: PaymentGateway, resource: str, *,
                 created_gte: dt.datetime | None) -> Iterator[Listed]:
    """Objects of one kind (`payment_intents`, `charges`, `refunds`, `invoices`,
    `subscriptions`, `disputes`, all statuses) created since `created_gte` (None: all).
    localstripe has no disputes at all: none are listed there."""
    if not isinstance(gateway, StripeGateway):
        lister = getattr(gateway, "list_objects", None)
        if lister is None:
            raise GatewayError("not_supported", "this gateway cannot list objects")
        return iter(lister(resource, created_gte=created_gte))
    if resource == "disputes" and gateway.local:
        return iter(())
    params: dict[str, Any] = {"status": "all"} if resource == "subscriptions" else {}
    return _iter_listed(gateway, resource, created_gte=created_gte, params=params)
