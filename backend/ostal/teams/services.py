"""Writes on an operator's team: invite (managers, front desk), accept, withdraw, remove.

Access is checked here (`may_manage_team`), not only by the API: a network admin manages
every operator's team; an operator's managers manage their own (they invite co-managers and
front desk). The front desk manages nothing.

Inviting never looks an account up: the answer, the row and the mail are the same whether the
address has an account or not, and no name is shown until the person accepts (issue 22).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import secrets
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone

from ostal.accounts.models import User
from ostal.spaces.models import Operator
from ostal.teams.errors import TeamError, TeamErrorCode
from ostal.teams.models import TeamInvitation

logger = logging.getLogger(__name__)
Role = TeamInvitation.Role


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def normalise_email(email: str) -> str:
    return (email or "").strip().lower()


def may_manage_team(actor: User, operator: Operator) -> bool:
    return bool(actor.is_network_admin
                or operator.managers.filter(pk=actor.pk).exists())


def _ensure_may_manage(actor: User, operator: Operator) -> None:
    if not may_manage_team(actor, operator):
        raise TeamError(TeamErrorCode.NOT_ALLOWED)


def _send_invitation(invitation: TeamInvitation, token: str) -> None:
    """The invitation mail, French then English (the invitee may have no account, hence no
    chosen language). Sent after commit; inviting again sends a new link."""
    context = {"operator": invitation.operator, "role": invitation.role,
               "is_manager": invitation.role == Role.MANAGER,
               "expires_at": invitation.expires_at,
               "url": f"{settings.SITE_URL}/invitation-equipe/{token}"}
    message = EmailMultiAlternatives(
        subject=f"Invitation à rejoindre l'équipe de {invitation.operator.name} sur Ostal / "
                f"Invitation to join {invitation.operator.name}'s team on Ostal",
        body=render_to_string("teams/invitation.txt", context), to=[invitation.email])
    message.attach_alternative(render_to_string("teams/invitation.html", context),
                               "text/html")
    try:
        message.send()
    except Exception:  # the team screen lists the invitation: it can be sent again
        logger.warning("Team invitation mail %s failed", invitation.pk, exc_info=True)


def team_invite(*, actor: User, operator: Operator, email: str, role: str,
                now: dt.datetime | None = None) -> TeamInvitation:
    """Invite `email` to `operator`'s team as `role`. Inviting an address that already has an
    open invitation for that role renews it (a new link; the old one stops working) — so the
    answer never depends on anything the inviter could not already know."""
    _ensure_may_manage(actor, operator)
    email = normalise_email(email)
    try:
        validate_email(email)
    except ValidationError as error:
        raise TeamError(TeamErrorCode.INVITATION_INVALID, fields={
            "email": ["Adresse e-mail invalide. / Invalid e-mail address."]}) from error
    if role not in Role.values:
        raise TeamError(TeamErrorCode.INVITATION_INVALID, fields={
            "role": ["Rôle inconnu. / Unknown role."]})
    now = now or timezone.now()
    token = secrets.token_urlsafe(32)
    expires_at = now + dt.timedelta(days=settings.TEAM_INVITATION_VALID_DAYS)
    for _attempt in range(2):  # a racing twin creates the open row: renew it on the retry
        try:
            with transaction.atomic():
                invitation = (TeamInvitation.objects.select_for_update()
                              .filter(operator=operator, email=email, role=role,
                                      accepted_at__isnull=True, revoked_at__isnull=True)
                              .first())
                if invitation is None:
                    invitation = TeamInvitation(operator=operator, email=email, role=role)
                invitation.token_hash = token_hash(token)
                invitation.invited_by = actor
                invitation.expires_at = expires_at
                invitation.save()
            break
        except IntegrityError:
            continue
    else:  # pragma: no cover - two conflicts in a row
        raise TeamError(TeamErrorCode.INVITATION_INVALID)
    transaction.on_commit(lambda: _send_invitation(invitation, token))
    return invitation


def team_invitation_revoke(*, actor: User, invitation: TeamInvitation,
                           now: dt.datetime | None = None) -> TeamInvitation:
    """Withdraw an open invitation: its link stops working. Idempotent."""
    _ensure_may_manage(actor, invitation.operator)
    if invitation.is_open:
        invitation.revoked_at = now or timezone.now()
        invitation.save(update_fields=["revoked_at", "updated_at"])
    return invitation


def team_invitation_accept(*, user: User, token: str,
                           now: dt.datetime | None = None) -> TeamInvitation:
    """The invited person, logged in with the invited address, joins the team. Accepting a
    manager invitation takes the person off the front desk list (a manager does all the
    front desk does); a front desk invitation leaves a manager a manager."""
    now = now or timezone.now()
    with transaction.atomic():
        invitation = (TeamInvitation.objects.select_for_update()
                      .select_related("operator").filter(token_hash=token_hash(token or ""))
                      .first())
        if invitation is None or not token or not invitation.is_open:
            raise TeamError(TeamErrorCode.INVITATION_INVALID)
        if invitation.expires_at <= now:
            raise TeamError(TeamErrorCode.INVITATION_EXPIRED)
        if normalise_email(user.email) != invitation.email:
            raise TeamError(TeamErrorCode.INVITATION_OTHER_EMAIL)
        operator = invitation.operator
        if invitation.role == Role.MANAGER:
            operator.managers.add(user)
            operator.front_desk.remove(user)
        elif not operator.managers.filter(pk=user.pk).exists():
            operator.front_desk.add(user)
        invitation.accepted_at = now
        invitation.accepted_by = user
        invitation.save(update_fields=["accepted_at", "accepted_by", "updated_at"])
    return invitation


def team_member_remove(*, actor: User, operator: Operator, user_id: int, role: str) -> None:
    """Take someone off the team (`role`: managers or front desk). An operator keeps at least
    one manager, unless the network removes them (an operator leaving the network)."""
    _ensure_may_manage(actor, operator)
    with transaction.atomic():
        Operator.objects.select_for_update().get(pk=operator.pk)  # one removal at a time
        members: Any
        if role == Role.MANAGER:
            members = operator.managers
        elif role == Role.FRONT_DESK:
            members = operator.front_desk
        else:
            raise TeamError(TeamErrorCode.NOT_A_MEMBER)
        if not members.filter(pk=user_id).exists():
            raise TeamError(TeamErrorCode.NOT_A_MEMBER)
        if (role == Role.MANAGER and not actor.is_network_admin
                and operator.managers.count() <= 1):
            raise TeamError(TeamErrorCode.LAST_MANAGER)
        members.remove(user_id)
