"""Writes on the audit trail besides the entries themselves: the retention sweep."""

from __future__ import annotations

import datetime as dt

from django.conf import settings

from ostal.audit.models import AUDIT_RETENTION_DAYS, AuditEntry


def audit_retention_apply(*, now: dt.datetime) -> tuple[int, int]:
    """Clear the address of entries older than RETENTION_AUDIT_ADDRESS_DAYS, delete entries
    older than AUDIT_RETENTION_DAYS (the only changes the database allows). Returns
    (addresses cleared, entries deleted); a rerun changes nothing more."""
    cleared = AuditEntry.objects.filter(
        remote_addr__isnull=False,
        timestamp__lt=now - dt.timedelta(days=settings.RETENTION_AUDIT_ADDRESS_DAYS),
    ).update(remote_addr=None, remote_port=None)
    # A day's margin: the database's clock decides, and refuses a row one second too young.
    deleted = AuditEntry.objects.filter(
        timestamp__lt=now - dt.timedelta(days=AUDIT_RETENTION_DAYS + 1)).delete()[0]
    return cleared, deleted
