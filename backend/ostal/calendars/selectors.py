"""Reads of the calendars app: feeds by token, what a feed contains, and its cheap version.

Feed reads are shaped for speed because calendar clients poll: rows come as tuples/dicts
(`values()`), not model instances, and every selector issues a fixed number of queries whatever
the number of events. `feed_probe` is the one query the 304 path runs instead of rendering.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from django.db import connection
from django.db.models import Count, Max, Q, QuerySet, Sum
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from ostal.accounts.models import User
from ostal.bookings.models import Booking
from ostal.calendars.models import CalendarFeed, ExternalCalendar
from ostal.spaces.models import ItineraryStop, Operator, Resource, Space

# Bookings from this long ago stay in feeds; inactive ones (cancelled, expired, no-show) stay
# this long after their last change, with STATUS:CANCELLED, so subscribed clients update them.
FEED_PAST_DAYS = 30
CANCELLED_KEPT_DAYS = 30

BOOKING_FIELDS = ("id", "reference", "status", "start", "end", "sequence", "updated_at",
                  "local_date", "part", "resource_kind", "resource__name", "space_id")
MANAGER_BOOKING_FIELDS = (*BOOKING_FIELDS, "member_id", "member__first_name",
                          "member__last_name")


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def feed_bookings(feed: CalendarFeed, *, now: dt.datetime) -> QuerySet[Booking]:
    """The bookings a feed shows: from FEED_PAST_DAYS ago on; inactive ones only while their
    last change is recent (CANCELLED_KEPT_DAYS). Not ordered, not joined: callers add what they
    need (rows for rendering, an aggregate for the version)."""
    since = now - dt.timedelta(days=FEED_PAST_DAYS)
    kept_since = now - dt.timedelta(days=CANCELLED_KEPT_DAYS)
    queryset = Booking.objects.filter(start__gte=since).filter(
        Q(status__in=Booking.ACTIVE_STATUSES) | Q(updated_at__gte=kept_since))
    if feed.kind == CalendarFeed.Kind.MEMBER:
        return queryset.filter(member_id=feed.owner_id)
    if feed.kind == CalendarFeed.Kind.SPACE and feed.space_id is not None:
        return queryset.filter(space_id=feed.space_id)
    if feed.kind == CalendarFeed.Kind.RESOURCE and feed.resource_id is not None:
        return queryset.filter(resource_id=feed.resource_id)
    return queryset.none()


def _digest(*parts: Any) -> str:
    return hashlib.sha256(repr(parts).encode()).hexdigest()[:32]


@dataclass(frozen=True)
class FeedProbe:
    """What the 304 path needs to know about a token: which feed, and its current version."""

    feed_id: int
    token_hash: str
    kind: str
    owner_id: int
    space_id: int | None
    version: str
    last_used_at: dt.datetime | None
    counted: str  # "count|sum of ids|latest change..." of the feed's rows, as the SQL saw them


def _aggregates(*tables: str) -> str:
    """COUNT|SUM(id)|MAX(updated_at)[|MAX(<table>.updated_at)...] as one text value."""
    parts = ["CAST(COUNT(b.id) AS TEXT)", "CAST(COALESCE(SUM(b.id), 0) AS TEXT)",
             "COALESCE(CAST(MAX(b.updated_at) AS TEXT), '')"]
    parts += [f"COALESCE(CAST(MAX({alias}.updated_at) AS TEXT), '')" for alias in tables]
    return " || '|' || ".join(parts)


@lru_cache(maxsize=4)
def _probe_sql(vendor: str) -> str:
    """The probe as one statement, portable between SQLite and PostgreSQL. Table and column
    names come from the models; the booking filter mirrors `feed_bookings` (a test compares
    the two on the same rows)."""
    q = connection.ops.quote_name
    booking, space = q(Booking._meta.db_table), q(Space._meta.db_table)
    resource = q(Resource._meta.db_table)
    managers = q(Operator.managers.through._meta.db_table)
    # Identifiers only (model metadata, quoted); every value is a query parameter.
    window = (f"b.{q('start')} >= %s AND (b.{q('status')} IN (%s, %s, %s) "
              f"OR b.{q('updated_at')} >= %s)")
    return f"""
SELECT f.id, f.token_hash, f.last_used_at, u.is_active, u.is_network_admin, f.kind,
       f.owner_id, f.space_id,
       EXISTS (SELECT 1 FROM {managers} m
               WHERE m.user_id = f.owner_id AND m.operator_id = s.operator_id),
       CASE f.kind
         WHEN 'member' THEN (
           SELECT {_aggregates("bs", "br")} FROM {booking} b
           JOIN {space} bs ON bs.id = b.space_id JOIN {resource} br ON br.id = b.resource_id
           WHERE b.member_id = f.owner_id AND {window})
         WHEN 'space' THEN (
           SELECT {_aggregates()} FROM {booking} b
           WHERE b.space_id = f.space_id AND {window})
           || '|' || COALESCE((SELECT CAST(MAX(pr.updated_at) AS TEXT) FROM {resource} pr
                               WHERE pr.space_id = f.space_id), '')
         ELSE (
           SELECT {_aggregates()} FROM {booking} b
           WHERE b.resource_id = f.resource_id AND {window})
       END,
       CAST(s.updated_at AS TEXT), CAST(r.updated_at AS TEXT)
FROM {q(CalendarFeed._meta.db_table)} f
JOIN {q(User._meta.db_table)} u ON u.id = f.owner_id
LEFT JOIN {space} s ON s.id = f.space_id
LEFT JOIN {resource} r ON r.id = f.resource_id
WHERE f.token_hash = %s AND f.revoked_at IS NULL"""  # noqa: S608 - values are parameters


def _as_datetime(value: Any) -> dt.datetime | None:
    """A raw cursor's timestamp (SQLite: naive UTC or text; PostgreSQL: aware) as aware UTC."""
    if value is None:
        return None
    parsed = value if isinstance(value, dt.datetime) else parse_datetime(str(value))
    if parsed is not None and parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=dt.UTC)
    return parsed


def feed_probe(token: str, *, now: dt.datetime) -> FeedProbe | None:
    """The feed a token opens and its version — or None for a wrong, revoked or no longer
    permitted token alike, so the caller answers the same 404 to all of them.

    One SQL statement, written out rather than built by the ORM: calendar clients poll, and
    the 304 answer must stay cheap (compiling the two ORM queries it replaces cost more than
    the rest of the request; docs/benchmarks/calendars.md). It checks, on every
    request: the token (by its hash), that the feed is not revoked, that the owner is active,
    and — for place and resource feeds — that the owner still manages the place (or is a
    network admin). The version is count, sum of ids and latest `updated_at` of the rows the
    feed shows (a booking changed, added, or gone out of the window), plus the latest change
    of the places and resources they name (for a place feed: of any of its resources, which
    spares joining thousands of bookings to their resource). Not covered: a member renaming
    themselves in a manager feed, or an itinerary stop edited after the booking; the cached
    ETag expires (CALENDAR_FEED_ETAG_TTL, an hour) so those show within the hour."""
    since = connection.ops.adapt_datetimefield_value(now - dt.timedelta(days=FEED_PAST_DAYS))
    kept = connection.ops.adapt_datetimefield_value(
        now - dt.timedelta(days=CANCELLED_KEPT_DAYS))
    window = [since, *Booking.ACTIVE_STATUSES, kept]
    with connection.cursor() as cursor:
        cursor.execute(_probe_sql(connection.vendor), [*window * 3, hash_token(token)])
        row = cursor.fetchone()
    if row is None:
        return None
    (feed_id, token_hash, last_used_at, owner_active, owner_admin, kind, owner_id, space_id,
     manages, version, space_changed, resource_changed) = row
    if not owner_active:
        return None
    if kind != CalendarFeed.Kind.MEMBER and not (owner_admin or manages):
        return None
    return FeedProbe(feed_id=feed_id, token_hash=token_hash, kind=kind, owner_id=owner_id,
                     space_id=space_id,
                     version=_digest(kind, version, space_changed, resource_changed),
                     last_used_at=_as_datetime(last_used_at), counted=str(version))


def feed_get(pk: int) -> CalendarFeed:
    """A feed with what its rendering names (owner, place, resource)."""
    return CalendarFeed.objects.select_related("owner", "space", "resource").get(pk=pk)


def feed_booking_rows(feed: CalendarFeed, *, now: dt.datetime) -> list[dict[str, Any]]:
    """The feed's bookings as dicts (BOOKING_FIELDS, plus the member's name for manager
    feeds — never their e-mail), by start. One query."""
    fields = BOOKING_FIELDS if feed.kind == CalendarFeed.Kind.MEMBER else MANAGER_BOOKING_FIELDS
    return list(feed_bookings(feed, now=now).order_by("start", "id").values(*fields))


@dataclass(frozen=True)
class PlaceRow:
    """What an event says about its place."""

    id: int
    name: str
    slug: str
    timezone: str
    is_itinerant: bool
    address: str
    postal_code: str
    commune: str
    latitude: float
    longitude: float


def place_rows(space_ids: set[int]) -> dict[int, PlaceRow]:
    """The places of a set of events, by id. One query."""
    rows = Space.objects.filter(pk__in=space_ids).values_list(
        "id", "name", "slug", "timezone", "kind", "address", "postal_code", "commune__name",
        "latitude", "longitude")
    return {row[0]: PlaceRow(id=row[0], name=row[1], slug=row[2], timezone=row[3],
                             is_itinerant=row[4] == Space.Kind.ITINERANT, address=row[5],
                             postal_code=row[6], commune=row[7], latitude=row[8],
                             longitude=row[9])
            for row in rows}


@dataclass(frozen=True)
class StopRow:
    """Where an itinerant place stands on a day."""

    id: int
    space_id: int
    date: dt.date
    opens: dt.time
    closes: dt.time
    commune: str
    location_note: str
    latitude: float
    longitude: float
    updated_at: dt.datetime


_STOP_FIELDS = ("id", "space_id", "date", "opens", "closes", "commune__name", "location_note",
                "latitude", "longitude", "updated_at")


def _stop(row: tuple[Any, ...]) -> StopRow:
    return StopRow(*row)


def stop_rows_for_days(days: set[tuple[int, dt.date]]) -> dict[tuple[int, dt.date], StopRow]:
    """The stops of itinerant places on given (place, local day) pairs. One query (none when
    `days` is empty)."""
    if not days:
        return {}
    space_ids = {space_id for space_id, _ in days}
    dates = {date for _, date in days}
    rows = ItineraryStop.objects.filter(space_id__in=space_ids, date__in=dates).values_list(
        *_STOP_FIELDS)
    return {(stop.space_id, stop.date): stop for stop in map(_stop, rows)}


def public_itinerant_space_get(slug: str) -> Space | None:
    """A published itinerant place, or None (the public feed then answers 404)."""
    return (Space.objects.published().filter(slug=slug, kind=Space.Kind.ITINERANT)
            .select_related("commune").first())


def public_stops(space: Space, *, now: dt.datetime) -> QuerySet[ItineraryStop]:
    since = (now - dt.timedelta(days=FEED_PAST_DAYS)).date()
    return ItineraryStop.objects.filter(space=space, date__gte=since)


def public_stops_version(space: Space, *, now: dt.datetime) -> str:
    row = public_stops(space, now=now).aggregate(n=Count("id"), ids=Sum("id"),
                                                 changed=Max("updated_at"))
    return _digest("stops", row, space.updated_at)


def public_stop_rows(space: Space, *, now: dt.datetime) -> list[StopRow]:
    return [_stop(row) for row in
            public_stops(space, now=now).order_by("date", "opens").values_list(*_STOP_FIELDS)]


# --- API reads ---------------------------------------------------------------------------------


def calendar_feed_list_for_user(user: User) -> QuerySet[CalendarFeed]:
    """The caller's active feeds (tokens are never readable again)."""
    return (CalendarFeed.objects.filter(owner=user, revoked_at__isnull=True)
            .select_related("space", "resource").order_by("created_at", "id"))


def calendar_feed_get_for_user(user: User, pk: int) -> CalendarFeed:
    """Raises CalendarFeed.DoesNotExist for another user's feed or a revoked one."""
    return calendar_feed_list_for_user(user).get(pk=pk)


def external_calendar_list_for_space(space: Space) -> QuerySet[ExternalCalendar]:
    return ExternalCalendar.objects.filter(space=space).select_related("resource")


def external_calendar_get_for_space(space: Space, pk: int) -> ExternalCalendar:
    """Raises ExternalCalendar.DoesNotExist for a calendar of another place."""
    return external_calendar_list_for_space(space).get(pk=pk)


def external_calendars_due(*, now: dt.datetime | None = None) -> QuerySet[ExternalCalendar]:
    now = now or timezone.now()
    return ExternalCalendar.objects.filter(next_sync_at__lte=now)
