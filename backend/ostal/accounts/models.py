from typing import Any, ClassVar

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **extra: Any) -> "User":
        if not email:
            raise ValueError("An email address is required")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **extra: Any) -> "User":
        extra.update(is_staff=True, is_superuser=True, is_network_admin=True)
        return self.create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    """A person. Logs in with an e-mail address; roles come from flags and relations:

    - network admin: `is_network_admin` (the regional association's staff);
    - manager: member of an Operator's `managers` (spaces app);
    - employer admin / employee: employers app (later).
    """

    class Language(models.TextChoices):
        FRENCH = "fr", "Français"
        ENGLISH = "en", "English"

    email = models.EmailField(_("adresse e-mail"), unique=True)
    first_name = models.CharField(_("prénom"), max_length=150, blank=True)
    last_name = models.CharField(_("nom"), max_length=150, blank=True)
    language = models.CharField(max_length=2, choices=Language.choices, default=Language.FRENCH)
    is_network_admin = models.BooleanField(
        _("administrateur du réseau"), default=False,
        help_text=_("Gère les structures, les lieux, les services et le socle de base."))
    is_staff = models.BooleanField(_("accès à l'administration"), default=False)
    is_active = models.BooleanField(default=True)
    date_joined = models.DateTimeField(default=timezone.now)

    objects: ClassVar[UserManager] = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    class Meta:
        verbose_name = _("utilisateur")
        verbose_name_plural = _("utilisateurs")

    def __str__(self) -> str:
        return self.email


class CommuteDeclaration(models.Model):
    """What a member chose to declare about their commute: the commune they live in and the
    commune of their usual workplace — communes only, never an address. Used only for the
    network's and employers' aggregated "commute and CO2 avoided" figures (at least 5 people
    per figure, docs/analytics-method.md). Both empty = no declaration; erased with the user."""

    user = models.OneToOneField("accounts.User", on_delete=models.CASCADE,
                                related_name="commute_declaration")
    home_commune = models.ForeignKey("spaces.Commune", on_delete=models.PROTECT, null=True,
                                     blank=True, related_name="+")
    workplace_commune = models.ForeignKey("spaces.Commune", on_delete=models.PROTECT,
                                          null=True, blank=True, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("déclaration de trajet domicile-travail")

    def __str__(self) -> str:
        return f"{self.user_id}: {self.home_commune_id} → {self.workplace_commune_id}"
