"""Content-Security-Policy on every Django response: the SPA served by Django (the embedded
default), the Django admin, the API, the feeds (issue 14, defect 7). django-csp writes it.

The policy is settings.CONTENT_SECURITY_POLICY (same origin only, no inline script, no
framing, OpenStreetMap tiles for the map); this middleware adds the one origin that is only
known per deployment: where Stripe.js is loaded from and talks to — Stripe itself, or the local
fake Stripe of the demo and the tests (settings.STRIPE_API_BASE, read at each response because
tests move it).
"""

from __future__ import annotations

from urllib.parse import urlsplit

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.http import HttpRequest, HttpResponseBase

STRIPE_SCRIPTS = ["https://js.stripe.com", "https://*.js.stripe.com"]
STRIPE_FRAMES = [*STRIPE_SCRIPTS, "https://hooks.stripe.com"]
STRIPE_CONNECT = ["https://api.stripe.com"]


def stripe_sources() -> dict[str, list[str]]:
    if settings.STRIPE_USES_LOCALSTRIPE:
        parts = urlsplit(settings.STRIPE_API_BASE)
        origin = [f"{parts.scheme}://{parts.netloc}"]
        return {"script-src": origin, "frame-src": origin, "connect-src": origin}
    return {"script-src": STRIPE_SCRIPTS, "frame-src": STRIPE_FRAMES,
            "connect-src": STRIPE_CONNECT}


class OstalCSPMiddleware(CSPMiddleware):
    def get_policy_parts(self, request: HttpRequest, response: HttpResponseBase,
                         report_only: bool = False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only:
            update = dict(parts.update or {})
            for directive, sources in stripe_sources().items():
                update[directive] = [*update.get(directive, []), *sources]
            parts.update = update
        return parts
