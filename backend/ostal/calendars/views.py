"""The /ical/ edge: subscription feeds that calendar apps poll (no session, no API).

Every answer is cheap to refuse and cheap to repeat:
- a wrong, revoked or no longer permitted token is the same bare 404 (nothing tells them
  apart, not even timing beyond one indexed lookup);
- counters per token and per address answer 429 with Retry-After before any database work;
- `If-None-Match` is answered 304 from the cache alone while a validator vouches for the
  ETag (`feedcache`: invalidated by every write that changes the feed or its access), else
  from one query (`feed_probe`: token, access and version together) and a cached ETag,
  without rendering. The ETag is the hash of the
  bytes, so a proxy that weakens it (nginx gzip turns "x" into W/"x") still matches, and
  two renderings of the same data share it.
"""

from __future__ import annotations

import hashlib
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, HttpResponseNotFound
from django.utils import timezone
from django.utils.http import parse_etags
from django.views.decorators.http import require_safe

from ostal.calendars import feedcache, feeds, ratelimit, selectors, services

CONTENT_TYPE = "text/calendar; charset=utf-8"


def _setting(name: str, default: int) -> int:
    return int(getattr(settings, name, default))


def _not_found() -> HttpResponse:
    return HttpResponseNotFound(b"Not found\n", content_type="text/plain; charset=utf-8")


def _too_many(retry_after: int) -> HttpResponse:
    response = HttpResponse(b"Too many requests\n", status=429,
                            content_type="text/plain; charset=utf-8")
    response["Retry-After"] = str(retry_after)
    return response


def make_etag(body: bytes) -> str:
    return f'"{hashlib.sha256(body).hexdigest()[:32]}"'


def etag_matches(request: HttpRequest, etag: str) -> bool:
    """Weak comparison (RFC 9110 §13.1.2), as If-None-Match requires."""
    header = request.META.get("HTTP_IF_NONE_MATCH")
    if not header:
        return False
    if header == etag:  # what clients send back, in the common case
        return True
    wanted = etag.removeprefix("W/")
    return any(tag == "*" or tag.removeprefix("W/") == wanted for tag in parse_etags(header))


def _calendar(body: bytes | None, etag: str, *, cache_control: str) -> HttpResponse:
    """The calendar, or a 304 with what RFC 9110 §15.4.5 asks a 304 to repeat (ETag,
    Cache-Control) and nothing else: it is the answer most polls get."""
    if body is None:
        response = HttpResponse(status=304)
    else:
        response = HttpResponse(body, content_type=CONTENT_TYPE)
        response["Content-Disposition"] = 'inline; filename="ostal.ics"'
        response["X-Robots-Tag"] = "noindex"
    response["ETag"] = etag
    response["Cache-Control"] = cache_control
    return response


def _limited(request: HttpRequest, token_key: str | None = None,
             reads: list[str] | None = None) -> tuple[HttpResponse | None, dict[str, Any]]:
    """429 once an address or a token asks too often (and the cache keys `reads`, read in
    the same round trip). The address limit is the higher one: Google and Microsoft fetch
    every subscriber's feed from a few shared addresses."""
    limits = [(f"i:{ratelimit.client_ip(request)}", _setting("CALENDAR_FEED_RATE_PER_IP", 600))]
    if token_key is not None:
        limits.append((token_key, _setting("CALENDAR_FEED_RATE_PER_TOKEN", 60)))
    wait, fetched = ratelimit.hit_all(limits, reads=reads)
    return (_too_many(wait) if wait else None), fetched


@require_safe
def private_feed(request: HttpRequest, token: str) -> HttpResponse:
    """GET /ical/<token>.ics — a member's or a manager's feed.

    Fast path (no database): a cached validator for the token whose generations are all
    unchanged vouches for the ETag (`feedcache`). Otherwise one probe statement checks token,
    access and version; the ETag comes from the cache or from rendering."""
    token_hash = selectors.hash_token(token)
    validators = feedcache.enabled()
    conditional = validators and "HTTP_IF_NONE_MATCH" in request.META
    reads = feedcache.validator_keys(token_hash) if conditional else None
    refused, fetched = _limited(request, f"t:{token_hash[:16]}", reads)
    if refused:
        return refused
    now = timezone.now()
    private = "private, no-cache"
    if conditional:
        etag = feedcache.fresh_etag(token_hash, now=now, touch_every=services.FEED_TOUCH_EVERY,
                                    fetched=fetched)
        if etag and etag_matches(request, etag):
            return _calendar(None, etag, cache_control=private)
    generations = feedcache.generations_before_probe(token_hash) if validators else None
    probe = selectors.feed_probe(token, now=now)
    if probe is None:
        if validators:
            feedcache.forget(token_hash)
        return _not_found()
    cache_key = f"calendars:etag:{probe.feed_id}:{probe.token_hash[:16]}:{probe.version}"
    used_at = services.calendar_feed_touch(feed_id=probe.feed_id,
                                           last_used_at=probe.last_used_at, now=now)
    etag = cache.get(cache_key)
    body = None
    if not (etag and etag_matches(request, etag)):
        body = feeds.feed_render(selectors.feed_get(probe.feed_id), now=now)
        etag = make_etag(body)
        cache.set(cache_key, etag, _setting("CALENDAR_FEED_ETAG_TTL", 3600))
    if validators:
        scopes = feedcache.feed_scopes(kind=probe.kind, owner_id=probe.owner_id,
                                       space_id=probe.space_id)
        feedcache.store(token_hash, scopes=scopes, generations=generations, etag=etag,
                        used_at=used_at)
    if body is None or etag_matches(request, etag):
        return _calendar(None, etag, cache_control=private)
    return _calendar(body, etag, cache_control=private)


@require_safe
def public_stops_feed(request: HttpRequest, slug: str) -> HttpResponse:
    """GET /ical/public/spaces/<slug>/stops.ics — where and when an itinerant place stops."""
    refused, _ = _limited(request)
    if refused:
        return refused
    space = selectors.public_itinerant_space_get(slug)
    if space is None:
        return _not_found()
    now = timezone.now()
    cache_key = f"calendars:etag:stops:{space.pk}:{selectors.public_stops_version(space, now=now)}"
    public = "public, max-age=900"
    etag = cache.get(cache_key)
    if etag and etag_matches(request, etag):
        return _calendar(None, etag, cache_control=public)
    body = feeds.public_stops_render(space, now=now)
    etag = make_etag(body)
    cache.set(cache_key, etag, _setting("CALENDAR_FEED_ETAG_TTL", 3600))
    if etag_matches(request, etag):
        return _calendar(None, etag, cache_control=public)
    return _calendar(body, etag, cache_control=public)
