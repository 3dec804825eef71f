"""The managers of an operator created by the joining flows are invited through the team
invitations of `ostal.teams` (one invitation system: token hashed, bound to the address,
expiring, mailed French then English after commit) — never added directly."""

from __future__ import annotations

from collections.abc import Iterable

from ostal.accounts.models import User
from ostal.spaces.models import Operator
from ostal.teams.models import TeamInvitation
from ostal.teams.services import team_invite


def managers_invite(*, operator: Operator, emails: Iterable[str], invited_by: User) -> None:
    """Invite each address as a manager of `operator` (`invited_by`: the network admin who
    accepted the application or ran the import)."""
    for email in sorted({email.strip().lower() for email in emails if email.strip()}):
        team_invite(
            actor=invited_by, operator=operator, email=email, role=TeamInvitation.Role.MANAGER
        )
