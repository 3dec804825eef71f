"""Retention periods applied by the worker every night (`privacy.apply_retention`; register of
processing: docs/privacy.md). Each period is a setting; each rule deletes (or empties) only what
is past its period, so a rerun deletes nothing more. Invoices, the credit ledger, settlements
and payments are kept the legal 10 years and are not touched here."""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import asdict, dataclass

from allauth.account.models import EmailAddress
from django.conf import settings
from django.db.models import Exists, OuterRef, ProtectedError
from django.utils import timezone

from ostal.accounts.models import CommuteDeclaration, User
from ostal.analytics.models import SearchLog
from ostal.audit.services import audit_retention_apply
from ostal.bookings.models import Booking
from ostal.employers.models import AdminInvitation, Employment
from ostal.notifications.models import Notification
from ostal.privacy.models import DataExport

logger = logging.getLogger(__name__)


@dataclass
class RetentionResult:
    exports_emptied: int = 0
    admin_invitations: int = 0
    employee_invitations: int = 0
    notifications: int = 0
    search_logs: int = 0
    commute_declarations: int = 0
    unverified_accounts: int = 0
    audit_addresses_cleared: int = 0
    audit_entries: int = 0

    def as_dict(self) -> dict[str, int]:
        return asdict(self)


def _days(name: str) -> dt.timedelta:
    return dt.timedelta(days=int(getattr(settings, name)))


def retention_apply(*, now: dt.datetime | None = None) -> RetentionResult:
    now = now or timezone.now()
    result = RetentionResult()
    result.exports_emptied = (DataExport.objects.filter(expires_at__lte=now)
                              .exclude(status=DataExport.Status.EXPIRED)
                              .update(status=DataExport.Status.EXPIRED, payload=None,
                                      summary=""))
    result.admin_invitations = AdminInvitation.objects.filter(expires_at__lte=now).delete()[0]
    result.employee_invitations = Employment.objects.filter(
        status=Employment.Status.INVITED, user__isnull=True,
        invited_at__lt=now - _days("RETENTION_EMPLOYEE_INVITATION_DAYS")).delete()[0]
    result.notifications = Notification.objects.filter(
        status__in=[Notification.Status.SENT, Notification.Status.FAILED],
        created_at__lt=now - _days("RETENTION_NOTIFICATION_DAYS")).delete()[0]
    result.search_logs = SearchLog.objects.filter(
        created_at__lt=now - _days("RETENTION_SEARCH_LOG_DAYS")).delete()[0]
    recent = Booking.objects.filter(member=OuterRef("user"),
                                    start__gte=now - _days("RETENTION_COMMUTE_DAYS"))
    result.commute_declarations = (CommuteDeclaration.objects
                                   .filter(updated_at__lt=now - _days("RETENTION_COMMUTE_DAYS"))
                                   .exclude(Exists(recent)).delete()[0])
    result.audit_addresses_cleared, result.audit_entries = audit_retention_apply(now=now)
    verified = EmailAddress.objects.filter(user=OuterRef("pk"), verified=True)
    stale = (User.objects.filter(date_joined__lt=now - _days("RETENTION_UNVERIFIED_DAYS"),
                                 last_login__isnull=True, is_staff=False,
                                 is_network_admin=False)
             .exclude(Exists(verified)))
    for user in stale:
        try:
            user.delete()
        except ProtectedError:  # it holds records the law keeps (bookings, payments): kept
            logger.info("Unverified account %s kept: it holds kept records", user.pk)
            continue
        result.unverified_accounts += 1
    return result
