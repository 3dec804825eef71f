"""Refusals of the team screens: a stable code, an HTTP status, a FR / EN message."""

from enum import StrEnum

from ostal.core.errors import CatalogueError


class TeamErrorCode(StrEnum):
    NOT_ALLOWED = "team_not_allowed"
    INVITATION_INVALID = "team_invitation_invalid"
    INVITATION_EXPIRED = "team_invitation_expired"
    INVITATION_OTHER_EMAIL = "team_invitation_other_email"
    LAST_MANAGER = "team_last_manager"
    NOT_A_MEMBER = "team_not_a_member"


class TeamError(CatalogueError):
    catalogue = {
        TeamErrorCode.NOT_ALLOWED: (
            403, "Seuls les gestionnaires de la structure et le réseau gèrent son équipe. / "
                 "Only the operator's managers and the network manage its team."),
        TeamErrorCode.INVITATION_INVALID: (
            400, "Ce lien d'invitation n'est pas valable (déjà utilisé ou retiré). / "
                 "This invitation link is not valid (already used or withdrawn)."),
        TeamErrorCode.INVITATION_EXPIRED: (
            400, "Cette invitation a expiré : demandez-en une nouvelle. / "
                 "This invitation has expired: ask for a new one."),
        TeamErrorCode.INVITATION_OTHER_EMAIL: (
            403, "Cette invitation a été envoyée à une autre adresse : connectez-vous avec "
                 "l'adresse qui l'a reçue. / This invitation was sent to another address: log "
                 "in with the address that received it."),
        TeamErrorCode.LAST_MANAGER: (
            400, "Une structure garde au moins un gestionnaire. / An operator keeps at least "
                 "one manager."),
        TeamErrorCode.NOT_A_MEMBER: (
            404, "Cette personne ne fait pas partie de l'équipe. / This person is not in the "
                 "team."),
    }
