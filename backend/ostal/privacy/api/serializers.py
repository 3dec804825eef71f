from __future__ import annotations

from typing import Any

from rest_framework import serializers

from ostal.privacy.models import DataExport


class DataExportOutputSerializer(serializers.ModelSerializer[DataExport]):
    class Meta:
        model = DataExport
        fields = ("reference", "status", "progress", "requested_at", "ready_at", "expires_at")
        read_only_fields = fields


class DataExportCreateInputSerializer(serializers.Serializer[Any]):
    """Nothing to give: the export is of the logged-in person."""


class ErasureCheckOutputSerializer(serializers.Serializer[Any]):
    allowed = serializers.BooleanField()
    refusals = serializers.ListField(child=serializers.CharField(),
                                     help_text="Codes (see the error codes), in order.")
    messages = serializers.ListField(child=serializers.CharField(),
                                     help_text="The refusals in words, French / English.")


class ErasureInputSerializer(serializers.Serializer[Any]):
    """The person's password, to make sure it is them (a session left open is not enough)."""

    password = serializers.CharField(max_length=4096, trim_whitespace=False)

    def validate_password(self, value: str) -> str:
        if not self.context["user"].check_password(value):
            raise serializers.ValidationError("Mot de passe incorrect. / Wrong password.")
        return value
