"""Reads of the audit trail: who may see which entries, and the entries as the journal shows
them (people named by their current name, so an erased person shows under their pseudonym)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import QuerySet

from ostal.accounts.models import User
from ostal.audit.models import AuditEntry

PERSON = re.compile(r"^#(\d+)$")
ACTIONS = {"create": AuditEntry.Action.CREATE, "update": AuditEntry.Action.UPDATE,
           "delete": AuditEntry.Action.DELETE}
ACTION_NAMES = {value: name for name, value in ACTIONS.items()}
ACTION_CHOICES = [(name, name) for name in ACTIONS]


@dataclass(frozen=True)
class AuditFilters:
    category: str = ""
    action: str = ""
    operator_id: int | None = None
    since: dt.date | None = None  # local dates, in the network's time zone, both included
    until: dt.date | None = None


def _local_midnight(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time.min, tzinfo=ZoneInfo(settings.DEFAULT_SPACE_TIMEZONE))


def audit_entries_for(user: User, filters: AuditFilters | None = None) -> QuerySet[AuditEntry]:
    """Entries `user` may read, newest first: every entry for a network admin; the entries of
    the operators they manage for a manager (not the network's own: tariffs, roles of the
    network, employers); nothing for anyone else."""
    filters = filters or AuditFilters()
    entries = (AuditEntry.objects.select_related("actor", "operator", "content_type")
               .order_by("-timestamp", "-id"))
    if not user.is_network_admin:
        entries = entries.filter(operator_id__in=user.managed_operators.values("pk"))
    if filters.category:
        entries = entries.filter(category=filters.category)
    if filters.action:
        entries = entries.filter(action=ACTIONS[filters.action])
    if filters.operator_id is not None:
        entries = entries.filter(operator_id=filters.operator_id)
    if filters.since is not None:
        entries = entries.filter(timestamp__gte=_local_midnight(filters.since))
    if filters.until is not None and filters.until < dt.date.max:
        entries = entries.filter(timestamp__lt=_local_midnight(filters.until + dt.timedelta(1)))
    return entries


def person_name(user: User | None) -> str:
    if user is None:
        return ""
    full = f"{user.first_name} {user.last_name}".strip()
    return f"{full} <{user.email}>" if full else user.email


def _person_ids(entry: AuditEntry) -> set[int]:
    found = set()
    if entry.content_type.model == "user" and (match := PERSON.match(entry.object_repr)):
        found.add(int(match[1]))
    for change in (entry.changes or {}).values():
        if isinstance(change, dict):
            found.update(int(m[1]) for item in change.get("objects", [])
                         if (m := PERSON.match(str(item))))
    return found


def audit_rows(entries: list[AuditEntry], *, show_addresses: bool) -> list[dict[str, Any]]:
    """The entries as the journal shows them; the people they name are read in one query.
    The address an entry came from is shown to network admins only (`show_addresses`)."""
    ids = set().union(*(_person_ids(entry) for entry in entries)) if entries else set()
    people = {user.pk: person_name(user) for user in User.objects.filter(pk__in=ids)}

    def name(value: Any) -> Any:
        match = PERSON.match(str(value))
        return people.get(int(match[1]), str(value)) if match else value

    rows = []
    for entry in entries:
        changes = []
        for field_name, change in (entry.changes or {}).items():
            if isinstance(change, dict):  # many-to-many: who or what was added or removed
                changes.append({"field": field_name, "operation": change.get("operation", ""),
                                "objects": [name(item) for item in change.get("objects", [])],
                                "before": None, "after": None})
            else:
                before, after = (None if value in (None, "None") else str(value)
                                 for value in change)
                changes.append({"field": field_name, "operation": "", "objects": [],
                                "before": before, "after": after})
        rows.append({
            "id": entry.pk, "timestamp": entry.timestamp,
            "action": ACTION_NAMES.get(entry.action, "update"), "category": entry.category,
            "object_type": f"{entry.content_type.app_label}.{entry.content_type.model}",
            "object_id": entry.object_pk, "object": name(entry.object_repr),
            "operator": ({"id": entry.operator.pk, "name": entry.operator.name}
                         if entry.operator_id and entry.operator else None),
            "actor": person_name(entry.actor) or None,
            "remote_addr": entry.remote_addr if show_addresses else None,
            "changes": changes,
        })
    return rows
