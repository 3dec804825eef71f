"""Calendar feeds (secret subscription addresses) and external calendars imported as blocks.

A feed is addressed by a token that is shown once and stored only as its SHA-256: a database
leak does not leak subscription addresses, and a lost address is replaced, never recovered
(`calendar_feed_regenerate`). Imported calendars write `ResourceBlock` rows through the
booking engine's services; a block belongs to a calendar through its `external_uid` prefix
(see `ostal.calendars.importer.block_uid`).
"""

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ostal.core.models import BaseModel
from ostal.spaces.models import Resource, Space


class CalendarFeed(BaseModel):
    """A private iCalendar subscription: all of a member's bookings (`member`), or the
    occupancy of a place (`space`) or of one resource (`resource`) for its managers.

    Access is re-checked on every request (a manager who lost the place gets a 404), so the
    row is not a grant: it only names what to show to whom."""

    class Kind(models.TextChoices):
        MEMBER = "member", _("mes réservations")
        SPACE = "space", _("occupation d'un lieu")
        RESOURCE = "resource", _("occupation d'une ressource")

    kind = models.CharField(max_length=10, choices=Kind.choices)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                              related_name="calendar_feeds")
    space = models.ForeignKey(Space, on_delete=models.CASCADE, null=True, blank=True,
                              related_name="calendar_feeds")
    resource = models.ForeignKey(Resource, on_delete=models.CASCADE, null=True, blank=True,
                                 related_name="calendar_feeds")
    token_hash = models.CharField(max_length=64, unique=True, editable=False,
                                  help_text=_("SHA-256 du jeton ; le jeton n'est jamais stocké."))
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "flux d'agenda"
        verbose_name_plural = "flux d'agenda"
        ordering = ("created_at", "id")
        indexes = [models.Index(fields=["owner", "revoked_at"], name="calendar_feed_owner")]
        constraints = [
            models.CheckConstraint(
                condition=(Q(kind="member", space__isnull=True, resource__isnull=True)
                           | Q(kind="space", space__isnull=False, resource__isnull=True)
                           | Q(kind="resource", space__isnull=False, resource__isnull=False)),
                name="calendar_feed_scope_matches_kind"),
        ]

    def __str__(self) -> str:
        return f"feed {self.pk} ({self.kind}) of {self.owner_id}"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None


class ExternalCalendar(BaseModel):
    """An outside calendar (room bookings made elsewhere, the town hall's closures) imported
    periodically as blocked times of one resource, or of every active resource of the place
    when `resource` is empty.

    `next_sync_at` is the due time the periodic task claims rows by; `etag`/`last_modified`
    make the next fetch conditional. The outcome of the last attempt (`sync_status`,
    `last_error*`, `problems`) is what the manager sees; a failed attempt never removes the
    blocks of the previous successful one."""

    class SyncStatus(models.TextChoices):
        NEVER = "never", _("jamais importé")
        OK = "ok", _("importé")
        PARTIAL = "partial", _("importé, avec des événements ignorés")
        ERROR = "error", _("échec")

    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="external_calendars")
    resource = models.ForeignKey(Resource, on_delete=models.CASCADE, null=True, blank=True,
                                 related_name="external_calendars",
                                 help_text=_("Vide : tout le lieu (chaque ressource active)."))
    name = models.CharField(_("nom"), max_length=100)
    url = models.URLField(max_length=2000, help_text=_("Adresse http(s) du fichier .ics."))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="+")
    next_sync_at = models.DateTimeField(null=True, blank=True)
    last_fetched_at = models.DateTimeField(null=True, blank=True)
    last_success_at = models.DateTimeField(null=True, blank=True)
    sync_status = models.CharField(max_length=10, choices=SyncStatus.choices,
                                   default=SyncStatus.NEVER)
    last_error_code = models.CharField(max_length=40, blank=True)
    last_error = models.TextField(blank=True, help_text=_("Message FR / EN."))
    problems = models.JSONField(default=list, blank=True,
                                help_text=_("Événements ignorés au dernier import, et pourquoi."))
    events_imported = models.PositiveIntegerField(default=0)
    consecutive_failures = models.PositiveSmallIntegerField(default=0)
    etag = models.CharField(max_length=200, blank=True)
    last_modified = models.CharField(max_length=100, blank=True)

    ACTIVE_LIMIT_PER_SPACE: ClassVar[int] = 20

    class Meta:
        verbose_name = "agenda externe"
        verbose_name_plural = "agendas externes"
        ordering = ("space_id", "name", "id")
        indexes = [models.Index(fields=["next_sync_at"], name="external_calendar_due")]
        constraints = [
            models.UniqueConstraint(fields=["space", "url"],
                                    name="external_calendar_url_unique_in_space"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.space_id})"
