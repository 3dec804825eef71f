"""Applications to join the network (places and projects), the network's work on them, and the
messages mailed to the applicant (an outbox: a row written with the change, mailed after commit,
retried by a sweep)."""

from __future__ import annotations

import uuid
from typing import Any, ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ostal.core.models import BaseModel
from ostal.core.validators import validate_siret
from ostal.spaces.models import Commune, Operator, Service, Space


class Need(models.TextChoices):
    """What an applicant asks the network for (the call for projects' list)."""

    FINANCING = "financing", _("Financement")
    ENGINEERING = "engineering", _("Accompagnement / ingénierie")
    PROMOTION = "promotion", _("Promotion")
    NETWORKING = "networking", _("Mise en réseau")
    TRAINING = "training", _("Formation")


class Application(BaseModel):
    """One application to join the network: an existing place or a project."""

    class Status(models.TextChoices):
        NEW = "new", _("Nouveau")
        IN_REVIEW = "in_review", _("En étude")
        ACCEPTED = "accepted", _("Accepté")
        REFUSED = "refused", _("Refusé")

    class ApplicantKind(models.TextChoices):
        EXISTING_PLACE = "existing_place", _("Lieu existant")
        PROJECT = "project", _("Projet")

    class Stage(models.TextChoices):
        CREATION = "creation", _("Création")
        EXTENSION = "extension", _("Extension")

    # The pipeline: nouveau → en étude → accepté / refusé (a new one may be refused at once).
    TRANSITIONS: ClassVar[dict[str, tuple[str, ...]]] = {
        Status.NEW: (Status.IN_REVIEW, Status.REFUSED),
        Status.IN_REVIEW: (Status.ACCEPTED, Status.REFUSED),
        Status.ACCEPTED: (),
        Status.REFUSED: (),
    }

    reference = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.NEW, db_index=True
    )
    applicant_kind = models.CharField(max_length=20, choices=ApplicantKind.choices)
    stage = models.CharField(max_length=10, choices=Stage.choices)
    carrier_name = models.CharField(max_length=200)
    legal_form = models.CharField(max_length=20, choices=Operator.LegalForm.choices)
    carrier_kind = models.CharField(max_length=10, choices=Operator.CarrierKind.choices)
    siret = models.CharField(max_length=14, blank=True, validators=[validate_siret])
    place_name = models.CharField(max_length=200)
    place_kind = models.CharField(max_length=20, choices=Space.Kind.choices)
    commune = models.ForeignKey(Commune, on_delete=models.PROTECT, related_name="+")
    department_code = models.CharField(max_length=3, db_index=True, editable=False)
    services = models.ManyToManyField(Service, related_name="+", blank=True)
    expected_opening = models.DateField(null=True, blank=True)
    needs = models.JSONField(default=list, blank=True)
    description = models.TextField(blank=True)
    contact_name = models.CharField(max_length=150)
    contact_email = models.EmailField()
    contact_phone = models.CharField(max_length=30, blank=True)
    language = models.CharField(max_length=2, default="fr")
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    operator = models.ForeignKey(
        Operator, on_delete=models.SET_NULL, null=True, blank=True, related_name="applications"
    )
    space = models.ForeignKey(
        Space, on_delete=models.SET_NULL, null=True, blank=True, related_name="applications"
    )

    class Meta:
        ordering = ("-created_at", "-id")
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["new", "in_review", "accepted", "refused"]),
                name="application_status_known",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.place_name} ({self.carrier_name})"

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.department_code = self.commune.department_code
        super().save(*args, **kwargs)


def _document_path(instance: ApplicationDocument, filename: str) -> str:
    """A random name: the uploaded name is kept in `original_name`, never in the path."""
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"joining/{instance.application.reference}/{uuid.uuid4().hex}.{extension}"


class ApplicationDocument(BaseModel):
    """A document joined to an application (PDF, PNG or JPEG; checked on upload). Served only
    to network admins through the API, never from a public URL."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="documents")
    file = models.FileField(upload_to=_document_path, max_length=255)
    original_name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=50)
    size = models.PositiveIntegerField()

    class Meta:
        ordering = ("id",)

    def __str__(self) -> str:
        return self.original_name


class ApplicationNote(BaseModel):
    """An internal note of the network on an application (never shown to the applicant)."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    body = models.TextField()

    class Meta:
        ordering = ("created_at", "id")

    def __str__(self) -> str:
        return self.body[:40]


class ApplicationMessage(BaseModel):
    """A message mailed to the applicant (outbox row: pending → sent | failed).

    `kind` says which template frames it (received, in review, accepted, refused, or a free
    message written by the network); the mail is French then English."""

    class Kind(models.TextChoices):
        RECEIVED = "received", _("Accusé de réception")
        IN_REVIEW = "in_review", _("Candidature en étude")
        ACCEPTED = "accepted", _("Candidature acceptée")
        REFUSED = "refused", _("Candidature refusée")
        MESSAGE = "message", _("Message")

    class Status(models.TextChoices):
        PENDING = "pending", _("à envoyer")
        SENT = "sent", _("envoyé")
        FAILED = "failed", _("échec")

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="messages")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    kind = models.CharField(max_length=10, choices=Kind.choices)
    body = models.TextField(blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    sent_at = models.DateTimeField(null=True, blank=True)
    last_error = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ("created_at", "id")
        indexes = [
            models.Index(
                fields=["created_at"],
                condition=Q(status="pending"),
                name="application_message_pending",
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} → {self.application_id} ({self.status})"


def _census_path(instance: CensusImport, filename: str) -> str:
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"joining/census/{uuid.uuid4().hex}.{extension}"


class CensusImport(BaseModel):
    """One file of the existing census (CSV, XLSX or GeoJSON) imported by a network admin.

    uploaded → checking → checked (the preview: what each row would do) → applying → applied;
    `failed` when the file itself cannot be read. Small files are checked and applied in the
    request; larger ones by the worker, which updates `rows_done` as it goes."""

    class Status(models.TextChoices):
        CHECKING = "checking", _("Vérification en cours")
        CHECKED = "checked", _("Vérifié (aperçu)")
        APPLYING = "applying", _("Import en cours")
        APPLIED = "applied", _("Importé")
        FAILED = "failed", _("Échec")

    class Format(models.TextChoices):
        CSV = "csv", "CSV"
        XLSX = "xlsx", "XLSX"
        GEOJSON = "geojson", "GeoJSON"

    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                    null=True, related_name="+")
    file = models.FileField(upload_to=_census_path, max_length=255)
    original_name = models.CharField(max_length=200)
    format = models.CharField(max_length=10, choices=Format.choices)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.CHECKING)
    rows_total = models.PositiveIntegerField(default=0)
    rows_done = models.PositiveIntegerField(default=0)
    # One entry per row: {"row", "key", "action", "place", "reasons", "warnings", "space_id"}.
    rows = models.JSONField(default=list, blank=True)
    error = models.CharField(max_length=500, blank=True)
    created_count = models.PositiveIntegerField(default=0)
    updated_count = models.PositiveIntegerField(default=0)
    refused_count = models.PositiveIntegerField(default=0)
    applied_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("-created_at", "-id")

    def __str__(self) -> str:
        return f"{self.original_name} ({self.status})"


class CensusKey(BaseModel):
    """The stable key of an imported place: the file's own identifier when it has one, else
    SIRET (or operator name) + INSEE code + place name, folded. A second import of the same
    file finds its places here and updates them instead of creating them again."""

    key = models.CharField(max_length=300, unique=True)
    space = models.OneToOneField(Space, on_delete=models.CASCADE, related_name="census_key")
    last_import = models.ForeignKey(CensusImport, on_delete=models.SET_NULL, null=True,
                                    blank=True, related_name="+")

    def __str__(self) -> str:
        return self.key
