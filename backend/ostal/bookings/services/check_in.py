"""Check-in: by scanning the place's QR code, or by a manager scanning the member's booking QR;
no-shows: marked by a manager, or by the sweep after the grace period."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.core import signing
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from ostal.bookings.errors import BookingError
from ostal.bookings.errors import BookingErrorCode as E
from ostal.bookings.models import Booking, SpaceCheckInCode, new_check_in_token
from ostal.bookings.rules import CHECK_IN_OPENS_MINUTES
from ostal.bookings.services.engine import booking_close
from ostal.spaces.models import Space

if TYPE_CHECKING:
    from ostal.accounts.models import User

BOOKING_CODE_SALT = "ostal.bookings.check-in"


def booking_signed_code(booking: Booking) -> str:
    """What a booking's QR code encodes: its reference, signed with SECRET_KEY."""
    return signing.dumps(str(booking.reference), salt=BOOKING_CODE_SALT, compress=False)


def booking_reference_from_code(code: str) -> str:
    try:
        return str(signing.loads(code, salt=BOOKING_CODE_SALT))
    except signing.BadSignature as exc:
        raise BookingError(E.CHECK_IN_INVALID_CODE) from exc


def space_check_in_code_get_or_create(*, space: Space) -> SpaceCheckInCode:
    """The place's check-in token, created on first use (race-safe: unique on space)."""
    code, _ = SpaceCheckInCode.objects.get_or_create(space=space)
    return code


def space_check_in_code_rotate(*, space: Space) -> SpaceCheckInCode:
    """Replace the token (a leaked or photographed code stops working)."""
    code = space_check_in_code_get_or_create(space=space)
    code.token = new_check_in_token()
    code.save(update_fields=["token", "updated_at"])
    return code


def booking_check_in(*, booking: Booking, actor: User,
                     now: dt.datetime | None = None) -> Booking:
    """Mark a confirmed booking as checked in, from 30 minutes before its start to its end.

    Idempotent (a second scan returns the checked-in booking). Locks the booking row, so it
    cannot race the no-show sweep: whichever commits first wins and the other sees the new
    status.
    """
    now = now or timezone.now()
    with transaction.atomic():
        booking = Booking.objects.select_for_update().get(pk=booking.pk)
        if booking.status == Booking.Status.CHECKED_IN:
            return booking
        if booking.status != Booking.Status.CONFIRMED:
            raise BookingError(E.CHECK_IN_NOT_CONFIRMED, status=booking.status)
        if now < booking.start - dt.timedelta(minutes=CHECK_IN_OPENS_MINUTES):
            raise BookingError(E.CHECK_IN_TOO_EARLY, minutes=CHECK_IN_OPENS_MINUTES)
        if now >= booking.end:
            raise BookingError(E.CHECK_IN_TOO_LATE)
        booking.status = Booking.Status.CHECKED_IN
        booking.checked_in_at, booking.checked_in_by = now, actor
        booking.save(update_fields=["status", "checked_in_at", "checked_in_by", "updated_at"])
    return booking


def booking_check_in_with_space_token(*, member: User, token: str,
                                      now: dt.datetime | None = None) -> Booking:
    """The member scanned the place's QR code: check in their booking there that runs now
    or starts within 30 minutes (the earliest one; an already checked-in one is returned)."""
    now = now or timezone.now()
    code = SpaceCheckInCode.objects.filter(token=token).select_related("space").first()
    if code is None:
        raise BookingError(E.CHECK_IN_INVALID_CODE)
    window_start = now + dt.timedelta(minutes=CHECK_IN_OPENS_MINUTES)
    candidates = (Booking.objects.filter(member=member, space=code.space, start__lte=window_start,
                                         end__gt=now)
                  .filter(status__in=(Booking.Status.CONFIRMED, Booking.Status.CHECKED_IN))
                  .order_by("start", "id"))
    confirmed = [b for b in candidates if b.status == Booking.Status.CONFIRMED]
    if confirmed:
        return booking_check_in(booking=confirmed[0], actor=member, now=now)
    checked_in = [b for b in candidates if b.status == Booking.Status.CHECKED_IN]
    if checked_in:
        return checked_in[0]
    raise BookingError(E.CHECK_IN_NOTHING_TO_CHECK_IN)


def booking_check_in_with_signed_code(*, bookings: QuerySet[Booking], code: str, actor: User,
                                      now: dt.datetime | None = None) -> Booking:
    """A manager scanned a member's booking QR. `bookings` is the manager's scope: a valid
    code for a booking elsewhere answers like an unknown one (404, nothing revealed)."""
    reference = booking_reference_from_code(code)
    booking = bookings.filter(reference=reference).first()
    if booking is None:
        raise Booking.DoesNotExist
    return booking_check_in(booking=booking, actor=actor, now=now)


def booking_mark_no_show(*, booking: Booking, actor: User | None,
                         now: dt.datetime | None = None) -> Booking:
    """A confirmed booking whose start has passed without check-in becomes a no-show and
    leaves the active set (its resource is free again). Idempotent. Locks the booking row."""
    now = now or timezone.now()
    with transaction.atomic():
        booking = Booking.objects.select_for_update().get(pk=booking.pk)
        if booking.status == Booking.Status.NO_SHOW:
            return booking
        if booking.status != Booking.Status.CONFIRMED:
            raise BookingError(E.NOT_ACTIVE)
        if now < booking.start:
            raise BookingError(E.NO_SHOW_TOO_EARLY)
        booking_close(booking, Booking.Status.NO_SHOW, now=now)
    return booking
