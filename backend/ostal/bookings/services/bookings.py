"""Writes on bookings: create (with idempotency key), change, cancel, confirm a hold.

Every service here runs in one transaction and takes its locks in the order documented in
`ostal.bookings.locks` (member → booking row → one resource row at a time).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import secrets
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db import DatabaseError, IntegrityError, transaction
from django.db.models import Exists
from django.utils import timezone

from ostal.bookings import locks
from ostal.bookings.errors import BookingError
from ostal.bookings.errors import BookingErrorCode as E
from ostal.bookings.models import Booking, BookingSeries, Part, WaitlistEntry
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
from ostal.notifications.services import (
    notification_booking_changed,
    notification_booking_closed,
    notification_booking_confirmed,
)
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
class BookingResult:
    booking: Booking
    created: bool


@dataclass
class BookingContext:
    """What one booking attempt needs besides the request; reused across a series."""

    schedule: SpaceSchedule | None = None
    policy: Policy | None = None
    extra: dict[str, Any] = field(default_factory=dict)


def _replay(member: User, key: str, fingerprint: str) -> Booking | None:
    if not key:
        return None
    existing = Booking.objects.filter(member=member, idempotency_key=key).first()
    if existing is not None and existing.request_fingerprint != fingerprint:
        raise BookingError(E.IDEMPOTENCY_KEY_REUSED)
    return existing


def booking_create(*, member: User, request: BookingRequest, booked_by: User | None = None,
                   idempotency_key: str = "", now: dt.datetime | None = None) -> BookingResult:
    """Book one resource for `member`, or raise BookingError with the reason.

    Guarantees: never two active bookings on one resource at overlapping times (resource row
    lock + re-check, exclusion constraint on PostgreSQL); per-member limits hold under
    concurrency (member advisory lock). With an `idempotency_key`, a retried request returns
    the booking the first one made (`created=False`) instead of making a second; the same key
    with a different request is refused (409). A manager booking for someone (`booked_by`)
    skips notice and horizon rules. Locks: member, then one resource at a time.
    """
    now = now or timezone.now()
    fingerprint = request.fingerprint()
    if existing := _replay(member, idempotency_key, fingerprint):
        return BookingResult(existing, created=False)
    try:
        with transaction.atomic():
            locks.lock_member(member.pk)
            if existing := _replay(member, idempotency_key, fingerprint):
                return BookingResult(existing, created=False)
            source = Booking.Source.MANAGER if booked_by is not None else Booking.Source.MEMBER
            booking = book(member=member, request=request, now=now, booked_by=booked_by,
                           source=source, idempotency_key=idempotency_key,
                           fingerprint=fingerprint)
            return BookingResult(booking, created=True)
    except IntegrityError:
        # Only reachable if the member lock was bypassed: a concurrent twin with the same key.
        if existing := _replay(member, idempotency_key, fingerprint):
            return BookingResult(existing, created=False)
        raise


def book(*, member: User, request: BookingRequest, now: dt.datetime,
         booked_by: User | None = None, source: str = Booking.Source.MEMBER,
         status: str = "", expires_at: dt.datetime | None = None,
         idempotency_key: str = "", fingerprint: str = "", series: BookingSeries | None = None,
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
        "no_show_due_at": _no_show_due(policy, slot), "idempotency_key": idempotency_key,
        "request_fingerprint": fingerprint,
    }
    booking = Booking(**values)
    place_on_free_resource(booking, slot=slot, attendees=request.attendees,
                           preferred_resource_id=request.resource_id,
                           must_use_preferred=request.resource_id is not None)
    # An occurrence of a series is confirmed with the others, in one mail (series service).
    notification_booking_confirmed(booking=booking, now=now, confirmation=series is None)
    return booking


def _no_show_due(policy: Policy, slot: ResolvedSlot) -> dt.datetime | None:
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


def _is_manager_of(user: User, space: Space) -> bool:
    if not user.is_authenticated:
        return False
    return bool(user.is_network_admin or space.operator.managers.filter(pk=user.pk).exists())


def booking_cancel(*, booking: Booking, actor: User, now: dt.datetime | None = None,
                   late: bool = False) -> Booking:
    """Cancel a booking. A member may cancel a held booking, and a confirmed one until the
    policy's deadline; after it, only with `late=True` (the member accepted the late
    cancellation policy: see ostal.billing.services.bookings.refund_share), and never once it
    has started (ALREADY_STARTED). A manager of the place may cancel any active booking at
    any time.

    Idempotent: cancelling a cancelled booking returns it unchanged. Locks the booking row; the
    freed slot is then offered to the waiting list in the same transaction.
    """
    from ostal.bookings.services.waitlist import waitlist_offer_freed

    now = now or timezone.now()
    with transaction.atomic():
        booking = Booking.objects.select_for_update().get(pk=booking.pk)
        if booking.status == Booking.Status.CANCELLED:
            return booking
        by_manager = _is_manager_of(actor, booking.space)
        if not booking.is_active or (booking.status == Booking.Status.CHECKED_IN
                                     and not by_manager):
            raise BookingError(E.NOT_ACTIVE)
        if booking.status == Booking.Status.CONFIRMED and not by_manager:
            if booking.start <= now:
                raise BookingError(E.ALREADY_STARTED)
            policy = policy_for(booking.space_id, booking.resource_kind)
            deadline = booking.start - dt.timedelta(minutes=policy.cancellation_deadline_minutes)
            if now > deadline and not late:
                raise BookingError(E.TOO_LATE_TO_CANCEL,
                                   minutes=policy.cancellation_deadline_minutes)
        _close(booking, Booking.Status.CANCELLED, now=now, cancelled_by=actor)
        # A declined waiting-list offer closes its entry (the desk goes to the next in line).
        WaitlistEntry.objects.filter(offered_booking=booking,
                                     status=WaitlistEntry.Status.OFFERED).update(
            status=WaitlistEntry.Status.CANCELLED, closed_at=now)
        waitlist_offer_freed(space=booking.space, resource_kind=booking.resource_kind,
                             date=booking.local_date, now=now)
    return booking


def _close(booking: Booking, status: str, *, now: dt.datetime,
           cancelled_by: User | None = None) -> None:
    """Move a locked booking out of the active set (cancelled, no-show or expired)."""
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
    _settle_money_for_closed(booking)
    notification_booking_closed(booking=booking, now=now)


def _settle_money_for_closed(booking: Booking) -> None:
    """Give back credits or money as the place's policy says (on time: all; late or no-show:
    per policy). Both hooks decide from the booking's final state, are idempotent and make no
    network call: a Stripe refund is queued after commit."""
    from ostal.billing.services.bookings import (
        credits_refund_for_booking,
        payment_refund_for_booking,
    )
    from ostal.employers.services.checkout import employer_booking_closed

    credits_refund_for_booking(booking, locked=True)
    payment_refund_for_booking(booking, locked=True)
    employer_booking_closed(booking)


@dataclass(frozen=True)
class BookingChange:
    """New values for a booking; omitted ones keep the current value. Giving a `part` drops
    custom times and vice versa."""

    date: dt.date | None = None
    part: str | None = None
    start_time: dt.time | None = None
    end_time: dt.time | None = None
    attendees: int | None = None


def booking_change(*, booking: Booking, actor: User, change: BookingChange,
                   now: dt.datetime | None = None) -> Booking:
    """Move a held or confirmed booking to another date, part or times at the same place.

    All or nothing: the new slot is validated with every rule (the booking itself excluded
    from overlap and limit checks) and the row is updated in place (same id, same QR code,
    `sequence` + 1); if the new slot is refused, the transaction rolls back and the old
    booking is untouched. The current resource is kept when it is free, otherwise another
    free one is taken. Locks: member, booking row, then resources. The freed old slot is
    offered to the waiting list.
    """
    from ostal.bookings.services.waitlist import waitlist_offer_freed

    now = now or timezone.now()
    with transaction.atomic():
        locks.lock_member(booking.member_id)
        booking = (Booking.objects.select_for_update(of=("self",)).select_related("space", "member")
                   .get(pk=booking.pk))
        if booking.status not in (Booking.Status.HELD, Booking.Status.CONFIRMED):
            raise BookingError(E.NOT_ACTIVE)
        by_manager = _is_manager_of(actor, booking.space)
        policy = policy_for(booking.space_id, booking.resource_kind)
        if booking.start <= now:
            raise BookingError(E.ALREADY_STARTED)
        deadline = booking.start - dt.timedelta(minutes=policy.cancellation_deadline_minutes)
        if now > deadline and not by_manager:
            raise BookingError(E.TOO_LATE_TO_CHANGE,
                               minutes=policy.cancellation_deadline_minutes)
        space = booking.space
        tz_date = change.date or booking.local_date
        schedule = SpaceSchedule.load(space, tz_date, tz_date)
        day = schedule.day(tz_date)
        if change.part or change.start_time or change.end_time:
            part, start_time, end_time = change.part, change.start_time, change.end_time
        elif booking.part != Part.CUSTOM:
            part, start_time, end_time = booking.part, None, None
        else:
            old_start, old_end = booking.start.astimezone(day.tz), booking.end.astimezone(day.tz)
            part, start_time, end_time = None, old_start.time(), old_end.time()
        attendees = change.attendees or booking.attendees
        slot = resolve_slot(day, policy, SlotRequest(date=tz_date, part=part,
                                                     start_time=start_time, end_time=end_time),
                            now=now, relaxed=by_manager)
        check_kind_and_capacity(space=space, resource_kind=booking.resource_kind,
                                attendees=attendees)
        check_member_limits(member_id=booking.member_id, space=space,
                            resource_kind=booking.resource_kind, policy=policy, slot=slot,
                            now=now, exclude_booking_id=booking.pk)
        old_date, old_resource_id = booking.local_date, booking.resource_id
        booking.start, booking.end = slot.span.start, slot.span.end
        booking.local_date, booking.part, booking.attendees = slot.local_date, slot.part, attendees
        booking.no_show_due_at = _no_show_due(policy, slot)
        booking.sequence += 1
        place_on_free_resource(booking, slot=slot, attendees=attendees,
                               preferred_resource_id=old_resource_id, must_use_preferred=False)
        notification_booking_changed(booking=booking, now=now)
        waitlist_offer_freed(space=space, resource_kind=booking.resource_kind, date=old_date,
                             now=now)
    return booking


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
        booking.sequence += 1
        booking.save(update_fields=["status", "expires_at", "sequence", "updated_at"])
        notification_booking_confirmed(booking=booking, now=now)
    return booking
