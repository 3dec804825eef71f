"""Start localstripe (a fake Stripe server: dev and test only, GPL-3.0, never shipped) the safe
way: bound to 127.0.0.1 (its own launcher listens on every interface), with its pickle dump
to the temp folder disabled, in a thread or in the foreground.

localstripe is imported lazily, inside these functions: production images do not have it.
"""

from __future__ import annotations

import asyncio
import socket
import threading
import urllib.request
import warnings
from dataclasses import dataclass, field
from typing import Any


def _app() -> Any:
    with warnings.catch_warnings():  # localstripe registers sync handlers (aiohttp deprecation)
        warnings.simplefilter("ignore", DeprecationWarning)
        from localstripe import server
        from localstripe.resources import Store

    Store.dump_to_disk = lambda self: None
    return server.app


@dataclass
class LocalStripeServer:
    """A running localstripe: `url` is its API base; `reset()` empties its store."""

    url: str
    _loop: asyncio.AbstractEventLoop = field(repr=False)
    _thread: threading.Thread = field(repr=False)
    _runner: Any = field(repr=False)

    def reset(self) -> None:
        request = urllib.request.Request(f"{self.url}/_config/data",  # noqa: S310 - http
                                         method="DELETE")
        with urllib.request.urlopen(request, timeout=5) as response:  # noqa: S310 - loopback
            response.read()

    def register_webhook(self, url: str, secret: str, name: str = "ostal") -> None:
        from localstripe.webhooks import register_webhook

        register_webhook(name, url, secret, None)

    def unregister_webhook(self, name: str = "ostal") -> None:
        from localstripe.webhooks import _webhooks

        _webhooks.pop(name, None)

    def stop(self) -> None:
        async def _cleanup() -> None:
            await self._runner.cleanup()

        future = asyncio.run_coroutine_threadsafe(_cleanup(), self._loop)
        future.result(timeout=10)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=10)


def start_in_thread(host: str = "127.0.0.1", port: int = 0) -> LocalStripeServer:
    """Serve localstripe from a daemon thread on `host:port` (0: a free port)."""
    from aiohttp import web

    app = _app()
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    bound_port = sock.getsockname()[1]
    loop = asyncio.new_event_loop()
    runner = web.AppRunner(app, access_log=None)
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

    thread = threading.Thread(target=serve, name="localstripe", daemon=True)
    thread.start()
    ready.wait(timeout=10)
    if errors:
        raise errors[0]
    return LocalStripeServer(f"http://{host}:{bound_port}", loop, thread, runner)


def serve_forever(host: str = "127.0.0.1", port: int = 8420,
                  webhook: tuple[str, str] | None = None) -> None:
    """Serve in the foreground until interrupted; `webhook` = (url, secret) to deliver events
    to (signed like Stripe's)."""
    from aiohttp import web

    app = _app()
    if webhook is not None:
        from localstripe.webhooks import register_webhook

        register_webhook("ostal", webhook[0], webhook[1], None)
    web.run_app(app, host=host, port=port, print=None)
