"""Exports of a person's data (GDPR art. 15 and 20; issue 14), built by the worker.

`export_request` records the request and nudges the worker after commit; the worker's sweep
(`privacy.build_pending_exports`, every minute) finds the same rows if the nudge is lost.
`export_build` claims one export by a conditional UPDATE (a running export whose worker died is
taken over after `EXPORT_LEASE`), writes its sections one by one with the progress, then the
readable summary, and mails the person a link (valid `PRIVACY_EXPORT_DAYS`)."""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone

from ostal.accounts.models import User
from ostal.billing.tasks import enqueue_on_commit
from ostal.core.errors import CatalogueError
from ostal.privacy.models import DataExport
from ostal.privacy.selectors import SECTIONS

logger = logging.getLogger(__name__)

BUILD_TASK = "privacy.build_export"
EXPORT_LEASE = dt.timedelta(minutes=10)


class PrivacyError(CatalogueError):
    catalogue = {
        "export_in_progress": (409, "Un export est déjà en préparation. / An export is "
                                    "already being prepared."),
        "export_not_ready": (409, "Cet export n'est pas encore prêt. / This export is not "
                                  "ready yet."),
        "export_expired": (410, "Ce lien a expiré : demandez un nouvel export. / This link "
                                "has expired: ask for a new export."),
        "erasure_upcoming_booking": (409, "Vous avez une réservation à venir : annulez-la "
                                          "d'abord (le remboursement suit ses conditions). / "
                                          "You have an upcoming booking: cancel it first (its "
                                          "refund follows its terms)."),
        "erasure_open_debt": (409, "Un paiement est en attente ou en retard : réglez-le "
                                   "d'abord. / A payment is pending or overdue: settle it "
                                   "first."),
        "erasure_active_subscription": (409, "Votre abonnement est en cours : résiliez-le "
                                             "d'abord. / Your subscription is running: end it "
                                             "first."),
        "erasure_has_roles": (409, "Vous gérez un lieu, un employeur ou le réseau : "
                                   "transmettez d'abord ce rôle. / You manage a place, an "
                                   "employer or the network: hand this role over first."),
        "erasure_done": (409, "Ce compte est déjà supprimé. / This account is already "
                              "deleted."),
    }


def export_request(*, user: User, now: dt.datetime | None = None) -> DataExport:
    """A new export of everything Ostal holds on `user`; one at a time (409 while one is
    pending or running)."""
    now = now or timezone.now()
    with transaction.atomic():
        User.objects.select_for_update().filter(pk=user.pk).first()  # one request at a time
        if DataExport.objects.filter(user=user, status__in=[DataExport.Status.PENDING,
                                                            DataExport.Status.RUNNING]).exists():
            raise PrivacyError("export_in_progress")
        export = DataExport.objects.create(user=user, requested_at=now)
        enqueue_on_commit(BUILD_TASK, export.pk)
    return export


def _claim(export_id: int, now: dt.datetime) -> bool:
    due = Q(status=DataExport.Status.PENDING) | Q(status=DataExport.Status.RUNNING,
                                                   started_at__lt=now - EXPORT_LEASE)
    return DataExport.objects.filter(due, pk=export_id).update(
        status=DataExport.Status.RUNNING, started_at=now, progress=0) == 1


def export_build(export_id: int, *, now: dt.datetime | None = None) -> bool:
    """Build export `export_id` if it is due (else do nothing: another worker has it, or it is
    done). Returns whether this call built it."""
    now = now or timezone.now()
    if not _claim(export_id, now):
        return False
    export = DataExport.objects.select_related("user").get(pk=export_id)
    try:
        payload: dict[str, object] = {"generated_at": now.isoformat(),
                                      "format": "ostal-export/1"}
        for done, (name, _fr, _en, rows) in enumerate(SECTIONS, start=1):
            payload[name] = rows(export.user)
            DataExport.objects.filter(pk=export.pk).update(
                progress=min(99, done * 100 // len(SECTIONS)))
        summary = render_to_string("privacy/export_summary.txt", {
            "user": export.user, "generated_at": timezone.localtime(now),
            "sections": [(fr, en, len(payload[name]))  # type: ignore[arg-type]
                         for name, fr, en, _ in SECTIONS]})
    except Exception as error:  # recorded; the person can ask again
        logger.exception("Export %s failed", export.pk)
        DataExport.objects.filter(pk=export.pk).update(status=DataExport.Status.FAILED,
                                                       error=repr(error)[:500])
        return True
    expires_at = now + dt.timedelta(days=settings.PRIVACY_EXPORT_DAYS)
    DataExport.objects.filter(pk=export.pk).update(
        status=DataExport.Status.READY, progress=100, payload=payload, summary=summary,
        ready_at=now, expires_at=expires_at)
    export.expires_at = expires_at
    _mail_ready(export)
    return True


def export_build_pending(*, now: dt.datetime | None = None) -> int:
    """The sweep: build every export still waiting (a lost nudge) or abandoned by a dead
    worker. Returns how many this call built."""
    now = now or timezone.now()
    due = (DataExport.objects.filter(Q(status=DataExport.Status.PENDING)
                                     | Q(status=DataExport.Status.RUNNING,
                                         started_at__lt=now - EXPORT_LEASE))
           .order_by("requested_at").values_list("pk", flat=True))
    return sum(export_build(pk, now=now) for pk in list(due))


def _mail_ready(export: DataExport) -> None:
    """The link, French then English (whatever the person's language: a legal notice)."""
    assert export.expires_at is not None
    context = {"user": export.user, "url": f"{settings.SITE_URL}/compte/donnees",
               "expires": timezone.localtime(export.expires_at).strftime("%d/%m/%Y")}
    message = EmailMultiAlternatives(
        subject="Vos données Ostal sont prêtes / Your Ostal data is ready",
        body=render_to_string("privacy/export_ready.txt", context), to=[export.user.email])
    try:
        message.send()
    except Exception:  # the page shows the export ready anyway
        logger.warning("Export ready mail %s failed", export.pk, exc_info=True)


def export_download(*, export: DataExport, now: dt.datetime | None = None) -> DataExport:
    """The owner's export, if ready and not expired (the caller has scoped it to the owner)."""
    now = now or timezone.now()
    if export.status == DataExport.Status.EXPIRED or (
            export.expires_at is not None and export.expires_at <= now):
        raise PrivacyError("export_expired")
    if export.status != DataExport.Status.READY:
        raise PrivacyError("export_not_ready")
    return export
