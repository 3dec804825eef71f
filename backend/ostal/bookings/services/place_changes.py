"""Changes to a place that touch existing bookings: a closure over booked days, shorter weekly
hours, a truck's stop moved or cancelled, a resource deactivated. Nothing is left silently invalid.

The manager first sends the change without `confirmed_count`: when bookings are affected it is
refused (`ImpactNotConfirmed`, 409) with the list, which the SPA shows ("3 réservations
concernées"). Sent again with the count the manager saw, the change is written and every
affected booking is cancelled *by the place* through `booking_cancel` — the one cancellation
path: the checkout gives everything back (a place's cancellation is refunded in full: card,
credits, employer pool) and the member is mailed (FR/EN, through the outbox) with a link to
book again. If bookings were made or cancelled since the manager looked, the count no longer
matches and the change is refused again with the fresh list: a manager never cancels bookings
they were not shown.

The affected bookings are locked (SELECT … FOR UPDATE, primary-key order: after the booking
row, the engine's lock order) and counted in the transaction that writes the change and cancels
them. Known gap: a booking whose opening-hours check ran just before the change committed can
still be inserted just after it (the engine checks closures before taking its resource lock);
such a booking shows in the place's day view like any other.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, TypeVar

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from ostal.bookings.models import Booking
from ostal.bookings.schedule import SpaceSchedule
from ostal.bookings.services.bookings import booking_cancel
from ostal.core.errors import DomainError
from ostal.spaces.models import Closure, ItineraryStop, Resource, Space, SpecialOpening
from ostal.spaces.services import Weekly

if TYPE_CHECKING:
    from ostal.accounts.models import User

T = TypeVar("T")


class ImpactNotConfirmed(DomainError):
    """409: the change would cancel bookings the manager has not confirmed (or a different
    number of them than they saw); `bookings` are the ones it would cancel now."""

    def __init__(self, bookings: list[Booking]) -> None:
        count = len(bookings)
        super().__init__(
            "bookings_affected",
            f"{count} réservation(s) concernée(s) : confirmez pour les annuler, rembourser et "
            f"prévenir chaque personne. / {count} booking(s) affected: confirm to cancel them, "
            f"refund and tell each person.",
            fields={"confirmed_count": [f"{count}"]}, http_status=409)
        self.bookings = bookings


def _upcoming(queryset: QuerySet[Booking], now: dt.datetime) -> QuerySet[Booking]:
    return (queryset.filter(status__in=Booking.ACTIVE_STATUSES, end__gt=now)
            .select_related("member", "resource").order_by("start", "pk"))


def bookings_affected_by_closure(*, space: Space, start_date: dt.date, end_date: dt.date,
                                 now: dt.datetime | None = None) -> QuerySet[Booking]:
    """Active bookings, not yet over, on the place's local days from start to end included."""
    return _upcoming(Booking.objects.filter(space=space, local_date__gte=start_date,
                                            local_date__lte=end_date), now or timezone.now())


def bookings_affected_by_stop(*, stop: ItineraryStop,
                              now: dt.datetime | None = None) -> QuerySet[Booking]:
    """Active bookings on the truck the day of `stop`: moving the stop to another day or
    another commune, or cancelling it, leaves them without a place to be."""
    return _upcoming(Booking.objects.filter(space_id=stop.space_id, local_date=stop.date),
                     now or timezone.now())


def bookings_affected_by_deactivation(*, resource: Resource,
                                      now: dt.datetime | None = None) -> QuerySet[Booking]:
    """Active bookings, not yet over, of a resource about to be deactivated."""
    return _upcoming(Booking.objects.filter(resource=resource), now or timezone.now())


def bookings_affected_by_weekly_hours(*, space: Space, week: Iterable[Weekly],
                                      now: dt.datetime | None = None) -> QuerySet[Booking]:
    """Active bookings, not yet over, that the weekly hours `week` would leave outside the
    place's opening on their day (shorter hours, a day no longer open). Days a closure or
    exceptional hours govern keep their own rule; an itinerant place's days are its stops."""
    upcoming = list(_upcoming(Booking.objects.filter(space=space), now or timezone.now()))
    if space.is_itinerant or not upcoming:
        return Booking.objects.none()
    first, last = min(b.local_date for b in upcoming), max(b.local_date for b in upcoming)
    schedule = SpaceSchedule(
        space, weekly=week,
        specials=SpecialOpening.objects.filter(space=space, date__range=(first, last))
        .values_list("date", "opens", "closes"),
        closures=Closure.objects.filter(space=space, start_date__lte=last, end_date__gte=first)
        .values_list("start_date", "end_date"),
        stops=[])
    outside = [b.pk for b in upcoming
               if not schedule.day(b.local_date).contains(b.start, b.end)]
    return _upcoming(Booking.objects.filter(pk__in=outside), now or timezone.now())


def place_change_apply(*, actor: User, affected: QuerySet[Booking], confirmed_count: int | None,
                       write: Callable[[], T],
                       now: dt.datetime | None = None) -> tuple[T, list[Booking]]:
    """Lock the affected bookings, check that the manager confirmed exactly that many (none
    needed when there are none), run `write` (a spaces service), then cancel each affected
    booking as the place. One transaction: a refusal anywhere writes nothing.

    Returns what `write` returned and the cancelled bookings.
    """
    now = now or timezone.now()
    with transaction.atomic():
        locked = list(Booking.objects.select_for_update().filter(
            pk__in=affected.values("pk")).order_by("pk"))
        if locked and confirmed_count != len(locked):
            raise ImpactNotConfirmed(list(affected))
        result = write()
        cancelled = [booking_cancel(booking=booking, actor=actor, now=now) for booking in locked]
    return result, cancelled
