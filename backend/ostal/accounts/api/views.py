from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from ostal.accounts.models import User
from ostal.core.api.permissions import acting_user


class MeOutputSerializer(serializers.ModelSerializer[User]):
    managed_operator_ids = serializers.SerializerMethodField()
    front_desk_operator_ids = serializers.SerializerMethodField()

    class Meta:
        model = User
        fields = ("id", "email", "first_name", "last_name", "language", "is_network_admin",
                  "managed_operator_ids", "front_desk_operator_ids")
        read_only_fields = ("id", "email", "is_network_admin")

    def get_managed_operator_ids(self, user: User) -> list[int]:
        return sorted(user.managed_operators.values_list("id", flat=True))

    def get_front_desk_operator_ids(self, user: User) -> list[int]:
        """Operators at whose front desk the person is (sees the day, checks people in)."""
        return sorted(user.front_desk_operators.values_list("id", flat=True))


class MeUpdateInputSerializer(serializers.Serializer[Any]):
    first_name = serializers.CharField(max_length=150, required=False, allow_blank=True)
    last_name = serializers.CharField(max_length=150, required=False, allow_blank=True)
    language = serializers.ChoiceField(choices=User.Language.choices, required=False)


class MeApi(APIView):
    """The logged-in person and their roles."""

    @extend_schema(responses=MeOutputSerializer)
    def get(self, request: Request) -> Response:
        return Response(MeOutputSerializer(acting_user(request)).data)

    @extend_schema(request=MeUpdateInputSerializer, responses=MeOutputSerializer)
    def patch(self, request: Request) -> Response:
        data = MeUpdateInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        user = acting_user(request)
        for name, value in data.validated_data.items():
            setattr(user, name, value)
        user.save(update_fields=list(data.validated_data) or None)
        return Response(MeOutputSerializer(user).data)
