"""Invitations to an operator's team: managers and front desk.

People are invited, never added (issue 22's rule): an invitation names an e-mail address, not
an account, so inviting answers the same whether the address has an account or not and shows
no one's name. The link mailed to the address carries a random token of which only the SHA-256
is stored; it works once, until `expires_at`, and only for a person logged in with that very
address. Who belongs to the team is kept on the operator (`Operator.managers`,
`Operator.front_desk`); this table is the log of who invited whom, and when it was accepted.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ostal.core.models import BaseModel


class TeamInvitation(BaseModel):
    class Role(models.TextChoices):
        MANAGER = "manager", _("Gestionnaire")
        FRONT_DESK = "front_desk", _("Accueil")

    operator = models.ForeignKey("spaces.Operator", on_delete=models.CASCADE,
                                 related_name="team_invitations")
    email = models.EmailField(_("adresse e-mail"))
    role = models.CharField(max_length=12, choices=Role.choices)
    token_hash = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="+")
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                    null=True, blank=True, related_name="+")
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("-created_at",)
        constraints = [
            # One open invitation per address and role: inviting again renews it.
            models.UniqueConstraint(
                fields=["operator", "email", "role"],
                condition=Q(accepted_at__isnull=True, revoked_at__isnull=True),
                name="one_open_team_invitation"),
        ]

    def __str__(self) -> str:
        return f"{self.email} → {self.operator_id} ({self.role})"

    @property
    def is_open(self) -> bool:
        return self.accepted_at is None and self.revoked_at is None
