from django.contrib import admin

from ostal.notifications.models import Notification, NotificationPreference


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    """Read-only log of the outbox: what was (or will be) sent to whom, and why not."""

    list_display = ("kind", "user", "status", "send_after", "sent_at", "attempts", "last_error")
    list_filter = ("status", "kind")
    search_fields = ("user__email", "dedupe_key")
    date_hierarchy = "send_after"
    readonly_fields = [f.name for f in Notification._meta.fields]
    raw_id_fields = ("user", "booking")

    def has_add_permission(self, request: object) -> bool:
        return False

    def has_change_permission(self, request: object, obj: object = None) -> bool:
        return False


@admin.register(NotificationPreference)
class NotificationPreferenceAdmin(admin.ModelAdmin):
    list_display = ("user", "booking_reminders", "day_reminder", "room_reminder_minutes",
                    "credits_expiring", "renewal_upcoming")
    raw_id_fields = ("user",)
