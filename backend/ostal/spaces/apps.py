from django.apps import AppConfig


class SpacesConfig(AppConfig):
    name = "ostal.spaces"
    label = "spaces"
    verbose_name = "Tiers-lieux / Places"

    def ready(self) -> None:
        from django.db.backends.signals import connection_created

        from ostal.spaces.folding import register_sqlite_function

        connection_created.connect(register_sqlite_function,
                                   dispatch_uid="ostal.spaces.folding.sqlite")
