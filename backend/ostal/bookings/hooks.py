"""What the booking engine announces to the apps above it (see `ostal.core.hooks`).

Bookings import nothing from billing, employers, the checkout or notifications: they call these
hooks, and those apps connect in their `AppConfig.ready()`. Every hook runs in the caller's
transaction, after the change, with the booking row locked by the caller and in its final state.

Connected today: `booking_closed` → the checkout settles the booking's money (credits, card,
employer pool), then notifications (cancellation or no-show mail); every other hook →
notifications (confirmations, changes, reminders, waiting-list offers).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ostal.bookings.models import Booking, BookingSeries, WaitlistEntry
from ostal.core.hooks import Hook


@dataclass(frozen=True)
class BookingEvent:
    booking: Booking
    now: dt.datetime


@dataclass(frozen=True)
class BookingConfirmed(BookingEvent):
    """`confirmation=False`: an occurrence of a series, confirmed with the others in one mail.
    `new=True`: the row was inserted by this transaction, so nothing about it is queued yet
    (receivers may skip looking for earlier rows to update)."""

    confirmation: bool = True
    new: bool = False


@dataclass(frozen=True)
class SeriesBooked:
    series: BookingSeries
    bookings: list[Booking]
    now: dt.datetime


@dataclass(frozen=True)
class WaitlistEvent:
    entry: WaitlistEntry
    now: dt.datetime


booking_confirmed: Hook[BookingConfirmed] = Hook("bookings.booking_confirmed")
"""A booking became CONFIRMED (booked, hold confirmed), or was booked HELD (receivers check)."""

booking_changed: Hook[BookingEvent] = Hook("bookings.booking_changed")
"""A booking moved to another date, part or times (same row, `sequence` + 1)."""

booking_closed: Hook[BookingEvent] = Hook("bookings.booking_closed")
"""A booking left the active set: cancelled, no-show or expired (see `Booking.confirmed_at`
for whether it was ever confirmed)."""

series_booked: Hook[SeriesBooked] = Hook("bookings.series_booked")
waitlist_offered: Hook[WaitlistEvent] = Hook("bookings.waitlist_offered")
waitlist_offer_lapsed: Hook[WaitlistEvent] = Hook("bookings.waitlist_offer_lapsed")
