"""Probes for load balancers and orchestrators, answered before any other middleware.

- `GET /healthz` (liveness): the process answers. No database, cache or broker: a database
  outage must not make an orchestrator restart every web process.
- `GET /readyz` (readiness): the database, the cache and the broker answer, each within a
  short timeout; 503 with the failing part otherwise, so the load balancer stops sending
  traffic here. The read replica is reported but never fails readiness (reads fall back to
  the primary; ostal.core.db_routing).

Answered first in the middleware chain: no host check (a probe uses the pod's address, not a
public host name), no HTTPS redirect, no session. The bodies say which part failed, never how
(no addresses, no error messages).
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.db import connections
from django.http import HttpRequest, HttpResponse, JsonResponse
from kombu import Connection

from ostal.core import db_routing

logger = logging.getLogger(__name__)

PROBE_TIMEOUT_SECONDS = 2


def _database() -> None:
    with connections["default"].cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def _cache() -> None:
    key = f"readyz:{uuid.uuid4().hex}"
    cache.set(key, "1", timeout=10)
    if cache.get(key) != "1":
        raise RuntimeError("cache did not return what was written")
    cache.delete(key)


def _broker() -> None:
    with Connection(settings.CELERY_BROKER_URL, connect_timeout=PROBE_TIMEOUT_SECONDS,
                    transport_options={"socket_timeout": PROBE_TIMEOUT_SECONDS}) as conn:
        conn.ensure_connection(max_retries=1, timeout=PROBE_TIMEOUT_SECONDS)


CHECKS: dict[str, Callable[[], None]] = {"database": _database, "cache": _cache,
                                         "broker": _broker}


def readiness() -> tuple[bool, dict[str, str]]:
    results: dict[str, str] = {}
    for name, check in CHECKS.items():
        try:
            check()
        except Exception:
            logger.warning("readiness: %s failed", name, exc_info=True)
            results[name] = "down"
        else:
            results[name] = "ok"
    ready = all(value == "ok" for value in results.values())
    if db_routing.replica_configured():
        results["replica"] = "ok" if db_routing.replica_status()[0] else "not used"
    return ready, results


class HealthCheckMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path == "/healthz" and request.method in ("GET", "HEAD"):
            return JsonResponse({"status": "ok"})
        if request.path == "/readyz" and request.method in ("GET", "HEAD"):
            ready, results = readiness()
            return JsonResponse({"status": "ok" if ready else "unavailable", **results},
                                status=200 if ready else 503)
        return self.get_response(request)
