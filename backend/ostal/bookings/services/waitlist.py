"""Waiting lists: join when a day (or half-day) is full; an offer is a HELD booking.

When capacity frees up (cancellation, change, expired hold or offer, removed block), the first
waiting entries get an offer: the booking engine reserves a free resource for them as a HELD
booking that expires at `offer_expires_at`. The offer is therefore race-safe by construction
(the held booking is in the active set, so nobody else can take that desk), and accepting it
just confirms the hold. An expired offer is released by the sweep, which offers to the next.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import TYPE_CHECKING

from django.db import DatabaseError, IntegrityError, transaction
from django.utils import timezone

from ostal.bookings import hooks, locks
from ostal.bookings.errors import BookingError
from ostal.bookings.errors import BookingErrorCode as E
from ostal.bookings.models import Booking, DayPart, WaitlistEntry
from ostal.bookings.policies import policy_for
from ostal.bookings.rules import SlotRequest, check_kind_and_capacity, free_resources, resolve_slot
from ostal.bookings.schedule import SpaceSchedule
from ostal.bookings.services.engine import (
    BookingContext,
    BookingRequest,
    booking_close,
    booking_confirm_hold,
    booking_insert,
)
from ostal.spaces.models import Space

if TYPE_CHECKING:
    from ostal.accounts.models import User

logger = logging.getLogger(__name__)

MAX_OFFERS_PER_CALL = 50


def waitlist_join(*, member: User, space: Space, resource_kind: str, date: dt.date,
                  part: str = DayPart.DAY, now: dt.datetime | None = None) -> WaitlistEntry:
    """Put `member` in line for a full (space, kind, date, part).

    Refused when the place is closed, the slot is past or out of the horizon, the kind is not
    sold by the day, resources are still free (book instead), or the member already waits
    (a partial unique constraint backs that check). Position = join time.
    """
    now = now or timezone.now()
    policy = policy_for(space.pk, resource_kind)
    if not policy.is_sold_by_day:
        raise BookingError(E.WAITLIST_NOT_SOLD_BY_DAY)
    check_kind_and_capacity(space=space, resource_kind=resource_kind, attendees=1)
    day = SpaceSchedule.load(space, date, date).day(date)
    slot = resolve_slot(day, policy, SlotRequest(date=date, part=part), now=now)
    if slot.is_walk_up:
        raise BookingError(E.ALREADY_STARTED)
    if free_resources(space=space, resource_kind=resource_kind, span=slot.span, attendees=1):
        raise BookingError(E.WAITLIST_NOT_FULL)
    if Booking.objects.active().filter(member=member, resource_kind=resource_kind).overlapping(
            slot.span.start, slot.span.end).exists():
        raise BookingError(E.MEMBER_ALREADY_BOOKED)
    try:
        with transaction.atomic():
            return WaitlistEntry.objects.create(space=space, resource_kind=resource_kind,
                                                date=date, part=part, member=member)
    except IntegrityError as exc:
        raise BookingError(E.WAITLIST_ALREADY_JOINED) from exc


def waitlist_leave(*, entry: WaitlistEntry, now: dt.datetime | None = None) -> WaitlistEntry:
    """Leave the line. An open offer is released (its held desk goes to the next in line).
    Idempotent on a closed entry. Locks the entry row, then its held booking."""
    now = now or timezone.now()
    with transaction.atomic():
        entry = WaitlistEntry.objects.select_for_update().get(pk=entry.pk)
        if entry.status not in WaitlistEntry.OPEN_STATUSES:
            return entry
        was_offered = entry.status == WaitlistEntry.Status.OFFERED
        if was_offered and entry.offered_booking_id:
            booking = Booking.objects.select_for_update().get(pk=entry.offered_booking_id)
            if booking.status == Booking.Status.HELD:
                booking_close(booking, Booking.Status.CANCELLED, now=now,
                              cancelled_by=entry.member)
        entry.status, entry.closed_at = WaitlistEntry.Status.CANCELLED, now
        entry.save(update_fields=["status", "closed_at", "updated_at"])
        if was_offered:
            waitlist_offer_freed(space=entry.space, resource_kind=entry.resource_kind,
                                 date=entry.date, now=now)
    return entry


def waitlist_accept(*, entry: WaitlistEntry, now: dt.datetime | None = None) -> WaitlistEntry:
    """Accept an open offer: the held booking is confirmed (or, if the place requires
    payment, keeps its hold for the payment window). Refused once the offer has expired, even
    if the sweep has not run yet. Locks the entry row, then the booking row."""
    now = now or timezone.now()
    with transaction.atomic():
        entry = (WaitlistEntry.objects.select_for_update(of=("self",))
                 .select_related("offered_booking")
                 .get(pk=entry.pk))
        if entry.status == WaitlistEntry.Status.ACCEPTED:
            return entry
        if entry.status != WaitlistEntry.Status.OFFERED or entry.offered_booking is None:
            raise BookingError(E.OFFER_NOT_OPEN)
        if entry.offer_expires_at is not None and entry.offer_expires_at <= now:
            raise BookingError(E.OFFER_EXPIRED)
        booking = entry.offered_booking
        policy = policy_for(entry.space_id, entry.resource_kind)
        if policy.requires_payment:
            Booking.objects.filter(pk=booking.pk, status=Booking.Status.HELD).update(
                expires_at=now + dt.timedelta(minutes=policy.hold_minutes))
        else:
            booking_confirm_hold(booking=booking, now=now)
        entry.status, entry.closed_at = WaitlistEntry.Status.ACCEPTED, now
        entry.save(update_fields=["status", "closed_at", "updated_at"])
    entry.refresh_from_db()
    return entry


def waitlist_offer_freed(*, space: Space, resource_kind: str, date: dt.date,
                         now: dt.datetime) -> list[WaitlistEntry]:
    """Offer freed capacity of (space, kind, date) to the first waiting entries, in order.

    Runs inside the caller's transaction; each offer is attempted in a savepoint, so a refusal
    (desk gone again, the member now over a limit) or a lock conflict only skips that entry,
    never fails the caller: the sweep retries every minute. Entries are claimed with
    SELECT ... FOR UPDATE SKIP LOCKED (PostgreSQL), so concurrent callers offer to
    different people. Locks: entry rows, then the waiting member, then one resource.
    """
    waiting = WaitlistEntry.objects.filter(space=space, resource_kind=resource_kind, date=date,
                                           status=WaitlistEntry.Status.WAITING)
    if not waiting.exists():
        return []
    policy = policy_for(space.pk, resource_kind)
    context = BookingContext(schedule=SpaceSchedule.load(space, date, date), policy=policy)
    day = context.schedule.day(date)  # type: ignore[union-attr]
    offered: list[WaitlistEntry] = []
    entries = (waiting.select_for_update(skip_locked=True, of=("self",)).select_related("member")
               .order_by("created_at", "id")[:MAX_OFFERS_PER_CALL])
    for entry in entries:
        span = day.part_span(entry.part)
        if span is None or span.start <= now:
            continue
        expires_at = min(now + dt.timedelta(minutes=policy.waitlist_offer_minutes), span.start)
        try:
            with transaction.atomic():
                locks.lock_member(entry.member_id)
                booking = booking_insert(
                    member=entry.member, now=now, source=Booking.Source.WAITLIST,
                    status=Booking.Status.HELD, expires_at=expires_at, context=context,
                    request=BookingRequest(space=space, resource_kind=resource_kind, date=date,
                                           part=entry.part))
                entry.status = WaitlistEntry.Status.OFFERED
                entry.offered_at, entry.offer_expires_at = now, expires_at
                entry.offered_booking = booking
                entry.save(update_fields=["status", "offered_at", "offer_expires_at",
                                          "offered_booking", "updated_at"])
                hooks.waitlist_offered.send(hooks.WaitlistEvent(entry, now))
                offered.append(entry)
        except BookingError as exc:
            logger.info("waitlist entry %s not offered: %s", entry.pk, exc.code)
        except DatabaseError as exc:
            if not locks.is_conflict(exc):
                raise
            logger.info("waitlist entry %s not offered: lock conflict", entry.pk)
    return offered


def waitlist_expire_offers(*, now: dt.datetime | None = None, batch: int = 200) -> int:
    """Sweep (every minute): expire lapsed offers and pass the desk on; close entries whose
    slot has started; offer any free capacity to waiting entries (a safety net if an inline
    offer was skipped). Claims rows with SELECT ... FOR UPDATE SKIP LOCKED, so several workers
    may run it at once; a row another worker holds is left for the next run. Returns the
    number of offers expired."""
    now = now or timezone.now()
    expired = 0
    groups: set[tuple[int, str, dt.date]] = set()
    with transaction.atomic():
        due = (WaitlistEntry.objects.select_for_update(skip_locked=True)
               .filter(status=WaitlistEntry.Status.OFFERED, offer_expires_at__lte=now)
               .order_by("offer_expires_at")[:batch])
        for entry in due:
            if entry.offered_booking_id:
                booking = (Booking.objects.select_for_update(skip_locked=True)
                           .filter(pk=entry.offered_booking_id).first())
                if booking is None:
                    continue  # the hold sweep holds it right now: next run
                if booking.status == Booking.Status.HELD:
                    booking_close(booking, Booking.Status.EXPIRED, now=now)
            entry.status, entry.closed_at = WaitlistEntry.Status.EXPIRED, now
            entry.save(update_fields=["status", "closed_at", "updated_at"])
            hooks.waitlist_offer_lapsed.send(hooks.WaitlistEvent(entry, now))
            groups.add((entry.space_id, entry.resource_kind, entry.date))
            expired += 1
        today = now.date()
        WaitlistEntry.objects.filter(status=WaitlistEntry.Status.WAITING,
                                     date__lt=today - dt.timedelta(days=1)).update(
            status=WaitlistEntry.Status.EXPIRED, closed_at=now)
    waiting = (WaitlistEntry.objects.filter(status=WaitlistEntry.Status.WAITING,
                                            date__gte=today)
               .values_list("space_id", "resource_kind", "date").distinct())
    groups.update(waiting)
    spaces = Space.objects.in_bulk({space_id for space_id, _, _ in groups})
    for space_id, resource_kind, date in sorted(groups):
        with transaction.atomic():
            waitlist_offer_freed(space=spaces[space_id], resource_kind=resource_kind, date=date,
                                 now=now)
    return expired
