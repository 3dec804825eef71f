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
