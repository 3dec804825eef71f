"""Writes on bookings a member or a manager asks for: create (with idempotency key), change,
cancel.

Every service here runs in one transaction and takes its locks in the order documented in
`ostal.bookings.locks` (member → booking row → one resource row at a time). Capacity freed by a
change or a cancellation is offered to the waiting list in the same transaction.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db import DatabaseError, IntegrityError, transaction
from django.utils import timezone

from ostal.bookings import hooks, locks
from ostal.bookings.errors import BookingError
from ostal.bookings.errors import BookingErrorCode as E
from ostal.bookings.models import Booking, Part, WaitlistEntry
from ostal.bookings.policies import Policy, policy_for
from ostal.bookings.rules import (
    SlotRequest,
    check_kind_and_capacity,
    check_member_limits,
    resolve_slot,
)
from ostal.bookings.schedule import SpaceSchedule
from ostal.bookings.services.engine import (
    BookingContext,
    BookingRequest,
    booking_close,
    booking_insert,
    booking_insert_fast,
    no_show_due_at,
    place_on_free_resource,
)
from ostal.bookings.services.waitlist import waitlist_offer_freed
from ostal.spaces.models import Space

if TYPE_CHECKING:
    from ostal.accounts.models import User

@dataclass
class BookingResult:
    booking: Booking
    created: bool
    # The policy the booking was made under, when known (its answer needs no query for it).
    policy: Policy | None = None


def _replay(member: User, key: str, fingerprint: str) -> Booking | None:
    if not key:
        return None
    existing = Booking.objects.filter(member=member, idempotency_key=key).first()
    if existing is not None and existing.request_fingerprint != fingerprint:
        raise BookingError(E.IDEMPOTENCY_KEY_REUSED)
    return existing


def booking_create(*, member: User, request: BookingRequest, booked_by: User | None = None,
                   idempotency_key: str = "", now: dt.datetime | None = None,
                   context: BookingContext | None = None) -> BookingResult:
    """Book one resource for `member`, or raise BookingError with the reason.

    Guarantees: never two active bookings on one resource at overlapping times (resource row
    lock + re-check, exclusion constraint on PostgreSQL); per-member limits hold under
    concurrency (member advisory lock). With an `idempotency_key`, a retried request returns
    the booking the first one made (`created=False`) instead of making a second; the same key
    with a different request is refused (409). A manager booking for someone (`booked_by`)
    skips notice and horizon rules. Locks: member, then one resource at a time.

    With a `context` holding the place's policy, hours and capacity
    (`ostal.bookings.loading.place_day_load`), a member's own booking takes the fast path on
    PostgreSQL (`booking_insert_fast`: the same rules in two statements after the member
    lock), falling back to `booking_insert` in the same transaction when it cannot decide.
    """
    now = now or timezone.now()
    fingerprint = request.fingerprint()
    if (context is not None and context.capacity_known and booked_by is None
            and locks.is_postgres()):
        try:
            return _create_fast(member=member, request=request, now=now, context=context,
                                idempotency_key=idempotency_key, fingerprint=fingerprint)
        except DatabaseError as exc:
            # Only if a write bypassed the resource lock (the exclusion constraint refused the
            # overlap): the transaction is gone; the careful path below starts a new one.
            if not locks.is_conflict(exc):
                twin = isinstance(exc, IntegrityError) and _replay(member, idempotency_key,
                                                                   fingerprint)
                if twin:  # a concurrent twin with the same key (see below)
                    return BookingResult(twin, created=False)
                raise
    if existing := _replay(member, idempotency_key, fingerprint):
        return BookingResult(existing, created=False)
    try:
        with transaction.atomic():
            locks.lock_member(member.pk)
            if existing := _replay(member, idempotency_key, fingerprint):
                return BookingResult(existing, created=False)
            source = Booking.Source.MANAGER if booked_by is not None else Booking.Source.MEMBER
            booking = booking_insert(member=member, request=request, now=now,
                                     booked_by=booked_by, source=source,
                                     idempotency_key=idempotency_key, fingerprint=fingerprint,
                                     context=context)
            return BookingResult(booking, created=True,
                                 policy=context.policy if context is not None else None)
    except IntegrityError:
        # Only reachable if the member lock was bypassed: a concurrent twin with the same key.
        if existing := _replay(member, idempotency_key, fingerprint):
            return BookingResult(existing, created=False)
        raise


def _create_fast(*, member: User, request: BookingRequest, now: dt.datetime,
                 context: BookingContext, idempotency_key: str,
                 fingerprint: str) -> BookingResult:
    with transaction.atomic():
        locks.lock_member(member.pk)
        done = booking_insert_fast(member=member, request=request, now=now, context=context,
                                   idempotency_key=idempotency_key, fingerprint=fingerprint)
        if done.booking is not None:
            return BookingResult(done.booking, created=done.created, policy=context.policy)
        if existing := _replay(member, idempotency_key, fingerprint):
            return BookingResult(existing, created=False)
        booking = booking_insert(member=member, request=request, now=now,
                                 idempotency_key=idempotency_key, fingerprint=fingerprint,
                                 context=context)
        return BookingResult(booking, created=True, policy=context.policy)


def _is_manager_of(user: User, space: Space) -> bool:
    if not user.is_authenticated:
        return False
    return bool(user.is_network_admin or space.operator.managers.filter(pk=user.pk).exists())


def booking_cancel(*, booking: Booking, actor: User, now: dt.datetime | None = None,
                   late: bool = False) -> Booking:
    """Cancel a booking. A member may cancel a held booking, and a confirmed one until the
    policy's deadline; after it, only with `late=True` (the member accepted the late
    cancellation policy: see ostal.billing.pricing.refund_share), and never once it
    has started (ALREADY_STARTED). A manager of the place may cancel any active booking at
    any time.

    Idempotent: cancelling a cancelled booking returns it unchanged. Locks the booking row; the
    freed slot is then offered to the waiting list in the same transaction.
    """
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
        booking_close(booking, Booking.Status.CANCELLED, now=now, cancelled_by=actor)
        # A declined waiting-list offer closes its entry (the desk goes to the next in line).
        WaitlistEntry.objects.filter(offered_booking=booking,
                                     status=WaitlistEntry.Status.OFFERED).update(
            status=WaitlistEntry.Status.CANCELLED, closed_at=now)
        waitlist_offer_freed(space=booking.space, resource_kind=booking.resource_kind,
                             date=booking.local_date, now=now)
    return booking


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
        booking.no_show_due_at = no_show_due_at(policy, slot)
        booking.sequence += 1
        place_on_free_resource(booking, slot=slot, attendees=attendees,
                               preferred_resource_id=old_resource_id, must_use_preferred=False)
        hooks.booking_changed.send(hooks.BookingEvent(booking, now))
        waitlist_offer_freed(space=space, resource_kind=booking.resource_kind, date=old_date,
                             now=now)
    return booking


