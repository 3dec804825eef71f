"""Shapes of the joining API (input serializers validate shape only; services decide)."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from ostal.joining.documents import MAX_DOCUMENTS
from ostal.joining.models import (
    Application,
    ApplicationDocument,
    ApplicationMessage,
    ApplicationNote,
    CensusImport,
    Need,
)
from ostal.spaces.api.network_serializers import (
    NetworkSpaceOutputSerializer,
    SecurityFeatureOutputSerializer,
)
from ostal.spaces.models import Commune, Operator, Service, Space


class ApplicationSubmitInputSerializer(serializers.Serializer[Any]):
    applicant_kind = serializers.ChoiceField(choices=Application.ApplicantKind.choices)
    stage = serializers.ChoiceField(choices=Application.Stage.choices)
    carrier_name = serializers.CharField(max_length=200)
    legal_form = serializers.ChoiceField(choices=Operator.LegalForm.choices)
    carrier_kind = serializers.ChoiceField(choices=Operator.CarrierKind.choices)
    siret = serializers.CharField(max_length=20, required=False, allow_blank=True, default="")
    place_name = serializers.CharField(max_length=200)
    place_kind = serializers.ChoiceField(choices=Space.Kind.choices)
    commune = serializers.PrimaryKeyRelatedField(
        queryset=Commune.objects.all(),
        error_messages={
            "does_not_exist": "Commune inconnue (code INSEE). / Unknown commune (INSEE code)."
        },
    )
    services = serializers.SlugRelatedField(
        slug_field="code", queryset=Service.objects.all(), many=True, required=False
    )
    expected_opening = serializers.DateField(required=False, allow_null=True, default=None)
    needs = serializers.MultipleChoiceField(choices=Need.choices, required=False)
    description = serializers.CharField(
        max_length=4000, required=False, allow_blank=True, default=""
    )
    contact_name = serializers.CharField(max_length=150)
    contact_email = serializers.EmailField()
    contact_phone = serializers.CharField(
        max_length=30, required=False, allow_blank=True, default=""
    )
    documents = serializers.ListField(
        child=serializers.FileField(),
        required=False,
        max_length=MAX_DOCUMENTS,
        error_messages={
            "max_length": f"{MAX_DOCUMENTS} documents au plus. / At most {MAX_DOCUMENTS} documents."
        },
    )
    # Honeypot: hidden from people (and from screen readers); a robot filling it is refused.
    website = serializers.CharField(required=False, allow_blank=True, default="")

    def validate_siret(self, value: str) -> str:
        return value.replace(" ", "")

    def validate_needs(self, value: set[str]) -> list[str]:
        return sorted(value)


class ApplicationSubmitOutputSerializer(serializers.Serializer[Any]):
    reference = serializers.UUIDField()
    status = serializers.CharField()


class ApplicationListOutputSerializer(serializers.ModelSerializer[Application]):
    commune_name = serializers.CharField(source="commune.name")
    needs = serializers.ListField(child=serializers.ChoiceField(choices=Need.choices))
    document_count = serializers.IntegerField()

    class Meta:
        model = Application
        fields = (
            "id",
            "reference",
            "status",
            "applicant_kind",
            "stage",
            "carrier_name",
            "place_name",
            "place_kind",
            "commune",
            "commune_name",
            "department_code",
            "needs",
            "expected_opening",
            "contact_name",
            "document_count",
            "created_at",
        )


class ApplicationDocumentOutputSerializer(serializers.ModelSerializer[ApplicationDocument]):
    class Meta:
        model = ApplicationDocument
        fields = ("id", "original_name", "content_type", "size", "created_at")


class ApplicationNoteOutputSerializer(serializers.ModelSerializer[ApplicationNote]):
    author_email = serializers.EmailField(source="author.email", allow_null=True, default=None)

    class Meta:
        model = ApplicationNote
        fields = ("id", "body", "author_email", "created_at")


class ApplicationMessageOutputSerializer(serializers.ModelSerializer[ApplicationMessage]):
    author_email = serializers.EmailField(source="author.email", allow_null=True, default=None)

    class Meta:
        model = ApplicationMessage
        fields = ("id", "kind", "body", "status", "sent_at", "author_email", "created_at")


class ApplicationDetailOutputSerializer(serializers.ModelSerializer[Application]):
    commune_name = serializers.CharField(source="commune.name")
    needs = serializers.ListField(child=serializers.ChoiceField(choices=Need.choices))
    services = serializers.SerializerMethodField()
    documents = ApplicationDocumentOutputSerializer(many=True)
    notes = ApplicationNoteOutputSerializer(many=True)
    messages = ApplicationMessageOutputSerializer(many=True)
    operator_name = serializers.CharField(source="operator.name", allow_null=True, default=None)
    space_id = serializers.IntegerField(allow_null=True)
    next_statuses = serializers.SerializerMethodField()

    class Meta:
        model = Application
        fields = (
            "id",
            "reference",
            "status",
            "next_statuses",
            "applicant_kind",
            "stage",
            "carrier_name",
            "legal_form",
            "carrier_kind",
            "siret",
            "place_name",
            "place_kind",
            "commune",
            "commune_name",
            "department_code",
            "services",
            "expected_opening",
            "needs",
            "description",
            "contact_name",
            "contact_email",
            "contact_phone",
            "created_at",
            "decided_at",
            "operator",
            "operator_name",
            "space_id",
            "documents",
            "notes",
            "messages",
        )

    def get_services(self, application: Application) -> list[str]:
        return [service.code for service in application.services.all()]

    def get_next_statuses(self, application: Application) -> list[str]:
        return [str(status) for status in Application.TRANSITIONS[application.status]]


class ApplicationTransitionInputSerializer(serializers.Serializer[Any]):
    status = serializers.ChoiceField(choices=Application.Status.choices)
    message = serializers.CharField(max_length=4000, required=False, allow_blank=True, default="")
    operator_name = serializers.CharField(
        max_length=200, required=False, allow_blank=True, default=""
    )


class ApplicationTextInputSerializer(serializers.Serializer[Any]):
    body = serializers.CharField(max_length=4000)


class CountGroupOutputSerializer(serializers.Serializer[Any]):
    key = serializers.CharField()
    label = serializers.CharField()  # type: ignore[assignment]  # a field, not Field.label
    count = serializers.IntegerField()


class ApplicationCountsOutputSerializer(serializers.Serializer[Any]):
    total = serializers.IntegerField(allow_null=True)
    min_group_size = serializers.IntegerField()
    by_department = CountGroupOutputSerializer(many=True)
    by_stage = CountGroupOutputSerializer(many=True)
    by_need = CountGroupOutputSerializer(many=True)


class CensusImportInputSerializer(serializers.Serializer[Any]):
    file = serializers.FileField()


class CensusRowOutputSerializer(serializers.Serializer[Any]):
    row = serializers.IntegerField()
    key = serializers.CharField()
    action = serializers.ChoiceField(choices=[("create", "create"), ("update", "update"),
                                              ("refuse", "refuse")])
    place = serializers.CharField()
    reasons = serializers.ListField(child=serializers.CharField())
    warnings = serializers.ListField(child=serializers.CharField())
    space_id = serializers.IntegerField(allow_null=True)


class CensusImportOutputSerializer(serializers.ModelSerializer[CensusImport]):
    uploaded_by_email = serializers.EmailField(source="uploaded_by.email", allow_null=True,
                                               default=None)

    class Meta:
        model = CensusImport
        fields: tuple[str, ...] = (
            "id", "original_name", "format", "status", "rows_total", "rows_done",
            "created_count", "updated_count", "refused_count", "error", "uploaded_by_email",
            "created_at", "applied_at")
        read_only_fields: tuple[str, ...] = fields


class CensusImportDetailOutputSerializer(CensusImportOutputSerializer):
    rows = CensusRowOutputSerializer(many=True)

    class Meta(CensusImportOutputSerializer.Meta):
        fields = (*CensusImportOutputSerializer.Meta.fields, "rows")
        read_only_fields = fields


class CoverageInputSerializer(serializers.Serializer[Any]):
    date = serializers.DateField(required=False)
    radius = serializers.ChoiceField(choices=[(10, "10"), (20, "20"), (30, "30")], default=10)
    stops = serializers.IntegerField(min_value=1, max_value=20, default=5)


class CoveragePointOutputSerializer(serializers.Serializer[Any]):
    name = serializers.CharField()
    kind = serializers.ChoiceField(choices=[("place", "place"), ("stop", "stop")])
    latitude = serializers.FloatField()
    longitude = serializers.FloatField()
    commune_id = serializers.CharField()


class CoverageCommuneOutputSerializer(serializers.Serializer[Any]):
    insee_code = serializers.CharField()
    name = serializers.CharField()
    department_code = serializers.CharField()
    population = serializers.IntegerField()
    latitude = serializers.FloatField()
    longitude = serializers.FloatField()
    nearest_km = serializers.FloatField(allow_null=True)
    nearest_place = serializers.CharField()
    members = serializers.IntegerField(allow_null=True)


class CoverageBeyondOutputSerializer(serializers.Serializer[Any]):
    km = serializers.IntegerField()
    population = serializers.IntegerField()


class CoverageDepartmentOutputSerializer(serializers.Serializer[Any]):
    code = serializers.CharField()
    name = serializers.CharField()
    population = serializers.IntegerField()
    beyond = CoverageBeyondOutputSerializer(many=True)
    empty_searches = serializers.IntegerField()
    members = serializers.IntegerField(allow_null=True)


class SuggestedStopOutputSerializer(serializers.Serializer[Any]):
    insee_code = serializers.CharField()
    name = serializers.CharField()
    department_code = serializers.CharField()
    covered_population = serializers.IntegerField()
    covered_communes = serializers.IntegerField()


class CoverageOutputSerializer(serializers.Serializer[Any]):
    week_start = serializers.DateField()
    week_end = serializers.DateField()
    total_population = serializers.IntegerField()
    beyond = CoverageBeyondOutputSerializer(many=True)
    min_group_size = serializers.IntegerField()
    stop_radius_km = serializers.IntegerField()
    points = CoveragePointOutputSerializer(many=True)
    departments = CoverageDepartmentOutputSerializer(many=True)
    suggested_stops = SuggestedStopOutputSerializer(many=True)
    communes = CoverageCommuneOutputSerializer(many=True)


class InboxApplicationSerializer(serializers.ModelSerializer[Application]):
    commune_name = serializers.CharField(source="commune.name")

    class Meta:
        model = Application
        fields = ("id", "reference", "status", "stage", "carrier_name", "place_name",
                  "commune_name", "created_at")
        read_only_fields = fields


class NetworkInboxOutputSerializer(serializers.Serializer[Any]):
    applications_new = serializers.IntegerField()
    applications_in_review = serializers.IntegerField()
    applications = InboxApplicationSerializer(many=True)
    drafts = serializers.IntegerField()
    drafts_ready = serializers.IntegerField()
    draft_places = NetworkSpaceOutputSerializer(many=True)
    census_waiting = serializers.IntegerField()
    census_imports = CensusImportOutputSerializer(many=True)
    security_to_verify = serializers.IntegerField()
    security_features = SecurityFeatureOutputSerializer(many=True)
    charter_missing = serializers.IntegerField()
