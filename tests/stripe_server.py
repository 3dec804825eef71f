"""The local fake Stripe of the tests and the demo: localstripe behind the bridge that makes it
speak the pinned API version (tests/stripe_bridge.py). Dev/test only: localstripe is GPL and
never shipped in the images (neither is tests/).

- Tests: the `stripe_server` fixture (tests/conftest.py) starts one per session with
  `start_local_stripe()`, bound to 127.0.0.1 on free ports; `stripe_api` empties it before each
  test (`reset()`).
- The demo (scripts/run-demo.sh): `python -m tests.stripe_server` serves it in the foreground
  on 127.0.0.1:LOCALSTRIPE_PORT (8420 unless set) and delivers signed webhooks to the site
  (settings SITE_URL, STRIPE_WEBHOOK_SECRET).

localstripe itself listens on another free port of 127.0.0.1 (its own launcher binds every
interface: not used), its pickle dump to the temp folder disabled; only the bridge talks to it.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import re
import socket
import threading
import urllib.request
import warnings
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

from tests.stripe_bridge import INTERNAL_WEBHOOK_SECRET, Bridge


def _localstripe_app() -> web.Application:
    with warnings.catch_warnings():  # localstripe registers sync handlers (aiohttp deprecation)
        warnings.simplefilter("ignore", DeprecationWarning)
        from localstripe import server
        from localstripe.resources import Store

    Store.dump_to_disk = lambda self: None
    return server.app  # type: ignore[no-any-return]


def _bound_socket(host: str, port: int) -> socket.socket:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    return sock


async def _start(bridge_socket: socket.socket, api_version: str
                 ) -> tuple[Bridge, list[web.AppRunner]]:
    """Both servers on the running loop: localstripe on a private port, the bridge on
    `bridge_socket`; localstripe's webhooks go to the bridge."""
    from localstripe.webhooks import register_webhook

    upstream_socket = _bound_socket("127.0.0.1", 0)
    upstream = f"http://127.0.0.1:{upstream_socket.getsockname()[1]}"
    bridge = Bridge(upstream=upstream, api_version=api_version)
    runners = [web.AppRunner(_localstripe_app(), access_log=None),
               web.AppRunner(bridge.app(), access_log=None)]
    for runner, sock in zip(runners, (upstream_socket, bridge_socket), strict=True):
        await runner.setup()
        await web.SockSite(runner, sock).start()
    host, port = bridge_socket.getsockname()[:2]
    register_webhook("bridge", f"http://{host}:{port}/_bridge/events",
                     INTERNAL_WEBHOOK_SECRET, None)
    return bridge, runners


@dataclass
class LocalStripe:
    """A running fake Stripe: `url` is the API base the gateway uses (the bridge)."""

    url: str
    bridge: Bridge = field(repr=False)
    _loop: asyncio.AbstractEventLoop = field(repr=False)
    _thread: threading.Thread = field(repr=False)
    _runners: list[web.AppRunner] = field(repr=False)

    def _post(self, path: str, body: dict[str, Any] | None = None, method: str = "POST"
              ) -> Any:
        request = urllib.request.Request(
            f"{self.url}{path}", method=method,
            data=json.dumps(body).encode() if body is not None else None,
            headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=10) as response:
            raw = response.read()
        return json.loads(raw) if raw.strip().startswith(b"{") else raw

    def reset(self) -> None:
        """An empty Stripe: no objects, no idempotency keys remembered, nothing held, no
        webhook endpoint."""
        self.release_requests()
        self.bridge.webhooks.clear()
        self._post("/_config/data", method="DELETE")

    def register_webhook(self, url: str, secret: str, name: str = "ostal") -> None:
        """Deliver events to `url`, signed with `secret`, in the pinned API version."""
        self.bridge.webhooks[name] = (url, secret)

    def unregister_webhook(self, name: str = "ostal") -> None:
        self.bridge.webhooks.pop(name, None)

    def hold_requests(self, path_pattern: str) -> None:
        """Hold the first request whose path matches, until `release_requests()` (to stop a
        worker at a known point: in the middle of a Stripe call)."""
        self.bridge.held.clear()
        self.bridge.held_event.clear()
        self.bridge.release.clear()
        self.bridge.hold = re.compile(path_pattern)

    def wait_held(self, timeout: float) -> str:
        assert self.bridge.held_event.wait(timeout), "no request reached the hold point"
        return self.bridge.held[0]

    def release_requests(self) -> None:
        self.bridge.hold = None
        self.bridge.release.set()

    def authenticate_3ds(self, payment_intent: str, *, client_secret: str, success: bool
                         ) -> dict[str, Any]:
        """What the cardholder does in the 3-D Secure window (localstripe's stand-in, called
        as its Stripe.js does, with the publishable key): the intent as Stripe.js sees it."""
        answer: dict[str, Any] = self._post(
            f"/v1/payment_intents/{payment_intent}/_authenticate"
            f"?success={'true' if success else 'false'}",
            {"key": "pk_test_local", "client_secret": client_secret})
        return answer

    def stop(self) -> None:
        async def cleanup() -> None:
            for runner in reversed(self._runners):
                await runner.cleanup()

        asyncio.run_coroutine_threadsafe(cleanup(), self._loop).result(timeout=10)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=10)


def start_local_stripe(api_version: str | None = None, host: str = "127.0.0.1",
                       port: int = 0) -> LocalStripe:
    """Serve the fake Stripe from a daemon thread (port 0: a free port)."""
    from django.conf import settings

    version = api_version or settings.STRIPE_API_VERSION
    sock = _bound_socket(host, port)
    loop = asyncio.new_event_loop()
    ready = threading.Event()
    started: list[Any] = []

    def serve() -> None:
        asyncio.set_event_loop(loop)
        try:
            started.append(loop.run_until_complete(_start(sock, version)))
        except BaseException as exc:  # reported to the caller below
            started.append(exc)
            ready.set()
            return
        ready.set()
        loop.run_forever()

    thread = threading.Thread(target=serve, name="local-stripe", daemon=True)
    thread.start()
    if not ready.wait(timeout=30):
        raise RuntimeError("the local Stripe did not start in 30 s")
    if isinstance(started[0], BaseException):
        raise started[0]
    bridge, runners = started[0]
    return LocalStripe(f"http://{host}:{sock.getsockname()[1]}", bridge, loop, thread, runners)


def main() -> None:
    """The demo's fake Stripe, in the foreground until interrupted."""
    import django
    from django.conf import settings

    django.setup()
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=settings.LOCALSTRIPE_PORT)
    parser.add_argument("--webhook-url", default=(
        f"{settings.SITE_URL}/api/v1/billing/stripe/webhook/"))
    args = parser.parse_args()
    if not settings.STRIPE_USES_LOCALSTRIPE:
        parser.error("STRIPE_SECRET_KEY is set: this site talks to Stripe itself.")

    async def run() -> None:
        bridge, _runners = await _start(_bound_socket("127.0.0.1", args.port),
                                        settings.STRIPE_API_VERSION)
        bridge.webhooks["ostal"] = (args.webhook_url, settings.STRIPE_WEBHOOK_SECRET)
        print(f"Fake Stripe (localstripe, API {settings.STRIPE_API_VERSION}) on "  # noqa: T201
              f"http://127.0.0.1:{args.port} → webhooks to {args.webhook_url}", flush=True)
        await asyncio.Event().wait()

    asyncio.run(run())


if __name__ == "__main__":
    main()
