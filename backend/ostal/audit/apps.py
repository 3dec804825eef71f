from django.apps import AppConfig


class AuditConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "ostal.audit"
    verbose_name = "Journal des modifications"

    def ready(self) -> None:
        from ostal.audit.registry import register_tracked_models

        register_tracked_models()
