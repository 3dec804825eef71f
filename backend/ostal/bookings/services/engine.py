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
from typing import TYPE_CHECKING, Any

from django.db import DatabaseError, transaction
from django.db.models import Exists
from django.utils import timezone

from ostal.bookings import hooks, locks
from ostal.bookings.errors import BookingError
from ostal.bookings.errors import BookingErrorCode as E
from ostal.bookings.models import Booking, BookingSeries
from ostal.bookings.policies import Policy, policy_for
from ostal.bookings.rules import (
    ResolvedSlot,
    SlotRequest,
    blocks_over,
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


def booking_insert(*, member: User, request: BookingRequest, now: dt.datetime,
                   booked_by: User | None = None, source: str = Booking.Source.MEMBER,
                   status: str = "", expires_at: dt.datetime | None = None,
                   idempotency_key: str = "", fingerprint: str = "",
                   series: BookingSeries | None = None,
                   context: BookingContext | None = None) -> Booking:
    """Validate and insert one booking. Must run inside a transaction holding the member lock.

    `status` defaults to CONFIRMED, or HELD (for `hold_minutes`) when the policy requires
    payment; a waiting-list offer passes HELD and its own `expires_at`.
    """
    context = context or BookingContext()
    space = request.space
    policy = context.policy or policy_for(space.pk, request.resource_kind)
    schedule = context.schedule or SpaceSchedule.load(space, request.date, request.date)
    slot = resolve_slot(schedule.day(request.date), policy, request.slot, now=now,
                        relaxed=booked_by is not None)
    check_kind_and_capacity(space=space, resource_kind=request.resource_kind,
                            attendees=request.attendees)
    check_member_limits(member_id=member.pk, space=space, resource_kind=request.resource_kind,
                        policy=policy, slot=slot, now=now)
    if not status:
        status = Booking.Status.HELD if policy.requires_payment else Booking.Status.CONFIRMED
    if status == Booking.Status.HELD and expires_at is None:
        expires_at = now + dt.timedelta(minutes=policy.hold_minutes)
    if slot.is_walk_up and source == Booking.Source.MEMBER:
        source = Booking.Source.WALK_UP
    values: dict[str, Any] = {
        "space": space, "resource_kind": request.resource_kind, "member": member,
        "booked_by": booked_by, "series": series, "status": status, "source": source,
        "start": slot.span.start, "end": slot.span.end, "local_date": slot.local_date,
        "part": slot.part, "attendees": request.attendees, "expires_at": expires_at,
        "confirmed_at": now if status == Booking.Status.CONFIRMED else None,
        "no_show_due_at": no_show_due_at(policy, slot), "idempotency_key": idempotency_key,
        "request_fingerprint": fingerprint,
    }
    booking = Booking(**values)
    place_on_free_resource(booking, slot=slot, attendees=request.attendees,
                           preferred_resource_id=request.resource_id,
                           must_use_preferred=request.resource_id is not None)
    # An occurrence of a series is confirmed with the others, in one mail (series service).
    hooks.booking_confirmed.send(hooks.BookingConfirmed(booking, now,
                                                        confirmation=series is None))
    return booking


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
