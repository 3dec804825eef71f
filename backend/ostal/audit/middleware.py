"""Who and from where, for the audit trail: django-auditlog's middleware with Ostal's rules.

- The address is the client's behind our own proxies (`core.client_address`, the rule of the
  login limits and the throttles), not the first X-Forwarded-For entry a client can write.
- The actor is read when an entry is written, not at the start of every request: most
  requests change nothing, and resolving the session user costs a query.
- The correlation id is the request id of the logs (AUDITLOG_CID_GETTER), not a header.
"""

from __future__ import annotations

from typing import Any

from auditlog.middleware import AuditlogMiddleware
from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from ostal.core.client_address import client_address


class AuditMiddleware(AuditlogMiddleware):
    @staticmethod
    def _get_remote_addr(request: HttpRequest) -> str | None:
        return client_address(request) or None

    @staticmethod
    def _get_remote_port(request: HttpRequest) -> None:
        return None  # X-Forwarded-Port is whatever the client wrote

    @staticmethod
    def _get_actor(request: HttpRequest) -> Any:
        # request.user at the time of the write: DRF may have replaced it after this point.
        return SimpleLazyObject(lambda: getattr(request, "user", None))
