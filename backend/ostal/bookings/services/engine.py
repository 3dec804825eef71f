"""The booking engine's primitives: insert a booking on a free resource, confirm a hold, close a
booking. Each runs inside its caller's transaction and locks (member lock for an insert, the
booking row for a close); the services above them (`bookings.py`, `series.py`, `waitlist.py`,
`sweeps.py`, `check_in.py`) own the transactions and the rules of who may do what.

What happens next is announced through `ostal.bookings.hooks` (the checkout settles the money of
a closed booking, notifications tell the member): this module imports no higher app.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import secrets
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from django.db import DatabaseError, connection, transaction
from django.db.models import Exists
from django.utils import timezone

from ostal.bookings import hooks, locks
from ostal.bookings.errors import BookingError
from ostal.bookings.errors import BookingErrorCode as E
from ostal.bookings.models import Booking, BookingSeries, ResourceBlock
from ostal.bookings.policies import Policy, policy_for
from ostal.bookings.rules import (
    ResolvedSlot,
    SlotRequest,
    blocks_over,
    check_capacity,
    check_kind_and_capacity,
    check_member_limits,
    free_resources,
    resolve_slot,
    resource_state,
)
from ostal.bookings.schedule import SpaceSchedule
from ostal.spaces.models import Resource, Space

if TYPE_CHECKING:
    from ostal.accounts.models import User

logger = logging.getLogger(__name__)

MAX_RESOURCE_ATTEMPTS = 25

@dataclass(frozen=True)
class BookingRequest:
    """A booking asked for in local terms at one place (see `SlotRequest`)."""

    space: Space
    resource_kind: str
    date: dt.date
    part: str | None = None
    start_time: dt.time | None = None
    end_time: dt.time | None = None
    attendees: int = 1
    resource_id: int | None = None
    walk_up: bool = False

    @property
    def slot(self) -> SlotRequest:
        return SlotRequest(date=self.date, part=self.part, start_time=self.start_time,
                           end_time=self.end_time, walk_up=self.walk_up)

    def fingerprint(self) -> str:
        """Stable hash of the request, to tell a replay from a reused idempotency key."""
        payload = {"space": self.space.pk, "kind": self.resource_kind,
                   "date": self.date.isoformat(), "part": self.part,
                   "start": self.start_time.isoformat() if self.start_time else None,
                   "end": self.end_time.isoformat() if self.end_time else None,
                   "attendees": self.attendees, "resource": self.resource_id,
                   "walk_up": self.walk_up}
        return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()


@dataclass
class BookingContext:
    """What one booking attempt needs besides the request; reused across a series."""

    schedule: SpaceSchedule | None = None
    policy: Policy | None = None
    extra: dict[str, Any] = field(default_factory=dict)
    # The largest active resource of the kind, when already read (`ostal.bookings.loading`):
    # the NO_RESOURCE / OVER_CAPACITY check then needs no query.
    capacity: int | None = None
    capacity_known: bool = False


def booking_insert(*, member: User, request: BookingRequest, now: dt.datetime,
                   booked_by: User | None = None, source: str = Booking.Source.MEMBER,
                   status: str = "", expires_at: dt.datetime | None = None,
                   idempotency_key: str = "", fingerprint: str = "",
                   series: BookingSeries | None = None,
                   context: BookingContext | None = None) -> Booking:
    """Validate and insert one booking. Must run inside a transaction holding the member lock.

    `status` defaults to CONFIRMED, or HELD (for `hold_minutes`) when the policy requires
    payment; a waiting-list offer passes HELD and its own `expires_at`.

    A member's own booking usually goes through `booking_insert_fast` first (ADR 0015): a rule
    added here must be added there too.
    """
    context = context or BookingContext()
    space = request.space
    policy = context.policy or policy_for(space.pk, request.resource_kind)
    schedule = context.schedule or SpaceSchedule.load(space, request.date, request.date)
    slot = resolve_slot(schedule.day(request.date), policy, request.slot, now=now,
                        relaxed=booked_by is not None)
    if context.capacity_known:
        check_capacity(context.capacity, attendees=request.attendees)
    else:
        check_kind_and_capacity(space=space, resource_kind=request.resource_kind,
                                attendees=request.attendees)
    check_member_limits(member_id=member.pk, space=space, resource_kind=request.resource_kind,
                        policy=policy, slot=slot, now=now)
    booking = _new_booking(member=member, request=request, now=now, policy=policy, slot=slot,
                           booked_by=booked_by, source=source, status=status,
                           expires_at=expires_at, idempotency_key=idempotency_key,
                           fingerprint=fingerprint, series=series)
    place_on_free_resource(booking, slot=slot, attendees=request.attendees,
                           preferred_resource_id=request.resource_id,
                           must_use_preferred=request.resource_id is not None)
    # An occurrence of a series is confirmed with the others, in one mail (series service).
    hooks.booking_confirmed.send(hooks.BookingConfirmed(booking, now,
                                                        confirmation=series is None, new=True))
    return booking


def _new_booking(*, member: User, request: BookingRequest, now: dt.datetime, policy: Policy,
                 slot: ResolvedSlot, booked_by: User | None, source: str, status: str,
                 expires_at: dt.datetime | None, idempotency_key: str, fingerprint: str,
                 series: BookingSeries | None) -> Booking:
    """The unsaved row of a booking that passed the rules."""
    if not status:
        status = Booking.Status.HELD if policy.requires_payment else Booking.Status.CONFIRMED
    if status == Booking.Status.HELD and expires_at is None:
        expires_at = now + dt.timedelta(minutes=policy.hold_minutes)
    if slot.is_walk_up and source == Booking.Source.MEMBER:
        source = Booking.Source.WALK_UP
    values: dict[str, Any] = {
        "space": request.space, "resource_kind": request.resource_kind, "member": member,
        "booked_by": booked_by, "series": series, "status": status, "source": source,
        "start": slot.span.start, "end": slot.span.end, "local_date": slot.local_date,
        "part": slot.part, "attendees": request.attendees, "expires_at": expires_at,
        "confirmed_at": now if status == Booking.Status.CONFIRMED else None,
        "no_show_due_at": no_show_due_at(policy, slot), "idempotency_key": idempotency_key,
        "request_fingerprint": fingerprint,
    }
    return Booking(**values)


@dataclass(frozen=True)
class FastInsert:
    """What `booking_insert_fast` did: `booking` made (created) or replayed; None when the
    fast path could not decide (no free resource it could lock without waiting, or the one
    it locked was taken meanwhile): the caller then runs `booking_insert`, which waits for
    locks and tells why nothing is free."""

    booking: Booking | None
    created: bool = False


def booking_insert_fast(*, member: User, request: BookingRequest, now: dt.datetime,
                        context: BookingContext, idempotency_key: str,
                        fingerprint: str) -> FastInsert:
    """`booking_insert` for a member's own booking in two statements on PostgreSQL, under the
    member lock the caller holds, with the place, policy, hours and capacity already read
    (`context`, from `ostal.bookings.loading`):

    1. one SELECT reads the member's state (an earlier request with this idempotency key, an
       overlapping booking of the kind, the bookings of the day and the active ones at this
       place: the same rules as `check_member_limits`, read after the member lock) and locks
       a free resource of the smallest fitting capacity, chosen at random among equals,
       `FOR UPDATE SKIP LOCKED`;
    2. one INSERT ... SELECT ... WHERE NOT EXISTS re-checks, in a fresh statement now that
       the resource row is locked, that no booking or block overlaps (what committed while
       the first statement ran is seen) and writes the booking.

    The same rules in the same order as `booking_insert` (a replay first, then the slot, the
    capacity, the member's limits); a resource locked by a concurrent request is skipped, not
    waited for: when nothing could be locked, or the locked one turned out taken, returns
    FastInsert(None) and the caller falls back to `booking_insert` in the same transaction.
    """
    policy = context.policy
    if policy is None or context.schedule is None or not context.capacity_known:
        raise ValueError("booking_insert_fast needs the place's policy, hours and capacity")
    try:
        slot = resolve_slot(context.schedule.day(request.date), policy, request.slot, now=now)
        check_capacity(context.capacity, attendees=request.attendees)
    except BookingError:
        if replayed := _replay_of(member, idempotency_key, fingerprint):
            return FastInsert(replayed)
        raise
    if request.resource_id is not None and not 0 < request.resource_id < _BIGINT:
        return FastInsert(None)  # no such resource: the general path says so
    picked = _pick_for_member(member_id=member.pk, request=request, slot=slot, now=now,
                              idempotency_key=idempotency_key)
    if picked is None:
        return FastInsert(None)
    if picked.m_replay is not None:
        replayed = _replay_of(member, idempotency_key, fingerprint)
        return FastInsert(replayed)
    if picked.m_overlap:
        raise BookingError(E.MEMBER_ALREADY_BOOKED)
    limit = policy.max_bookings_per_member_per_day
    if limit is not None and picked.m_day >= limit:
        raise BookingError(E.DAILY_LIMIT_REACHED, limit=limit)
    limit = policy.max_active_bookings_per_member
    if limit is not None and picked.m_active >= limit:
        raise BookingError(E.ACTIVE_LIMIT_REACHED, limit=limit)
    source = Booking.Source.WALK_UP if slot.is_walk_up else Booking.Source.MEMBER
    booking = _new_booking(member=member, request=request, now=now, policy=policy, slot=slot,
                           booked_by=None, source=source, status="", expires_at=None,
                           idempotency_key=idempotency_key, fingerprint=fingerprint,
                           series=None)
    booking.resource = picked.resource
    if not _insert_if_free(booking):
        return FastInsert(None)
    hooks.booking_confirmed.send(hooks.BookingConfirmed(booking, now, new=True))
    return FastInsert(booking, created=True)


def _replay_of(member: User, key: str, fingerprint: str) -> Booking | None:
    if not key:
        return None
    existing = Booking.objects.filter(member=member, idempotency_key=key).first()
    if existing is not None and existing.request_fingerprint != fingerprint:
        raise BookingError(E.IDEMPOTENCY_KEY_REUSED)
    return existing


_ACTIVE = tuple(str(status) for status in Booking.ACTIVE_STATUSES)
_BIGINT = 2**63


@dataclass
class _Picked:
    resource: Resource
    m_overlap: bool
    m_day: int
    m_active: int
    m_replay: int | None


def _pick_for_member(*, member_id: int, request: BookingRequest, slot: ResolvedSlot,
                     now: dt.datetime, idempotency_key: str) -> _Picked | None:
    """The member's state and a free resource locked without waiting, in one statement: the
    statement `booking_insert_fast` documents; written once (`_pick_sql`)."""
    span = slot.span
    params = {"space": request.space.pk, "kind": request.resource_kind,
              "attendees": request.attendees, "only": request.resource_id,
              "start": span.start, "end": span.end, "member": member_id,
              "day": slot.local_date, "now": now, "key": idempotency_key or None,
              **{f"s{n}": status for n, status in enumerate(_ACTIVE)}}
    with connection.cursor() as cursor:
        cursor.execute(_pick_sql(), params)
        found = cursor.fetchone()
    if found is None:
        return None
    fields = [f.attname for f in Resource._meta.concrete_fields]
    resource = Resource.from_db("default", fields, found[:len(fields)])
    overlap, day, active, replay = found[len(fields):]
    return _Picked(resource, bool(overlap), int(day), int(active), replay)


@lru_cache(maxsize=1)
def _pick_sql() -> str:
    quote = connection.ops.quote_name
    bookings, blocks = quote(Booking._meta.db_table), quote(ResourceBlock._meta.db_table)
    active = ", ".join(f"%(s{n})s" for n in range(len(_ACTIVE)))
    columns = ", ".join(f"r.{quote(str(f.column))}" for f in Resource._meta.concrete_fields)
    mine = f"FROM {bookings} b WHERE b.member_id = %(member)s AND b.status IN ({active})"
    here = f"{mine} AND b.space_id = %(space)s AND b.resource_kind = %(kind)s"
    return (
        f"SELECT {columns}, "  # noqa: S608 - model metadata; values are parameters
        f"EXISTS(SELECT 1 {mine} AND b.resource_kind = %(kind)s "
        f'AND b.start < %(end)s AND b."end" > %(start)s), '
        f"(SELECT count(*) {here} AND b.local_date = %(day)s), "
        f'(SELECT count(*) {here} AND b."end" > %(now)s), '
        f"(SELECT b.id FROM {bookings} b WHERE b.member_id = %(member)s "
        f"AND b.idempotency_key = %(key)s LIMIT 1) "
        f"FROM {quote(Resource._meta.db_table)} r "
        f"WHERE r.space_id = %(space)s AND r.kind = %(kind)s AND r.is_active "
        f"AND r.capacity >= %(attendees)s "
        f"AND (%(only)s::bigint IS NULL OR r.id = %(only)s::bigint) "
        f"AND NOT EXISTS (SELECT 1 FROM {bookings} o WHERE o.resource_id = r.id "
        f'AND o.status IN ({active}) AND o.start < %(end)s AND o."end" > %(start)s) '
        f"AND NOT EXISTS (SELECT 1 FROM {blocks} k WHERE k.resource_id = r.id "
        f'AND k.start < %(end)s AND k."end" > %(start)s) '
        f"ORDER BY r.capacity, random() LIMIT 1 FOR UPDATE OF r SKIP LOCKED")


_INSERT_IF_FREE = (
    "INSERT INTO {table} ({columns}) SELECT {values} "
    "WHERE NOT EXISTS (SELECT 1 FROM {table} b WHERE b.resource_id = %s "
    'AND b.status IN ({statuses}) AND b.start < %s AND b."end" > %s) '
    "AND NOT EXISTS (SELECT 1 FROM {blocks} k WHERE k.resource_id = %s "
    'AND k.start < %s AND k."end" > %s) RETURNING id')


def _insert_if_free(booking: Booking) -> bool:
    """INSERT the booking unless a booking or a block overlaps it on its (locked) resource;
    one statement. Sets the primary key; False (nothing written) when taken."""
    fields = [f for f in Booking._meta.concrete_fields if not f.primary_key]
    quote = connection.ops.quote_name
    values = [f.get_db_prep_save(f.pre_save(booking, True), connection) for f in fields]
    table, blocks = Booking._meta.db_table, ResourceBlock._meta.db_table
    statuses = ", ".join(["%s"] * len(_ACTIVE))
    # Names from the model's metadata only; every value is a parameter.
    sql = _INSERT_IF_FREE.format(
        table=quote(table), columns=", ".join(quote(str(f.column)) for f in fields),
        values=", ".join(["%s"] * len(fields)), blocks=quote(blocks), statuses=statuses)
    resource, start, end = booking.resource_id, booking.start, booking.end
    with connection.cursor() as cursor:
        cursor.execute(sql, [*values, resource, *_ACTIVE, end, start, resource, end, start])
        row = cursor.fetchone()
    if row is None:
        return False
    booking.pk = row[0]
    booking._state.adding, booking._state.db = False, "default"
    return True


def no_show_due_at(policy: Policy, slot: ResolvedSlot) -> dt.datetime | None:
    """When a booking of `slot` becomes a no-show if nobody checked in (None: never)."""
    if policy.no_show_grace_minutes is None:
        return None
    return slot.span.start + dt.timedelta(minutes=policy.no_show_grace_minutes)


def place_on_free_resource(booking: Booking, *, slot: ResolvedSlot, attendees: int,
                           preferred_resource_id: int | None, must_use_preferred: bool) -> None:
    """Save `booking` (new, or changed in place) on a free resource, or raise SLOT_TAKEN.

    Each attempt runs in a savepoint: lock the resource row, re-check it is free with a fresh
    statement (READ COMMITTED sees what committed while we waited), then write. A taken
    resource rolls the savepoint back (releasing its row lock) and the next free one is tried;
    a 23P01/40P01/55P03 from PostgreSQL is treated the same way. `preferred_resource_id` is
    tried first; with `must_use_preferred` (the member picked a desk) it is the only one.
    """
    space = booking.space
    exclude = booking.pk
    if must_use_preferred and preferred_resource_id is not None and not Resource.objects.filter(
            pk=preferred_resource_id, space=space, kind=booking.resource_kind,
            is_active=True).exists():
        raise BookingError(E.UNKNOWN_RESOURCE)
    only = preferred_resource_id if must_use_preferred else None
    tried: set[int] = set()
    for _ in range(MAX_RESOURCE_ATTEMPTS):
        candidates = [r for r in free_resources(space=space, resource_kind=booking.resource_kind,
                                                span=slot.span, attendees=attendees,
                                                exclude_booking_id=exclude, only_id=only)
                      if r.pk not in tried]
        resource = _pick(candidates, preferred_resource_id)
        if resource is None:
            break
        tried.add(resource.pk)
        try:
            with transaction.atomic():
                if not locks.lock_resource(resource.pk):
                    continue
                if resource_state(resource.pk, slot.span, exclude) is not None:
                    raise _Taken
                booking.resource = resource
                booking.save()
                return
        except _Taken:
            continue
        except DatabaseError as exc:
            if not locks.is_conflict(exc):
                raise
            logger.info("booking conflict on resource %s (%s), trying another",
                        resource.pk, locks.sqlstate(exc))
            continue
    _raise_unavailable(space=space, resource_kind=booking.resource_kind, slot=slot,
                       attendees=attendees, only_id=only)


class _Taken(Exception):
    pass


def _pick(candidates: list[Resource], preferred: int | None) -> Resource | None:
    if not candidates:
        return None
    for resource in candidates:
        if resource.pk == preferred:
            return resource
    # Smallest fitting capacity; among equals, a random one so that concurrent requests for
    # the last desks of a day spread over them instead of all queueing on the first.
    best = candidates[0].capacity
    return secrets.choice([r for r in candidates if r.capacity == best])


def _raise_unavailable(*, space: Space, resource_kind: str, slot: ResolvedSlot, attendees: int,
                       only_id: int | None) -> None:
    """RESOURCE_BLOCKED when every fitting resource is blocked over the slot, OVER_CAPACITY
    when the picked one is too small, SLOT_TAKEN otherwise."""
    fitting = Resource.objects.filter(space=space, kind=resource_kind, is_active=True)
    if only_id is not None:
        fitting = fitting.filter(pk=only_id)
        if not fitting.filter(capacity__gte=attendees).exists():
            raise BookingError(E.OVER_CAPACITY, attendees=attendees)
    fitting = fitting.filter(capacity__gte=attendees)
    if fitting.exists() and not fitting.exclude(Exists(blocks_over(slot.span))).exists():
        raise BookingError(E.RESOURCE_BLOCKED)
    raise BookingError(E.SLOT_TAKEN)


def booking_close(booking: Booking, status: str, *, now: dt.datetime,
                  cancelled_by: User | None = None) -> None:
    """Move a booking out of the active set (cancelled, no-show or expired). The caller holds
    the booking row locked and has checked that the move is allowed; `booking_closed` is then
    announced with the row in its final state (the checkout gives back credits or money as the
    place's rules say, notifications tell the member)."""
    booking.status = status
    booking.sequence += 1
    fields = ["status", "sequence", "updated_at"]
    if status == Booking.Status.CANCELLED:
        booking.cancelled_at, booking.cancelled_by = now, cancelled_by
        fields += ["cancelled_at", "cancelled_by"]
    elif status == Booking.Status.NO_SHOW:
        booking.no_show_at = now
        fields.append("no_show_at")
    else:
        booking.released_at = now
        fields.append("released_at")
    booking.save(update_fields=fields)
    hooks.booking_closed.send(hooks.BookingEvent(booking, now))



def booking_confirm_hold(*, booking: Booking, now: dt.datetime | None = None) -> Booking:
    """HELD → CONFIRMED, for the payment flow (later issue) and accepted waiting-list offers.

    Refused if the hold has expired (even if the sweep has not run yet). Idempotent on a
    confirmed booking. Locks the booking row.
    """
    now = now or timezone.now()
    with transaction.atomic():
        booking = Booking.objects.select_for_update().get(pk=booking.pk)
        if booking.status == Booking.Status.CONFIRMED:
            return booking
        if booking.status != Booking.Status.HELD:
            raise BookingError(E.NOT_ACTIVE)
        if booking.expires_at is not None and booking.expires_at <= now:
            raise BookingError(E.HOLD_EXPIRED)
        booking.status, booking.expires_at = Booking.Status.CONFIRMED, None
        booking.confirmed_at = now
        booking.sequence += 1
        booking.save(update_fields=["status", "expires_at", "confirmed_at", "sequence",
                                    "updated_at"])
        hooks.booking_confirmed.send(hooks.BookingConfirmed(booking, now))
    return booking
