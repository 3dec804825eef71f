from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "ostal.core"
    label = "core"

    def ready(self) -> None:
        # Every date and instant the API reads is bounded (ostal/core/api/inputs.py): a default
        # validator, so each serializer reports it on its own field.
        from rest_framework import serializers

        from ostal.core.api.inputs import validate_year_range

        for field in (serializers.DateField, serializers.DateTimeField):
            field.default_validators = [validate_year_range]  # type: ignore[misc]
