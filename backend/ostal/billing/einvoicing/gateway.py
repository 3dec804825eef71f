"""The e-invoicing platform gateway: how Ostal talks to an accredited platform (PA).

One protocol, `EInvoicingPlatform`: submit a document as a flow, list the lifecycle statuses
reported since a mark. `FlowApiPlatform` speaks it over HTTP in the shape of AFNOR XP Z12-013
(the French standard API between a business's software and its platform): `POST /v1/flows`
(multipart: `flowInfo` JSON + `file`), `POST /v1/flows/search` for the lifecycle flows
(`CustomerInvoiceLC`) updated after a mark. The local stand-in of the tests and the demo
(tests/einvoice_platform.py) answers the same requests; the accredited platform Ostal will use
is an open decision (ADR 0019): its adapter implements this protocol, nothing else changes.

Errors: `PlatformUnavailable` is worth retrying (network, timeout, 5xx, 429, authentication —
a configuration fixed later); `PlatformRefused` is not (the platform refuses the request as
such). Submissions are idempotent per `tracking_id` (our invoice's reference): a platform
answers a repeated tracking id with the flow it already has, so a retry after a lost answer
never files an invoice twice.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any, Protocol

import requests
from django.conf import settings

INVOICE_LIFECYCLE_FLOW = "CustomerInvoiceLC"


class PlatformError(Exception):
    """The platform did not do what was asked."""


class PlatformUnavailable(PlatformError):
    """Down, slow, overloaded or refusing our credentials: try again later."""


class PlatformRefused(PlatformError):
    """The platform refused the request itself: retrying the same request will not help."""


@dataclass(frozen=True)
class LifecycleEvent:
    """One status of one invoice, as the platform reported it."""

    event_id: str
    flow_id: str
    tracking_id: str
    code: str
    reason: str
    occurred_at: dt.datetime
    updated_at: str


@dataclass(frozen=True)
class EventPage:
    events: tuple[LifecycleEvent, ...]
    updated_after: str  # the mark to pass next time (unchanged when nothing came)


class EInvoicingPlatform(Protocol):
    name: str

    def flow_submit(self, *, tracking_id: str, filename: str, document: bytes,
                    processing_rule: str) -> str:
        """File `document` (a Factur-X PDF); returns the platform's flow id."""

    def lifecycle_since(self, *, updated_after: str, limit: int = 100) -> EventPage:
        """Lifecycle statuses updated after the mark, oldest first."""


class FlowApiPlatform:
    """An accredited platform's flow API over HTTP (bearer token, explicit timeouts)."""

    def __init__(self, *, name: str, base_url: str, token: str, timeout: float) -> None:
        self.name = name
        self._base_url = base_url.rstrip("/")
        self._timeout = timeout
        self._session = requests.Session()
        self._session.headers["Authorization"] = f"Bearer {token}"

    def _call(self, method: str, path: str, **kwargs: Any) -> dict[str, Any]:
        try:
            response = self._session.request(method, f"{self._base_url}{path}",
                                             timeout=self._timeout, **kwargs)
        except requests.RequestException as error:
            raise PlatformUnavailable(f"{type(error).__name__}: {error}") from error
        if response.status_code in (401, 403, 408, 429) or response.status_code >= 500:
            raise PlatformUnavailable(f"HTTP {response.status_code}: {response.text[:300]}")
        if response.status_code >= 400:
            raise PlatformRefused(f"HTTP {response.status_code}: {response.text[:300]}")
        try:
            body = response.json()
        except ValueError as error:
            raise PlatformUnavailable(f"not JSON: {response.text[:200]}") from error
        if not isinstance(body, dict):
            raise PlatformUnavailable("unexpected answer")
        return body

    def flow_submit(self, *, tracking_id: str, filename: str, document: bytes,
                    processing_rule: str) -> str:
        flow_info = {"trackingId": tracking_id, "name": filename, "flowSyntax": "Factur-X",
                     "flowProfile": "EN16931", "processingRule": processing_rule}
        body = self._call("POST", "/v1/flows", files={
            "flowInfo": (None, json.dumps(flow_info), "application/json"),
            "file": (filename, document, "application/pdf")})
        flow_id = body.get("flowId")
        if not flow_id:
            raise PlatformUnavailable("the platform answered without a flow id")
        return str(flow_id)

    def lifecycle_since(self, *, updated_after: str, limit: int = 100) -> EventPage:
        where: dict[str, Any] = {"flowType": [INVOICE_LIFECYCLE_FLOW]}
        if updated_after:
            where["updatedAfter"] = updated_after
        body = self._call("POST", "/v1/flows/search", json={"where": where, "limit": limit})
        events = []
        mark = updated_after
        for row in body.get("results", []):
            status = row.get("status") or {}
            try:
                event = LifecycleEvent(
                    event_id=str(row["flowId"]), flow_id=str(row["invoiceFlowId"]),
                    tracking_id=str(row.get("trackingId", "")), code=str(status["code"]),
                    reason=str(status.get("reason", ""))[:500],
                    occurred_at=dt.datetime.fromisoformat(str(status["at"])),
                    updated_at=str(row["updatedAt"]))
            except (KeyError, ValueError) as error:
                raise PlatformUnavailable(f"malformed lifecycle flow: {row!r}"[:300]) from error
            events.append(event)
            mark = max(mark, event.updated_at)
        return EventPage(events=tuple(events), updated_after=mark)


def platform() -> EInvoicingPlatform | None:
    """The configured platform, or None when none is (transmissions then wait, queued)."""
    if not settings.EINVOICING_PLATFORM_URL:
        return None
    return FlowApiPlatform(name=settings.EINVOICING_PLATFORM_NAME,
                           base_url=settings.EINVOICING_PLATFORM_URL,
                           token=settings.EINVOICING_PLATFORM_TOKEN,
                           timeout=settings.EINVOICING_TIMEOUT_SECONDS)
