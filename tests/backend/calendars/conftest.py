"""Fixtures of the calendar tests: two independent parsers, a local calendar server, places.

- `parse_both(data)` parses Ostal's output with the Python icalendar library *and* with
  Mozilla's ical.js (Thunderbird's parser, run by node from tests/ical_js/). ical.js is
  installed once per session with `npm ci` when tests/ical_js/node_modules is missing (the
  lockfile is committed), so a fresh clone needs only node and npm.
- `ics_server` serves calendar files from 127.0.0.1 in a thread, with the status, headers and
  delays a test asks for, and records what it received. Only loopback traffic, ever.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import icalendar
import pytest
from django.core.cache import cache

ICAL_JS_DIR = Path(__file__).resolve().parents[2] / "ical_js"
_npm_lock = threading.Lock()


def _ensure_ical_js() -> None:
    with _npm_lock:
        if (ICAL_JS_DIR / "node_modules" / "ical.js" / "package.json").is_file():
            return
        npm = shutil.which("npm")
        if npm is None:
            pytest.fail("npm is required to install ical.js for the cross-parser tests")
        subprocess.run([npm, "ci", "--no-audit", "--no-fund", "--loglevel=error"],
                       cwd=ICAL_JS_DIR, check=True, timeout=300)


def parse_with_ical_js(data: bytes) -> dict[str, Any]:
    """What ical.js understands of `data` (see tests/ical_js/parse.mjs for the shape)."""
    _ensure_ical_js()
    node = shutil.which("node")
    if node is None:
        pytest.fail("node is required for the cross-parser tests")
    done = subprocess.run([node, str(ICAL_JS_DIR / "parse.mjs")], input=data,
                          capture_output=True, check=False, timeout=60)
    assert done.returncode == 0, done.stderr.decode()
    return json.loads(done.stdout)


@dataclass
class Parsed:
    python: icalendar.Calendar
    js: dict[str, Any]

    def python_events(self) -> dict[str, icalendar.Event]:
        return {str(event["UID"]): event for event in self.python.walk("VEVENT")}

    def js_events(self) -> dict[str, dict[str, Any]]:
        return {event["uid"]: event for event in self.js["events"]}


@pytest.fixture(scope="session")
def parse_both() -> Callable[[bytes], Parsed]:
    _ensure_ical_js()

    def parse(data: bytes) -> Parsed:
        return Parsed(python=icalendar.Calendar.from_ical(data), js=parse_with_ical_js(data))

    return parse


@pytest.fixture(autouse=True)
def _clean_cache() -> Iterator[None]:
    """ETags and rate counters live in the cache: no test sees another's."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def client() -> Any:
    from django.test import Client

    return Client()


@pytest.fixture
def ada_feed(member_ada: Any, desk: Any) -> Any:
    """Ada's feed, with one booking on 2 June 2026 (the /ical/ tests)."""
    from tests.factories.bookings import BookingFactory, paris
    from tests.factories.calendars import CalendarFeedFactory

    BookingFactory(member=member_ada, resource=desk, start=paris(2026, 6, 2, 9),
                   end=paris(2026, 6, 2, 18))
    return CalendarFeedFactory(owner=member_ada)


@pytest.fixture(autouse=True)
def _calendar_settings(settings: Any) -> None:
    settings.SITE_URL = "https://ostal.example.org"
    settings.DEFAULT_FROM_EMAIL = "Ostal <no-reply@ostal.example.org>"
    settings.CALENDAR_IMPORT_ALLOW_PRIVATE = True  # the local server is on 127.0.0.1
    settings.CALENDAR_FEED_VALIDATORS = True  # one process: its memory cache is shared


# --- a local calendar server ---------------------------------------------------------------------


@dataclass
class Route:
    body: bytes = b""
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    chunks: int = 1  # >1: no Content-Length, body sent in pieces


@dataclass
class IcsServer:
    base: str
    routes: dict[str, Route]
    requests: list[tuple[str, dict[str, str]]]

    def serve(self, path: str, body: bytes = b"", **options: Any) -> str:
        self.routes[path] = Route(body=body, **options)
        return self.base + path


@pytest.fixture
def ics_server() -> Iterator[IcsServer]:
    routes: dict[str, Route] = {}
    seen: list[tuple[str, dict[str, str]]] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            seen.append((self.path, dict(self.headers.items())))
            route = routes.get(self.path)
            if route is None:
                self.send_response(404)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            if route.delay:
                time.sleep(route.delay)
            self.send_response(route.status)
            for name, value in route.headers.items():
                self.send_header(name, value)
            if route.chunks <= 1:
                self.send_header("Content-Length", str(len(route.body)))
                self.end_headers()
                self.wfile.write(route.body)
                return
            self.send_header("Connection", "close")
            self.end_headers()
            size = max(1, len(route.body) // route.chunks)
            for start in range(0, len(route.body), size):
                self.wfile.write(route.body[start:start + size])
                self.wfile.flush()

        def log_message(self, format: str, *args: Any) -> None:
            return

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05},
                              daemon=True)
    thread.start()
    try:
        yield IcsServer(base=f"http://127.0.0.1:{server.server_address[1]}", routes=routes,
                        requests=seen)
    finally:
        server.shutdown()
        server.server_close()


def ics(*events: str, extra: str = "") -> bytes:
    """A VCALENDAR around VEVENT bodies (lines separated by \\n, written with CRLF)."""
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Tests//EN"]
    if extra:
        lines += extra.strip().split("\n")
    for event in events:
        lines += ["BEGIN:VEVENT", *event.strip().split("\n"), "END:VEVENT"]
    lines.append("END:VCALENDAR")
    return ("\r\n".join(line.strip() for line in lines) + "\r\n").encode()


# --- places and people -----------------------------------------------------------------------


@pytest.fixture
def ruche(operator_cy: Any) -> Any:
    """A place of Cy's operator in Mende, with an address full of characters to escape."""
    from tests.factories import SpaceFactory, commune

    return SpaceFactory(name="La Ruche de Mende", slug="la-ruche-de-mende",
                        operator=operator_cy, commune=commune("48095"),
                        address="2, rue de l'Ange; bâtiment B", postal_code="48000")


@pytest.fixture
def desk(ruche: Any) -> Any:
    from tests.factories import ResourceFactory

    return ResourceFactory(space=ruche, name="Poste Fenêtre")


@pytest.fixture
def room(ruche: Any) -> Any:
    from ostal.spaces.models import Resource
    from tests.factories import ResourceFactory

    return ResourceFactory(space=ruche, name="Salle Causse", kind=Resource.Kind.MEETING_ROOM,
                           capacity=8)
