"""Due work of the booking engine, run every minute by worker/bookings.py.

Each sweep claims due rows with SELECT ... FOR UPDATE SKIP LOCKED (a plain, harmless SELECT on
SQLite), re-checks their status under the lock and moves them out of the active set; running
twice, or on two workers at once, never processes a row twice. The due instant is stored on
the row (`expires_at`, `no_show_due_at`) and served by a partial index.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from ostal.bookings import hooks
from ostal.bookings.models import Booking, WaitlistEntry
from ostal.bookings.services.engine import booking_close
from ostal.bookings.services.waitlist import waitlist_offer_freed


def booking_release_expired_holds(*, now: dt.datetime | None = None, batch: int = 500) -> int:
    """HELD bookings past `expires_at` (unpaid, or a waiting-list offer not accepted) become
    EXPIRED; their desks are offered to the waiting list. An open offer whose hold is released
    here is closed as expired (and its person told). Returns the number released."""
    now = now or timezone.now()
    with transaction.atomic():
        due = list(Booking.objects.select_for_update(skip_locked=True, of=("self",))
                   .filter(status=Booking.Status.HELD, expires_at__lte=now)
                   .select_related("space").order_by("expires_at", "id")[:batch])
        for booking in due:
            booking_close(booking, Booking.Status.EXPIRED, now=now)
        lapsed = list(WaitlistEntry.objects.filter(offered_booking__in=[b.pk for b in due],
                                                   status=WaitlistEntry.Status.OFFERED))
        WaitlistEntry.objects.filter(pk__in=[entry.pk for entry in lapsed]).update(
            status=WaitlistEntry.Status.EXPIRED, closed_at=now)
        for entry in lapsed:
            hooks.waitlist_offer_lapsed.send(hooks.WaitlistEvent(entry, now))
        for space_kind_date in sorted({(b.space_id, b.resource_kind, b.local_date) for b in due}):
            space = next(b.space for b in due if b.space_id == space_kind_date[0])
            waitlist_offer_freed(space=space, resource_kind=space_kind_date[1],
                                 date=space_kind_date[2], now=now)
    return len(due)


def booking_release_no_shows(*, now: dt.datetime | None = None, batch: int = 500) -> int:
    """CONFIRMED bookings not checked in by `no_show_due_at` (start + the policy's grace,
    fixed when booked) become NO_SHOW and free their resource for the rest of the slot.
    Check-in locks the same row, so a late scan and the sweep cannot both win. Returns the
    number marked."""
    now = now or timezone.now()
    with transaction.atomic():
        due = list(Booking.objects.select_for_update(skip_locked=True)
                   .filter(status=Booking.Status.CONFIRMED, no_show_due_at__lte=now)
                   .order_by("no_show_due_at", "id")[:batch])
        for booking in due:
            booking_close(booking, Booking.Status.NO_SHOW, now=now)
    return len(due)
