"""Fixed-window request counters in the Django cache (Redis in production), for the feeds.

Why not DRF throttling: the feeds are plain Django views outside the API, and the counters key
on things DRF does not know here (the token). Why fixed windows: one cache operation per
counter and request in the common case (INCR), which keeps the 304 path cheap; a client can at
worst get twice the limit across a window boundary, which is fine for a limit meant to stop
runaway pollers and token scanning, not to meter.
"""

from __future__ import annotations

import ipaddress
import math
import time

from django.core.cache import cache
from django.http import HttpRequest


def hit(key: str, *, limit: int, window: int = 60, now: float | None = None) -> int | None:
    """Count one request under `key`; None if within `limit` per `window` seconds, else the
    seconds until the window ends (for Retry-After)."""
    now = time.time() if now is None else now
    cache_key = f"calendars:rate:{key}:{int(now // window)}"
    try:
        count = cache.incr(cache_key)
    except ValueError:  # first hit of the window (or the key just expired)
        count = 1 if cache.add(cache_key, 1, timeout=window + 5) else cache.incr(cache_key)
    if count > limit:
        return max(1, math.ceil(window - now % window))
    return None


# Where our own reverse proxy can be: loopback and the private ranges (RFC 1918, IPv6 ULA).
_PROXY_NETWORKS = tuple(ipaddress.ip_network(net) for net in (
    "127.0.0.0/8", "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "::1/128", "fc00::/7"))


def client_ip(request: HttpRequest) -> str:
    """The caller's address. X-Real-IP is believed only when the direct peer is on a private
    or loopback network, i.e. our own nginx (deploy/nginx.conf sets it): a client on the
    internet cannot pick its own counter by sending the header."""
    remote = request.META.get("REMOTE_ADDR", "")
    forwarded = request.META.get("HTTP_X_REAL_IP", "").strip()
    if forwarded:
        try:
            peer = ipaddress.ip_address(remote)
        except ValueError:
            return remote
        if any(peer in network for network in _PROXY_NETWORKS):
            return forwarded[:64]
    return remote
