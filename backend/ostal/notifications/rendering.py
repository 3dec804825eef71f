"""From a claimed notification to an e-mail: re-check, context, templates, headers, .ics.

`load_context` re-reads the current state (the booking, the offer, the credit lot, the
subscription) and raises `NotApplicable` when the message no longer applies: the dispatcher
then cancels the row instead of sending it. Messages are rendered from the state at send time,
in the person's language (`translation.override(user.language)`) and, for bookings, in the
place's time zone (`timezone.override(space.timezone)`), from the Django templates
`notifications/<kind>.subject.txt`, `<kind>.txt` and `<kind>.html`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from email.mime.text import MIMEText
from typing import Any
from urllib.parse import urlparse
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db.models import Sum
from django.template.loader import render_to_string
from django.utils import timezone, translation

from ostal.bookings.models import Booking, WaitlistEntry
from ostal.calendars.feeds import booking_invitation, bookings_invitation
from ostal.memberships.models import CreditLedgerEntry, CreditLot, Subscription, units_to_credits
from ostal.notifications.kinds import spec_for
from ostal.notifications.models import Kind, Notification, NotificationPreference
from ostal.notifications.services import DAY_PARTS, unsubscribe_token

# The models' labels are French only (no message catalogue yet): e-mails carry both.
PART_LABELS = {"day": ("journée", "full day"), "morning": ("matinée", "morning"),
               "afternoon": ("après-midi", "afternoon"), "custom": ("horaires", "custom times")}
RESOURCE_KIND_LABELS = {"desk": ("poste de travail", "desk"),
                        "meeting_room": ("salle de réunion", "meeting room"),
                        "phone_booth": ("cabine téléphonique", "phone booth"),
                        "private_office": ("bureau privatif", "private office")}


DAYS = {"fr": ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"),
        "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")}
MONTHS = {"fr": ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
                 "septembre", "octobre", "novembre", "décembre"),
          "en": ("January", "February", "March", "April", "May", "June", "July", "August",
                 "September", "October", "November", "December")}


@dataclass(frozen=True)
class LocalTime:
    """An instant as the e-mails write it, in one time zone and language: `{{ start.day }}`
    "lundi 23 mars" / "Monday 23 March", `.full` (with the year), `.date` "23 mars 2026",
    `.day_month` "23 mars", `.time` "09:00". Formatted here from two small tables rather
    than with the `date` filter: a tenth of the cost, and e-mails are rendered by the
    hundred thousand (docs/benchmarks/reminders.md)."""

    value: dt.datetime
    language: str

    def _names(self) -> tuple[tuple[str, ...], tuple[str, ...]]:
        lang = "en" if self.language == "en" else "fr"
        return DAYS[lang], MONTHS[lang]

    @property
    def day_month(self) -> str:
        return f"{self.value.day} {self._names()[1][self.value.month - 1]}"

    @property
    def day(self) -> str:
        return f"{self._names()[0][self.value.weekday()]} {self.day_month}"

    @property
    def full(self) -> str:
        return f"{self.day} {self.value.year}"

    @property
    def date(self) -> str:
        return f"{self.day_month} {self.value.year}"

    @property
    def time(self) -> str:
        return f"{self.value:%H:%M}"

    def __str__(self) -> str:
        return f"{self.full} {self.time}"


def local_time(value: dt.datetime, tz: ZoneInfo, language: str) -> LocalTime:
    return LocalTime(timezone.localtime(value, tz), language)


def _label(labels: dict[str, tuple[str, str]], value: str, language: str) -> str:
    french, english = labels.get(value, (value, value))
    return english if language == "en" else french


class NotApplicable(Exception):
    """The notification no longer applies; the message is the reason kept on the row."""


def site_domain() -> str:
    return urlparse(settings.SITE_URL).hostname or "ostal.localhost"


def _check_booking(row: Notification, now: dt.datetime) -> None:
    booking = row.booking
    if booking is None:
        raise NotApplicable("booking gone")
    status = booking.status
    active = (Booking.Status.CONFIRMED, Booking.Status.CHECKED_IN)
    sequence = row.payload.get("sequence")
    kind = row.kind
    if kind == Kind.BOOKING_CONFIRMED:
        if status not in active or booking.end <= now:
            raise NotApplicable(f"booking {status}")
    elif kind == Kind.BOOKING_CHANGED:
        if status not in active or booking.end <= now:
            raise NotApplicable(f"booking {status}")
        if sequence is not None and booking.sequence != sequence:
            raise NotApplicable("superseded by a later change")
    elif kind == Kind.BOOKING_CANCELLED:
        if status != Booking.Status.CANCELLED:
            raise NotApplicable(f"booking {status}")
    elif kind == Kind.BOOKING_REMINDER:
        if status != Booking.Status.CONFIRMED:
            raise NotApplicable(f"booking {status}")
        if sequence is not None and booking.sequence != sequence:
            raise NotApplicable("superseded by a later change")
        if booking.start <= now:
            raise NotApplicable("booking already started")
    elif kind == Kind.NO_SHOW:
        if status != Booking.Status.NO_SHOW:
            raise NotApplicable(f"booking {status}")
    elif kind == Kind.WAITLIST_OFFER_LAPSED:
        entry = WaitlistEntry.objects.filter(pk=row.payload.get("entry")).first()
        if (entry is None or entry.status != WaitlistEntry.Status.EXPIRED
                or entry.offered_booking_id != booking.pk or booking.is_active):
            raise NotApplicable("offer not lapsed")
    elif kind == Kind.WAITLIST_OFFER:
        entry = WaitlistEntry.objects.filter(pk=row.payload.get("entry")).first()
        if (entry is None or entry.status != WaitlistEntry.Status.OFFERED
                or entry.offered_booking_id != booking.pk or entry.offer_expires_at is None
                or entry.offer_expires_at <= now or status != Booking.Status.HELD):
            raise NotApplicable("offer no longer open")


def _address(space: Any) -> str:
    return ", ".join(part for part in (space.address, f"{space.postal_code} "
                                       f"{space.commune.name}".strip()) if part)


def _booking_context(row: Notification) -> dict[str, Any]:
    booking = row.booking
    assert booking is not None
    space = booking.space
    tz = ZoneInfo(space.timezone)
    address = _address(space)
    context: dict[str, Any] = {
        "booking": booking, "space": space, "resource": booking.resource,
        "start": local_time(booking.start, tz, row.user.language),
        "end": local_time(booking.end, tz, row.user.language),
        "local_date": booking.local_date, "is_day_booking": booking.part in DAY_PARTS,
        "part": booking.part,
        "part_label": _label(PART_LABELS, booking.part, row.user.language),
        "resource_kind_label": _label(RESOURCE_KIND_LABELS, booking.resource_kind,
                                      row.user.language),
        "address": address, "timezone_name": space.timezone,
        "booking_url": f"{settings.SITE_URL}/reservations/{booking.pk}",
        "short_reference": str(booking.reference)[:8].upper(),
    }
    if row.kind == Kind.WAITLIST_OFFER:
        expires = dt.datetime.fromisoformat(row.payload["expires_at"])
        context["offer_expires_at"] = local_time(expires, tz, row.user.language)
    return context


def _series_context(row: Notification, now: dt.datetime) -> dict[str, Any]:
    """The occurrences of a series confirmation that are still confirmed and to come, read
    at send time (an occurrence cancelled or moved meanwhile shows as it is now)."""
    bookings = list(Booking.objects.filter(
        pk__in=row.payload.get("bookings") or [],
        status__in=[Booking.Status.CONFIRMED, Booking.Status.CHECKED_IN], end__gt=now)
        .select_related("space__commune", "resource", "member").order_by("start", "id"))
    if not bookings:
        raise NotApplicable("no occurrence left")
    language = row.user.language
    space = bookings[0].space
    tz = ZoneInfo(space.timezone)
    occurrences = [{"start": local_time(b.start, tz, language),
                    "end": local_time(b.end, tz, language), "resource": b.resource,
                    "is_day_booking": b.part in DAY_PARTS,
                    "part_label": _label(PART_LABELS, b.part, language),
                    "short_reference": str(b.reference)[:8].upper()} for b in bookings]
    return {"space": space, "address": _address(space), "timezone_name": space.timezone,
            "occurrences": occurrences, "count": len(occurrences),
            "first": occurrences[0]["start"], "last": occurrences[-1]["start"],
            "resource_kind_label": _label(RESOURCE_KIND_LABELS, bookings[0].resource_kind,
                                          language),
            "bookings_url": f"{settings.SITE_URL}/mes-reservations", "ics_bookings": bookings}


def _credits_context(row: Notification, now: dt.datetime) -> dict[str, Any]:
    lot = CreditLot.objects.select_related("space").filter(pk=row.payload.get("lot")).first()
    if lot is None or lot.expires_at <= now:
        raise NotApplicable("credits already expired")
    balance = int(CreditLedgerEntry.objects.filter(lot=lot).aggregate(total=Sum("delta"))["total"]
                  or 0)
    if balance <= 0:
        raise NotApplicable("no credits left")
    tz = ZoneInfo(settings.DEFAULT_SPACE_TIMEZONE)
    return {"credits": units_to_credits(balance),
            "expires_at": local_time(lot.expires_at, tz, row.user.language),
            "lot_space": lot.space, "is_network": lot.space_id is None,
        "wallet_url": f"{settings.SITE_URL}/compte/credits"}


def _renewal_context(row: Notification) -> dict[str, Any]:
    sub = (Subscription.objects.select_related("plan").filter(pk=row.payload.get("subscription"))
           .first())
    period_end = dt.datetime.fromisoformat(row.payload["period_end"])
    if (sub is None or sub.status != Subscription.Status.ACTIVE or sub.cancel_at_period_end
            or sub.current_period_end != period_end):
        raise NotApplicable("subscription will not renew then")
    tz = ZoneInfo(settings.DEFAULT_SPACE_TIMEZONE)
    return {"subscription": sub, "plan": sub.plan,
            "renews_at": local_time(period_end, tz, row.user.language),
            "price": sub.plan.price, "currency": sub.plan.currency,
            "subscription_url": f"{settings.SITE_URL}/compte/abonnements"}


def load_context(row: Notification, *, pref: NotificationPreference,
                 now: dt.datetime) -> dict[str, Any]:
    """Everything the templates need, or NotApplicable. Late cutoff: a non-transactional
    message more than NOTIFICATIONS_LATE_CUTOFF_HOURS late is dropped (a reminder of credits
    expiring three days after the worker outage helps nobody)."""
    spec = spec_for(row.kind)
    user = row.user
    if not user.is_active or not user.email:
        raise NotApplicable("person inactive or without e-mail")
    if not pref.allows(spec.category):
        raise NotApplicable(f"preference: {spec.category} off")
    cutoff = dt.timedelta(hours=settings.NOTIFICATIONS_LATE_CUTOFF_HOURS)
    if spec.category is not None and now - row.send_after > cutoff:
        raise NotApplicable("too late")
    context: dict[str, Any] = {
        "user": user, "name": user.first_name or user.email.split("@")[0],
        "site_url": settings.SITE_URL, "kind": row.kind, "payload": row.payload,
        "preferences_url": f"{settings.SITE_URL}/compte/notifications",
        "network_name": settings.NETWORK_LEGAL_NAME, "transactional": spec.category is None,
        "tz": ZoneInfo(settings.DEFAULT_SPACE_TIMEZONE),
    }
    if spec.category is not None:
        token = unsubscribe_token(user_id=user.pk, category=spec.category)
        context["unsubscribe_url"] = f"{settings.SITE_URL}/u/{token}"
    if spec.needs_booking:
        _check_booking(row, now)
        context.update(_booking_context(row))
        context["tz"] = ZoneInfo(context["timezone_name"])
    elif spec.needs_series:
        context.update(_series_context(row, now))
        context["tz"] = ZoneInfo(context["timezone_name"])
    elif row.kind == Kind.CREDITS_EXPIRING:
        context.update(_credits_context(row, now))
    elif row.kind == Kind.RENEWAL_UPCOMING:
        context.update(_renewal_context(row))
    elif row.kind == Kind.RECONCILIATION_SUMMARY and not user.is_network_admin:
        raise NotApplicable("no longer a network admin")
    return context


def render_parts(kind: str, context: dict[str, Any], language: str) -> tuple[str, str, str]:
    """(subject, text, html) of `kind` in `language`, times in `context["tz"]`."""
    with translation.override(language), timezone.override(context["tz"]):
        context = {**context, "lang": translation.get_language()}
        subject = render_to_string(f"notifications/{kind}.subject.txt", context)
        text = render_to_string(f"notifications/{kind}.txt", context)
        html = render_to_string(f"notifications/{kind}.html", context)
    return " ".join(subject.split()), text, html


def _calendar_part(ics: bytes, method: str, *, attachment: bool) -> MIMEText:
    part = MIMEText(ics.decode("utf-8"), "calendar", "utf-8")
    part.set_param("method", method)
    if attachment:
        part.set_param("name", "invite.ics")
        part.add_header("Content-Disposition", "attachment", filename="invite.ics")
    return part


class _Email(EmailMultiAlternatives):
    """An EmailMultiAlternatives whose alternatives may include a ready MIME part (the
    text/calendar; method=... alternative that calendar clients look for)."""

    calendar_alternative: MIMEText | None = None

    def _create_alternatives(self, msg: Any) -> Any:
        msg = super()._create_alternatives(msg)  # type: ignore[misc]  # private, Django 5.2
        if self.calendar_alternative is not None:
            msg.attach(self.calendar_alternative)
        return msg


def build_message(row: Notification, context: dict[str, Any], *,
                  connection: Any = None) -> EmailMultiAlternatives:
    """The e-mail of a notification: text and HTML in the person's language; a stable
    Message-ID derived from the dedupe key; List-Unsubscribe (+ RFC 8058 one-click) for
    non-transactional kinds; for booking confirmations, changes and cancellations the
    booking's .ics (METHOD:REQUEST / CANCEL) as a text/calendar alternative and as an
    invite.ics attachment."""
    spec = spec_for(row.kind)
    user = row.user
    subject, text, html = render_parts(row.kind, context, user.language or "fr")
    headers = {"Message-ID": row.message_id, "Auto-Submitted": "auto-generated",
               "X-Ostal-Notification": row.kind}
    if "unsubscribe_url" in context:
        headers["List-Unsubscribe"] = f"<{context['unsubscribe_url']}>"
        headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    message = _Email(subject=subject, body=text, from_email=settings.DEFAULT_FROM_EMAIL,
                     to=[user.email], headers=headers, connection=connection)
    message.attach_alternative(html, "text/html")
    if spec.ics_method is not None:
        if spec.needs_series:
            ics = bookings_invitation(context["ics_bookings"], method=spec.ics_method)
        else:
            assert row.booking is not None
            ics = booking_invitation(row.booking, method=spec.ics_method)
        message.calendar_alternative = _calendar_part(ics, spec.ics_method, attachment=False)
        message.attach(_calendar_part(ics, spec.ics_method, attachment=True))
    return message
