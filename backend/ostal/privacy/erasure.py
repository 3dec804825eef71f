"""« Supprimer mon compte » (GDPR art. 17; issue 14): a person's data erased or pseudonymised,
what the law keeps kept.

Refused, with the reason, while the account still has something running: an upcoming booking
(cancel it first, with the refund its policy gives), a debt (an unpaid subscription or card
payment), an active subscription (end it first), or a role (managing places, the front desk,
the network, an employer: hand it over first).

Erased (deleted): profile names, the verified addresses (allauth), the commute declaration,
calendar feeds, notification preferences and unsent notifications, waiting-list entries,
data exports, the billing profile; the password becomes unusable (every session stops: Django
checks the password hash in each session) and the account inactive.
Kept under the pseudonym `compte-supprime-<id>@ostal.invalid` (legal obligations, 10 years):
bookings already made, payments, refunds, credit ledger, invoices (their buyer snapshot is the
legal mention at issue, unchanged), settlements, the employer's record of funded days (the
employment is ended: the employer sees the person leave). The audit trail names people by
account id, so it shows the pseudonym too. A confirmation is mailed to the address the account
had, after commit."""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

from allauth.account.models import EmailAddress
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone

from ostal.accounts.models import CommuteDeclaration, User
from ostal.billing.models import BillingProfile, Payment
from ostal.bookings.models import Booking, WaitlistEntry
from ostal.calendars.models import CalendarFeed
from ostal.employers.models import Employment
from ostal.employers.services.employers import employment_end
from ostal.memberships.models import Subscription
from ostal.notifications.models import Notification, NotificationPreference
from ostal.privacy.models import DataExport
from ostal.privacy.services import PrivacyError

logger = logging.getLogger(__name__)

PSEUDONYM_DOMAIN = "ostal.invalid"  # RFC 2606: never deliverable

# Why an erasure is refused, in the order the page lists them (codes in PrivacyError).
REFUSALS = ("erasure_upcoming_booking", "erasure_open_debt", "erasure_active_subscription",
            "erasure_has_roles")


@dataclass(frozen=True)
class ErasureCheck:
    refusals: list[str]

    @property
    def allowed(self) -> bool:
        return not self.refusals


def pseudonym(user: User) -> str:
    return f"compte-supprime-{user.pk}@{PSEUDONYM_DOMAIN}"


def erasure_check(*, user: User, now: dt.datetime | None = None) -> ErasureCheck:
    """What stands in the way of erasing `user`'s account now (empty: nothing)."""
    now = now or timezone.now()
    refusals = []
    if Booking.objects.filter(member=user, status__in=Booking.ACTIVE_STATUSES,
                              end__gt=now).exists():
        refusals.append("erasure_upcoming_booking")
    unpaid = Q(member=user, status__in=[Subscription.Status.PAST_DUE,
                                        Subscription.Status.SUSPENDED])
    if (Subscription.objects.filter(unpaid).exists()
            or Payment.objects.filter(payer=user,
                                      status=Payment.Status.PROCESSING).exists()):
        refusals.append("erasure_open_debt")
    if Subscription.objects.filter(member=user, status__in=[
            Subscription.Status.ACTIVE, Subscription.Status.INCOMPLETE]).exists():
        refusals.append("erasure_active_subscription")
    if (user.is_network_admin or user.is_staff or user.is_superuser
            or user.managed_operators.exists() or user.front_desk_operators.exists()
            or user.administered_employers.exists()):
        refusals.append("erasure_has_roles")
    return ErasureCheck(refusals)


def account_erase(*, user: User, now: dt.datetime | None = None) -> None:
    """Erase `user`'s account (see the module). Raises PrivacyError with the first refusal;
    the user row is locked, so two requests erase once."""
    now = now or timezone.now()
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user.pk)
        if user.email.endswith(f"@{PSEUDONYM_DOMAIN}"):
            raise PrivacyError("erasure_done")
        check = erasure_check(user=user, now=now)
        if not check.allowed:
            raise PrivacyError(check.refusals[0])
        address, first_name = user.email, user.first_name
        for employment in Employment.objects.filter(user=user,
                                                    status__in=Employment.OPEN_STATUSES):
            employment_end(employment=employment, now=now)
        CommuteDeclaration.objects.filter(user=user).delete()
        CalendarFeed.objects.filter(owner=user).delete()
        NotificationPreference.objects.filter(user=user).delete()
        Notification.objects.filter(user=user).exclude(
            status__in=[Notification.Status.SENT, Notification.Status.FAILED]).delete()
        WaitlistEntry.objects.filter(member=user).delete()
        DataExport.objects.filter(user=user).delete()
        BillingProfile.objects.filter(user=user).delete()
        EmailAddress.objects.filter(user=user).delete()
        user.email = pseudonym(user)
        user.first_name = user.last_name = ""
        user.is_active = False
        user.set_unusable_password()
        user.save()
        transaction.on_commit(lambda: _mail_erased(address, first_name))


def _mail_erased(address: str, first_name: str) -> None:
    """French then English (a legal notice), to the address the account had."""
    message = EmailMultiAlternatives(
        subject="Votre compte Ostal est supprimé / Your Ostal account is deleted",
        body=render_to_string("privacy/account_erased.txt", {"first_name": first_name}),
        to=[address])
    try:
        message.send()
    except Exception:  # the erasure stands; the page said so already
        logger.warning("Erasure confirmation mail failed", exc_info=True)
