"""The address of the client behind our own proxies — one rule for every counter and record.

settings.TRUSTED_PROXY_COUNT says how many proxies of ours append to X-Forwarded-For (0: Django
is reached directly; deploy/README.md, "Client addresses"). The client is the entry that many
places from the right; whatever a client writes further left is ignored. allauth's login limits
(ALLAUTH_TRUSTED_PROXY_COUNT) and DRF's throttles (NUM_PROXIES) read the same setting; this
function is the same rule for Ostal's own uses: the calendar feeds' rate limits and the audit
trail's "from where". With fewer entries than proxies (a request that skipped the outer proxy),
the leftmost entry is taken, as DRF does.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def _clean(address: str) -> str | None:
    address = address.strip()
    if address.startswith("[") and "]" in address:
        address = address[1:address.index("]")]
    try:
        return str(ipaddress.ip_address(address))
    except ValueError:
        return None


def client_address(request: HttpRequest) -> str:
    remote = request.META.get("REMOTE_ADDR", "") or ""
    count = int(getattr(settings, "TRUSTED_PROXY_COUNT", 0) or 0)
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if count > 0 and forwarded:
        entries = forwarded.split(",")
        chosen = _clean(entries[-min(count, len(entries))])
        if chosen is not None:
            return chosen
    return _clean(remote) or remote[:64]
