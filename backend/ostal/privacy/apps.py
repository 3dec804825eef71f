from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "ostal.privacy"
    verbose_name = "Données personnelles"
