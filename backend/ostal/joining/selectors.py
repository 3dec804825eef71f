"""Reads of the joining app: the network's pipeline and the observatory's counts."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Prefetch, QuerySet

from ostal.analytics.privacy import MIN_GROUP_SIZE
from ostal.joining.models import Application, ApplicationMessage, ApplicationNote, Need
from ostal.spaces.departments import DEPARTMENT_CHOICES


def application_list(*, status: str | None = None) -> QuerySet[Application]:
    """The network's list, newest first: one query with the commune and the document count."""
    queryset = Application.objects.select_related("commune").annotate(
        document_count=Count("documents")
    )
    if status:
        queryset = queryset.filter(status=status)
    return queryset


def application_detail(*, pk: int) -> Application:
    """One application with everything the network works with, in a fixed number of queries."""
    return (
        Application.objects.select_related("commune", "operator", "space", "decided_by")
        .prefetch_related(
            "services",
            "documents",
            Prefetch("notes", ApplicationNote.objects.select_related("author")),
            Prefetch("messages", ApplicationMessage.objects.select_related("author")),
        )
        .get(pk=pk)
    )


@dataclass(frozen=True)
class CountGroup:
    key: str
    label: str
    count: int


OTHER_KEY = "other"
OTHER_LABEL = "Autres / Others"


def _publishable_groups(groups: dict[str, set[int]], labels: dict[str, str]) -> list[CountGroup]:
    """Groups of at least MIN_GROUP_SIZE applications as they are; the smaller ones merged into
    "Autres". When that merged group is itself under the minimum, the smallest published group
    joins it, so every figure shown describes at least MIN_GROUP_SIZE applications and none can
    be read back by subtraction. Nothing is shown when there are fewer in all."""
    everyone = set().union(*groups.values()) if groups else set()
    if len(everyone) < MIN_GROUP_SIZE:
        return []
    big = {key: ids for key, ids in groups.items() if len(ids) >= MIN_GROUP_SIZE}
    other = (
        set().union(*(ids for key, ids in groups.items() if key not in big))
        if len(big) < len(groups)
        else set()
    )
    while other and len(other) < MIN_GROUP_SIZE and big:
        smallest = min(big, key=lambda key: (len(big[key]), key))
        other |= big.pop(smallest)
    rows = [
        CountGroup(key, labels.get(key, key), len(ids))
        for key, ids in sorted(big.items(), key=lambda item: (-len(item[1]), item[0]))
    ]
    if other:
        rows.append(CountGroup(OTHER_KEY, OTHER_LABEL, len(other)))
    return rows


@dataclass(frozen=True)
class ApplicationCounts:
    total: int | None
    by_department: list[CountGroup]
    by_stage: list[CountGroup]
    by_need: list[CountGroup]


def application_counts() -> ApplicationCounts:
    """The observatory's counts of applications by department, stage and need (an application
    counts once per need it names). One query; see `_publishable_groups` for the small groups."""
    departments: dict[str, set[int]] = {}
    stages: dict[str, set[int]] = {}
    needs: dict[str, set[int]] = {}
    rows = Application.objects.values_list("pk", "department_code", "stage", "needs")
    for pk, department, stage, wanted in rows:
        departments.setdefault(department, set()).add(pk)
        stages.setdefault(stage, set()).add(pk)
        for need in wanted or []:
            needs.setdefault(need, set()).add(pk)
    total = len(rows)
    department_labels = {code: f"{code} {name}" for code, name in DEPARTMENT_CHOICES}
    stage_labels = {str(value): str(label) for value, label in Application.Stage.choices}
    need_labels = {str(value): str(label) for value, label in Need.choices}
    return ApplicationCounts(
        total=total if total == 0 or total >= MIN_GROUP_SIZE else None,
        by_department=_publishable_groups(departments, department_labels),
        by_stage=_publishable_groups(stages, stage_labels),
        by_need=_publishable_groups(needs, need_labels),
    )
