"""The notification outbox and each person's choices (docs/adr/0007-due-work-and-notifications.md).

`Notification` is due work: a row with a due time (`send_after`) and a UNIQUE `dedupe_key`,
written in the same transaction as the change that causes it (a booking confirmed, a payment
failed...). The dispatcher (`ostal.notifications.dispatch`) claims due rows with
SELECT ... FOR UPDATE SKIP LOCKED, re-checks that they still apply, sends, and marks them sent.
Rows are never deleted by the dispatcher: the table is also the log of what was sent to whom.

Statuses: pending → sending (claimed by one worker) → sent | cancelled (no longer applies) |
failed (permanent refusal, or attempts exhausted); a transient SMTP error puts the row back to
pending with a later `send_after`.
"""

from __future__ import annotations

import hashlib
from typing import ClassVar

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ostal.core.models import BaseModel


class Kind(models.TextChoices):
    """What a notification is about. See `ostal.notifications.kinds` for which ones a person
    may turn off (the others are transactional)."""

    BOOKING_CONFIRMED = "booking_confirmed", _("réservation confirmée")
    SERIES_CONFIRMED = "series_confirmed", _("réservations récurrentes confirmées")
    BOOKING_CHANGED = "booking_changed", _("réservation modifiée")
    BOOKING_CANCELLED = "booking_cancelled", _("réservation annulée")
    BOOKING_REMINDER = "booking_reminder", _("rappel de réservation")
    NO_SHOW = "no_show", _("absence constatée")
    WAITLIST_OFFER = "waitlist_offer", _("place proposée (liste d'attente)")
    WAITLIST_OFFER_LAPSED = "waitlist_lapsed", _("offre de place expirée (liste d'attente)")
    CREDITS_EXPIRING = "credits_expiring", _("crédits bientôt expirés")
    RENEWAL_UPCOMING = "renewal_upcoming", _("renouvellement à venir")
    PAYMENT_FAILED = "payment_failed", _("paiement refusé")
    SUBSCRIPTION_SUSPENDED = "subscription_suspended", _("abonnement suspendu")
    REFUND_ISSUED = "refund_issued", _("remboursement effectué")
    RECONCILIATION_SUMMARY = "reconciliation_summary", _("rapprochement Stripe (résumé)")


class Notification(models.Model):
    """One message to one person, due at `send_after`, sent at most once per claim."""

    class Status(models.TextChoices):
        PENDING = "pending", _("à envoyer")
        SENDING = "sending", _("en cours d'envoi")
        SENT = "sent", _("envoyée")
        CANCELLED = "cancelled", _("annulée")
        FAILED = "failed", _("échec")

    kind = models.CharField(max_length=30, choices=Kind.choices)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="notifications")
    booking = models.ForeignKey("bookings.Booking", on_delete=models.SET_NULL, null=True,
                                blank=True, related_name="notifications")
    payload = models.JSONField(default=dict, blank=True)
    send_after = models.DateTimeField()
    dedupe_key = models.CharField(max_length=200, unique=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    claimed_at = models.DateTimeField(null=True, blank=True)
    claimed_by = models.CharField(max_length=120, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    last_error = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "notification"
        verbose_name_plural = "notifications"
        ordering = ("-send_after", "-id")
        indexes = [
            # The dispatcher's query: due pending rows, oldest first. Partial, so rows already
            # sent (the large majority, kept as a log) are not in the index at all.
            models.Index(fields=["send_after", "id"], condition=Q(status="pending"),
                         name="notification_due"),
            # Stale claims (a worker died between claim and mark).
            models.Index(fields=["claimed_at"], condition=Q(status="sending"),
                         name="notification_sending"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} → {self.user_id} ({self.status})"

    @property
    def message_id(self) -> str:
        return message_id_for(self.dedupe_key)


def message_id_for(dedupe_key: str) -> str:
    """The Message-ID of the e-mail of a notification: derived from its dedupe key, so a
    duplicate delivery (see the ADR: a worker killed between SMTP acceptance and the "sent"
    mark) carries the same Message-ID and is detectable (and dropped by many clients)."""
    digest = hashlib.sha256(dedupe_key.encode()).hexdigest()[:40]
    domain = settings.NOTIFICATIONS_MESSAGE_ID_DOMAIN
    return f"<{digest}.n@{domain}>"


class NotificationPreference(BaseModel):
    """What a person wants to receive beyond transactional mail. No row = the defaults.

    Reminders: a day booking (a day, a morning or an afternoon) is reminded the evening
    before at 18:00 in the place's time zone, or `day_reminder_hours` before its start; a
    booking with custom times (a meeting room) `room_reminder_minutes` before. There is no
    marketing mail, hence no marketing choice."""

    class DayReminder(models.TextChoices):
        EVENING_BEFORE = "evening_before", _("la veille à 18 h")
        HOURS_BEFORE = "hours_before", _("quelques heures avant")

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                related_name="notification_preference")
    booking_reminders = models.BooleanField(default=True)
    day_reminder = models.CharField(max_length=16, choices=DayReminder.choices,
                                    default=DayReminder.EVENING_BEFORE)
    day_reminder_hours = models.PositiveSmallIntegerField(
        default=24, validators=[MinValueValidator(1), MaxValueValidator(168)])
    room_reminder_minutes = models.PositiveSmallIntegerField(
        default=60, validators=[MinValueValidator(5), MaxValueValidator(2880)])
    credits_expiring = models.BooleanField(default=True)
    renewal_upcoming = models.BooleanField(default=True)
    admin_summaries = models.BooleanField(default=True)

    CATEGORY_FIELDS: ClassVar[dict[str, str]] = {
        "booking_reminders": "booking_reminders",
        "credits_expiring": "credits_expiring",
        "renewal_upcoming": "renewal_upcoming",
        "admin_summaries": "admin_summaries",
    }

    class Meta:
        verbose_name = "préférence de notification"
        verbose_name_plural = "préférences de notification"
        constraints = [
            models.CheckConstraint(condition=Q(day_reminder_hours__gte=1)
                                   & Q(day_reminder_hours__lte=168),
                                   name="notification_pref_day_hours_range"),
            models.CheckConstraint(condition=Q(room_reminder_minutes__gte=5)
                                   & Q(room_reminder_minutes__lte=2880),
                                   name="notification_pref_room_minutes_range"),
        ]

    def __str__(self) -> str:
        return f"preferences of {self.user_id}"

    def allows(self, category: str | None) -> bool:
        """Whether mail of this unsubscribe category may be sent (None: transactional)."""
        if category is None:
            return True
        return bool(getattr(self, self.CATEGORY_FIELDS[category]))
