"""The audit trail (issue 14): who changed what, when and from where, on money, roles, places
and their rules (a place published or not among them), employer policies.

Rows are written by django-auditlog (its model signals, `ostal.audit.registry`), into this
model instead of the library's own (AUDITLOG_LOGENTRY_MODEL): one column more, the operator
an entry belongs to, so that an operator's managers see their own places' entries through an
index and never anyone else's. Append-only: the database refuses to change a row (except
clearing its address, the retention sweep) or to delete one younger than AUDIT_RETENTION_DAYS
(migration 0001's triggers); docs/adr/0020-audit-trail.md."""

from __future__ import annotations

from typing import Any

from auditlog.models import AbstractLogEntry, LogEntryManager
from django.db import models

from ostal.audit.registry import change_objects, entry_fields
from ostal.spaces.models import Operator

# Kept ten years: most entries are about money (prices, refunds, invoices, settlements,
# credits), which accounting law keeps that long (docs/privacy.md). The database triggers
# carry the same figure (migration 0001): change both or neither.
AUDIT_RETENTION_DAYS = 3650


class AuditEntryManager(LogEntryManager):
    """The library's manager, plus the operator of the changed row (`registry.operator_of`)
    and no personal data copied into the entry: the actor is a foreign key (an erased person
    shows under their pseudonym), people in a role list are stored by id."""

    def log_create(self, instance: Any, force_log: bool = False, **kwargs: Any) -> Any:
        for name, value in entry_fields(instance).items():
            kwargs.setdefault(name, value)
        return super().log_create(instance, force_log=force_log, **kwargs)

    def log_m2m_changes(self, changed_queryset: Any, instance: Any, operation: str,
                        field_name: str, **kwargs: Any) -> Any:
        """The library's version, with people named by id (`registry.change_objects`)."""
        if not changed_queryset:
            return None
        kwargs["changes"] = {field_name: {"type": "m2m", "operation": operation,
                                          "objects": change_objects(changed_queryset)}}
        kwargs.setdefault("action", AbstractLogEntry.Action.UPDATE)
        return self.log_create(instance, force_log=True, **kwargs)


class AuditEntry(AbstractLogEntry):
    operator = models.ForeignKey(Operator, on_delete=models.DO_NOTHING, null=True, blank=True,
                                 db_constraint=False, related_name="+",
                                 help_text="The operator whose managers see this entry; "
                                           "none: network admins only.")
    category = models.CharField(max_length=20, db_index=True)

    # No copy of the actor's address (the library's column, removed): the actor is the
    # foreign key, so an erased person shows under their pseudonym.
    actor_email = None

    objects = AuditEntryManager()

    class Meta(AbstractLogEntry.Meta):
        verbose_name = "entrée du journal"
        verbose_name_plural = "journal des modifications"
        indexes = [models.Index(fields=["operator", "-timestamp"], name="audit_operator_time")]
