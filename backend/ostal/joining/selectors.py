"""Reads of the joining app: the network's pipeline, the observatory's counts and what waits
for the network (its home page)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Prefetch, QuerySet

from ostal.analytics.privacy import MIN_GROUP_SIZE
from ostal.joining.models import (
    Application,
    ApplicationMessage,
    ApplicationNote,
    CensusImport,
    Need,
)
from ostal.spaces.departments import DEPARTMENT_CHOICES
from ostal.spaces.models import Space
from ostal.spaces.publication import missing_for_publication
from ostal.spaces.selectors import security_features, spaces_for_network


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


INBOX_ROWS = 5


@dataclass(frozen=True)
class NetworkInbox:
    """What waits for the network, for its home page (/reseau)."""

    applications_new: int
    applications_in_review: int
    applications: list[Application]  # the oldest waiting first (new, then in review)
    drafts: int
    drafts_ready: int  # drafts that lack nothing: publishing them is one click
    draft_places: list[Space]  # ready ones first, then by name
    census_waiting: int  # files checked (preview) but not imported yet
    census_imports: list[CensusImport]  # the latest
    security_to_verify: int  # security features places declare, not verified yet
    security_features: list[Any]  # the first of them (rows of `security_features`)
    charter_missing: int  # published places whose charter adherence is not recorded


def network_inbox() -> NetworkInbox:
    """Applications to work, places to publish, census files to finish, security features to
    verify, published places without the charter: a fixed number of
    queries whatever the size of the network (the drafts' missing items in their one query)."""
    waiting = Application.objects.filter(
        status__in=[Application.Status.NEW, Application.Status.IN_REVIEW])
    by_status = dict(waiting.order_by().values("status").annotate(n=Count("pk"))
                     .values_list("status", "n"))
    oldest = list(application_list().filter(pk__in=waiting.values("pk"))
                  .order_by("created_at", "id")[:INBOX_ROWS])
    drafts = list(spaces_for_network(status="draft"))
    ready = [space for space in drafts if not missing_for_publication(space)]
    shown = (ready + [space for space in drafts if missing_for_publication(space)])[:INBOX_ROWS]
    imports = CensusImport.objects.select_related("uploaded_by")
    to_verify = security_features(status="to_verify")
    return NetworkInbox(
        applications_new=by_status.get(Application.Status.NEW, 0),
        applications_in_review=by_status.get(Application.Status.IN_REVIEW, 0),
        applications=oldest,
        drafts=len(drafts),
        drafts_ready=len(ready),
        draft_places=shown,
        census_waiting=imports.filter(status=CensusImport.Status.CHECKED).count(),
        census_imports=list(imports[:INBOX_ROWS]),
        security_to_verify=to_verify.count(),
        security_features=list(to_verify[:INBOX_ROWS]),
        charter_missing=Space.objects.published().filter(charter_version="").count(),
    )
