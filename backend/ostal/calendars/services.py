"""Writes of the calendars app: feed tokens, external calendars and their import.

Imported calendars write ResourceBlocks only through the booking engine's services
(`resource_block_create/update/delete`): they lock the resource like the booking engine does,
refuse a block over active bookings (reported here as a problem, never forced), and offer days
freed by a vanished event to the waiting list.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import secrets
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from ostal.bookings import services as booking_services
from ostal.bookings.errors import BookingError
from ostal.bookings.models import ResourceBlock
from ostal.calendars.errors import CalendarError, ImportFailure, import_message
from ostal.calendars.errors import CalendarErrorCode as C
from ostal.calendars.errors import ImportErrorCode as E
from ostal.calendars.fetch import fetch_calendar, is_public_address, normalize_url
from ostal.calendars.importer import (
    ImportedEvent,
    Problem,
    block_uid,
    block_uid_prefix,
    parse_calendar,
)
from ostal.calendars.models import CalendarFeed, ExternalCalendar
from ostal.calendars.selectors import hash_token
from ostal.spaces.models import Resource, Space

if TYPE_CHECKING:
    from ostal.accounts.models import User

FEED_LIMIT_PER_USER = 20
FEED_TOUCH_EVERY = dt.timedelta(hours=1)
SYNC_INTERVAL = dt.timedelta(minutes=15)
SYNC_MAX_BACKOFF = dt.timedelta(hours=24)
SYNC_CLAIM_LEASE = dt.timedelta(minutes=10)
# Conditional GETs only while the last full import is this recent: the import window moves
# with the days, so an unchanged file still has to be expanded again now and then.
FULL_REFRESH_EVERY = dt.timedelta(hours=24)
WINDOW_PAST = dt.timedelta(days=1)
WINDOW_FUTURE = dt.timedelta(days=180)
MAX_BLOCKS_PER_IMPORT = 20_000
MAX_PROBLEMS_KEPT = 50


# --- feeds -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class IssuedFeed:
    """A feed and its token, which exists only in this object: show it once."""

    feed: CalendarFeed
    token: str

    @property
    def url(self) -> str:
        return f"{settings.SITE_URL}/ical/{self.token}.ics"

    @property
    def webcal_url(self) -> str:
        """The same address for "subscribe" links: calendar apps register webcal://."""
        return "webcal://" + self.url.split("://", 1)[1]


def _new_token() -> tuple[str, str]:
    token = secrets.token_urlsafe(32)  # 256 bits: not guessable, not enumerable
    return token, hash_token(token)


def _manages(user: User, space: Space) -> bool:
    return Space.objects.managed_by(user).filter(pk=space.pk).exists()


def calendar_feed_create(*, owner: User, kind: str, space: Space | None = None,
                         resource: Resource | None = None) -> IssuedFeed:
    """A new secret address. Member feeds take neither place nor resource; place and resource
    feeds are for the managers of that place (or network admins) — checked here, and again on
    every request of the feed. At most FEED_LIMIT_PER_USER active feeds per person (a
    concurrent create may pass one over: harmless)."""
    if kind == CalendarFeed.Kind.RESOURCE and resource is not None:
        if space is not None and space.pk != resource.space_id:
            raise CalendarError(C.FEED_KIND_SCOPE)
        space = resource.space
    valid: dict[str, bool] = {
        CalendarFeed.Kind.MEMBER: space is None and resource is None,
        CalendarFeed.Kind.SPACE: space is not None and resource is None,
        CalendarFeed.Kind.RESOURCE: space is not None and resource is not None}
    if not valid.get(kind, False):
        raise CalendarError(C.FEED_KIND_SCOPE)
    if space is not None and not _manages(owner, space):
        raise CalendarError(C.FEED_NOT_MANAGER)
    if (CalendarFeed.objects.filter(owner=owner, revoked_at__isnull=True).count()
            >= FEED_LIMIT_PER_USER):
        raise CalendarError(C.FEED_LIMIT_REACHED, limit=FEED_LIMIT_PER_USER)
    token, token_hash = _new_token()
    feed = CalendarFeed.objects.create(kind=kind, owner=owner, space=space, resource=resource,
                                       token_hash=token_hash)
    return IssuedFeed(feed=feed, token=token)


def calendar_feed_regenerate(*, feed: CalendarFeed) -> IssuedFeed:
    """A new secret address for the same feed; the old one answers 404 from now on. A manager
    who lost the place cannot regenerate its feed."""
    if feed.space is not None and not _manages(feed.owner, feed.space):
        raise CalendarError(C.FEED_NOT_MANAGER)
    token, feed.token_hash = _new_token()
    feed.last_used_at = None
    feed.save(update_fields=["token_hash", "last_used_at", "updated_at"])
    return IssuedFeed(feed=feed, token=token)


def calendar_feed_revoke(*, feed: CalendarFeed, now: dt.datetime | None = None) -> None:
    """The address answers 404 from now on. Idempotent."""
    if feed.revoked_at is None:
        feed.revoked_at = now or timezone.now()
        feed.save(update_fields=["revoked_at", "updated_at"])


def calendar_feed_touch(*, feed_id: int, last_used_at: dt.datetime | None,
                        now: dt.datetime) -> dt.datetime:
    """Record that the address is in use, at most once an hour: polling clients must not turn
    every read into a write. Returns the last use as now stored."""
    if last_used_at is None or now - last_used_at >= FEED_TOUCH_EVERY:
        CalendarFeed.objects.filter(pk=feed_id).update(last_used_at=now)
        return now
    return last_used_at


# --- external calendars: registration -------------------------------------------------------------


def _clean_url(url: str) -> str:
    """Scheme and shape checked at registration (addresses are checked again at each fetch,
    where the host name is resolved)."""
    if len(url) > 2000 or any(ch.isspace() for ch in url.strip()):
        raise CalendarError(C.CALENDAR_URL_INVALID, reason="adresse mal formée.",
                            reason_en="malformed address.", fields={"url": ["invalid"]})
    try:
        cleaned = normalize_url(url)
    except ImportFailure as exc:
        raise CalendarError(C.CALENDAR_URL_INVALID, reason="http(s) ou webcal uniquement.",
                            reason_en="http(s) or webcal only.",
                            fields={"url": ["scheme"]}) from exc
    host = urlsplit(cleaned).hostname or ""
    allow_private = bool(getattr(settings, "CALENDAR_IMPORT_ALLOW_PRIVATE", False))
    try:
        literal = ipaddress.ip_address(host)
    except ValueError:
        literal = None
    if literal is not None and not allow_private and not is_public_address(host):
        raise CalendarError(C.CALENDAR_URL_INVALID, reason="adresse de réseau privé.",
                            reason_en="private network address.", fields={"url": ["private"]})
    return cleaned


def _check_resource(space: Space, resource: Resource | None) -> None:
    if resource is not None and resource.space_id != space.pk:
        raise CalendarError(C.CALENDAR_RESOURCE_NOT_IN_SPACE, fields={"resource": ["space"]})


def external_calendar_create(*, space: Space, name: str, url: str,
                             resource: Resource | None = None, actor: User | None = None,
                             now: dt.datetime | None = None) -> ExternalCalendar:
    """Register a calendar to import into `space` (one resource, or every active resource when
    `resource` is None). Due at once: the next periodic run (or POST .../sync/) imports it.
    The same address twice for a place is refused by a UNIQUE constraint."""
    now = now or timezone.now()
    cleaned = _clean_url(url)
    _check_resource(space, resource)
    if ExternalCalendar.objects.filter(space=space).count() >= \
            ExternalCalendar.ACTIVE_LIMIT_PER_SPACE:
        raise CalendarError(C.CALENDAR_LIMIT_REACHED, limit=ExternalCalendar.ACTIVE_LIMIT_PER_SPACE)
    try:
        with transaction.atomic():
            return ExternalCalendar.objects.create(space=space, resource=resource,
                                                   name=name.strip(), url=cleaned,
                                                   created_by=actor, next_sync_at=now)
    except IntegrityError as exc:
        raise CalendarError(C.CALENDAR_ALREADY_REGISTERED, fields={"url": ["unique"]}) from exc


_UNSET: Any = object()


def external_calendar_update(*, calendar: ExternalCalendar, name: str | None = None,
                             url: str | None = None, resource: Any = _UNSET,
                             now: dt.datetime | None = None) -> ExternalCalendar:
    """Rename, re-address or re-target a calendar. A new address or target forgets the
    conditional-request validators and makes the calendar due now; the blocks follow at the
    next import (moved to the new resources, or removed if the new file lacks them)."""
    now = now or timezone.now()
    fields = ["updated_at"]
    if name is not None:
        calendar.name = name.strip()
        fields.append("name")
    retarget = False
    if url is not None:
        cleaned = _clean_url(url)
        retarget = cleaned != calendar.url
        calendar.url = cleaned
        fields.append("url")
    if resource is not _UNSET:
        _check_resource(calendar.space, resource)
        retarget = retarget or resource != calendar.resource
        calendar.resource = resource
        fields.append("resource")
    if retarget:
        calendar.etag = calendar.last_modified = ""
        calendar.next_sync_at = now
        fields += ["etag", "last_modified", "next_sync_at"]
    try:
        with transaction.atomic():
            calendar.save(update_fields=fields)
    except IntegrityError as exc:
        raise CalendarError(C.CALENDAR_ALREADY_REGISTERED, fields={"url": ["unique"]}) from exc
    return calendar


def _calendar_blocks(calendar: ExternalCalendar) -> Any:
    return ResourceBlock.objects.filter(
        space_id=calendar.space_id, source=ResourceBlock.Source.CALENDAR,
        external_uid__startswith=block_uid_prefix(calendar.pk)).select_related("space",
                                                                                "resource")


def external_calendar_delete(*, calendar: ExternalCalendar,
                             now: dt.datetime | None = None) -> int:
    """Forget a calendar and remove every block it created (their days go to the waiting
    lists), in one transaction. Returns how many blocks were removed."""
    now = now or timezone.now()
    with transaction.atomic():
        ExternalCalendar.objects.select_for_update().filter(pk=calendar.pk).first()
        blocks = list(_calendar_blocks(calendar).order_by("resource_id", "start", "pk"))
        for block in blocks:
            booking_services.resource_block_delete(block=block, now=now)
        calendar.delete()
    return len(blocks)


# --- external calendars: import ----------------------------------------------------------------


def _window(space: Space, now: dt.datetime) -> tuple[dt.datetime, dt.datetime, ZoneInfo]:
    """Local midnight of yesterday → today + 180 days, at the place."""
    tz = ZoneInfo(space.timezone)
    today = now.astimezone(tz).date()
    start = dt.datetime.combine(today - WINDOW_PAST, dt.time(), tzinfo=tz)
    end = dt.datetime.combine(today + WINDOW_FUTURE, dt.time(), tzinfo=tz)
    return start.astimezone(dt.UTC), end.astimezone(dt.UTC), tz


def _reason(calendar: ExternalCalendar, event: ImportedEvent) -> str:
    text = f"{calendar.name} : {event.summary}" if event.summary else calendar.name
    return text[:200]


def _record_failure(calendar: ExternalCalendar, failure: ImportFailure,
                    now: dt.datetime) -> None:
    failures = calendar.consecutive_failures + 1
    backoff = min(SYNC_INTERVAL * 2 ** min(failures - 1, 10), SYNC_MAX_BACKOFF)
    ExternalCalendar.objects.filter(pk=calendar.pk).update(
        last_fetched_at=now, sync_status=ExternalCalendar.SyncStatus.ERROR,
        last_error_code=str(failure.code), last_error=failure.message,
        consecutive_failures=failures, next_sync_at=now + backoff, updated_at=now)


@dataclass(frozen=True)
class _Plan:
    start: dt.datetime
    end: dt.datetime
    reason: str
    event: ImportedEvent


def _apply(calendar: ExternalCalendar, events: list[ImportedEvent], *,
           window_start: dt.datetime, now: dt.datetime) -> tuple[int, list[Problem]]:
    """Make the calendar's blocks in the window exactly `events` x its resources. Runs inside
    the caller's transaction; resources are locked in ascending id order (as the booking
    engine's services lock them, one at a time), so two imports cannot deadlock each other."""
    if calendar.resource_id is not None:
        resources = [r for r in [calendar.resource] if r is not None and r.is_active]
    else:
        resources = list(Resource.objects.filter(space_id=calendar.space_id, is_active=True)
                         .order_by("pk"))
    if len(events) * len(resources) > MAX_BLOCKS_PER_IMPORT:
        raise ImportFailure(E.TOO_MANY_EVENTS,
                            f"{len(events)} x {len(resources)} > {MAX_BLOCKS_PER_IMPORT}")
    wanted: dict[tuple[int, str], _Plan] = {}
    for event in events:
        uid = block_uid(calendar.pk, event.key)
        for resource in resources:
            wanted[(resource.pk, uid)] = _Plan(event.start, event.end,
                                               _reason(calendar, event), event)
    existing = {(block.resource_id, block.external_uid): block
                for block in _calendar_blocks(calendar).filter(end__gt=window_start)}

    for key in sorted(existing.keys() - wanted.keys()):
        booking_services.resource_block_delete(block=existing[key], now=now)

    by_id = {resource.pk: resource for resource in resources}
    refused: dict[str, tuple[ImportedEvent, set[str]]] = {}
    blocked: set[str] = set()
    for key in sorted(wanted):
        plan = wanted[key]
        block = existing.get(key)
        try:
            if block is None:
                booking_services.resource_block_create(
                    resource=by_id[key[0]], start=plan.start, end=plan.end, reason=plan.reason,
                    source=ResourceBlock.Source.CALENDAR, external_uid=key[1])
            elif (block.start, block.end, block.reason) != (plan.start, plan.end, plan.reason):
                booking_services.resource_block_update(block=block, start=plan.start,
                                                       end=plan.end, reason=plan.reason,
                                                       now=now)
            blocked.add(plan.event.key)
        except BookingError as exc:  # active bookings there: reported, never overridden
            ids = refused.setdefault(plan.event.key, (plan.event, set()))[1]
            ids.update(exc.fields.get("bookings", []))
    problems = [Problem(uid=event.uid[:200],
                        start=event.start.isoformat(), code=E.OVERLAPS_BOOKINGS,
                        detail=", ".join(f"n° {pk}" for pk in sorted(ids, key=int)))
                for event, ids in refused.values()]
    return len(blocked), problems


def external_calendar_sync(*, calendar: ExternalCalendar,
                           now: dt.datetime | None = None) -> ExternalCalendar:
    """Fetch, read and apply one calendar; record the outcome on it. Returns it refreshed.

    Network and parsing happen before any transaction (no lock is held while a remote server
    takes its time). The blocks are then replaced in one transaction, with the calendar row
    locked: availability sees the old set or the new one, never half, and a concurrent sync
    of the same calendar (the periodic task and a manager's "import now") waits and then finds
    nothing left to change. Any failure — fetch, parse, limits — is recorded (FR / EN message,
    backoff before the next try) and leaves the previous blocks in place."""
    now = now or timezone.now()
    calendar = _reloaded(calendar)  # validators and failure count as stored, not as passed
    space = calendar.space
    window_start, window_end, tz = _window(space, now)
    conditional = (calendar.last_success_at is not None
                   and now - calendar.last_success_at < FULL_REFRESH_EVERY
                   and calendar.sync_status in (ExternalCalendar.SyncStatus.OK,
                                                ExternalCalendar.SyncStatus.PARTIAL))
    try:
        fetched = fetch_calendar(calendar.url,
                                 etag=calendar.etag if conditional else "",
                                 last_modified=calendar.last_modified if conditional else "")
        if fetched.status == 304:
            ExternalCalendar.objects.filter(pk=calendar.pk).update(
                last_fetched_at=now, consecutive_failures=0,
                next_sync_at=now + SYNC_INTERVAL, updated_at=now)
            calendar.refresh_from_db()
            return calendar
        parsed = parse_calendar(fetched.body, tz=tz, window_start=window_start,
                                window_end=window_end)
        with transaction.atomic():
            locked = (ExternalCalendar.objects.select_for_update(of=("self",))
                      .select_related("resource")
                      .filter(pk=calendar.pk).first())
            if locked is None:  # deleted meanwhile: nothing to import into
                return calendar
            imported, conflicts = _apply(locked, parsed.events, window_start=window_start,
                                         now=now)
            problems = [p.as_dict() for p in [*parsed.problems, *conflicts]]
            status = (ExternalCalendar.SyncStatus.PARTIAL if problems
                      else ExternalCalendar.SyncStatus.OK)
            ExternalCalendar.objects.filter(pk=calendar.pk).update(
                last_fetched_at=now, last_success_at=now, sync_status=status,
                last_error_code="", last_error=_summary(problems),
                problems=problems[:MAX_PROBLEMS_KEPT], events_imported=imported,
                consecutive_failures=0, etag=fetched.etag[:200],
                last_modified=fetched.last_modified[:100], next_sync_at=now + SYNC_INTERVAL,
                updated_at=now)
    except ImportFailure as failure:
        _record_failure(calendar, failure, now)
    return _reloaded(calendar)


def _reloaded(calendar: ExternalCalendar) -> ExternalCalendar:
    """The calendar as stored now (unchanged object if it was deleted meanwhile)."""
    fresh = ExternalCalendar.objects.select_related("space", "resource").filter(
        pk=calendar.pk).first()
    return fresh or calendar


def _summary(problems: list[dict[str, str]]) -> str:
    if not problems:
        return ""
    return (f"{len(problems)} événement(s) non importé(s) : voir la liste. / {len(problems)} "
            f"event(s) not imported: see the list.")


def external_calendar_claim_due(*, now: dt.datetime | None = None) -> ExternalCalendar | None:
    """Take the most overdue calendar for this worker: SELECT ... FOR UPDATE SKIP LOCKED, then
    push its due time by a lease, so another worker skips it now and, if this one dies, it is
    due again when the lease ends. (On SQLite the write transaction is the lock.)"""
    now = now or timezone.now()
    with transaction.atomic():
        calendar = (ExternalCalendar.objects.select_for_update(skip_locked=True)
                    .filter(next_sync_at__lte=now).order_by("next_sync_at", "pk").first())
        if calendar is None:
            return None
        calendar.next_sync_at = now + SYNC_CLAIM_LEASE
        calendar.save(update_fields=["next_sync_at"])
    return calendar


def external_calendars_sync_due(*, max_calendars: int = 200,
                                time_budget: float = 180.0) -> int:
    """Import due calendars one by one until none is due, `max_calendars` were done or
    `time_budget` seconds passed (the rest waits for the next run). Returns how many."""
    started = time.monotonic()
    done = 0
    while done < max_calendars and time.monotonic() - started < time_budget:
        calendar = external_calendar_claim_due()
        if calendar is None:
            break
        external_calendar_sync(calendar=calendar)
        done += 1
    return done


__all__ = [
    "IssuedFeed",
    "calendar_feed_create",
    "calendar_feed_regenerate",
    "calendar_feed_revoke",
    "calendar_feed_touch",
    "external_calendar_claim_due",
    "external_calendar_create",
    "external_calendar_delete",
    "external_calendar_sync",
    "external_calendar_update",
    "external_calendars_sync_due",
    "import_message",
]
