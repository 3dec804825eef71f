from django.apps import AppConfig


class EmployersConfig(AppConfig):
    name = "ostal.employers"
    verbose_name = "Employeurs"

    def ready(self) -> None:
        # Receivers import the models of the apps they answer: only once apps are loaded
        # (Django's app-loading rule, the one documented reason for an import in a function).
        from ostal.employers import receivers

        receivers.connect()
