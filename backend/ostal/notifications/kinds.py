"""The catalogue of notifications: which are transactional, which a person may turn off.

Transactional mail (a booking or a booking series confirmed, a booking changed or cancelled, a
no-show, a waiting-list offer and its lapse, a failed payment, a suspended subscription, a
refund) concerns something the person did or owns; it cannot be unsubscribed from and its
footer says why. A lapsed offer is transactional: it tells the person that their own request
ended (they are off the waiting list), which they would otherwise not know. Every other kind
belongs to an unsubscribe `category`, named after the `NotificationPreference` field that
switches it off, and carries a List-Unsubscribe header (RFC 2369 / RFC 8058) and a link.
"""

from __future__ import annotations

from dataclasses import dataclass

from ostal.notifications.models import Kind


@dataclass(frozen=True)
class KindSpec:
    category: str | None  # None: transactional (not unsubscribable)
    ics_method: str | None = None  # an .ics invitation (REQUEST / CANCEL) is attached
    needs_booking: bool = False
    needs_series: bool = False  # about the bookings of a series (payload["bookings"])


KINDS: dict[str, KindSpec] = {
    Kind.BOOKING_CONFIRMED: KindSpec(None, ics_method="REQUEST", needs_booking=True),
    Kind.SERIES_CONFIRMED: KindSpec(None, ics_method="REQUEST", needs_series=True),
    Kind.BOOKING_CHANGED: KindSpec(None, ics_method="REQUEST", needs_booking=True),
    Kind.BOOKING_CANCELLED: KindSpec(None, ics_method="CANCEL", needs_booking=True),
    Kind.BOOKING_REMINDER: KindSpec("booking_reminders", needs_booking=True),
    Kind.NO_SHOW: KindSpec(None, needs_booking=True),
    Kind.WAITLIST_OFFER: KindSpec(None, needs_booking=True),
    Kind.WAITLIST_OFFER_LAPSED: KindSpec(None, needs_booking=True),
    Kind.CREDITS_EXPIRING: KindSpec("credits_expiring"),
    Kind.RENEWAL_UPCOMING: KindSpec("renewal_upcoming"),
    Kind.PAYMENT_FAILED: KindSpec(None),
    Kind.SUBSCRIPTION_SUSPENDED: KindSpec(None),
    Kind.REFUND_ISSUED: KindSpec(None),
    Kind.RECONCILIATION_SUMMARY: KindSpec("admin_summaries"),
}

# Unsubscribe categories a link may name ("all" = every non-transactional kind).
CATEGORIES: tuple[str, ...] = ("booking_reminders", "credits_expiring", "renewal_upcoming",
                               "admin_summaries", "all")


def spec_for(kind: str) -> KindSpec:
    return KINDS[kind]
