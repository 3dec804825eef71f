"""Blocked times of a resource (maintenance, private events; later, imported calendars)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone

from ostal.bookings import locks
from ostal.bookings.errors import BookingError
from ostal.bookings.errors import BookingErrorCode as E
from ostal.bookings.models import Booking, ResourceBlock
from ostal.bookings.schedule import local_date_of
from ostal.bookings.services.waitlist import waitlist_offer_freed
from ostal.spaces.models import Resource

if TYPE_CHECKING:
    from ostal.accounts.models import User


def _ensure_no_active_booking(resource: Resource, start: dt.datetime, end: dt.datetime) -> None:
    overlapping = list(Booking.objects.active().filter(resource=resource)
                       .overlapping(start, end).values_list("pk", flat=True)[:50])
    if overlapping:
        raise BookingError(E.BLOCK_OVERLAPS_BOOKINGS,
                           fields={"bookings": [str(pk) for pk in overlapping]})


def resource_block_create(*, resource: Resource, start: dt.datetime, end: dt.datetime,
                          reason: str = "", actor: User | None = None,
                          source: str = ResourceBlock.Source.MANUAL,
                          external_uid: str = "") -> ResourceBlock:
    """Block a resource over [start, end). Refused (409, with the booking ids in
    `fields.bookings`) while active bookings overlap: cancel them first, explicitly. Locks the
    resource row, like the booking engine, so a booking cannot slip in between the check and
    the insert."""
    with transaction.atomic():
        locks.lock_resource(resource.pk)
        _ensure_no_active_booking(resource, start, end)
        return ResourceBlock.objects.create(space_id=resource.space_id, resource=resource,
                                            start=start, end=end, reason=reason,
                                            source=source, external_uid=external_uid,
                                            created_by=actor)


def resource_block_update(*, block: ResourceBlock, start: dt.datetime, end: dt.datetime,
                          reason: str, now: dt.datetime | None = None) -> ResourceBlock:
    """Move or resize a block, with the same check as creation; the time it frees is offered
    to the waiting list. Locks the resource row."""
    now = now or timezone.now()
    with transaction.atomic():
        locks.lock_resource(block.resource_id)
        _ensure_no_active_booking(block.resource, start, end)
        old_start, old_end = block.start, block.end
        block.start, block.end, block.reason = start, end, reason
        block.save(update_fields=["start", "end", "reason", "updated_at"])
        _offer_freed_days(block, old_start, old_end, now)
    return block


def resource_block_delete(*, block: ResourceBlock, now: dt.datetime | None = None) -> None:
    """Remove a block; the days it covered are offered to their waiting lists."""
    now = now or timezone.now()
    with transaction.atomic():
        block.delete()
        _offer_freed_days(block, block.start, block.end, now)


def _offer_freed_days(block: ResourceBlock, start: dt.datetime, end: dt.datetime,
                      now: dt.datetime) -> None:
    space = block.space
    tz = ZoneInfo(space.timezone)
    day = max(local_date_of(start, tz), local_date_of(now, tz))
    last = min(local_date_of(end, tz), day + dt.timedelta(days=31))
    while day <= last:
        waitlist_offer_freed(space=space, resource_kind=block.resource.kind, date=day, now=now)
        day += dt.timedelta(days=1)
