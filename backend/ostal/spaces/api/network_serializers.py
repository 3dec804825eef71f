"""Serializers of the network's API on places."""

from __future__ import annotations

from typing import Any

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from ostal.spaces.models import Space
from ostal.spaces.publication import missing_for_publication
from ostal.spaces.services import version_of


class NetworkSpaceFilterSerializer(serializers.Serializer[Any]):
    status = serializers.ChoiceField(choices=["draft", "published"], required=False,
                                     allow_blank=True)
    q = serializers.CharField(required=False, allow_blank=True, max_length=100)


class MissingItemSerializer(serializers.Serializer[Any]):
    field = serializers.CharField()
    message = serializers.CharField()


class NetworkSpaceOutputSerializer(serializers.ModelSerializer[Space]):
    operator_name = serializers.CharField(source="operator.name")
    commune_name = serializers.CharField(source="commune.name")
    missing = serializers.SerializerMethodField()
    version = serializers.SerializerMethodField()

    class Meta:
        model = Space
        fields = ("id", "name", "slug", "kind", "operator", "operator_name", "commune_name",
                  "department_code", "is_published", "accepts_network_pass", "missing",
                  "version")
        read_only_fields = fields

    @extend_schema_field(MissingItemSerializer(many=True))
    def get_missing(self, space: Space) -> list[dict[str, str]]:
        return [MissingItemSerializer(item).data for item in missing_for_publication(space)]

    @extend_schema_field(OpenApiTypes.STR)
    def get_version(self, space: Space) -> str:
        return version_of(space)


class PublicationInputSerializer(serializers.Serializer[Any]):
    version = serializers.CharField(required=False, max_length=64,
                                    help_text="Version lue : 409 si le lieu a changé depuis.")
