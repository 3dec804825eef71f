"""People's rights over their data (GDPR, issue 14): exports of everything Ostal holds on a
person, built by the worker (docs/privacy.md)."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q


class DataExport(models.Model):
    """One export asked for by a person: built by the worker with its progress, kept
    `PRIVACY_EXPORT_DAYS` after it is ready (then its content is deleted by the retention
    sweep), downloadable only by its owner, logged in."""

    class Status(models.TextChoices):
        PENDING = "pending", "en attente"
        RUNNING = "running", "en cours"
        READY = "ready", "prêt"
        FAILED = "failed", "échec"
        EXPIRED = "expired", "expiré"

    reference = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="data_exports")
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.PENDING)
    progress = models.PositiveSmallIntegerField(default=0, help_text="0-100 %")
    requested_at = models.DateTimeField()
    started_at = models.DateTimeField(null=True, blank=True)
    ready_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)
    payload = models.JSONField(null=True, blank=True)
    summary = models.TextField(blank=True)
    error = models.TextField(blank=True)

    class Meta:
        ordering = ("-requested_at", "-id")
        indexes = [models.Index(fields=["status", "started_at"], name="data_export_due",
                                condition=Q(status__in=["pending", "running"]))]

    def __str__(self) -> str:
        return f"export {self.reference} ({self.status})"
