from django.apps import AppConfig


class BookingsConfig(AppConfig):
    name = "ostal.bookings"
    label = "bookings"
    verbose_name = "Réservations / Bookings"
