"""Mail to applicants, through an outbox: `message_enqueue` writes the row in the caller's
transaction and nudges the worker after commit; `messages_send_pending` (the task, and a sweep
every few minutes) mails pending rows one by one.

Each row is claimed with SELECT ... FOR UPDATE SKIP LOCKED and marked in the same short
transaction as its SMTP hand-over: two workers never mail the same row; a crash after the
hand-over and before the commit can mail it twice (at-least-once, like notifications, ADR 0007).
Applicants may have no account, hence no chosen language: every mail is French then English."""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from ostal.accounts.models import User
from ostal.joining.models import Application, ApplicationMessage
from ostal.notifications.nudge import send_task

logger = logging.getLogger(__name__)

SEND_TASK = "joining.send_messages"
MAX_ATTEMPTS = 5

SUBJECTS = {
    ApplicationMessage.Kind.RECEIVED: (
        "Nous avons bien reçu votre candidature",
        "We have received your application",
    ),
    ApplicationMessage.Kind.IN_REVIEW: (
        "Votre candidature est à l'étude",
        "Your application is being reviewed",
    ),
    ApplicationMessage.Kind.ACCEPTED: (
        "Bienvenue dans le réseau : candidature acceptée",
        "Welcome to the network: application accepted",
    ),
    ApplicationMessage.Kind.REFUSED: ("Réponse à votre candidature", "Answer to your application"),
    ApplicationMessage.Kind.MESSAGE: (
        "Un message du réseau des tiers-lieux",
        "A message from the network of tiers-lieux",
    ),
}


def message_enqueue(
    *, application: Application, kind: str, body: str = "", author: User | None = None
) -> ApplicationMessage:
    message = ApplicationMessage.objects.create(
        application=application, kind=kind, body=body, author=author
    )
    if settings.NOTIFICATIONS_NUDGE:  # the same switch as the notifications' nudge
        transaction.on_commit(lambda: send_task(SEND_TASK))
    return message


def build_email(message: ApplicationMessage) -> EmailMultiAlternatives:
    application = message.application
    subject_fr, subject_en = SUBJECTS[ApplicationMessage.Kind(message.kind)]
    context = {
        "application": application,
        "message": message,
        "kind": message.kind,
        "site_url": settings.SITE_URL,
    }
    email = EmailMultiAlternatives(
        subject=f"{subject_fr} / {subject_en}",
        body=render_to_string("joining/message.txt", context),
        to=[application.contact_email],
    )
    email.attach_alternative(render_to_string("joining/message.html", context), "text/html")
    return email


def _send_one(message_id: int) -> bool:
    with transaction.atomic():
        message = (
            ApplicationMessage.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("application")
            .filter(pk=message_id, status=ApplicationMessage.Status.PENDING)
            .first()
        )
        if message is None:
            return False
        message.attempts += 1
        try:
            build_email(message).send()
        except Exception as error:  # SMTP refusal or outage: retried by the next sweep
            logger.warning("Mail to applicant (message %s) failed", message.pk, exc_info=True)
            message.last_error = str(error)[:500]
            if message.attempts >= MAX_ATTEMPTS:
                message.status = ApplicationMessage.Status.FAILED
            message.save(update_fields=["attempts", "last_error", "status", "updated_at"])
            return False
        message.status = ApplicationMessage.Status.SENT
        message.sent_at = timezone.now()
        message.save(update_fields=["attempts", "status", "sent_at", "updated_at"])
        return True


def messages_send_pending(*, limit: int = 200) -> int:
    """Mail pending messages, oldest first; returns how many were sent."""
    ids = list(
        ApplicationMessage.objects.filter(status=ApplicationMessage.Status.PENDING)
        .order_by("created_at", "id")
        .values_list("pk", flat=True)[:limit]
    )
    return sum(1 for message_id in ids if _send_one(message_id))
