from django.apps import AppConfig


class CheckoutConfig(AppConfig):
    name = "ostal.checkout"
    label = "checkout"
    verbose_name = "Paiement des réservations / Booking checkout"

    def ready(self) -> None:
        # Receivers import the models of the apps they answer: only once apps are loaded
        # (Django's app-loading rule, the one documented reason for an import in a function).
        from ostal.checkout import receivers

        receivers.connect()
