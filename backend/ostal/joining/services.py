"""Applications to join the network: submit, work them through the pipeline, accept.

Access: these services trust their caller (the API) to have checked that the actor is a network
admin; they check everything that depends on the data (the pipeline's transitions, a taken
operator name). Every mail to the applicant is an `ApplicationMessage` outbox row written in the
same transaction as the change and mailed after commit (`ostal.joining.outbox`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from ostal.accounts.models import User
from ostal.joining.documents import CheckedDocument
from ostal.joining.errors import JoiningError, JoiningErrorCode
from ostal.joining.invitations import managers_invite
from ostal.joining.models import (
    Application,
    ApplicationDocument,
    ApplicationMessage,
    ApplicationNote,
)
from ostal.joining.outbox import message_enqueue
from ostal.spaces.models import Commune, Operator, Service, Space
from ostal.spaces.services import space_create

STATUS_MESSAGE: dict[str, str] = {
    Application.Status.IN_REVIEW: ApplicationMessage.Kind.IN_REVIEW,
    Application.Status.ACCEPTED: ApplicationMessage.Kind.ACCEPTED,
    Application.Status.REFUSED: ApplicationMessage.Kind.REFUSED,
}


@dataclass
class ApplicationInput:
    applicant_kind: str
    stage: str
    carrier_name: str
    legal_form: str
    carrier_kind: str
    place_name: str
    place_kind: str
    commune: Commune
    contact_name: str
    contact_email: str
    siret: str = ""
    services: list[Service] = field(default_factory=list)
    expected_opening: dt.date | None = None
    needs: list[str] = field(default_factory=list)
    description: str = ""
    contact_phone: str = ""
    language: str = "fr"


@transaction.atomic
def application_submit(
    *, data: ApplicationInput, documents: Iterable[CheckedDocument] = ()
) -> Application:
    """Record an application with its (already checked) documents and queue the
    acknowledgement mail. All or nothing: a failure stores no row and no file reference."""
    values = {key: value for key, value in vars(data).items() if key != "services"}
    values["contact_email"] = values["contact_email"].strip().lower()
    values["needs"] = sorted(set(values["needs"]))
    application = Application(**values)
    application.full_clean()
    application.save()
    application.services.set(data.services)
    for document in documents:
        ApplicationDocument.objects.create(
            application=application,
            file=document.content,
            original_name=document.original_name,
            content_type=document.content_type,
            size=document.size,
        )
    message_enqueue(application=application, kind=ApplicationMessage.Kind.RECEIVED)
    return application


def _locked(application: Application) -> Application:
    return Application.objects.select_for_update().select_related("commune").get(pk=application.pk)


def _ensure_transition(application: Application, target: str) -> None:
    if target not in Application.TRANSITIONS[application.status]:
        raise JoiningError(
            JoiningErrorCode.TRANSITION_NOT_ALLOWED,
            current=Application.Status(application.status).label,
            target=Application.Status(target).label,
            fields={
                "status": [
                    f"« {Application.Status(application.status).label} » → "
                    f"« {Application.Status(target).label} » : transition refusée. / "
                    "transition refused."
                ]
            },
        )


@transaction.atomic
def application_transition(
    *,
    application: Application,
    actor: User,
    status: str,
    message: str = "",
    operator_name: str = "",
    now: dt.datetime | None = None,
) -> Application:
    """Move an application along the pipeline (row locked: two admins deciding at once get
    one decision and one 409). Accepting creates the operator (or reuses the one with the same
    SIRET), drafts the place (unpublished) and invites the contact as its manager. Each step
    mails the applicant, with `message` added when given."""
    application = _locked(application)
    _ensure_transition(application, status)
    if status == Application.Status.ACCEPTED:
        _accept(application, actor=actor, operator_name=operator_name)
    if status in (Application.Status.ACCEPTED, Application.Status.REFUSED):
        application.decided_at = now or timezone.now()
        application.decided_by = actor
    application.status = status
    application.save()
    message_enqueue(
        application=application, kind=STATUS_MESSAGE[status], body=message, author=actor
    )
    return application


def vat_status_for(legal_form: str, carrier_kind: str) -> str:
    if carrier_kind == Operator.CarrierKind.PUBLIC:
        return Operator.VatStatus.PUBLIC_BODY
    if legal_form == Operator.LegalForm.ASSOCIATION:
        return Operator.VatStatus.EXEMPT_ASSOCIATION
    return Operator.VatStatus.REGISTERED


def setting_for(commune: Commune) -> str:
    """A first guess of a drafted place's setting from its commune's population (INSEE's
    urban units are not in our reference data); the managers correct it."""
    if commune.population >= 30_000:
        return Space.Setting.URBAN
    if commune.population >= 5_000:
        return Space.Setting.PERIURBAN
    return Space.Setting.RURAL


def unique_slug(name: str) -> str:
    base = slugify(name)[:200] or "lieu"
    slug, counter = base, 2
    while Space.objects.filter(slug=slug).exists():
        slug, counter = f"{base}-{counter}", counter + 1
    return slug


def _accept(application: Application, *, actor: User, operator_name: str) -> None:
    operator = (
        Operator.objects.filter(siret=application.siret).first() if application.siret else None
    )
    if operator is None:
        name = (operator_name or application.carrier_name).strip()
        if Operator.objects.filter(name__iexact=name).exists():
            raise JoiningError(
                JoiningErrorCode.OPERATOR_NAME_TAKEN,
                fields={
                    "operator_name": [
                        f"« {name} » : une structure porte déjà ce nom. / an operator already has "
                        "this name."
                    ]
                },
            )
        operator = Operator(
            name=name,
            legal_form=application.legal_form,
            carrier_kind=application.carrier_kind,
            siret=application.siret,
            email=application.contact_email,
            phone=application.contact_phone,
            vat_status=vat_status_for(application.legal_form, application.carrier_kind),
        )
        operator.full_clean()
        operator.save()
    commune = application.commune
    space = space_create(
        actor=actor,
        data={
            "operator": operator,
            "name": application.place_name,
            "slug": unique_slug(application.place_name),
            "kind": application.place_kind,
            "setting": setting_for(commune),
            "commune": commune,
            "latitude": commune.latitude,
            "longitude": commune.longitude,
            "email": application.contact_email,
            "phone": application.contact_phone,
            "description_fr": application.description,
            "is_published": False,
            "services": list(application.services.all()),
        },
    )
    application.operator, application.space = operator, space
    managers_invite(operator=operator, emails=[application.contact_email], invited_by=actor)


def application_note_add(*, application: Application, actor: User, body: str) -> ApplicationNote:
    return ApplicationNote.objects.create(application=application, author=actor, body=body.strip())


def application_message_send(
    *, application: Application, actor: User, body: str
) -> ApplicationMessage:
    """A free message from the network to the applicant, mailed after commit."""
    with transaction.atomic():
        return message_enqueue(
            application=application,
            kind=ApplicationMessage.Kind.MESSAGE,
            body=body.strip(),
            author=actor,
        )
