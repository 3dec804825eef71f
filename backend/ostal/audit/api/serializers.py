from __future__ import annotations

from typing import Any

from rest_framework import serializers

from ostal.audit.registry import CATEGORY_CHOICES
from ostal.audit.selectors import ACTION_CHOICES


class AuditFiltersInputSerializer(serializers.Serializer[Any]):
    category = serializers.ChoiceField(choices=CATEGORY_CHOICES, required=False)
    action = serializers.ChoiceField(choices=ACTION_CHOICES, required=False)
    operator = serializers.IntegerField(min_value=1, max_value=2**31 - 1, required=False)
    since = serializers.DateField(required=False, help_text="From this day (network time).")
    until = serializers.DateField(required=False, help_text="To this day, included.")

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if attrs.get("since") and attrs.get("until") and attrs["since"] > attrs["until"]:
            raise serializers.ValidationError(
                {"until": "La fin précède le début. / The end is before the start."})
        return attrs


class AuditOperatorOutputSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    name = serializers.CharField()


class AuditChangeOutputSerializer(serializers.Serializer[Any]):
    field = serializers.CharField()
    before = serializers.CharField(allow_null=True)
    after = serializers.CharField(allow_null=True)
    operation = serializers.CharField(help_text="add / delete for a list (roles), else empty")
    objects = serializers.ListField(child=serializers.CharField())


class AuditEntryOutputSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    timestamp = serializers.DateTimeField()
    action = serializers.ChoiceField(choices=ACTION_CHOICES)
    category = serializers.ChoiceField(choices=CATEGORY_CHOICES)
    object_type = serializers.CharField(help_text="app_label.model")
    object_id = serializers.CharField()
    object = serializers.CharField()
    operator = AuditOperatorOutputSerializer(allow_null=True)
    actor = serializers.CharField(allow_null=True, help_text="Empty: the system (worker).")
    remote_addr = serializers.CharField(allow_null=True,
                                        help_text="Shown to network admins only.")
    changes = AuditChangeOutputSerializer(many=True)


class AuditEntryPageOutputSerializer(serializers.Serializer[Any]):
    """One page of entries (?page=, ?page_size= up to 200)."""

    count = serializers.IntegerField()
    next = serializers.URLField(allow_null=True)
    previous = serializers.URLField(allow_null=True)
    results = AuditEntryOutputSerializer(many=True)
