"""Query-free 304s for the feeds: a cached "this token's feed has this ETag" entry, valid while
the generations of everything the feed depends on are unchanged.

Calendar clients poll; most polls find nothing new. `selectors.feed_probe` answers them from
one SQL statement, but one round trip to the database costs more than a whole bare request
(docs/benchmarks/calendars.md). So the 304 path reads only the cache:

- a **validator** per token hash: (feed id, ETag, the generations it was computed under, last
  use), a tuple of plain values (cheap to unpickle). The token itself is never stored; the
  key holds part of its SHA-256 (the database row has all of it).
- a **generation** per scope, a random value that any write affecting the scope deletes:
  ``u:<user>`` (the owner's account and feeds — revoked, regenerated —, a manager added or
  removed, and for a member feed their bookings), ``s:<place>`` (the place, its resources,
  stops and bookings: place and resource feeds), ``places`` (any place, resource or stop: the
  names and addresses a member feed shows). `ostal.calendars.signals` deletes them on save
  and delete, at once and again after commit.

Keys are short on purpose: every cache call checks its key character by character.

Why it is race-free: the slow path reads the generations *before* the database probe, and
writers delete them *after* their commit. A poll that read the database before a commit
stored its validator under generations that the commit then deletes; a poll that read a
generation recreated after the delete also read the committed rows. A validator therefore
never claims an ETag older than the data it was computed from. A missing generation (evicted,
expired, never set) only sends the next poll to the database.

The cache must be shared by every process that writes (web and worker): Redis in production.
With the per-process memory cache (the embedded default), a change made by the worker would
not reach the web process's validators, so `CALENDAR_FEED_VALIDATORS` defaults to on only
when REDIS_URL is set; without it every 304 goes through the database probe, as before.

What is still seen late: changes that no signal reports (a bulk `QuerySet.update()` of
bookings — the bookings app saves them one by one, docs/adr/0006 — a member renaming
themselves in a manager feed, a booking leaving the 30-day window) reach subscribers when the
validator expires (`CALENDAR_FEED_VALIDATOR_TTL`, 15 minutes by default), as they did before
through the ETag cache.
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import transaction

PREFIX = "cal:g:"
VALIDATOR = "cal:v:"
GENERATION_TTL = 7 * 24 * 3600
SCOPE_MEMO_SIZE = 10_000

# token hash -> scopes. What a token depends on never changes (a feed's kind, owner and place
# are fixed; a new token is a new hash), so each process keeps it: the fast path then reads
# the validator and its generations together, in the rate counters' round trip on Redis.
_scopes_memo: dict[str, tuple[str, ...]] = {}


def enabled() -> bool:
    """Only with a cache every writer shares (CALENDAR_FEED_VALIDATORS, on with Redis)."""
    return bool(getattr(settings, "CALENDAR_FEED_VALIDATORS", False))


def validator_ttl() -> int:
    return int(getattr(settings, "CALENDAR_FEED_VALIDATOR_TTL", 900))


def feed_scopes(*, kind: str, owner_id: int, space_id: int | None) -> tuple[str, ...]:
    """The generation keys a feed depends on."""
    if kind == "member":
        return (f"{PREFIX}u:{owner_id}", f"{PREFIX}places")
    return (f"{PREFIX}u:{owner_id}", f"{PREFIX}s:{space_id}")


def _key(token_hash: str) -> str:
    return VALIDATOR + token_hash[:20]  # 80 bits: enough to tell tokens apart


# (ETag, ((generation key, value), ...), last use as a POSIX timestamp or None)
Validator = tuple[str, tuple[tuple[str, str], ...], float | None]


def _remember_scopes(token_hash: str, scopes: tuple[str, ...]) -> None:
    """Bounded by starting over when full: a forgotten token costs one validator-less poll.
    (No LRU bookkeeping: plain dict operations stay safe between threads.)"""
    if len(_scopes_memo) >= SCOPE_MEMO_SIZE and token_hash not in _scopes_memo:
        _scopes_memo.clear()
    _scopes_memo[token_hash] = scopes


def validator_keys(token_hash: str) -> list[str]:
    """What `fresh_etag` reads: the validator, and the generations this process knows the
    token depends on (the caller reads them with the rate counters: one round trip)."""
    return [_key(token_hash), *_scopes_memo.get(token_hash, ())]


def fresh_etag(token_hash: str, *, now: dt.datetime, touch_every: dt.timedelta,
               fetched: dict[str, Any] | None = None) -> str | None:
    """The feed's current ETag if the cache can vouch for it, else None (ask the database).
    None too when the last use is due to be recorded, so the slow path writes it.
    `fetched`: the values of `validator_keys(token_hash)`, if the caller read them."""
    key = _key(token_hash)
    scopes = _scopes_memo.get(token_hash, ())
    found = dict(fetched) if fetched is not None else cache.get_many([key, *scopes])
    validator = found.pop(key, None)
    if not isinstance(validator, tuple) or len(validator) != 3:
        return None
    etag, generations, used_at = validator
    if not scopes:  # another process stored it: its generations are in the validator
        _remember_scopes(token_hash, tuple(name for name, _ in generations))
        found = cache.get_many([name for name, _ in generations])
    if dict(generations) != found:
        return None
    if used_at is None or now.timestamp() - used_at >= touch_every.total_seconds():
        return None
    return str(etag)


def generations_before_probe(token_hash: str) -> tuple[tuple[str, str], ...] | None:
    """The generations to store a validator under, read before the database is: None when the
    token's scopes are not known yet (its first request in this process: no validator then)."""
    scopes = _scopes_memo.get(token_hash)
    if scopes is None:
        return None
    found = cache.get_many(scopes)
    missing = [name for name in scopes if name not in found]
    if missing:
        for name in missing:
            cache.add(name, secrets.token_hex(8), GENERATION_TTL)
        found = cache.get_many(scopes)
        if len(found) != len(scopes):  # evicted at once: try again next time
            return None
    return tuple((name, found[name]) for name in scopes)


def store(token_hash: str, *, scopes: tuple[str, ...],
          generations: tuple[tuple[str, str], ...] | None, etag: str,
          used_at: dt.datetime | None) -> None:
    """Remember what the probe found; a validator only if the generations it read before the
    probe belong to the same scopes."""
    _remember_scopes(token_hash, scopes)
    if generations is None or tuple(name for name, _ in generations) != scopes:
        return
    validator: Validator = (etag, generations, used_at.timestamp() if used_at else None)
    cache.set(_key(token_hash), validator, validator_ttl())


def forget(token_hash: str) -> None:
    cache.delete(_key(token_hash))


# --- invalidation --------------------------------------------------------------------------------


def bump(scopes: Iterable[str]) -> None:
    """Invalidate every validator that depends on these scopes ("u:3", "s:7",
    "places"): now, and again once the surrounding transaction commits — a poll that read
    the old rows in between must not keep a validator."""
    if not enabled():
        return
    keys = sorted({PREFIX + scope for scope in scopes})
    if not keys:
        return
    cache.delete_many(keys)
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(lambda: cache.delete_many(keys))
