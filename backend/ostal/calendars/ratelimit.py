"""Fixed-window request counters in the Django cache (Redis in production), for the feeds.

Why not DRF throttling: the feeds are plain Django views outside the API, and the counters key
on things DRF does not know here (the token). Why fixed windows: one cache operation per
counter and request in the common case (INCR; on Redis all counters of a request in one
pipelined round trip), which keeps the 304 path cheap; a client can at
worst get twice the limit across a window boundary, which is fine for a limit meant to stop
runaway pollers and token scanning, not to meter.
"""

from __future__ import annotations

import math
import time
from typing import Any

from django.core.cache import cache, caches
from django.core.cache.backends.redis import RedisCache
from django.http import HttpRequest

from ostal.core.client_address import client_address


def _count(cache_key: str, window: int) -> int:
    try:
        return int(cache.incr(cache_key))
    except ValueError:  # first hit of the window (or the key just expired)
        return 1 if cache.add(cache_key, 1, timeout=window + 5) else int(cache.incr(cache_key))


def _on_redis(cache_keys: list[str], window: int,
              reads: list[str]) -> tuple[list[int], dict[str, Any]] | None:
    """All counters (INCR + EXPIRE) and the `reads` (GET) in one pipelined round trip when
    the cache is Redis — Django's `incr` costs two (EXISTS, then INCR) per counter and
    `get_many` one more. None for other caches."""
    backend = caches["default"]
    if not isinstance(backend, RedisCache):
        return None
    keys = [backend.make_and_validate_key(key) for key in cache_keys]
    read_keys = [backend.make_and_validate_key(key) for key in reads]
    pipe = backend._cache.get_client(keys[0], write=True).pipeline(transaction=False)
    for key in keys:
        pipe.incr(key)
        pipe.expire(key, window + 5)
    for key in read_keys:
        pipe.get(key)
    results = pipe.execute()
    loads = backend._cache._serializer.loads  # type: ignore[attr-defined]  # Django private
    fetched = {name: loads(value) for name, value in
               zip(reads, results[2 * len(keys):], strict=True) if value is not None}
    return [int(value) for value in results[:2 * len(keys):2]], fetched


def hit_all(limits: list[tuple[str, int]], *, window: int = 60, now: float | None = None,
            reads: list[str] | None = None) -> tuple[int | None, dict[str, Any]]:
    """Count one request under each `(key, limit)` and read the cache keys `reads` on the
    way (one round trip on Redis). Returns (None if every count is within its limit per
    `window` seconds, else the seconds until the window ends — for Retry-After; the values
    found for `reads`). Every counter counts the request, refused or not."""
    now = time.time() if now is None else now
    slot = int(now // window)
    # Keys are short: the cache checks them character by character on every call.
    cache_keys = [f"cal:r:{key}:{slot}" for key, _ in limits]
    done = _on_redis(cache_keys, window, reads or [])
    if done is None:
        counts = [_count(cache_key, window) for cache_key in cache_keys]
        fetched: dict[str, Any] = cache.get_many(reads) if reads else {}
    else:
        counts, fetched = done
    if any(count > limit for count, (_, limit) in zip(counts, limits, strict=True)):
        return max(1, math.ceil(window - now % window)), fetched
    return None, fetched


def client_ip(request: HttpRequest) -> str:
    """The caller's address behind exactly the proxies the deployment declares
    (settings.TRUSTED_PROXY_COUNT, as allauth's login limits and DRF's throttles): a client
    cannot pick its own counter by writing a forwarding header."""
    return client_address(request)
