"""The member's commute declaration: home and usual workplace communes (never addresses)."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from ostal.accounts.models import CommuteDeclaration
from ostal.core.api.permissions import acting_user
from ostal.spaces.models import Commune


class CommuteCommuneOutputSerializer(serializers.ModelSerializer[Commune]):
    class Meta:
        model = Commune
        fields = ("insee_code", "name", "department_code")


class CommuteDeclarationOutputSerializer(serializers.Serializer[Any]):
    home_commune = CommuteCommuneOutputSerializer(allow_null=True)
    workplace_commune = CommuteCommuneOutputSerializer(allow_null=True)
    updated_at = serializers.DateTimeField(allow_null=True)


class CommuteDeclarationInputSerializer(serializers.Serializer[Any]):
    home_commune = serializers.PrimaryKeyRelatedField(
        queryset=Commune.objects.all(), allow_null=True,
        help_text="INSEE code of the commune you live in (null: not declared).")
    workplace_commune = serializers.PrimaryKeyRelatedField(
        queryset=Commune.objects.all(), allow_null=True,
        help_text="INSEE code of the commune of your usual workplace (null: not declared).")


def _render(declaration: CommuteDeclaration | None) -> dict[str, Any]:
    if declaration is None:
        return {"home_commune": None, "workplace_commune": None, "updated_at": None}
    return {"home_commune": declaration.home_commune,
            "workplace_commune": declaration.workplace_commune,
            "updated_at": declaration.updated_at}


class CommuteDeclarationApi(APIView):
    """Your commute, if you choose to declare it: used only, aggregated over at least 5 people,
    for the commute and CO2 avoided by working in a tiers-lieu (docs/analytics-method.md)."""

    @extend_schema(responses=CommuteDeclarationOutputSerializer,
                   operation_id="me_commute_retrieve")
    def get(self, request: Request) -> Response:
        declaration = (CommuteDeclaration.objects.filter(user=acting_user(request))
                       .select_related("home_commune", "workplace_commune").first())
        return Response(CommuteDeclarationOutputSerializer(_render(declaration)).data)

    @extend_schema(request=CommuteDeclarationInputSerializer,
                   responses=CommuteDeclarationOutputSerializer, operation_id="me_commute_update")
    def put(self, request: Request) -> Response:
        data = CommuteDeclarationInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        declaration, _ = CommuteDeclaration.objects.update_or_create(
            user=acting_user(request),
            defaults={"home_commune": data.validated_data["home_commune"],
                      "workplace_commune": data.validated_data["workplace_commune"]})
        return Response(CommuteDeclarationOutputSerializer(_render(declaration)).data)

    @extend_schema(request=None, responses={204: None}, operation_id="me_commute_destroy")
    def delete(self, request: Request) -> Response:
        CommuteDeclaration.objects.filter(user=acting_user(request)).delete()
        return Response(status=204)
