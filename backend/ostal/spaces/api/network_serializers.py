"""Serializers of the network's API on places."""

from __future__ import annotations

from typing import Any

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from ostal.spaces.models import Service, Space
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
                  "charter_version", "charter_signed_on", "version")
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


class SecurityFilterSerializer(serializers.Serializer[Any]):
    status = serializers.ChoiceField(choices=["to_verify", "verified"], required=False,
                                     allow_blank=True)


class SecurityFeatureOutputSerializer(serializers.Serializer[Any]):
    """A security feature a place declares, with the network's verification (if any)."""

    space = serializers.IntegerField(source="space_id")
    space_name = serializers.CharField(source="space.name")
    operator_name = serializers.CharField(source="space.operator.name")
    commune_name = serializers.CharField(source="space.commune.name")
    service = serializers.CharField(source="service.code")
    service_name_fr = serializers.CharField(source="service.name_fr")
    service_name_en = serializers.CharField(source="service.name_en")
    verified = serializers.SerializerMethodField()
    verified_on = serializers.DateField(allow_null=True)
    verified_by_email = serializers.EmailField(allow_null=True)
    note = serializers.CharField(allow_null=True)

    def get_verified(self, row: Any) -> bool:
        return row.verified_on is not None


class SecurityVerifyInputSerializer(serializers.Serializer[Any]):
    service = serializers.SlugRelatedField(slug_field="code", queryset=Service.objects.all())
    verified_on = serializers.DateField()
    note = serializers.CharField(required=False, allow_blank=True, max_length=300)


class CharterInputSerializer(serializers.Serializer[Any]):
    version = serializers.CharField(allow_blank=True, max_length=20,
                                    help_text="Version de la charte signée ; vide : pas signée.")
    signed_on = serializers.DateField(required=False, allow_null=True)
    place_version = serializers.CharField(required=False, max_length=64,
                                          help_text="Version lue du lieu : 409 s'il a changé.")

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if attrs["version"].strip() and not attrs.get("signed_on"):
            raise serializers.ValidationError(
                {"signed_on": ["Indiquez la date de signature. / Give the signature date."]})
        attrs["version"] = attrs["version"].strip()
        return attrs

