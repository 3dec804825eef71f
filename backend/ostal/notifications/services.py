"""Writes of the notification outbox: what other apps call, in their own transaction.

Every function here only writes rows (and, for mail due now, registers one after-commit nudge
of the dispatcher): it never sends anything, never calls back into the app that called it, and
is idempotent on the row's UNIQUE `dedupe_key`, so a replayed webhook, a retried task or a
repeated service call never queues the same message twice. Whether a queued message still
applies (the booking still confirmed, the credits still unspent, the person still wanting it) is
checked again by the dispatcher just before sending; the updates below only keep the outbox
tidy.

Calls from other apps (one line each, inside their transaction):
- bookings: `notification_booking_confirmed`, `notification_series_confirmed`,
  `notification_booking_changed`, `notification_booking_closed` (cancelled, no-show, expired),
  `notification_waitlist_offer`, `notification_waitlist_offer_lapsed`;
- memberships: `notification_credits_expiring_schedule`, `notification_renewal_upcoming_schedule`;
- billing: `notification_billing_notice` (payment failed, renewal failed, subscription
  suspended, refund issued).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.utils import timezone

from ostal.accounts.models import User
from ostal.bookings.models import Booking, BookingSeries, WaitlistEntry
from ostal.memberships.models import CreditLot, Subscription
from ostal.notifications.kinds import CATEGORIES, KINDS
from ostal.notifications.models import Kind, Notification, NotificationPreference
from ostal.notifications.nudge import nudge_dispatcher_on_commit

Status = Notification.Status
UNSUBSCRIBE_SALT = "ostal.notifications.unsubscribe"
DAY_PARTS = ("day", "morning", "afternoon")  # ostal.bookings.models.Part, day bookings
EVENING_REMINDER_TIME = dt.time(18, 0)


# --- The outbox --------------------------------------------------------------------------------

def notification_enqueue(*, kind: str, user_id: int, dedupe_key: str,
                         send_after: dt.datetime | None = None, booking: Booking | None = None,
                         payload: dict[str, Any] | None = None,
                         now: dt.datetime | None = None) -> Notification:
    """Queue one message in the caller's transaction; returns the row.

    Idempotent: UNIQUE `dedupe_key`; a second call with the same key returns the existing row
    unchanged (get_or_create in a savepoint, so a racing twin hits the constraint and reads
    the winner's row). A message due now (or in the past) nudges the dispatcher after commit.
    """
    now = now or timezone.now()
    send_after = send_after or now
    row, created = Notification.objects.get_or_create(dedupe_key=dedupe_key, defaults={
        "kind": kind, "user_id": user_id, "booking": booking, "payload": payload or {},
        "send_after": send_after})
    if created and send_after <= now:
        nudge_dispatcher_on_commit()
    return row


def _cancel_pending(queryset: Any, reason: str) -> int:
    return int(queryset.filter(status=Status.PENDING).update(status=Status.CANCELLED,
                                                            last_error=reason[:500]))


# --- Preferences ---------------------------------------------------------------------------------

def preference_for(user_id: int) -> NotificationPreference:
    """The person's choices (an unsaved row with the defaults if they never chose)."""
    found = NotificationPreference.objects.filter(user_id=user_id).first()
    return found if found is not None else NotificationPreference(user_id=user_id)


def preferences_for(user_ids: set[int]) -> dict[int, NotificationPreference]:
    found = {p.user_id: p for p in NotificationPreference.objects.filter(user_id__in=user_ids)}
    return {uid: found.get(uid) or NotificationPreference(user_id=uid) for uid in user_ids}


@dataclass(frozen=True)
class PreferenceChange:
    booking_reminders: bool | None = None
    day_reminder: str | None = None
    day_reminder_hours: int | None = None
    room_reminder_minutes: int | None = None
    credits_expiring: bool | None = None
    renewal_upcoming: bool | None = None
    admin_summaries: bool | None = None


def notification_preferences_update(*, user: User, change: PreferenceChange,
                                    now: dt.datetime | None = None) -> NotificationPreference:
    """Save the person's choices and apply them to what is already queued: pending reminders
    are moved to the new lead time (or cancelled, or created for upcoming bookings when
    reminders are turned back on); pending mail of a category turned off is cancelled.
    Locks the preference row (one writer at a time)."""
    now = now or timezone.now()
    with transaction.atomic():
        NotificationPreference.objects.get_or_create(user=user)
        pref = NotificationPreference.objects.select_for_update().get(user=user)
        for name, value in vars(change).items():
            if value is not None:
                setattr(pref, name, value)
        pref.full_clean(exclude=["user"])
        pref.save()
        for category, field in NotificationPreference.CATEGORY_FIELDS.items():
            if not getattr(pref, field):
                _cancel_category(user.pk, category)
        _reschedule_reminders(user_id=user.pk, pref=pref, now=now)
    return pref


def _cancel_category(user_id: int, category: str) -> int:
    kinds = [kind for kind, spec in KINDS.items() if category in (spec.category, "all")
             and spec.category is not None]
    return _cancel_pending(Notification.objects.filter(user_id=user_id, kind__in=kinds),
                           f"preference: {category} off")


def _reschedule_reminders(*, user_id: int, pref: NotificationPreference,
                          now: dt.datetime) -> None:
    upcoming = (Booking.objects.filter(member_id=user_id, status=Booking.Status.CONFIRMED,
                                       start__gt=now).select_related("space"))
    for booking in upcoming:
        _schedule_reminder(booking, pref=pref, now=now)


# --- Unsubscribe ---------------------------------------------------------------------------------

def unsubscribe_token(*, user_id: int, category: str) -> str:
    """A signed, non-expiring token naming a person and a category (links in old mail must
    keep working). Tampering is refused by the signature (SECRET_KEY, salted)."""
    if category not in CATEGORIES:
        raise ValueError(f"unknown unsubscribe category {category!r}")
    return signing.dumps({"u": user_id, "c": category}, salt=UNSUBSCRIBE_SALT, compress=True)


def unsubscribe_token_load(token: str) -> tuple[int, str]:
    """(user id, category) from a token; signing.BadSignature if forged or damaged."""
    data = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    if not isinstance(data, dict) or data.get("c") not in CATEGORIES:
        raise signing.BadSignature("malformed unsubscribe token")
    return int(data["u"]), str(data["c"])


def notification_unsubscribe(*, user: User, category: str) -> NotificationPreference:
    """Turn one category off ("all": every non-transactional one). Idempotent."""
    fields = (list(NotificationPreference.CATEGORY_FIELDS.values()) if category == "all"
              else [NotificationPreference.CATEGORY_FIELDS[category]])
    off: dict[str, Any] = dict.fromkeys(fields, False)
    change = dataclasses.replace(PreferenceChange(), **off)
    return notification_preferences_update(user=user, change=change)


# --- Bookings ------------------------------------------------------------------------------------

def reminder_due_at(booking: Booking, pref: NotificationPreference) -> dt.datetime:
    """When to remind of `booking`, per the person's choices, in UTC.

    Day bookings (a day, a morning, an afternoon): 18:00 on the local day before, in the
    place's time zone (built with zoneinfo from the local date, so a DST change between the
    two days cannot shift it), or `day_reminder_hours` before the start. Custom times (rooms):
    `room_reminder_minutes` before the start."""
    if booking.part in DAY_PARTS:
        if pref.day_reminder == NotificationPreference.DayReminder.EVENING_BEFORE:
            tz = ZoneInfo(booking.space.timezone)
            local = dt.datetime.combine(booking.local_date - dt.timedelta(days=1),
                                        EVENING_REMINDER_TIME, tzinfo=tz)
            return local.astimezone(dt.UTC)
        return booking.start - dt.timedelta(hours=pref.day_reminder_hours)
    return booking.start - dt.timedelta(minutes=pref.room_reminder_minutes)


def _reminder_key(booking: Booking) -> str:
    return f"booking_reminder:{booking.reference}:{booking.sequence}"


def _schedule_reminder(booking: Booking, *, pref: NotificationPreference | None = None,
                       now: dt.datetime) -> None:
    """Make the booking's one pending reminder match its current time and the person's
    choices: other pending reminders of the booking (an older sequence) are cancelled; none is
    queued when reminders are off or the reminder time has already passed."""
    pref = pref or preference_for(booking.member_id)
    key = _reminder_key(booking)
    reminders = Notification.objects.filter(booking=booking, kind=Kind.BOOKING_REMINDER)
    _cancel_pending(reminders.exclude(dedupe_key=key), "booking changed")
    due = reminder_due_at(booking, pref)
    if not pref.booking_reminders or due <= now:
        _cancel_pending(reminders.filter(dedupe_key=key), "no reminder wanted or too late")
        return
    updated = reminders.filter(dedupe_key=key, status__in=[Status.PENDING, Status.CANCELLED]
                               ).update(status=Status.PENDING, send_after=due, last_error="")
    if not updated:
        notification_enqueue(kind=Kind.BOOKING_REMINDER, user_id=booking.member_id,
                             booking=booking, dedupe_key=key, send_after=due,
                             payload={"sequence": booking.sequence}, now=now)


def notification_booking_confirmed(*, booking: Booking, now: dt.datetime | None = None,
                                   confirmation: bool = True, new: bool = False) -> None:
    """A booking became CONFIRMED (booked, hold paid, offer accepted): the confirmation (with
    the .ics, METHOD:REQUEST) now, and its reminder. Ignored for any other status (a HELD
    booking is confirmed later, or released). `confirmation=False`: only the reminder (an
    occurrence of a series, confirmed by `notification_series_confirmed` in one mail).

    `new=True` (the booking was inserted by this transaction): nothing is queued about it yet,
    so there is nothing to look up, cancel or move: the person's preferences are read and
    both rows written in one INSERT (the same rows as the general path below)."""
    if booking.status != Booking.Status.CONFIRMED:
        return
    now = now or timezone.now()
    if new:
        _queue_new_booking(booking, confirmation=confirmation, now=now)
        return
    if confirmation:
        notification_enqueue(kind=Kind.BOOKING_CONFIRMED, user_id=booking.member_id,
                             booking=booking, dedupe_key=f"booking_confirmed:{booking.reference}",
                             payload={"sequence": booking.sequence}, now=now)
    _schedule_reminder(booking, now=now)


def _queue_new_booking(booking: Booking, *, confirmation: bool, now: dt.datetime) -> None:
    rows = []
    if confirmation:
        rows.append(Notification(kind=Kind.BOOKING_CONFIRMED, user_id=booking.member_id,
                                 booking=booking,
                                 dedupe_key=f"booking_confirmed:{booking.reference}",
                                 payload={"sequence": booking.sequence}, send_after=now))
    pref = preference_for(booking.member_id)
    due = reminder_due_at(booking, pref)
    if pref.booking_reminders and due > now:
        rows.append(Notification(kind=Kind.BOOKING_REMINDER, user_id=booking.member_id,
                                 booking=booking, dedupe_key=_reminder_key(booking),
                                 payload={"sequence": booking.sequence}, send_after=due))
    if rows:
        Notification.objects.bulk_create(rows, ignore_conflicts=True)
    if confirmation:
        nudge_dispatcher_on_commit()


def _series_key(series_reference: Any) -> str:
    return f"series_confirmed:{series_reference}"


def notification_series_confirmed(*, series: BookingSeries, bookings: list[Booking],
                                  now: dt.datetime | None = None) -> None:
    """A booking series was booked: one confirmation for the occurrences confirmed now,
    listing their dates, with one .ics (METHOD:REQUEST) holding one VEVENT per occurrence (each
    its own UID). Keyed by the series (UNIQUE dedupe key): a replayed request queues nothing.
    Occurrences still HELD (payment required) are confirmed one by one when paid. Rendered from
    the bookings at send time: an occurrence cancelled meanwhile is left out."""
    confirmed = [b.pk for b in bookings if b.status == Booking.Status.CONFIRMED]
    if not confirmed:
        return
    notification_enqueue(kind=Kind.SERIES_CONFIRMED, user_id=series.member_id,
                         dedupe_key=_series_key(series.reference),
                         payload={"series": series.pk, "bookings": confirmed}, now=now)


def _series_confirmation(booking: Booking) -> Any:
    """The series confirmation that covers `booking`, as a queryset (empty for a lone booking
    or an occurrence confirmed on its own). One row per series: the list is read in Python
    (no JSON containment query on SQLite)."""
    if booking.series_id is None:
        return Notification.objects.none()
    reference = BookingSeries.objects.filter(pk=booking.series_id).values_list(
        "reference", flat=True).first()
    rows = Notification.objects.filter(dedupe_key=_series_key(reference)).values_list(
        "pk", "payload")
    return Notification.objects.filter(pk__in=[pk for pk, payload in rows
                                               if booking.pk in (payload.get("bookings") or [])])


def notification_booking_changed(*, booking: Booking, now: dt.datetime | None = None) -> None:
    """A confirmed booking moved (same UID, higher SEQUENCE). If its confirmation has not
    been sent yet, that confirmation (rendered from the booking at send time) already tells
    the new times: nothing more is queued. Otherwise one "changed" message per sequence;
    older unsent ones are superseded. The reminder follows the new time."""
    if booking.status != Booking.Status.CONFIRMED:
        return
    now = now or timezone.now()
    mails = Notification.objects.filter(booking=booking)
    if not (mails.filter(kind=Kind.BOOKING_CONFIRMED, status=Status.PENDING).exists()
            or _series_confirmation(booking).filter(status=Status.PENDING).exists()):
        _cancel_pending(mails.filter(kind=Kind.BOOKING_CHANGED), "superseded by a later change")
        notification_enqueue(kind=Kind.BOOKING_CHANGED, user_id=booking.member_id,
                             booking=booking,
                             dedupe_key=f"booking_changed:{booking.reference}:{booking.sequence}",
                             payload={"sequence": booking.sequence}, now=now)
    _schedule_reminder(booking, now=now)


def notification_booking_closed(*, booking: Booking, now: dt.datetime | None = None) -> None:
    """A booking left the active set (cancelled, no-show, expired hold or offer): every unsent
    message about it is cancelled; a cancellation (METHOD:CANCEL) goes out if the person was
    told about the booking (its confirmation sent or being sent), a no-show notice always."""
    now = now or timezone.now()
    mails = Notification.objects.filter(booking=booking)
    told = [Status.SENDING, Status.SENT]
    informed = (mails.filter(kind__in=[Kind.BOOKING_CONFIRMED, Kind.BOOKING_CHANGED],
                             status__in=told).exists()
                or _series_confirmation(booking).filter(status__in=told).exists())
    _cancel_pending(mails, f"booking {booking.status}")
    if booking.status == Booking.Status.CANCELLED and informed:
        notification_enqueue(kind=Kind.BOOKING_CANCELLED, user_id=booking.member_id,
                             booking=booking, dedupe_key=f"booking_cancelled:{booking.reference}",
                             payload={"sequence": booking.sequence,
                                      "by_member": booking.cancelled_by_id == booking.member_id},
                             now=now)
    elif booking.status == Booking.Status.NO_SHOW:
        notification_enqueue(kind=Kind.NO_SHOW, user_id=booking.member_id, booking=booking,
                             dedupe_key=f"booking_no_show:{booking.reference}",
                             payload={"sequence": booking.sequence}, now=now)


def notification_waitlist_offer(*, entry: WaitlistEntry, now: dt.datetime | None = None) -> None:
    """A desk was offered to a waiting person (a HELD booking until `offer_expires_at`)."""
    booking = entry.offered_booking
    if booking is None or entry.offer_expires_at is None:
        return
    notification_enqueue(kind=Kind.WAITLIST_OFFER, user_id=entry.member_id, booking=booking,
                         dedupe_key=f"waitlist_offer:{entry.pk}:{booking.reference}",
                         payload={"entry": entry.pk,
                                  "expires_at": entry.offer_expires_at.isoformat()}, now=now)


def notification_waitlist_offer_lapsed(*, entry: WaitlistEntry,
                                       now: dt.datetime | None = None) -> None:
    """An offer expired without being taken: the person is off the waiting list and the desk
    goes to the next one. Told only if the offer itself was mailed (sent or being sent);
    once per entry. Call after the offer's held booking was closed (which cancels the unsent
    offer mail)."""
    booking_id = entry.offered_booking_id
    if booking_id is None:
        return
    offered = Notification.objects.filter(kind=Kind.WAITLIST_OFFER, booking_id=booking_id,
                                          status__in=[Status.SENDING, Status.SENT])
    if not offered.exists():
        return
    notification_enqueue(kind=Kind.WAITLIST_OFFER_LAPSED, user_id=entry.member_id,
                         booking=entry.offered_booking, dedupe_key=f"waitlist_lapsed:{entry.pk}",
                         payload={"entry": entry.pk}, now=now)


# --- Memberships ---------------------------------------------------------------------------------

def notification_credits_expiring_schedule(*, lot: CreditLot,
                                           now: dt.datetime | None = None) -> None:
    """Queue "your credits expire soon" NOTIFICATIONS_CREDITS_EXPIRING_DAYS before the lot
    expires (nothing if that moment has passed). The dispatcher sends it only if the lot
    still has credits left then."""
    now = now or timezone.now()
    due = lot.expires_at - dt.timedelta(days=settings.NOTIFICATIONS_CREDITS_EXPIRING_DAYS)
    user_id = lot.account.user_id
    if due <= now or user_id is None:  # an employer's pool has no one to remind
        return
    notification_enqueue(kind=Kind.CREDITS_EXPIRING, user_id=user_id,
                         dedupe_key=f"credits_expiring:{lot.pk}", send_after=due,
                         payload={"lot": lot.pk}, now=now)


def notification_renewal_upcoming_schedule(*, subscription: Subscription, period_end: dt.datetime,
                                           now: dt.datetime | None = None) -> None:
    """Queue "your plan renews on ..." NOTIFICATIONS_RENEWAL_NOTICE_DAYS before the paid
    period ends. Sent only if, by then, the subscription is still active, not cancelled at
    period end, and still ends that period (a later renewal queues its own)."""
    now = now or timezone.now()
    due = period_end - dt.timedelta(days=settings.NOTIFICATIONS_RENEWAL_NOTICE_DAYS)
    if due <= now:
        return
    notification_enqueue(kind=Kind.RENEWAL_UPCOMING, user_id=subscription.member_id,
                         dedupe_key=f"renewal_upcoming:{subscription.reference}:"
                                    f"{period_end.isoformat()}",
                         send_after=due, payload={"subscription": subscription.pk,
                                                  "period_end": period_end.isoformat()}, now=now)


# --- Billing -------------------------------------------------------------------------------------

_BILLING_KINDS = {
    "payment_failed": Kind.PAYMENT_FAILED,
    "renewal_failed": Kind.PAYMENT_FAILED,
    "subscription_suspended": Kind.SUBSCRIPTION_SUSPENDED,
    "refund_issued": Kind.REFUND_ISSUED,
}


def notification_billing_notice(*, kind: str, user: User | None, dedupe_key: str,
                                payment: Any = None, subscription: Any = None,
                                data: dict[str, Any] | None = None) -> Notification | None:
    """Mail for a billing notice (ostal.billing `notice()`), keyed by the notice's own dedupe
    key. Disputes and kinds without a person are not mailed (None). The payload is a snapshot
    (description, amount), so rendering never reads billing tables."""
    mail_kind = _BILLING_KINDS.get(kind)
    if mail_kind is None or user is None:
        return None
    payload: dict[str, Any] = {"notice": kind, **(data or {})}
    if payment is not None:
        payload.update(description=payment.description, amount=str(payment.amount),
                       currency=payment.currency, booking_id=payment.booking_id)
    if subscription is not None:
        payload.update(subscription=subscription.pk, plan=subscription.plan.name)
    return notification_enqueue(kind=mail_kind, user_id=user.pk,
                                dedupe_key=f"billing:{dedupe_key}", payload=payload)


# --- Network admins ------------------------------------------------------------------------------

def notification_admin_summary(*, kind: str, key: str, payload: dict[str, Any]) -> int:
    """Queue one summary per active network admin (dedupe `<kind>:<key>:<user id>`: a second
    run of the same day queues nothing). Returns how many were new."""
    created = 0
    for admin_id in User.objects.filter(is_network_admin=True, is_active=True).values_list(
            "pk", flat=True):
        before = Notification.objects.filter(dedupe_key=f"{kind}:{key}:{admin_id}").exists()
        notification_enqueue(kind=kind, user_id=admin_id, dedupe_key=f"{kind}:{key}:{admin_id}",
                             payload=payload)
        created += 0 if before else 1
    return created
