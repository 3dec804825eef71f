"""The bridge that makes localstripe speak the pinned Stripe API version (dev/test tool).

localstripe (GPL, a test and demo dependency, never shipped in the images) answers in an old
API shape and lacks a few things. Rather than a "local" branch in the gateway, the tests and the
demo put this bridge in front of it: the gateway runs the one code path production runs.

Server-side requests (a secret key in Authorization):
- must carry the pinned `Stripe-Version` and parameters valid for it, per the official
  library's definitions (tests/stripe_definitions.py); otherwise 400 in Stripe's error shape,
  so every integration test is also a contract check of what the gateway sends;
- an `Idempotency-Key` seen before replays the first answer (another request with the same key:
  400; while the first is still running: 409, which the stripe library retries), as Stripe does;
- what localstripe lacks is emulated: Prices (kept as its legacy Plans, the plan id derived
  from the lookup key), `created` filters on lists, invoice payments (read from its invoices),
  disputes (none), a subscription's `default_payment_method` (set on the customer, whose
  default localstripe charges); parameters it refuses and that change nothing it emulates
  are dropped (`description`, `return_url`, `use_stripe_sdk`, `proration_behavior`,
  `payment_settings`, `setup_future_usage`; `allowed_payment_method_types` becomes its
  `payment_method_types`).
Answers are reshaped to the pinned version (latest_charge as an id, amount_received, prices and
periods on subscription items, invoice parent and payments, price objects), then every field the
version does not define is dropped.

Browser requests (the Stripe.js stand-in, with the publishable key; its 3-D Secure step
`_authenticate`) pass through unchanged, except that a SetupIntent it confirms gets its card
attached to the customer, as Stripe does, and that a card number typed as printed
("4242 4242 4242 4242") is taken as Stripe's card field takes it: its spaces and dashes are
dropped, in the stand-in itself (which otherwise jumps to the month after 16 characters) and
in what it sends.

Webhooks: localstripe delivers to the bridge, which reshapes the event (pinned `api_version`,
object in the pinned shape), signs it with the endpoint's secret and delivers it.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import re
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl, urlencode

import aiohttp
from aiohttp import web

from tests.stripe_definitions import endpoint_for, param_problems, prune

INTERNAL_WEBHOOK_SECRET = "whsec_bridge_internal"
_DROPPED = {
    ("POST", "payment_intents"): ("description", "setup_future_usage"),
    ("POST", "payment_intents/confirm"): ("return_url", "use_stripe_sdk"),
    ("POST", "subscriptions"): ("payment_settings", "default_payment_method"),
    ("POST", "subscriptions/update"): ("proration_behavior",),
}


class BridgeError(Exception):
    def __init__(self, status: int, message: str, *, code: str = "",
                 kind: str = "invalid_request_error") -> None:
        super().__init__(message)
        self.status, self.message, self.code, self.kind = status, message, code, kind

    def response(self) -> web.Response:
        error = {"type": self.kind, "message": self.message, **(
            {"code": self.code} if self.code else {})}
        return web.json_response({"error": error}, status=self.status)


# --- Form and query encoding (Stripe's bracket notation) -------------------------------------

_CARD_NUMBER_SEPARATORS = re.compile(r"[\s-]")
# The stand-in reads the number field as typed; Stripe's card field ignores separators.
_STAND_IN_NUMBER = "number: this._inputs.number.value,"
_STAND_IN_NUMBER_DIGITS = r"number: this._inputs.number.value.replace(/[\s-]/g, ''),"


def _digits_only(node: Any) -> tuple[Any, bool]:
    """`node` (JSON) with every card's number free of separators; whether one changed."""
    if isinstance(node, list):
        items = [_digits_only(item) for item in node]
        return [item for item, _ in items], any(inner for _, inner in items)
    if not isinstance(node, dict):
        return node, False
    out, changed = {}, False
    for key, value in node.items():
        number = value.get("number") if key == "card" and isinstance(value, dict) else None
        if isinstance(number, str) and _CARD_NUMBER_SEPARATORS.search(number):
            value, inner = {**value, "number": _CARD_NUMBER_SEPARATORS.sub("", number)}, True
        else:
            value, inner = _digits_only(value)
        out[key] = value
        changed = changed or inner
    return out, changed


def card_number_normalised(body: bytes) -> bytes:
    """A browser's body (the stand-in sends forms and JSON) whose card number holds spaces or
    dashes, with them dropped; any other body unchanged, byte for byte."""
    try:
        text = body.decode()
    except UnicodeDecodeError:
        return body
    if text.lstrip().startswith("{"):
        try:
            decoded = json.loads(text)
        except ValueError:
            return body
        cleaned, changed = _digits_only(decoded)
        return json.dumps(cleaned).encode() if changed else body
    pairs = parse_qsl(text, keep_blank_values=True)
    if not any(k == "card[number]" and _CARD_NUMBER_SEPARATORS.search(v) for k, v in pairs):
        return body
    return urlencode([(k, _CARD_NUMBER_SEPARATORS.sub("", v) if k == "card[number]" else v)
                      for k, v in pairs]).encode()


def stand_in_script(script: bytes) -> bytes:
    """localstripe's Stripe.js stand-in, reading the card number without separators."""
    text = script.decode()
    if _STAND_IN_NUMBER not in text:
        raise RuntimeError("localstripe's Stripe.js stand-in changed: its card number is no "
                           "longer read as `number: this._inputs.number.value,`")
    return text.replace(_STAND_IN_NUMBER, _STAND_IN_NUMBER_DIGITS).encode()


def decode_params(pairs: list[tuple[str, str]]) -> dict[str, Any]:
    """`a[b][0]=x` pairs → nested dicts; dicts whose keys are all indexes become lists."""
    tree: dict[str, Any] = {}
    for key, value in pairs:
        parts = re.findall(r"[^\[\]]+|\[\]", key)
        node = tree
        for index, part in enumerate(parts):
            last = index == len(parts) - 1
            if part == "[]":
                part = str(len(node))
            if last:
                node[part] = value
            else:
                node = node.setdefault(part, {})
    return _listify(tree)


def _listify(node: Any) -> Any:
    if isinstance(node, dict):
        if node and all(key.isdigit() for key in node):
            return [_listify(node[key]) for key in sorted(node, key=int)]
        return {key: _listify(value) for key, value in node.items()}
    return node


def encode_params(params: Mapping[str, Any], prefix: str = "") -> list[tuple[str, str]]:
    pairs: list[tuple[str, str]] = []
    for key, value in params.items():
        name = f"{prefix}[{key}]" if prefix else str(key)
        if isinstance(value, Mapping):
            pairs.extend(encode_params(value, name))
        elif isinstance(value, list):
            for index, element in enumerate(value):
                if isinstance(element, Mapping):
                    pairs.extend(encode_params(element, f"{name}[{index}]"))
                else:
                    pairs.append((f"{name}[{index}]", _scalar(element)))
        elif value is not None:
            pairs.append((name, _scalar(value)))
    return pairs


def _scalar(value: Any) -> str:
    return ("true" if value else "false") if isinstance(value, bool) else str(value)


# --- Reshaping localstripe's objects to the pinned version ----------------------------------

def price_id(lookup_key: str) -> str:
    return "price_" + hashlib.sha256(lookup_key.encode()).hexdigest()[:24]


def _price(plan: Mapping[str, Any]) -> dict[str, Any]:
    metadata = dict(plan.get("metadata") or {})
    product = plan.get("product")
    return {"id": plan["id"], "object": "price", "active": plan.get("active", True),
            "billing_scheme": "per_unit", "created": plan.get("created"),
            "currency": plan.get("currency"), "livemode": False,
            "lookup_key": metadata.pop("lookup_key", None), "metadata": metadata,
            "product": product.get("id") if isinstance(product, Mapping) else product,
            "recurring": {"interval": plan.get("interval"),
                          "interval_count": plan.get("interval_count") or 1,
                          "usage_type": "licensed"},
            "type": "recurring", "unit_amount": plan.get("amount"),
            "unit_amount_decimal": str(plan.get("amount"))}


def _subscription(data: Mapping[str, Any]) -> dict[str, Any]:
    items = []
    for item in (data.get("items") or {}).get("data") or []:
        items.append({"id": item["id"], "object": "subscription_item",
                      "created": item.get("created"), "metadata": item.get("metadata") or {},
                      "price": _price(item["plan"]), "quantity": item.get("quantity") or 1,
                      "subscription": data["id"],
                      "current_period_start": data.get("current_period_start"),
                      "current_period_end": data.get("current_period_end")})
    return {**data, "items": {**(data.get("items") or {}), "object": "list", "data": items}}


def invoice_payment(invoice: Mapping[str, Any]) -> dict[str, Any] | None:
    """The one invoice payment of a localstripe invoice (its payment intent), if any."""
    intent = _id(invoice.get("payment_intent"))
    if not intent:
        return None
    status = {"paid": "paid", "void": "canceled"}.get(str(invoice.get("status")), "open")
    transitions = invoice.get("status_transitions") or {}
    return {"id": "inpay_" + invoice["id"].removeprefix("in_"), "object": "invoice_payment",
            "amount_paid": invoice.get("amount_paid") if status == "paid" else None,
            "amount_requested": invoice.get("amount_due"), "created": invoice.get("created"),
            "currency": invoice.get("currency"), "invoice": invoice["id"], "is_default": True,
            "livemode": False, "payment": {"type": "payment_intent", "payment_intent": intent},
            "status": status,
            "status_transitions": {"paid_at": transitions.get("paid_at"), "canceled_at": None}}


def _invoice(data: Mapping[str, Any], *, with_payments: bool) -> dict[str, Any]:
    subscription = data.get("subscription")
    lines = []
    for line in (data.get("lines") or {}).get("data") or []:
        parent = None
        if line.get("subscription_item"):
            parent = {"type": "subscription_item_details", "subscription_item_details": {
                "subscription": line.get("subscription"), "proration": False,
                "subscription_item": line.get("subscription_item")}}
        lines.append({"id": line.get("id"), "object": "line_item", "amount": line.get("amount"),
                      "currency": line.get("currency"), "description": line.get("description"),
                      "livemode": False, "metadata": line.get("metadata") or {},
                      "parent": parent, "period": line.get("period"),
                      "quantity": line.get("quantity")})
    shaped = {**data, "lines": {**(data.get("lines") or {}), "object": "list", "data": lines},
              "parent": {"type": "subscription_details", "quote_details": None,
                         "subscription_details": {"metadata": {},
                                                  "subscription": _id(subscription)}}
              if subscription else None}
    if with_payments:
        payment = invoice_payment(data)
        shaped["payments"] = {"object": "list", "has_more": False,
                              "url": f"/v1/invoice_payments?invoice={data['id']}",
                              "data": [payment] if payment else []}
    return shaped


def _id(value: Any) -> str:
    return str(value.get("id") or "") if isinstance(value, Mapping) else str(value or "")


def reshape(obj: Any, api_version: str, *, expand: tuple[str, ...] = ()) -> Any:
    """A localstripe object (or list of objects) in the shape of `api_version`, the version
    tests/stripe_definitions.py describes."""
    if not isinstance(obj, Mapping):
        return obj
    kind = obj.get("object")
    if kind == "list":
        inner = tuple(path.removeprefix("data.") for path in expand if path.startswith("data."))
        return {"object": "list", "url": obj.get("url"), "has_more": bool(obj.get("has_more")),
                "data": [reshape(item, api_version, expand=inner)
                         for item in obj.get("data") or []]}
    shaped: dict[str, Any] = dict(obj)
    if kind == "payment_intent":
        shaped["latest_charge"] = _id(obj.get("latest_charge")) or None
        shaped["amount_received"] = obj["amount"] if obj.get("status") == "succeeded" else 0
    elif kind == "plan":
        shaped = _price(obj)
    elif kind == "subscription":
        shaped = _subscription(obj)
    elif kind == "invoice":
        shaped = _invoice(obj, with_payments="payments" in expand)
    elif kind == "event":
        data = dict(obj.get("data") or {})
        data["object"] = reshape(data.get("object"), api_version)
        shaped = {**obj, "data": data, "api_version": api_version, "pending_webhooks": 1,
                  "request": {"id": None, "idempotency_key": None}}
    return prune(shaped)


# --- The server ------------------------------------------------------------------------------

@dataclass
class Bridge:
    """The aiohttp application in front of localstripe at `upstream`."""

    upstream: str
    api_version: str
    webhooks: dict[str, tuple[str, str]] = field(default_factory=dict)
    # Tests: hold the first request whose path matches `hold`, until `release` is set.
    hold: re.Pattern[str] | None = None
    held: list[str] = field(default_factory=list)
    held_event: threading.Event = field(default_factory=threading.Event)
    release: threading.Event = field(default_factory=threading.Event)
    _done: dict[str, tuple[str, int, bytes]] = field(default_factory=dict)
    _running: set[str] = field(default_factory=set)
    _session: aiohttp.ClientSession | None = None

    def app(self) -> web.Application:
        app = web.Application(client_max_size=4 * 1024 * 1024)
        app.router.add_route("*", "/{tail:.*}", self.handle)
        app.on_cleanup.append(self._close)
        return app

    def forget(self) -> None:
        """Forget idempotency keys (with DELETE /_config/data: a new, empty Stripe)."""
        self._done.clear()

    async def _close(self, _app: web.Application) -> None:
        if self._session is not None:
            await self._session.close()

    @property
    def session(self) -> aiohttp.ClientSession:
        if self._session is None:
            self._session = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=30))
        return self._session

    async def handle(self, request: web.Request) -> web.StreamResponse:
        if request.path == "/_bridge/events":
            return await self._relay_event(request)
        if self.hold is not None and not self.held and self.hold.search(request.path):
            self.held.append(request.path)
            self.held_event.set()
            while not self.release.is_set():
                await asyncio.sleep(0.01)
        body = await request.read()
        if not request.headers.get("Authorization", "").startswith("Bearer sk_"):
            return await self._browser(request, body)
        try:
            return await self._server_side(request, body)
        except BridgeError as exc:
            return exc.response()

    # Browser (publishable key) and configuration requests: unchanged but for card numbers.
    async def _browser(self, request: web.Request, body: bytes) -> web.StreamResponse:
        if request.method == "POST":
            body = card_number_normalised(body)
        status, answer, headers = await self._forward_raw(
            request.method, request.path_qs, body, request.headers)
        if request.path.endswith("/js.stripe.com/v3/") and status == 200:
            answer = stand_in_script(answer)
        if re.fullmatch(r"/v1/setup_intents/[^/]+/confirm", request.path) and status == 200:
            await self._attach_setup_intent_card(json.loads(answer))
        if request.path == "/_config/data" and request.method == "DELETE":
            self.forget()
        return web.Response(status=status, body=answer, headers=headers)

    async def _attach_setup_intent_card(self, intent: Mapping[str, Any]) -> None:
        """Stripe attaches a confirmed SetupIntent's card to its customer; localstripe not."""
        method, customer = _id(intent.get("payment_method")), intent.get("customer")
        if intent.get("status") != "succeeded" or not method or not customer:
            return
        card = await self._upstream("GET", f"/v1/payment_methods/{method}")
        if not card.get("customer"):
            await self._upstream("POST", f"/v1/payment_methods/{method}/attach",
                                 {"customer": customer})

    # Server-side requests: checked, translated, reshaped.
    async def _server_side(self, request: web.Request, body: bytes) -> web.Response:
        version = request.headers.get("Stripe-Version", "")
        if version != self.api_version:
            raise BridgeError(400, f"Stripe-Version {version!r}: this bridge speaks "
                                   f"{self.api_version} only", code="api_version_invalid")
        pairs = parse_qsl(request.query_string, keep_blank_values=True)
        if request.method == "POST":
            pairs += parse_qsl(body.decode(), keep_blank_values=True)
        params = decode_params(pairs)
        endpoint = endpoint_for(request.method, request.path)
        # An endpoint the gateway does not call (a test reading localstripe's events) is
        # forwarded unchecked; tests/contract/ fails if the gateway calls one.
        problems = param_problems(endpoint.params, params) if endpoint else []
        if problems:
            raise BridgeError(400, "; ".join(problems), code="parameter_invalid")
        key = request.headers.get("Idempotency-Key", "")
        if not key or request.method == "GET":
            status, answer = await self._route(request.method, request.path, params)
            return web.json_response(answer, status=status)
        fingerprint = json.dumps([request.method, request.path, params], sort_keys=True)
        if key in self._running:
            raise BridgeError(409, "There is currently another in-progress request using "
                                   "this idempotency key.", code="idempotency_key_in_use",
                              kind="idempotency_error")
        if key in self._done:
            first, status, raw = self._done[key]
            if first != fingerprint:
                raise BridgeError(400, "Keys for idempotent requests can only be used with "
                                       "the same parameters they were first used with.",
                                  kind="idempotency_error")
            return web.Response(status=status, body=raw, content_type="application/json",
                                headers={"Idempotent-Replayed": "true"})
        self._running.add(key)
        try:
            status, answer = await self._route(request.method, request.path, params)
        finally:
            self._running.discard(key)
        raw = json.dumps(answer).encode()
        if status < 500:
            self._done[key] = (fingerprint, status, raw)
        return web.Response(status=status, body=raw, content_type="application/json")

    async def _route(self, method: str, path: str, params: dict[str, Any]
                     ) -> tuple[int, Any]:
        """One server-side request in the pinned version → localstripe → pinned shape."""
        parts = path.removeprefix("/v1/").split("/")
        resource = parts[0]
        expand = tuple(params.pop("expand", None) or ())
        try:
            if resource == "prices":
                return 200, await self._prices(method, params)
            if resource == "disputes":
                if len(parts) > 1:
                    raise BridgeError(404, f"No such dispute: '{parts[1]}'",
                                      code="resource_missing")
                return 200, {"object": "list", "url": "/v1/disputes", "has_more": False,
                             "data": []}
            if resource == "invoice_payments":
                return 200, await self._invoice_payments(params)
            created = params.pop("created", None) if method == "GET" and len(parts) == 1 \
                else None
            params = await self._translate_request(method, parts, params)
            upstream_expand = [e for e in expand if e not in ("payments", "data.payments")]
            if upstream_expand:
                params["expand"] = upstream_expand
            answer = await self._upstream(method, path, params)
        except UpstreamError as exc:
            return exc.status, exc.body
        if created:
            answer["data"] = [item for item in answer.get("data") or []
                              if _created_matches(item, created)]
        return 200, reshape(answer, self.api_version, expand=expand)

    async def _translate_request(self, method: str, parts: list[str],
                                 params: dict[str, Any]) -> dict[str, Any]:
        resource = parts[0]
        action = "/".join([resource, *parts[2:]]) if len(parts) > 2 else (
            f"{resource}/update" if len(parts) == 2 and method == "POST" else resource)
        for name in _DROPPED.get((method, action), ()):
            value = params.pop(name, None)
            if name == "default_payment_method" and value:
                await self._upstream("POST", f"/v1/customers/{params['customer']}", {
                    "invoice_settings": {"default_payment_method": value}})
        allowed = params.pop("allowed_payment_method_types", None)
        if allowed:
            params["payment_method_types"] = allowed
        for item in params.get("items") or []:
            if isinstance(item, dict) and "price" in item:
                item["plan"] = item.pop("price")
        return params

    async def _prices(self, method: str, params: dict[str, Any]) -> Any:
        if method == "POST":
            key = params.get("lookup_key") or ""
            plan = await self._upstream("POST", "/v1/plans", {
                "id": price_id(key) if key else None, "amount": params["unit_amount"],
                "currency": params["currency"],
                "interval": (params.get("recurring") or {}).get("interval"),
                "product": {"name": (params.get("product_data") or {}).get("name")},
                "metadata": {**(params.get("metadata") or {}), "lookup_key": key}})
            return reshape(plan, self.api_version)
        found = []
        for key in params.get("lookup_keys") or []:
            try:
                found.append(reshape(await self._upstream("GET", f"/v1/plans/{price_id(key)}"),
                                     self.api_version))
            except UpstreamError as exc:
                if exc.status != 404:
                    raise
        return {"object": "list", "url": "/v1/prices", "has_more": False, "data": found}

    async def _invoice_payments(self, params: dict[str, Any]) -> Any:
        wanted = (params.get("payment") or {}).get("payment_intent")
        invoice_id = params.get("invoice")
        found = [payment for invoice in await self._all("/v1/invoices")
                 if (payment := invoice_payment(invoice)) is not None
                 and (not wanted or payment["payment"]["payment_intent"] == wanted)
                 and (not invoice_id or payment["invoice"] == invoice_id)]
        return reshape({"object": "list", "url": "/v1/invoice_payments", "has_more": False,
                        "data": found}, self.api_version)

    async def _all(self, path: str) -> list[dict[str, Any]]:
        items: list[dict[str, Any]] = []
        after = ""
        while True:
            page = await self._upstream("GET", path, {"limit": 100, **(
                {"starting_after": after} if after else {})})
            items.extend(page.get("data") or [])
            if not page.get("has_more") or not page.get("data"):
                return items
            after = page["data"][-1]["id"]

    # Webhooks from localstripe: reshaped, signed for the endpoint, delivered.
    async def _relay_event(self, request: web.Request) -> web.Response:
        event = reshape(json.loads(await request.read()), self.api_version)
        payload = json.dumps(event).encode()
        for url, secret in list(self.webhooks.values()):
            timestamp = int(time.time())
            signature = hmac.new(secret.encode(), f"{timestamp}.".encode() + payload,
                                 hashlib.sha256).hexdigest()
            try:
                async with self.session.post(url, data=payload, headers={
                        "Content-Type": "application/json; charset=utf-8",
                        "Stripe-Signature": f"t={timestamp},v1={signature}"}) as answer:
                    await answer.read()
            except aiohttp.ClientError:  # the site is down: Stripe would retry, we drop it
                continue
        return web.Response(text="relayed")

    # localstripe itself
    async def _upstream(self, method: str, path: str, params: Mapping[str, Any] | None = None
                        ) -> Any:
        query, body = "", b""
        if method in ("GET", "DELETE"):
            query = urlencode(encode_params(params or {}))
        else:
            body = json.dumps({k: v for k, v in (params or {}).items() if v is not None}
                              ).encode()
        status, answer, _headers = await self._forward_raw(
            method, path + (f"?{query}" if query else ""), body,
            {"Authorization": "Bearer sk_test_bridge", "Content-Type": "application/json"})
        decoded = json.loads(answer) if answer else {}
        if status >= 400:
            raise UpstreamError(status, decoded)
        return decoded

    async def _forward_raw(self, method: str, path_qs: str, body: bytes,
                           headers: Mapping[str, str]) -> tuple[int, bytes, dict[str, str]]:
        sent = {k: v for k, v in headers.items() if k.lower() in (
            "authorization", "content-type", "origin", "accept")}
        async with self.session.request(method, self.upstream + path_qs, data=body or None,
                                        headers=sent) as answer:
            raw = await answer.read()
            kept = {k: v for k, v in answer.headers.items() if k.lower() not in (
                "content-length", "transfer-encoding", "content-encoding", "connection",
                "date", "server")}
            return answer.status, raw, kept


class UpstreamError(Exception):
    def __init__(self, status: int, body: Any) -> None:
        super().__init__(f"localstripe answered {status}")
        self.status, self.body = status, body


def _created_matches(item: Mapping[str, Any], created: Any) -> bool:
    value = int(item.get("created") or 0)
    if not isinstance(created, Mapping):
        return value == int(created)
    checks = {"gt": value.__gt__, "gte": value.__ge__, "lt": value.__lt__, "lte": value.__le__}
    return all(checks[op](int(bound)) for op, bound in created.items())
