"""Shapes of the notifications API (unique names across the project for drf-spectacular)."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from ostal.notifications.models import NotificationPreference


class NotificationPreferenceOutputSerializer(serializers.ModelSerializer[NotificationPreference]):
    """A person's e-mail choices. Transactional mail (confirmations, cancellations, failed
    payments, waiting-list offers, no-shows) is always sent and has no switch."""

    class Meta:
        model = NotificationPreference
        fields: tuple[str, ...] = ("booking_reminders", "day_reminder", "day_reminder_hours",
                                   "room_reminder_minutes", "credits_expiring",
                                   "renewal_upcoming", "admin_summaries")


class NotificationPreferenceUpdateInputSerializer(serializers.Serializer[Any]):
    """Any subset of the choices (PATCH semantics)."""

    booking_reminders = serializers.BooleanField(required=False)
    day_reminder = serializers.ChoiceField(
        choices=NotificationPreference.DayReminder.choices, required=False,
        help_text="Day bookings: `evening_before` = 18:00 the day before, local time of the "
                  "place; `hours_before` = `day_reminder_hours` before the start.")
    day_reminder_hours = serializers.IntegerField(required=False, min_value=1, max_value=168)
    room_reminder_minutes = serializers.IntegerField(
        required=False, min_value=5, max_value=2880,
        help_text="Bookings with custom times (rooms): minutes before the start.")
    credits_expiring = serializers.BooleanField(required=False)
    renewal_upcoming = serializers.BooleanField(required=False)
    admin_summaries = serializers.BooleanField(required=False,
                                               help_text="Network admins only.")
