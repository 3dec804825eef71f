"""A local stand-in for an accredited e-invoicing platform (PA), for the tests and the demo.

It answers the flow API of ostal.billing.einvoicing.gateway (the shape of AFNOR XP Z12-013)
over real HTTP, and behaves like a platform:
- `POST /v1/flows` (bearer token checked) files a Factur-X PDF: the same tracking id twice
  gives the same flow; the embedded CII XML is checked with the official EN 16931 rules
  (ostal.billing.invoicing.validation, the very check of the test suite), then the statuses
  follow: 200 déposée, and 213 rejetée naming the broken rules, or 201 émise, 202 reçue,
  203 mise à disposition;
- `POST /v1/flows/search` lists the lifecycle flows (`CustomerInvoiceLC`) updated after a mark.
The buyer's side and faults are played through `/_stand-in/...` (tests and demo only):
`POST /_stand-in/flows/{flowId}/status` {code, reason} (the buyer refuses, pays...),
`POST /_stand-in/faults` {"submit_failures": n} (the next n submissions answer 503),
`GET /_stand-in/flows` (what was filed), `DELETE /_stand-in/data` (empty it).

- Tests: the `einvoice_platform` fixture (tests/conftest.py) serves it from a thread on a free
  port of 127.0.0.1.
- The demo: `python -m tests.einvoice_platform` on 127.0.0.1:EINVOICING_LOCAL_PORT (8430 unless
  set), where EINVOICING_PLATFORM_URL points by default in the embedded demo.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import itertools
import json
import socket
import threading
import urllib.request
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

LABELS = {"200": "Déposée", "201": "Émise par la plateforme", "202": "Reçue par la plateforme",
          "203": "Mise à disposition", "204": "Prise en charge", "205": "Approuvée",
          "206": "Approuvée partiellement", "207": "En litige", "208": "Suspendue",
          "209": "Complétée", "210": "Refusée", "211": "Paiement transmis", "212": "Encaissée",
          "213": "Rejetée"}


@dataclass
class Flow:
    flow_id: str
    tracking_id: str
    name: str
    processing_rule: str
    document: bytes
    xml: bytes
    invoice_number: str
    fatal_rules: list[str]


@dataclass
class PlatformState:
    token: str
    flows: dict[str, Flow] = field(default_factory=dict)
    by_tracking: dict[str, str] = field(default_factory=dict)
    lifecycle: list[dict[str, Any]] = field(default_factory=list)
    submit_failures: int = 0
    requests: list[str] = field(default_factory=list)
    _ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1))
    _last_mark: dt.datetime | None = None

    def next_id(self, prefix: str) -> str:
        return f"{prefix}-{next(self._ids):06d}"

    def mark(self) -> str:
        """A strictly increasing update time (the search's `updatedAfter` compares them)."""
        now = dt.datetime.now(dt.UTC)
        if self._last_mark is not None and now <= self._last_mark:
            now = self._last_mark + dt.timedelta(microseconds=1)
        self._last_mark = now
        return now.isoformat(timespec="microseconds")

    def add_status(self, flow: Flow, code: str, reason: str = "") -> dict[str, Any]:
        updated = self.mark()
        row = {"flowId": self.next_id("LC"), "flowType": "CustomerInvoiceLC",
               "trackingId": flow.tracking_id, "invoiceFlowId": flow.flow_id,
               "updatedAt": updated,
               "status": {"code": code, "label": LABELS[code], "reason": reason,
                          "at": updated}}
        self.lifecycle.append(row)
        return row

    def reset(self) -> None:
        self.flows.clear()
        self.by_tracking.clear()
        self.lifecycle.clear()
        self.requests.clear()
        self.submit_failures = 0


def _check(document: bytes) -> tuple[bytes, str, list[str]]:
    """The embedded XML, the invoice number it carries, the fatal EN 16931 rules it breaks."""
    from facturx import get_xml_from_pdf
    from lxml import etree

    from ostal.billing.invoicing.validation import en16931_validate

    try:
        _name, xml = get_xml_from_pdf(document, check_xsd=False)
    except Exception:
        return b"", "", ["no Factur-X XML in the PDF"]
    if not xml:
        return b"", "", ["no Factur-X XML in the PDF"]
    root = etree.fromstring(xml)
    number = root.findtext(".//{*}ExchangedDocument/{*}ID") or ""
    return xml, number, en16931_validate(xml).fatal_rules()


def build_app(state: PlatformState) -> web.Application:
    def authorised(request: web.Request) -> bool:
        return request.headers.get("Authorization") == f"Bearer {state.token}"

    async def submit(request: web.Request) -> web.Response:
        state.requests.append("POST /v1/flows")
        if not authorised(request):
            return web.json_response({"error": "invalid token"}, status=401)
        if state.submit_failures > 0:
            state.submit_failures -= 1
            return web.json_response({"error": "platform unavailable"}, status=503)
        form = await request.post()
        info_field, file_field = form.get("flowInfo"), form.get("file")
        if info_field is None or not isinstance(file_field, web.FileField):
            return web.json_response({"error": "flowInfo and file are required"}, status=400)
        if isinstance(info_field, web.FileField):
            info_field.file.seek(0)
            raw_info = info_field.file.read()
        elif isinstance(info_field, (bytes, bytearray)):
            raw_info = bytes(info_field)
        else:
            raw_info = str(info_field).encode()
        try:
            info = json.loads(raw_info)
        except ValueError:
            return web.json_response({"error": "flowInfo is not JSON"}, status=400)
        tracking_id = str(info.get("trackingId", ""))
        if not tracking_id:
            return web.json_response({"error": "trackingId is required"}, status=400)
        if tracking_id in state.by_tracking:  # idempotent per tracking id
            flow = state.flows[state.by_tracking[tracking_id]]
            return web.json_response({"flowId": flow.flow_id, "trackingId": tracking_id})
        file_field.file.seek(0)
        document = file_field.file.read()
        xml, number, fatal = await asyncio.get_running_loop().run_in_executor(
            None, _check, document)
        flow = Flow(flow_id=state.next_id("FLOW"), tracking_id=tracking_id,
                    name=str(info.get("name", "")),
                    processing_rule=str(info.get("processingRule", "")), document=document,
                    xml=xml, invoice_number=number, fatal_rules=fatal)
        state.flows[flow.flow_id] = flow
        state.by_tracking[tracking_id] = flow.flow_id
        state.add_status(flow, "200")
        if fatal:
            state.add_status(flow, "213", "Règles EN 16931 non respectées : " + ", ".join(fatal))
        else:
            for code in ("201", "202", "203"):
                state.add_status(flow, code)
        return web.json_response({"flowId": flow.flow_id, "trackingId": tracking_id},
                                 status=202)

    async def search(request: web.Request) -> web.Response:
        state.requests.append("POST /v1/flows/search")
        if not authorised(request):
            return web.json_response({"error": "invalid token"}, status=401)
        body = await request.json()
        where = body.get("where") or {}
        after = str(where.get("updatedAfter") or "")
        limit = int(body.get("limit") or 100)
        rows = [row for row in state.lifecycle if row["updatedAt"] > after][:limit]
        return web.json_response({"results": rows})

    async def play_status(request: web.Request) -> web.Response:
        flow = state.flows.get(request.match_info["flow_id"])
        if flow is None:
            return web.json_response({"error": "unknown flow"}, status=404)
        body = await request.json()
        code = str(body.get("code", ""))
        if code not in LABELS:
            return web.json_response({"error": "unknown code"}, status=400)
        return web.json_response(state.add_status(flow, code, str(body.get("reason", ""))))

    async def faults(request: web.Request) -> web.Response:
        body = await request.json()
        state.submit_failures = int(body.get("submit_failures", 0))
        return web.json_response({"submit_failures": state.submit_failures})

    async def flows(request: web.Request) -> web.Response:
        return web.json_response({"flows": [
            {"flowId": flow.flow_id, "trackingId": flow.tracking_id, "name": flow.name,
             "processingRule": flow.processing_rule, "invoiceNumber": flow.invoice_number,
             "fatalRules": flow.fatal_rules, "xml": flow.xml.decode("utf-8")}
            for flow in state.flows.values()]})

    async def reset(request: web.Request) -> web.Response:
        state.reset()
        return web.json_response({})

    app = web.Application(client_max_size=20 * 1024 * 1024)
    app.add_routes([web.post("/v1/flows", submit), web.post("/v1/flows/search", search),
                    web.post("/_stand-in/flows/{flow_id}/status", play_status),
                    web.post("/_stand-in/faults", faults), web.get("/_stand-in/flows", flows),
                    web.delete("/_stand-in/data", reset)])
    return app


@dataclass
class LocalPlatform:
    """A running stand-in: `url` is what EINVOICING_PLATFORM_URL points at."""

    url: str
    state: PlatformState = field(repr=False)
    _loop: asyncio.AbstractEventLoop = field(repr=False)
    _thread: threading.Thread = field(repr=False)
    _runner: web.AppRunner = field(repr=False)

    def _call(self, method: str, path: str, body: dict[str, Any] | None = None) -> Any:
        request = urllib.request.Request(
            f"{self.url}{path}", method=method,
            data=json.dumps(body).encode() if body is not None else None,
            headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=10) as response:
            return json.loads(response.read() or b"{}")

    def reset(self) -> None:
        self._call("DELETE", "/_stand-in/data")

    def flows(self) -> list[dict[str, Any]]:
        return list(self._call("GET", "/_stand-in/flows")["flows"])

    def play_status(self, flow_id: str, code: str, reason: str = "") -> dict[str, Any]:
        """What the buyer's side does: refuse (210), approve (205), pay (211, 212)..."""
        return dict(self._call("POST", f"/_stand-in/flows/{flow_id}/status",
                               {"code": code, "reason": reason}))

    def fail_next_submissions(self, count: int) -> None:
        self._call("POST", "/_stand-in/faults", {"submit_failures": count})

    def stop(self) -> None:
        asyncio.run_coroutine_threadsafe(self._runner.cleanup(), self._loop).result(timeout=10)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=10)


def start_local_platform(*, token: str, host: str = "127.0.0.1", port: int = 0
                         ) -> LocalPlatform:
    """Serve the stand-in from a daemon thread (port 0: a free port)."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    state = PlatformState(token=token)
    loop = asyncio.new_event_loop()
    runner = web.AppRunner(build_app(state), access_log=None)
    ready = threading.Event()
    errors: list[BaseException] = []

    def serve() -> None:
        asyncio.set_event_loop(loop)
        try:
            loop.run_until_complete(runner.setup())
            loop.run_until_complete(web.SockSite(runner, sock).start())
        except BaseException as exc:  # reported to the caller below
            errors.append(exc)
            ready.set()
            return
        ready.set()
        loop.run_forever()

    thread = threading.Thread(target=serve, name="local-einvoice-platform", daemon=True)
    thread.start()
    if not ready.wait(timeout=30):
        raise RuntimeError("the stand-in platform did not start in 30 s")
    if errors:
        raise errors[0]
    return LocalPlatform(f"http://{host}:{sock.getsockname()[1]}", state, loop, thread, runner)


def main() -> None:
    """The demo's platform, in the foreground until interrupted."""
    import django
    from django.conf import settings

    django.setup()
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=settings.EINVOICING_LOCAL_PORT)
    args = parser.parse_args()
    state = PlatformState(token=settings.EINVOICING_PLATFORM_TOKEN)
    print(f"Stand-in e-invoicing platform on http://127.0.0.1:{args.port}",  # noqa: T201
          flush=True)
    web.run_app(build_app(state), host="127.0.0.1", port=args.port, print=None,
                access_log=None)


if __name__ == "__main__":
    main()
