"""Errors reach Sentry when SENTRY_DSN is set, and only then.

Sentry itself cannot run here: a local HTTP server stands in for its ingest endpoint (a
stand-in, named as such) and records the envelopes the real SDK posts. The settings are
loaded in a subprocess, as a web process loads them, so this test's process is not changed.
"""

from __future__ import annotations

import gzip
import os
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SCRIPT = """
import logging, django, sentry_sdk
django.setup()
print("active" if sentry_sdk.get_client().is_active() else "inactive")
try:
    raise RuntimeError("the booking service fell over")
except RuntimeError:
    logging.getLogger("ostal.bookings").exception("booking failed")
sentry_sdk.flush(timeout=10)
"""


class _Ingest(BaseHTTPRequestHandler):
    received: list[bytes] = []

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        if self.headers.get("Content-Encoding") == "gzip":
            body = gzip.decompress(body)
        self.received.append(body)
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


def _run(extra_env: dict[str, str]) -> str:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SENTRY_")}
    env.update({"PYTHONPATH": f"{REPO / 'backend'}:{REPO}",
                "DJANGO_SETTINGS_MODULE": "config.settings", **extra_env})
    done = subprocess.run([sys.executable, "-c", SCRIPT], env=env, cwd=REPO,
                          capture_output=True, text=True, timeout=120, check=True)
    return done.stdout


def test_errors_go_to_sentry_only_with_a_dsn() -> None:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Ingest)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        assert _run({}).startswith("inactive")
        assert _Ingest.received == []

        port = server.server_address[1]
        out = _run({"SENTRY_DSN": f"http://publickey@127.0.0.1:{port}/42",
                    "SENTRY_ENVIRONMENT": "ci"})
    finally:
        server.shutdown()
    assert out.startswith("active")
    sent = b"".join(_Ingest.received).decode()
    assert "the booking service fell over" in sent
    assert '"environment":"ci"' in sent.replace(" ", "")
