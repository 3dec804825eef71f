"""Employer accounts: creation, admins, cost centres, policies, employees (invitations, the
join link, leaving).

Access: these services trust their caller to have checked that the actor administers the
employer (ostal.employers.selectors.employers_for / the API's permission); they check
everything that depends on the data (a cost centre of another employer, the last admin...)."""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import secrets
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone

from ostal.accounts.models import User
from ostal.bookings.errors import BookingError
from ostal.bookings.services import booking_cancel
from ostal.employers.errors import EmployerError, EmployerErrorCode
from ostal.employers.models import (
    AdminInvitation,
    CostCentre,
    Employer,
    EmployerBooking,
    Employment,
    Policy,
)
from ostal.memberships.models import CreditAccount
from ostal.spaces.models import Space

logger = logging.getLogger(__name__)

POLICY_FIELDS = ("days_per_week", "days_per_month", "allowed_departments", "max_distance_km",
                 "allowed_weekdays", "allowed_resource_kinds", "secure_places_only",
                 "may_pay_personally", "company_share_percent", "invoice_overage")
EMPLOYER_FIELDS = ("name", "legal_name", "kind", "siret", "vat_number", "address_line1",
                   "address_line2", "postal_code", "city", "invoice_email", "email_domain",
                   "chorus_service_code", "chorus_service_code_required",
                   "chorus_engagement_required")


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _normalise_email(email: str) -> str:
    return email.strip().lower()


# --- the employer ------------------------------------------------------------------------------

@transaction.atomic
def employer_create(*, actor: User, data: dict[str, Any]) -> Employer:
    """A new employer account, with its credit pool, a default policy (everything allowed,
    company pays 100%) and `actor` as its first admin."""
    account = CreditAccount.objects.create(kind=CreditAccount.Kind.EMPLOYER, user=None)
    employer = Employer(credit_account=account,
                        **{key: value for key, value in data.items() if key in EMPLOYER_FIELDS})
    employer.email_domain = employer.email_domain.strip().lower().lstrip("@")
    employer.full_clean()
    employer.save()
    employer.admins.add(actor)
    Policy.objects.create(employer=employer)
    return employer


def employer_update(*, employer: Employer, data: dict[str, Any]) -> Employer:
    for key, value in data.items():
        if key in EMPLOYER_FIELDS:
            setattr(employer, key, value)
    employer.email_domain = employer.email_domain.strip().lower().lstrip("@")
    employer.full_clean()
    employer.save()
    return employer


def _mail_invitation(*, template: str, subject: str, to: str, context: dict[str, Any],
                     what: str) -> None:
    """An invitation mail (text and HTML), French then English: the invitee may have no
    account, hence no chosen language. Called after commit; a failed send is logged and the
    inviter can send it again."""
    message = EmailMultiAlternatives(subject=subject,
                                     body=render_to_string(f"{template}.txt", context), to=[to])
    message.attach_alternative(render_to_string(f"{template}.html", context), "text/html")
    try:
        message.send()
    except Exception:
        logger.warning("Invitation mail failed (%s)", what, exc_info=True)


def _send_admin_invitation(invitation: AdminInvitation, token: str) -> None:
    name = invitation.employer.name
    _mail_invitation(
        template="employers/admin_invitation", to=invitation.email,
        subject=f"Administrer {name} sur Ostal / Administer {name} on Ostal",
        context={"employer": invitation.employer,
                 "url": f"{settings.SITE_URL}/invitation-admin-employeur/{token}",
                 "expires": timezone.localtime(invitation.expires_at).strftime("%d/%m/%Y")},
        what=f"admin invitation {invitation.pk}")


def employer_admin_invite(*, employer: Employer, email: str, invited_by: User,
                          now: dt.datetime | None = None) -> None:
    """Invite `email` to administer `employer`: nobody becomes an admin without accepting.

    Returns nothing on purpose: whether the address has an Ostal account, is already an admin
    or was already invited must not change what the inviter sees (issue 22: an account and
    name oracle). A pending invitation of the same address gets a new link (the old one stops
    working) and a new expiry; an address that is already an admin gets no mail."""
    email = _normalise_email(email)
    now = now or timezone.now()
    if employer.admins.filter(email__iexact=email).exists():
        return
    token = secrets.token_urlsafe(32)
    expires_at = now + dt.timedelta(days=settings.EMPLOYERS_ADMIN_INVITATION_DAYS)
    with transaction.atomic():
        invitation, _ = AdminInvitation.objects.update_or_create(
            employer=employer, email=email,
            defaults={"token_hash": token_hash(token), "invited_by": invited_by,
                      "expires_at": expires_at})
    transaction.on_commit(lambda: _send_admin_invitation(invitation, token))


def employer_admin_invitation_withdraw(*, invitation: AdminInvitation) -> None:
    invitation.delete()


@transaction.atomic
def employer_admin_invitation_accept(*, user: User, token: str,
                                     now: dt.datetime | None = None) -> Employer:
    """The invitee, logged in with the invited address, becomes an admin. An expired or
    unknown link and another account's address are refused and change nothing."""
    now = now or timezone.now()
    invitation = (AdminInvitation.objects.select_for_update().select_related("employer")
                  .filter(token_hash=token_hash(token), expires_at__gt=now).first()
                  if token else None)
    if invitation is None:
        raise EmployerError(EmployerErrorCode.INVITATION_INVALID)
    if _normalise_email(user.email) != invitation.email:
        raise EmployerError(EmployerErrorCode.INVITATION_OTHER_EMAIL)
    employer = invitation.employer
    employer.admins.add(user)
    invitation.delete()
    return employer


@transaction.atomic
def employer_admin_remove(*, employer: Employer, user: User) -> None:
    Employer.objects.select_for_update().get(pk=employer.pk)
    if employer.admins.count() <= 1 and employer.admins.filter(pk=user.pk).exists():
        raise EmployerError(EmployerErrorCode.LAST_ADMIN)
    employer.admins.remove(user)


def join_link_regenerate(*, employer: Employer) -> Employer:
    """A new join link (the old one stops working)."""
    employer.join_token = secrets.token_urlsafe(24)
    employer.save(update_fields=["join_token", "updated_at"])
    return employer


def join_link_close(*, employer: Employer) -> Employer:
    employer.join_token = ""
    employer.save(update_fields=["join_token", "updated_at"])
    return employer


# --- cost centres and policies -----------------------------------------------------------------

def _ensure_own_cost_centre(employer: Employer, cost_centre: CostCentre | None) -> None:
    if cost_centre is not None and cost_centre.employer_id != employer.pk:
        raise EmployerError(EmployerErrorCode.COST_CENTRE_FOREIGN,
                            fields={"cost_centre": ["Centre de coûts inconnu. / "
                                                    "Unknown cost centre."]})


def cost_centre_save(*, employer: Employer, name: str, code: str = "",
                     cost_centre: CostCentre | None = None) -> CostCentre:
    _ensure_own_cost_centre(employer, cost_centre)
    cost_centre = cost_centre or CostCentre(employer=employer)
    cost_centre.name, cost_centre.code = name.strip(), code.strip()
    try:
        with transaction.atomic():
            cost_centre.save()
    except IntegrityError as error:
        raise EmployerError(EmployerErrorCode.COST_CENTRE_FOREIGN, fields={
            "name": ["Un centre de coûts porte déjà ce nom. / A cost centre already has "
                     "this name."]}) from error
    return cost_centre


def cost_centre_delete(*, employer: Employer, cost_centre: CostCentre) -> None:
    """Its employees fall back on the company's default policy; past usage keeps its rows."""
    _ensure_own_cost_centre(employer, cost_centre)
    cost_centre.delete()


def policy_save(*, employer: Employer, data: dict[str, Any],
                cost_centre: CostCentre | None = None,
                allowed_spaces: Iterable[Space] | None = None) -> Policy:
    """Create or replace the policy of `cost_centre` (or the company's default when None).
    Validation of values is the serializer's; this keeps one policy per scope."""
    _ensure_own_cost_centre(employer, cost_centre)
    with transaction.atomic():
        policy = (Policy.objects.select_for_update()
                  .filter(employer=employer, cost_centre=cost_centre).first()
                  or Policy(employer=employer, cost_centre=cost_centre))
        for key in POLICY_FIELDS:
            if key in data:
                setattr(policy, key, data[key])
        policy.save()
        if allowed_spaces is not None:
            policy.allowed_spaces.set(list(allowed_spaces))
    return policy


def policy_delete(*, employer: Employer, cost_centre: CostCentre) -> None:
    """Remove a cost centre's own policy (the company default then applies)."""
    _ensure_own_cost_centre(employer, cost_centre)
    Policy.objects.filter(employer=employer, cost_centre=cost_centre).delete()


# --- employees ---------------------------------------------------------------------------------

def _send_invitation(employment: Employment, token: str) -> None:
    name = employment.employer.name
    _mail_invitation(
        template="employers/invitation", to=employment.email,
        subject=f"{name} vous offre le Pass télétravail / {name} gives you the Pass télétravail",
        context={"employer": employment.employer,
                 "url": f"{settings.SITE_URL}/invitation-employeur/{token}"},
        what=f"employment {employment.pk}")


def employee_invite(*, employer: Employer, email: str, cost_centre: CostCentre | None = None,
                    now: dt.datetime | None = None) -> Employment:
    _ensure_own_cost_centre(employer, cost_centre)
    email = _normalise_email(email)
    token = secrets.token_urlsafe(32)
    try:
        with transaction.atomic():
            employment = Employment.objects.create(
                employer=employer, email=email, cost_centre=cost_centre,
                invitation_token_hash=token_hash(token), invited_at=now or timezone.now())
    except IntegrityError as error:
        raise EmployerError(EmployerErrorCode.ALREADY_INVITED, email=email,
                            fields={"email": [f"{email} : déjà invité(e). / already invited."]}
                            ) from error
    transaction.on_commit(lambda: _send_invitation(employment, token))
    return employment


def employee_invite_again(*, employment: Employment, now: dt.datetime | None = None
                          ) -> Employment:
    """A new invitation link (the previous one stops working), mailed again."""
    if employment.status != Employment.Status.INVITED:
        raise EmployerError(EmployerErrorCode.EMPLOYMENT_NOT_OPEN)
    token = secrets.token_urlsafe(32)
    employment.invitation_token_hash = token_hash(token)
    employment.invited_at = now or timezone.now()
    employment.save(update_fields=["invitation_token_hash", "invited_at", "updated_at"])
    transaction.on_commit(lambda: _send_invitation(employment, token))
    return employment


def _activate(employment: Employment, user: User, now: dt.datetime) -> Employment:
    employment.user = user
    employment.status = Employment.Status.ACTIVE
    employment.joined_at = now
    employment.invitation_token_hash = ""
    try:
        with transaction.atomic():
            employment.save()
    except IntegrityError as error:
        raise EmployerError(EmployerErrorCode.ALREADY_EMPLOYED) from error
    return employment


def invitation_accept(*, user: User, token: str, now: dt.datetime | None = None) -> Employment:
    """The invited person, logged in with the invited address, joins the employer."""
    employment = Employment.objects.select_related("employer").filter(
        invitation_token_hash=token_hash(token), status=Employment.Status.INVITED).first()
    if employment is None or not token:
        raise EmployerError(EmployerErrorCode.INVITATION_INVALID)
    if _normalise_email(user.email) != employment.email:
        raise EmployerError(EmployerErrorCode.INVITATION_OTHER_EMAIL)
    return _activate(employment, user, now or timezone.now())


def join_with_link(*, user: User, token: str, now: dt.datetime | None = None) -> Employment:
    """Join through the employer's link: only addresses of the employer's e-mail domain."""
    employer = Employer.objects.filter(join_token=token).first() if token else None
    if employer is None:
        raise EmployerError(EmployerErrorCode.INVITATION_INVALID)
    email = _normalise_email(user.email)
    if not employer.email_domain or not email.endswith(f"@{employer.email_domain}"):
        raise EmployerError(EmployerErrorCode.JOIN_DOMAIN, domain=employer.email_domain or "?")
    now = now or timezone.now()
    with transaction.atomic():
        invited = (Employment.objects.select_for_update()
                   .filter(employer=employer, email=email, status=Employment.Status.INVITED)
                   .first())
        if Employment.objects.filter(employer=employer, user=user,
                                     status=Employment.Status.ACTIVE).exists():
            raise EmployerError(EmployerErrorCode.ALREADY_EMPLOYED)
        employment = invited or Employment(employer=employer, email=email)
        return _activate(employment, user, now)


def employment_update(*, employment: Employment, cost_centre: CostCentre | None) -> Employment:
    _ensure_own_cost_centre(employment.employer, cost_centre)
    employment.cost_centre = cost_centre
    employment.save(update_fields=["cost_centre", "updated_at"])
    return employment


def employment_end(*, employment: Employment, now: dt.datetime | None = None) -> Employment:
    """The employee leaves (or an invitation is withdrawn). Their future bookings paid by the
    company are cancelled as if they had cancelled them, so the company's credits go back to
    the pool when the place's rules allow it; the days already worked stay on the company's
    usage. Nothing was ever allocated to them, so there is nothing else to give back."""
    now = now or timezone.now()
    with transaction.atomic():
        employment = Employment.objects.select_for_update().get(pk=employment.pk)
        if employment.status == Employment.Status.LEFT:
            raise EmployerError(EmployerErrorCode.EMPLOYMENT_NOT_OPEN)
        employment.status = Employment.Status.LEFT
        employment.left_at = now
        employment.invitation_token_hash = ""
        employment.save(update_fields=["status", "left_at", "invitation_token_hash",
                                       "updated_at"])
    future = (EmployerBooking.objects.select_related("booking", "employment__user")
              .filter(employment=employment, status=EmployerBooking.Status.ACTIVE,
                      booking__start__gt=now))
    for employer_booking in future:
        assert employment.user is not None  # only active employments have bookings
        try:
            booking_cancel(booking=employer_booking.booking, actor=employment.user, now=now)
        except BookingError:  # too late to cancel: that day is used, the company pays it
            continue
    return employment
