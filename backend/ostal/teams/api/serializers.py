"""Input/output serializers of the team API (names unique in the OpenAPI schema)."""

from typing import Any

from rest_framework import serializers

from ostal.accounts.models import User
from ostal.teams.models import TeamInvitation


class TeamMemberOutputSerializer(serializers.ModelSerializer[User]):
    class Meta:
        model = User
        fields = ("id", "email", "first_name", "last_name")


class TeamInvitationOutputSerializer(serializers.ModelSerializer[TeamInvitation]):
    """An open invitation: the address the inviter typed, never a name (none until accepted)."""

    class Meta:
        model = TeamInvitation
        fields = ("id", "email", "role", "created_at", "expires_at")


class TeamOutputSerializer(serializers.Serializer[Any]):
    operator_id = serializers.IntegerField(source="operator.id")
    operator_name = serializers.CharField(source="operator.name")
    managers = TeamMemberOutputSerializer(many=True)
    front_desk = TeamMemberOutputSerializer(many=True)
    invitations = TeamInvitationOutputSerializer(many=True)


class TeamInviteInputSerializer(serializers.Serializer[Any]):
    email = serializers.EmailField(max_length=254)
    role = serializers.ChoiceField(choices=TeamInvitation.Role.choices)


class TeamInviteOutputSerializer(serializers.Serializer[Any]):
    """The same answer whether the address has an account or not."""

    email = serializers.EmailField()
    role = serializers.ChoiceField(choices=TeamInvitation.Role.choices)
    expires_at = serializers.DateTimeField()


class TeamInvitationPreviewOutputSerializer(serializers.Serializer[Any]):
    """What the invitation link shows before acceptance: who invites, to do what."""

    operator_name = serializers.CharField()
    role = serializers.ChoiceField(choices=TeamInvitation.Role.choices)
    state = serializers.ChoiceField(choices=["open", "expired", "accepted", "revoked"])
    expires_at = serializers.DateTimeField()


class TeamInvitationAcceptInputSerializer(serializers.Serializer[Any]):
    token = serializers.CharField(max_length=200)


class TeamInvitationAcceptOutputSerializer(serializers.Serializer[Any]):
    operator_id = serializers.IntegerField()
    operator_name = serializers.CharField()
    role = serializers.ChoiceField(choices=TeamInvitation.Role.choices)


class StaffedSpaceOutputSerializer(serializers.Serializer[Any]):
    """A place whose day the person may see (managers and the front desk)."""

    id = serializers.IntegerField()
    name = serializers.CharField()
    slug = serializers.CharField()
    timezone = serializers.CharField()
    operator_name = serializers.CharField(source="operator.name")
