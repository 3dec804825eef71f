from django.apps import AppConfig


class CalendarsConfig(AppConfig):
    name = "ostal.calendars"
    label = "calendars"
    verbose_name = "Calendriers / Calendars"

    def ready(self) -> None:
        from ostal.calendars import signals

        signals.connect()
