"""The gateway against Stripe's own definitions of the pinned API version.

Stripe's official library (the pinned `stripe` package) is generated from Stripe's OpenAPI
description of one API version; tests/stripe_definitions.py reads its parameter TypedDicts and
its object classes. Here:

- every entry point of the gateway, with each of its options, runs against a recording HTTP
  client serving objects of the pinned version; every request it makes must be an endpoint of
  tests/stripe_definitions.ENDPOINTS, with no unknown parameter, every required one, enum values
  from the definition, and the pinned `Stripe-Version`;
- every field the gateway's parsers read (traced while they parse recorded payloads of the
  pinned version) must exist in the object definitions, and the recorded payloads themselves
  must have no field the version lacks;
- the pinned version (settings.STRIPE_API_VERSION) must be the library's: bumping either alone
  fails here until the other, and the gateway, follow.
"""

from __future__ import annotations

import datetime as dt
import inspect
import json
import re
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import pytest
import stripe
from django.conf import settings

from ostal.billing.stripe import gateway as gw
from tests.stripe_bridge import decode_params
from tests.stripe_definitions import (
    ENDPOINTS,
    LIBRARY_VERSION,
    endpoint_for,
    has_path,
    param_problems,
    unknown_fields,
)

PAYLOADS = Path(__file__).parents[1] / "backend" / "billing" / "stripe_payloads"


def payload(name: str) -> dict[str, Any]:
    return dict(json.loads((PAYLOADS / f"{name}.json").read_text()))


def listing(*objects: dict[str, Any], has_more: bool = False) -> dict[str, Any]:
    return {"object": "list", "url": "/v1/x", "has_more": has_more, "data": list(objects)}


# --- A Stripe that records what it is asked ---------------------------------------------------

class Recorder(stripe.HTTPClient):
    """Answers each request with `answer(method, path, params)` and records it."""

    name = "contract-recorder"

    def __init__(self, answer: Callable[[str, str, dict[str, Any]], tuple[int, Any]]) -> None:
        super().__init__()
        self.answer = answer
        self.requests: list[dict[str, Any]] = []

    def request(self, method: str, url: str, headers: Any, post_data: Any = None,
                **_kwargs: Any) -> tuple[str, int, dict[str, str]]:
        parts = urlsplit(url)
        pairs = parse_qsl(parts.query, keep_blank_values=True)
        if post_data:
            pairs += parse_qsl(post_data if isinstance(post_data, str) else post_data.decode(),
                               keep_blank_values=True)
        params = decode_params(pairs)
        self.requests.append({"method": method.upper(), "path": parts.path, "params": params,
                              "headers": dict(headers or {})})
        status, body = self.answer(method.upper(), parts.path, params)
        return json.dumps(body), status, {"Request-Id": "req_contract"}

    def close(self) -> None:
        pass


def stripe_answer(method: str, path: str, params: dict[str, Any]) -> tuple[int, Any]:
    """Objects of the pinned version for each endpoint the gateway calls."""
    resource = path.removeprefix("/v1/").split("/")[0]
    single = {
        "customers": payload("customer"), "setup_intents": payload("setup_intent"),
        "payment_methods": payload("payment_method"),
        "payment_intents": payload("payment_intent"), "refunds": payload("refund"),
        "prices": payload("price"), "subscriptions": payload("subscription"),
        "invoices": payload("invoice_paid"), "disputes": payload("dispute"),
        "charges": payload("charge"), "invoice_payments": payload("invoice_payment"),
    }[resource]
    if method == "GET" and path.count("/") == 2:  # a list
        if resource == "prices" and params.get("lookup_keys") == ["missing"]:
            return 200, listing()
        if resource == "invoice_payments" and (params.get("payment") or {}).get(
                "payment_intent") == "pi_one_off":
            return 200, listing()
        return 200, listing(single, has_more=not params.get("starting_after"))
    if path.endswith("/confirm") and "pi_declined" in path:
        return 402, {"error": {"type": "card_error", "code": "card_declined",
                               "decline_code": "insufficient_funds",
                               "message": "Your card has insufficient funds.",
                               "payment_intent": payload("payment_intent_failed")}}
    return 200, single


@pytest.fixture
def recorded() -> tuple[gw.StripeGateway, Recorder]:
    recorder = Recorder(stripe_answer)
    gateway = gw.StripeGateway(api_key="sk_test_contract", api_base="https://api.stripe.test",
                               webhook_secret="whsec_contract",
                               api_version=settings.STRIPE_API_VERSION, max_network_retries=0,
                               http_client=recorder)
    return gateway, recorder


# Every entry point of the gateway, with each of its options. A new entry point without a
# case here fails `test_every_entry_point_has_contract_cases`.
CASES: dict[str, Callable[[gw.StripeGateway], Any]] = {
    "create_customer": lambda g: g.create_customer(
        email="ada@example.org", name="Ada", metadata={"ostal_user": "1"},
        idempotency_key="customer:user:1"),
    "create_setup_intent": lambda g: g.create_setup_intent(
        customer="cus_1", metadata={"ostal_user": "1"}, idempotency_key="setup_intent:1"),
    "retrieve_setup_intent": lambda g: g.retrieve_setup_intent("seti_1"),
    "list_payment_methods": lambda g: g.list_payment_methods(customer="cus_1"),
    "retrieve_payment_method": lambda g: g.retrieve_payment_method("pm_1"),
    "detach_payment_method": lambda g: g.detach_payment_method("pm_1"),
    "set_default_payment_method": lambda g: g.set_default_payment_method(
        customer="cus_1", payment_method="pm_1"),
    "create_payment_intent[saved card]": lambda g: g.create_payment_intent(
        amount=Decimal("18.00"), currency="EUR", customer="cus_1", payment_method="pm_1",
        metadata={"ostal_payment": "p"}, description="Poste", save_card=False,
        idempotency_key="payment:p:create"),
    "create_payment_intent[new card, saved]": lambda g: g.create_payment_intent(
        amount=Decimal("18.00"), currency="EUR", customer="cus_1", payment_method="",
        metadata={"ostal_payment": "p"}, description="Poste", save_card=True,
        idempotency_key="payment:p:create"),
    "create_payment_intent[new card, not saved]": lambda g: g.create_payment_intent(
        amount=Decimal("18.00"), currency="EUR", customer="cus_1", payment_method="",
        metadata={"ostal_payment": "p"}, description="x" * 300, save_card=False,
        idempotency_key="payment:p:create"),
    "confirm_payment_intent": lambda g: g.confirm_payment_intent(
        "pi_1", idempotency_key="payment:p:confirm:0"),
    "confirm_payment_intent[declined]": lambda g: g.confirm_payment_intent(
        "pi_declined", idempotency_key="payment:p:confirm:1"),
    "retrieve_payment_intent": lambda g: g.retrieve_payment_intent("pi_1"),
    "cancel_payment_intent": lambda g: g.cancel_payment_intent(
        "pi_1", idempotency_key="payment:p:cancel"),
    "create_refund": lambda g: g.create_refund(
        payment_intent="pi_1", amount=Decimal("5.00"), currency="EUR",
        metadata={"ostal_refund": "r"}, idempotency_key="refund:p:manual"),
    "retrieve_refund": lambda g: g.retrieve_refund("re_1"),
    "ensure_monthly_price[exists]": lambda g: g.ensure_monthly_price(
        lookup_key="ostal-plan-7-9600-eur", name="Pass", amount=Decimal("96.00"),
        currency="EUR"),
    "ensure_monthly_price[created]": lambda g: g.ensure_monthly_price(
        lookup_key="missing", name="Pass " * 60, amount=Decimal("96.00"), currency="EUR"),
    "create_subscription": lambda g: g.create_subscription(
        customer="cus_1", price="price_1", payment_method="pm_1",
        metadata={"ostal_subscription": "s"}, idempotency_key="subscription:s:create"),
    "retrieve_subscription": lambda g: g.retrieve_subscription("sub_1"),
    "update_subscription[price]": lambda g: g.update_subscription(
        "sub_1", price="price_2", idempotency_key="subscription:s:plan:2"),
    "update_subscription[cancel at period end]": lambda g: g.update_subscription(
        "sub_1", cancel_at_period_end=True, idempotency_key="subscription:s:cancel-at-end"),
    "update_subscription[resume]": lambda g: g.update_subscription(
        "sub_1", cancel_at_period_end=False, idempotency_key="subscription:s:resume:1"),
    "update_subscription[both]": lambda g: g.update_subscription(
        "sub_1", price="price_2", cancel_at_period_end=False, idempotency_key="k"),
    "cancel_subscription": lambda g: g.cancel_subscription(
        "sub_1", idempotency_key="subscription:s:cancel"),
    "retrieve_invoice": lambda g: g.retrieve_invoice("in_1"),
    "invoice_of_payment_intent[subscription]": lambda g: g.invoice_of_payment_intent(
        "pi_3QcurrentRenew02"),
    "invoice_of_payment_intent[one-off]": lambda g: g.invoice_of_payment_intent("pi_one_off"),
    "retrieve_dispute": lambda g: g.retrieve_dispute("du_1"),
    **{f"list_objects[{resource}, {since}]": (
        lambda g, resource=resource, since=since: list(g.list_objects(
            resource, created_gte=None if since == "all" else dt.datetime(
                2026, 11, 1, tzinfo=dt.UTC))))
        for resource in gw.LIST_RESOURCES for since in ("all", "since")},
    "verify_webhook": lambda g: g.verify_webhook(*_signed_event()),
}


def _signed_event() -> tuple[bytes, str]:
    import time

    from tests.backend.billing.helpers import sign

    event = payload("event")
    event["data"]["object"] = payload("payment_intent")
    body = json.dumps(event).encode()
    return body, sign(body, "whsec_contract", int(time.time()))


def protocol_entry_points() -> set[str]:
    return {name for name, _ in inspect.getmembers(gw.PaymentGateway, inspect.isfunction)
            if not name.startswith("_")}


def test_the_pinned_version_is_the_one_the_library_describes():
    """The definitions every check below reads are the installed library's: they describe the
    pinned version only if both agree. A bump of one without the other fails here."""
    assert settings.STRIPE_API_VERSION == LIBRARY_VERSION


def test_every_entry_point_has_contract_cases():
    covered = {name.split("[")[0] for name in CASES}
    assert protocol_entry_points() - covered == set()
    assert covered - protocol_entry_points() == set()


@pytest.mark.parametrize("case", sorted(CASES))
def test_every_request_is_valid_for_the_pinned_version(case, recorded):
    gateway, recorder = recorded

    CASES[case](gateway)

    for sent in recorder.requests:
        endpoint = endpoint_for(sent["method"], sent["path"])
        assert endpoint is not None, f"{sent['method']} {sent['path']}: not in ENDPOINTS"
        assert param_problems(endpoint.params, sent["params"]) == [], sent
        assert sent["headers"].get("Stripe-Version") == LIBRARY_VERSION


def test_every_endpoint_listed_is_one_the_gateway_calls(recorded):
    gateway, recorder = recorded
    for case in CASES.values():
        case(gateway)
    called = {endpoint_for(r["method"], r["path"]) for r in recorder.requests}
    assert set(ENDPOINTS) - called == set()


def test_writes_carry_the_idempotency_key_derived_from_our_rows(recorded):
    gateway, recorder = recorded
    CASES["create_payment_intent[saved card]"](gateway)
    CASES["create_refund"](gateway)
    CASES["update_subscription[cancel at period end]"](gateway)

    keys = [r["headers"].get("Idempotency-Key") for r in recorder.requests]
    assert keys == ["payment:p:create", "refund:p:manual", "subscription:s:cancel-at-end"]


def test_card_only_payments_without_the_removed_payment_method_types(recorded):
    """`payment_method_types` left the pinned version: cards only is said with
    `allowed_payment_method_types`, on payment and setup intents alike."""
    gateway, recorder = recorded
    CASES["create_payment_intent[saved card]"](gateway)
    CASES["create_setup_intent"](gateway)

    for sent in recorder.requests:
        assert "payment_method_types" not in sent["params"]
        assert sent["params"]["allowed_payment_method_types"] == ["card"]


def test_a_declined_confirmation_answers_the_intent_with_its_decline(recorded):
    gateway, recorder = recorded
    intent = CASES["confirm_payment_intent[declined]"](gateway)
    assert [r["path"] for r in recorder.requests] == ["/v1/payment_intents/pi_declined/confirm",
                                                      "/v1/payment_intents/pi_declined"]
    assert intent.status == "succeeded"  # what the (recorded) re-read says


def test_listing_follows_pages_and_filters_by_creation_at_stripe(recorded):
    gateway, recorder = recorded
    listed = CASES["list_objects[invoices, since]"](gateway)

    assert len(listed) == 2  # two pages of one
    first, second = (r["params"] for r in recorder.requests)
    assert first["created"] == {"gte": str(int(dt.datetime(2026, 11, 1,
                                                           tzinfo=dt.UTC).timestamp()))}
    assert first["expand"] == ["data.payments"]
    assert "starting_after" not in first
    assert second["starting_after"] == payload("invoice_paid")["id"]


# --- What the gateway reads ------------------------------------------------------------------

class Traced(dict[str, Any]):
    """A JSON object that records the path of every field read from it."""

    def __init__(self, data: dict[str, Any], path: str, log: set[str]) -> None:
        super().__init__(data)
        self._path, self._log = path, log

    def _wrap(self, key: str, value: Any) -> Any:
        path = f"{self._path}.{key}" if self._path else key
        self._log.add(path)
        if isinstance(value, dict):
            return Traced(value, path, self._log)
        if isinstance(value, list):
            return [Traced(v, f"{path}[]", self._log) if isinstance(v, dict) else v
                    for v in value]
        return value

    def __getitem__(self, key: str) -> Any:
        return self._wrap(key, super().__getitem__(key))

    def get(self, key: str, default: Any = None) -> Any:  # type: ignore[override]
        return self._wrap(key, super().get(key, default))


def _requires_action() -> dict[str, Any]:
    return payload("payment_intent_requires_action")


# Recorded payloads of the pinned version for every parser, covering each branch that reads
# a field (decline, 3-D Secure, open and paid invoices...).
READS: dict[str, list[tuple[str, dict[str, Any]]]] = {
    "parse_customer": [("customer", payload("customer"))],
    "parse_payment_method": [("payment_method", payload("payment_method"))],
    "parse_setup_intent": [("setup_intent", payload("setup_intent"))],
    "parse_payment_intent": [("payment_intent", payload("payment_intent")),
                             ("payment_intent", payload("payment_intent_failed")),
                             ("payment_intent", _requires_action())],
    "parse_refund": [("refund", payload("refund"))],
    "parse_price": [("price", payload("price"))],
    "parse_subscription": [("subscription", payload("subscription"))],
    "parse_invoice": [("invoice", payload("invoice_paid")),
                      ("invoice", payload("invoice_payment_failed"))],
    "parse_invoice_payment": [("invoice_payment", payload("invoice_payment"))],
    "parse_dispute": [("dispute", payload("dispute"))],
    "parse_charge": [("charge", payload("charge"))],
    "parse_event": [("event", {**payload("event"), "data": {"object": payload("refund")}})],
    "parse_listed": [],  # reads `created`, then hands over to the parsers above
}


def _traced_reads() -> Iterator[tuple[str, str, str]]:
    for parser, samples in READS.items():
        for object_name, sample in samples:
            log: set[str] = set()
            getattr(gw, parser)(Traced(sample, "", log))
            for path in sorted(log):
                yield parser, object_name, path
    for resource in gw.LIST_RESOURCES:
        sample = stripe_answer("GET", f"/v1/{resource}", {"starting_after": "x"})[1]["data"][0]
        log = set()
        gw.parse_listed(resource, Traced(sample, "", log))
        yield from (("parse_listed", sample["object"], path) for path in sorted(log))


def test_every_parser_is_traced():
    parsers = {name for name, _ in inspect.getmembers(gw, inspect.isfunction)
               if name.startswith("parse_")}
    assert parsers == set(READS)


@pytest.mark.parametrize(("parser", "object_name", "path"), list(_traced_reads()))
def test_every_field_read_exists_in_the_pinned_version(parser, object_name, path):
    assert has_path(object_name, path), f"{parser} reads {object_name}.{path}"


@pytest.mark.parametrize("name", sorted(p.stem for p in PAYLOADS.glob("*.json")))
def test_recorded_payloads_are_of_the_pinned_version(name):
    assert unknown_fields(payload(name)) == []


# --- The checks themselves catch what they are for -------------------------------------------

def test_the_checks_refuse_what_the_pinned_version_removed():
    """The fields and parameters issue 21 found the gateway depending on are not in the pinned
    version: the checks above would fail on any of them."""
    assert not has_path("payment_intent", "invoice")
    assert not has_path("payment_intent", "charges.data[].id")
    assert not has_path("charge", "invoice")
    assert not has_path("invoice", "payment_intent")
    assert not has_path("invoice", "subscription")
    assert not has_path("subscription", "current_period_end")
    assert not has_path("subscription", "plan")
    assert param_problems("PaymentIntentCreateParams", {
        "amount": 100, "currency": "eur", "payment_method_types": ["card"]}) == [
        f"payment_method_types: unknown parameter in {LIBRARY_VERSION}"]
    assert param_problems("SubscriptionCreateParams", {
        "customer": "cus_1", "payment_behavior": "sometimes"})[0].startswith(
        "payment_behavior: 'sometimes' is not one of")
    assert param_problems("RefundCreateParams", {"amount": "ten"}) == [
        "amount: expected an integer, got 'ten'"]
    assert param_problems("PriceCreateParams", {"unit_amount": 100}) == [
        f"currency: required by {LIBRARY_VERSION}"]
    assert unknown_fields({"object": "invoice", "id": "in_1", "subscription": "sub_1",
                           "payments": listing({"object": "invoice_payment", "payment": {
                               "type": "payment_intent", "charges": []}})}) == [
        "invoice.subscription", "invoice.payments.data[0].payment.charges"]


def test_the_idempotency_and_version_headers_are_not_parameters():
    """Request options (idempotency key, version) travel as headers: a parameter of that name
    would be unknown to the API."""
    assert re.match(r"idempotency_key: unknown parameter", param_problems(
        "RefundCreateParams", {"idempotency_key": "k"})[0])
