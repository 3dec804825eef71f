from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "ostal.notifications"
    label = "notifications"
    verbose_name = "Notifications"
