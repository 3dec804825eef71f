from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "ostal.notifications"
    label = "notifications"
    verbose_name = "Notifications"

    def ready(self) -> None:
        # Receivers import the models of the apps they listen to: only once apps are loaded
        # (Django's app-loading rule, the one documented reason for an import in a function).
        from ostal.notifications import receivers

        receivers.connect()
