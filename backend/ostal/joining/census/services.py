"""Census import: upload → check every row (the preview) → apply (create / update places and
operators, invite managers) → report. Files of up to CENSUS_INLINE_ROWS rows are checked and
applied in the request; larger ones by the worker (`joining.census_check`,
`joining.census_apply`), which saves its progress every PROGRESS_EVERY rows.

Applying re-checks each row against the database as it is then (the preview may be old), and
writes each row in its own savepoint: a row refused at that point is reported, the others
go on. A place imported again (same stable key, `CensusKey`) is updated, never duplicated;
imported places start unpublished; a place published since keeps being published."""

from __future__ import annotations

import logging
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from ostal.accounts.models import User
from ostal.joining.census.checks import CensusContext, RowCheck, row_check
from ostal.joining.census.readers import CensusFileError, format_of, read_rows
from ostal.joining.errors import JoiningError, JoiningErrorCode
from ostal.joining.invitations import managers_invite
from ostal.joining.models import CensusImport, CensusKey
from ostal.joining.services import setting_for, unique_slug, vat_status_for
from ostal.notifications.nudge import send_task
from ostal.spaces.models import Operator, Space
from ostal.spaces.services import space_create, space_update
from ostal.teams.models import TeamInvitation

logger = logging.getLogger(__name__)

CHECK_TASK = "joining.census_check"
APPLY_TASK = "joining.census_apply"
PROGRESS_EVERY = 50


def _enqueue_after_commit(task: str, census_id: int) -> None:
    transaction.on_commit(lambda: send_task(task, census_id))


def census_import_create(*, actor: User, name: str, data: bytes) -> CensusImport:
    """Store the file and check it (now, or in the worker when it is large). A file that
    cannot be read at all is refused with a field error and nothing is stored."""
    file_format = format_of(name)
    if file_format is None:
        raise JoiningError(JoiningErrorCode.CENSUS_FILE_INVALID, reason="format non reconnu",
                           reason_en="unknown format", fields={"file": [
                               "Formats acceptés : CSV, XLSX, GeoJSON. / Accepted formats: "
                               "CSV, XLSX, GeoJSON."]})
    try:
        rows = read_rows(data, file_format)
    except CensusFileError as error:
        raise JoiningError(JoiningErrorCode.CENSUS_FILE_INVALID, reason=str(error),
                           reason_en=str(error), fields={"file": [str(error)]}) from error
    if not rows:
        raise JoiningError(JoiningErrorCode.CENSUS_FILE_INVALID, reason="aucune ligne",
                           reason_en="no row", fields={"file": [
                               "Aucune ligne à importer. / No row to import."]})
    census = CensusImport.objects.create(
        uploaded_by=actor, original_name=name[:200], format=file_format,
        file=ContentFile(data, name=name), rows_total=len(rows))
    if len(rows) <= settings.CENSUS_INLINE_ROWS:
        census_check(census_id=census.pk, rows=rows)
        census.refresh_from_db()
    else:
        _enqueue_after_commit(CHECK_TASK, census.pk)
    return census


def _load_rows(census: CensusImport) -> list[dict[str, str]]:
    with census.file.open("rb") as handle:
        return read_rows(handle.read(), census.format)


def _check_all(rows: list[dict[str, str]], *, on_progress: Any = None) -> list[RowCheck]:
    context = CensusContext.load()
    seen: dict[str, int] = {}
    checks = []
    for index, row in enumerate(rows):
        checks.append(row_check(index + 2, row, context, seen))
        if on_progress and (index + 1) % PROGRESS_EVERY == 0:
            on_progress(index + 1)
    return checks


def _counts(reports: list[dict[str, Any]]) -> dict[str, int]:
    return {f"{action}_count": sum(1 for report in reports if report["action"] == verb)
            for action, verb in (("created", "create"), ("updated", "update"),
                                 ("refused", "refuse"))}


def census_check(*, census_id: int, rows: list[dict[str, str]] | None = None) -> CensusImport:
    """The preview: what each row would do, and why a row would be refused."""
    census = CensusImport.objects.get(pk=census_id)
    try:
        rows = rows if rows is not None else _load_rows(census)
    except CensusFileError as error:
        CensusImport.objects.filter(pk=census_id).update(status=CensusImport.Status.FAILED,
                                                        error=str(error)[:500])
        return census

    def progress(done: int) -> None:
        CensusImport.objects.filter(pk=census_id).update(rows_done=done)

    reports = [check.report() for check in _check_all(rows, on_progress=progress)]
    CensusImport.objects.filter(pk=census_id, status=CensusImport.Status.CHECKING).update(
        status=CensusImport.Status.CHECKED, rows=reports, rows_done=len(rows),
        **_counts(reports))
    census.refresh_from_db()
    return census


def census_import_apply(*, census: CensusImport, actor: User) -> CensusImport:
    """Start applying a checked import (claimed by a conditional UPDATE: applying twice, or
    two admins at once, applies it once)."""
    claimed = CensusImport.objects.filter(pk=census.pk, status=CensusImport.Status.CHECKED
                                          ).update(status=CensusImport.Status.APPLYING,
                                                   rows_done=0)
    if not claimed:
        raise JoiningError(JoiningErrorCode.CENSUS_NOT_CHECKED, fields={"status": [
            "Cet import n'est pas prêt à être appliqué. / This import is not ready to apply."]})
    if census.rows_total <= settings.CENSUS_INLINE_ROWS:
        census_apply(census_id=census.pk, actor_id=actor.pk)
    else:
        _enqueue_after_commit(APPLY_TASK, census.pk)
    census.refresh_from_db()
    return census


def _operator_for(check: RowCheck) -> Operator:
    values = check.values
    operator: Operator | None = values["operator"]
    if operator is not None:
        return operator
    operator = Operator(name=values["structure"], legal_form=values["legal_form"],
                        carrier_kind=values["carrier_kind"], siret=values["siret"],
                        vat_status=vat_status_for(values["legal_form"], values["carrier_kind"]))
    operator.full_clean()
    operator.save()
    return operator


def _place_fields(check: RowCheck, operator: Operator) -> dict[str, Any]:
    values = check.values
    return {"operator": operator, "name": values["lieu"], "kind": values["kind"],
            "commune": values["commune"], "latitude": values["latitude"],
            "longitude": values["longitude"], "address": values["address"],
            "postal_code": values["postal_code"], "email": values["email"],
            "phone": values["phone"], "website": values["website"],
            "services": values["services"]}


def _invite_new_managers(operator: Operator, emails: list[str], actor: User) -> None:
    """Invite the addresses that are neither managers nor invited yet (a second import does
    not mail everyone again)."""
    managers = set(operator.managers.values_list("email", flat=True))
    invited = set(TeamInvitation.objects.filter(
        operator=operator, role=TeamInvitation.Role.MANAGER, accepted_at__isnull=True,
        revoked_at__isnull=True).values_list("email", flat=True))
    fresh = [email for email in emails if email not in managers and email not in invited]
    if fresh:
        managers_invite(operator=operator, emails=fresh, invited_by=actor)


def _apply_row(check: RowCheck, census: CensusImport, actor: User) -> None:
    operator = _operator_for(check)
    if check.action == "update" and check.space_id is not None:
        space = Space.objects.get(pk=check.space_id)
        space_update(actor=actor, space=space, data=_place_fields(check, operator))
    else:
        fields = _place_fields(check, operator)
        fields.update(slug=unique_slug(check.values["lieu"]), is_published=False,
                      setting=setting_for(check.values["commune"]))
        space = space_create(actor=actor, data=fields)
    CensusKey.objects.update_or_create(key=check.key, defaults={"space": space,
                                                                "last_import": census})
    check.space_id = space.pk
    _invite_new_managers(operator, check.values["emails"], actor)


def census_apply(*, census_id: int, actor_id: int | None = None) -> CensusImport:
    """Apply a claimed import, row by row; the report replaces the preview."""
    census = CensusImport.objects.get(pk=census_id)
    if census.status != CensusImport.Status.APPLYING:
        return census
    actor_pk = actor_id or census.uploaded_by_id
    if actor_pk is None:  # the admin's account was deleted since: nobody to act for
        CensusImport.objects.filter(pk=census_id).update(
            status=CensusImport.Status.FAILED,
            error="Le compte qui a lancé l'import n'existe plus. / The importing account is gone.")
        census.refresh_from_db()
        return census
    actor = User.objects.get(pk=actor_pk)
    rows = _load_rows(census)
    context = CensusContext.load()
    seen: dict[str, int] = {}
    reports: list[dict[str, Any]] = []
    for index, row in enumerate(rows):
        check = row_check(index + 2, row, context, seen)
        if check.action != "refuse":
            try:
                with transaction.atomic():
                    _apply_row(check, census, actor)
            except Exception as error:  # a row the database refuses is reported, not fatal
                logger.warning("Census row %s refused at apply", check.row, exc_info=True)
                check.action = "refuse"
                check.reasons.append(f"refusé à l'import : {error}. / refused on import.")
            else:
                context.remember(check)
        reports.append(check.report())
        if (index + 1) % PROGRESS_EVERY == 0:
            CensusImport.objects.filter(pk=census_id).update(rows_done=index + 1)
    CensusImport.objects.filter(pk=census_id).update(
        status=CensusImport.Status.APPLIED, rows=reports, rows_done=len(rows),
        applied_at=timezone.now(), **_counts(reports))
    census.refresh_from_db()
    return census
