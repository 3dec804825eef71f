"""Reads of an operator's team, shaped for the team screen (a fixed number of queries)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils import timezone

from ostal.accounts.models import User
from ostal.spaces.models import Operator
from ostal.teams.models import TeamInvitation
from ostal.teams.services import token_hash


@dataclass(frozen=True)
class Team:
    operator: Operator
    managers: list[User]
    front_desk: list[User]
    invitations: list[TeamInvitation]


def operators_for_team_admin(user: User) -> QuerySet[Operator]:
    """The operators whose team `user` manages: all for the network, one's own for a manager."""
    operators = Operator.objects.order_by("name")
    return operators if user.is_network_admin else operators.filter(managers=user)


def team_get(operator: Operator) -> Team:
    """Members (who accepted) and open invitations (by address only: no name before
    acceptance). Three queries whatever the team's size."""
    members = User.objects.only("id", "email", "first_name", "last_name").order_by("email")
    return Team(
        operator=operator,
        managers=list(members.filter(managed_operators=operator)),
        front_desk=list(members.filter(front_desk_operators=operator)),
        invitations=list(TeamInvitation.objects.filter(
            operator=operator, accepted_at__isnull=True, revoked_at__isnull=True)
            .order_by("email", "role")))


def invitation_for_token(token: str) -> TeamInvitation | None:
    if not token:
        return None
    return (TeamInvitation.objects.select_related("operator")
            .filter(token_hash=token_hash(token)).first())


def invitation_state(invitation: TeamInvitation) -> str:
    if invitation.accepted_at is not None:
        return "accepted"
    if invitation.revoked_at is not None:
        return "revoked"
    return "expired" if invitation.expires_at <= timezone.now() else "open"
