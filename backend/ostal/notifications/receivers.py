"""The lower apps' hooks this app answers (connected in `NotificationsConfig.ready()`): each
turns an event into the outbox write of `ostal.notifications.services`, in the caller's
transaction."""

from __future__ import annotations

from ostal.billing import hooks as billing_hooks
from ostal.bookings import hooks as booking_hooks
from ostal.memberships import hooks as membership_hooks
from ostal.notifications import services
from ostal.notifications.models import Kind


def booking_confirmed(event: booking_hooks.BookingConfirmed) -> None:
    services.notification_booking_confirmed(booking=event.booking, now=event.now,
                                            confirmation=event.confirmation, new=event.new)


def booking_changed(event: booking_hooks.BookingEvent) -> None:
    services.notification_booking_changed(booking=event.booking, now=event.now)


def booking_closed(event: booking_hooks.BookingEvent) -> None:
    services.notification_booking_closed(booking=event.booking, now=event.now)


def series_booked(event: booking_hooks.SeriesBooked) -> None:
    services.notification_series_confirmed(series=event.series, bookings=event.bookings,
                                           now=event.now)


def waitlist_offered(event: booking_hooks.WaitlistEvent) -> None:
    services.notification_waitlist_offer(entry=event.entry, now=event.now)


def waitlist_offer_lapsed(event: booking_hooks.WaitlistEvent) -> None:
    services.notification_waitlist_offer_lapsed(entry=event.entry, now=event.now)


def credit_lot_granted(event: membership_hooks.LotGranted) -> None:
    services.notification_credits_expiring_schedule(lot=event.lot)


def subscription_period_paid(event: membership_hooks.PeriodPaid) -> None:
    services.notification_renewal_upcoming_schedule(
        subscription=event.subscription, period_end=event.period_end, now=event.now)


def billing_notice(event: billing_hooks.NoticeRecorded) -> None:
    services.notification_billing_notice(
        kind=event.kind, user=event.user, dedupe_key=event.dedupe_key, payment=event.payment,
        subscription=event.subscription, data=event.data)


def reconciliation_summary(event: billing_hooks.ReconciliationSummary) -> int:
    return services.notification_admin_summary(kind=Kind.RECONCILIATION_SUMMARY,
                                               key=event.day_key, payload=event.payload)


def connect() -> None:
    booking_hooks.booking_confirmed.connect(booking_confirmed)
    booking_hooks.booking_changed.connect(booking_changed)
    booking_hooks.booking_closed.connect(booking_closed)
    booking_hooks.series_booked.connect(series_booked)
    booking_hooks.waitlist_offered.connect(waitlist_offered)
    booking_hooks.waitlist_offer_lapsed.connect(waitlist_offer_lapsed)
    membership_hooks.credit_lot_granted.connect(credit_lot_granted)
    membership_hooks.subscription_period_paid.connect(subscription_period_paid)
    billing_hooks.notice_recorded.connect(billing_notice)
    billing_hooks.reconciliation_summary.connect(reconciliation_summary)
