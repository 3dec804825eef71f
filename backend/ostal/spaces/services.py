"""Writes on places that carry rules beyond field validation: who may put a place under which
operator, who decides that a place accepts the network pass, the photos of a place, and the
version precondition that keeps two managers from silently overwriting each other.

The management API, the admin or a command call these; serializers only parse.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from itertools import pairwise
from typing import IO, TYPE_CHECKING, Any, TypeVar

from django.db import IntegrityError, models, transaction
from django.db.models import Max
from django.utils import timezone

from ostal.core.errors import DomainError
from ostal.spaces.errors import SpaceConflict, SpaceError, SpaceErrorCode
from ostal.spaces.models import (
    Commune,
    ItineraryStop,
    OpeningHours,
    Operator,
    SecurityVerification,
    Service,
    Space,
    SpacePhoto,
)
from ostal.spaces.photos import MAX_PHOTOS_PER_PLACE, photo_reencode
from ostal.spaces.publication import (
    PublicationRefused,
    annotate_publication_checks,
    ensure_may_publish,
    missing_for_publication,
)

if TYPE_CHECKING:
    from ostal.accounts.models import User


def _ensure_may_write(*, actor: User, space: Space | None, data: dict[str, Any]) -> None:
    """A manager creates and edits places of the operators they manage only (and cannot move
    one to another operator); which places accept the pass is the network's decision (its
    tariff grid is shared), so only a network admin may change `accepts_network_pass`."""
    is_admin = bool(getattr(actor, "is_network_admin", False))
    operator: Operator | None = data.get("operator")
    if operator is not None and not is_admin and not operator.managers.filter(
            pk=actor.pk).exists():
        raise SpaceError(SpaceErrorCode.OPERATOR_NOT_MANAGED)
    if "accepts_network_pass" in data and not is_admin:
        current = space.accepts_network_pass if space is not None else False
        if data["accepts_network_pass"] != current:
            raise SpaceError(SpaceErrorCode.PASS_ACCEPTANCE_BY_NETWORK)
    if "is_published" in data:
        ensure_may_publish(actor=actor, space=space, published=data["is_published"])


def space_create(*, actor: User, data: dict[str, Any]) -> Space:
    """Create a place (with its `services`, if given) after the checks of `_ensure_may_write`.
    A new place is a draft: the network publishes it once complete (`space_set_published`).
    SpaceError (400, on the field) and nothing written when refused."""
    _ensure_may_write(actor=actor, space=None, data=data)
    fields = dict(data)
    services = fields.pop("services", None)
    publish = bool(fields.pop("is_published", False))
    with transaction.atomic():
        space = Space.objects.create(**fields, is_published=False)
        if services is not None:
            space.services.set(services)
        if publish:
            space = space_set_published(actor=actor, space=space, published=True)
    return space


Versioned = TypeVar("Versioned", bound=models.Model)


def version_of(row: models.Model) -> str:
    """The version token of a row the API hands out and expects back: its `updated_at`
    (every save moves it), in ISO 8601 with microseconds."""
    updated_at: dt.datetime = row.updated_at  # type: ignore[attr-defined]
    return updated_at.isoformat()


def lock_at_version(row: Versioned, version: str | None) -> Versioned:
    """Lock `row` (SELECT ... FOR UPDATE, in the caller's transaction) and check that it is
    still at `version`; SpaceConflict (409, carrying the fresh row) when someone saved it in
    between. The lock makes the check and the write one step: two saves with the same version
    are serialized and the second one sees the first one's new `updated_at`.

    `version=None` skips the precondition (the admin, commands, older clients); the SPA always
    sends the version it read.
    """
    locked = type(row)._default_manager.select_for_update().get(pk=row.pk)
    if version is None:
        return locked
    try:
        expected = dt.datetime.fromisoformat(version)
    except ValueError as exc:
        raise SpaceError(SpaceErrorCode.BAD_VERSION) from exc
    if expected != locked.updated_at:  # type: ignore[attr-defined]
        raise SpaceConflict(current=locked)
    return locked


def save_next_version(row: Versioned) -> Versioned:
    """Save a row locked by `lock_at_version` so that its version strictly moves forward: if
    the clock gives the same instant again (two saves in one microsecond, a clock stepped
    back, frozen time in tests), `updated_at` becomes the previous one plus a microsecond."""
    previous: dt.datetime = row.updated_at  # type: ignore[attr-defined]
    row.save()
    if row.updated_at <= previous:  # type: ignore[attr-defined]
        bumped = previous + dt.timedelta(microseconds=1)
        type(row)._default_manager.filter(pk=row.pk).update(updated_at=bumped)
        row.updated_at = bumped  # type: ignore[attr-defined]
    return row


def space_update(*, actor: User, space: Space, data: dict[str, Any],
                 version: str | None = None) -> Space:
    """Change the given fields of a place (and its `services`, if given) after the checks of
    `_ensure_may_write`, if it is still at `version` (see `lock_at_version`: 409 otherwise).
    SpaceError (400, on the field) and nothing written when refused."""
    _ensure_may_write(actor=actor, space=space, data=data)
    fields = dict(data)
    services = fields.pop("services", None)
    publish = fields.pop("is_published", None)
    with transaction.atomic():
        space = lock_at_version(space, version)
        for name, value in fields.items():
            setattr(space, name, value)
        save_next_version(space)
        if services is not None:
            space.services.set(services)
            # a feature no longer declared is no longer verified: declaring it again asks
            # the network to check it again
            SecurityVerification.objects.filter(space=space).exclude(
                service__in=space.services.all()).delete()
        if publish is not None:
            space = space_set_published(actor=actor, space=space, published=publish)
    return space


def space_set_published(*, actor: User, space: Space, published: bool,
                        version: str | None = None) -> Space:
    """Publish (after checking that nothing required is missing: PublicationRefused) or
    unpublish a place, if it is still at `version` (409 otherwise). The row is locked, so the
    check and the write see the same place."""
    ensure_may_publish(actor=actor, space=space, published=published)
    with transaction.atomic():
        locked = lock_at_version(space, version)
        if published:
            checked = annotate_publication_checks(Space.objects.filter(pk=locked.pk)).get()
            missing = missing_for_publication(checked)
            if missing:
                raise PublicationRefused(missing)
        if locked.is_published != published:
            locked.is_published = published
            save_next_version(locked)
    return locked


# --- photos ---------------------------------------------------------------------------------


def space_photo_add(*, space: Space, image: IO[bytes], size: int | None, alt_fr: str,
                    alt_en: str = "") -> SpacePhoto:
    """Add a photo at the end of the place's photos, re-encoded by `photo_reencode` (size,
    type and pixel limits: SpaceError on `image`). At most MAX_PHOTOS_PER_PLACE photos: the
    place row is locked so two uploads at once cannot both take the last slot."""
    content = photo_reencode(image, size=size)
    with transaction.atomic():
        Space.objects.select_for_update().filter(pk=space.pk).get()
        photos = SpacePhoto.objects.filter(space=space)
        if photos.count() >= MAX_PHOTOS_PER_PLACE:
            raise SpaceError(SpaceErrorCode.PHOTO_LIMIT_REACHED)
        last = photos.aggregate(last=Max("position"))["last"]
        photo = SpacePhoto(space=space, alt_fr=alt_fr, alt_en=alt_en,
                           position=0 if last is None else last + 1)
        photo.image.save(content.name or "photo.jpg", content, save=False)
        photo.save()
    return photo


def space_photo_update(*, photo: SpacePhoto, data: dict[str, Any],
                       version: str | None = None) -> SpacePhoto:
    """Change a photo's alternative texts (the picture itself is replaced by adding a new one
    and deleting the old one), if it is still at `version` (409 otherwise)."""
    with transaction.atomic():
        photo = lock_at_version(photo, version)
        for name in ("alt_fr", "alt_en"):
            if name in data:
                setattr(photo, name, data[name])
        save_next_version(photo)
    return photo


def space_photos_reorder(*, space: Space, order: list[int]) -> list[SpacePhoto]:
    """Put the place's photos in the given order (the first one is the place's cover).
    `order` must name every photo of the place exactly once: a list made from a stale page
    (a photo added or removed since) is refused (SpaceError on `order`) rather than leaving a
    photo out. The place row is locked, so two reorders are serialized."""
    with transaction.atomic():
        Space.objects.select_for_update().filter(pk=space.pk).get()
        photos = {p.pk: p for p in SpacePhoto.objects.filter(space=space)}
        if len(order) != len(set(order)) or set(order) != set(photos):
            raise SpaceError(SpaceErrorCode.PHOTO_ORDER_MISMATCH)
        for position, pk in enumerate(order):
            photos[pk].position = position
        SpacePhoto.objects.bulk_update(photos.values(), ["position"])
    return [photos[pk] for pk in order]


def space_photo_delete(*, photo: SpacePhoto) -> None:
    """Remove a photo, and its file once the deletion is committed (a rolled-back deletion
    keeps a file that is still referenced)."""
    storage, name = photo.image.storage, photo.image.name
    with transaction.atomic():
        photo.delete()
        if name:
            transaction.on_commit(lambda: storage.delete(name))


# --- rows of a place: closures, special openings, stops, resources ---------------------------

Row = TypeVar("Row", bound=models.Model)


def space_row_create(*, space: Space, model: type[Row], data: dict[str, Any]) -> Row:
    """Add a row that belongs to `space` (a closure, a special opening, a stop, a resource).
    A unique constraint (one stop a day, a resource name) is SpaceError on `non_field_errors`."""
    row = model(space=space, **data)
    _save_row(row)
    return row


def space_row_update(*, row: Row, data: dict[str, Any], version: str | None = None) -> Row:
    """Change the given fields of a row of a place if it is still at `version` (409 otherwise,
    see `lock_at_version`)."""
    with transaction.atomic():
        row = lock_at_version(row, version)
        for name, value in data.items():
            setattr(row, name, value)
        _save_row(row)
    return row


def _save_row(row: models.Model) -> None:
    try:
        with transaction.atomic():
            if hasattr(row, "updated_at") and row.pk is not None:
                save_next_version(row)
            else:
                row.save()
    except IntegrityError as exc:
        raise SpaceError(SpaceErrorCode.ROW_EXISTS) from exc


def space_row_delete(*, row: models.Model, version: str | None = None) -> None:
    """Remove a row of a place (409 when it changed since `version` was read)."""
    with transaction.atomic():
        lock_at_version(row, version).delete()


def stops_add_week(*, space: Space, dates: list[dt.date], commune: Commune, opens: dt.time,
                   closes: dt.time, location_note: str = "") -> list[ItineraryStop]:
    """Plan the truck's stops for several days at once (a week of its tour): same commune,
    hours and spot each day. All or nothing: a day that already has a stop is refused
    (SpaceError on `dates`) and no stop is created. The stop's point is the commune's centre."""
    if not dates or len(set(dates)) != len(dates) or opens >= closes:
        raise SpaceError(SpaceErrorCode.STOP_DATES_INVALID)
    with transaction.atomic():
        Space.objects.select_for_update().filter(pk=space.pk).get()
        if ItineraryStop.objects.filter(space=space, date__in=dates).exists():
            raise SpaceError(SpaceErrorCode.STOP_DAY_TAKEN)
        stops = [ItineraryStop(space=space, date=day, commune=commune, opens=opens,
                               closes=closes, location_note=location_note,
                               latitude=commune.latitude, longitude=commune.longitude)
                 for day in sorted(dates)]
        return ItineraryStop.objects.bulk_create(stops)


# --- the network's checks: security features, charter ---------------------------------------


def security_verify(*, actor: User, space: Space, service: Service, verified_on: dt.date,
                    note: str = "") -> SecurityVerification:
    """Record that the network checked a security feature the place declares (what the
    employers' "secure places only" policy relies on). Verifying again updates the date and
    note. Refused on `service` when it is not a security feature or not declared, on
    `verified_on` when in the future. The caller checks that `actor` is a network admin."""
    if service.category != Service.Category.SECURITY:
        raise SpaceError(SpaceErrorCode.NOT_A_SECURITY_FEATURE)
    if verified_on > timezone.localdate():
        raise SpaceError(SpaceErrorCode.DATE_IN_FUTURE)
    with transaction.atomic():
        Space.objects.select_for_update().filter(pk=space.pk).get()  # against an undeclare
        if not space.services.filter(pk=service.pk).exists():
            raise SpaceError(SpaceErrorCode.FEATURE_NOT_DECLARED)
        verification, _created = SecurityVerification.objects.update_or_create(
            space=space, service=service,
            defaults={"verified_on": verified_on, "verified_by": actor, "note": note})
    return verification


def security_unverify(*, space: Space, service: Service) -> None:
    """Withdraw the network's verification of a feature (the place still declares it)."""
    SecurityVerification.objects.filter(space=space, service=service).delete()


def charter_record(*, space: Space, version: str, signed_on: dt.date | None,
                   place_version: str | None = None) -> Space:
    """Record the place's adherence to the network's charter (which version, signed when);
    an empty version clears it. 409 when the place changed since `place_version`."""
    if signed_on is not None and signed_on > timezone.localdate():
        raise SpaceError(SpaceErrorCode.CHARTER_DATE_IN_FUTURE)
    with transaction.atomic():
        locked = lock_at_version(space, place_version)
        locked.charter_version = version
        locked.charter_signed_on = signed_on if version else None
        save_next_version(locked)
    return locked


def service_delete(*, service: Service) -> None:
    """Remove a service from the catalogue, only while no place declares it (deleting it would
    silently take it off those places' pages and out of their searches): 400 on `code`
    otherwise; take it out of the base set or rename it instead."""
    with transaction.atomic():
        count = Service.objects.select_for_update().get(pk=service.pk).spaces.count()
        if count:
            message = (f"{count} lieu(x) proposent ce service : il ne peut pas être supprimé. / "
                       f"{count} place(s) offer this service: it cannot be deleted.")
            raise DomainError("service_in_use", message, fields={"code": [message]})
        service.delete()


Weekly = tuple[int, dt.time, dt.time]  # weekday (0 = Monday), opens, closes: local time
MAX_RANGES_PER_DAY = 4


def opening_hours_week(space: Space) -> list[Weekly]:
    return sorted(OpeningHours.objects.filter(space=space)
                  .values_list("weekday", "opens", "closes"))


def opening_hours_version(week: list[Weekly]) -> str:
    """The version of a place's weekly hours: a digest of the ranges themselves (the rows have
    no `updated_at`, and the week is saved as a whole). Two managers editing the same week:
    the second one's save, made from the week before the first's, no longer matches."""
    text = ";".join(f"{day}:{opens:%H:%M}-{closes:%H:%M}" for day, opens, closes in sorted(week))
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def _ensure_week(week: list[Weekly]) -> None:
    by_day: dict[int, list[tuple[dt.time, dt.time]]] = {}
    for day, opens, closes in week:
        if not 0 <= day <= 6 or closes <= opens:
            raise SpaceError(SpaceErrorCode.HOURS_INVALID)
        by_day.setdefault(day, []).append((opens, closes))
    for ranges in by_day.values():
        ranges.sort()
        if len(ranges) > MAX_RANGES_PER_DAY or any(
                later[0] < earlier[1] for earlier, later in pairwise(ranges)):
            raise SpaceError(SpaceErrorCode.HOURS_INVALID)


def opening_hours_set_week(*, space: Space, week: list[Weekly],
                           version: str | None) -> list[Weekly]:
    """Replace the place's weekly hours with `week`, read at `version` (SpaceConflict 409,
    carrying the current week, when someone saved the hours since; None skips the check). The
    place row is locked so that two saves of the week are one after the other. Bookings the
    new hours leave outside are the caller's to handle first (bookings.services.place_changes).
    """
    _ensure_week(week)
    with transaction.atomic():
        Space.objects.select_for_update().filter(pk=space.pk).first()
        current = opening_hours_week(space)
        if version is not None and version != opening_hours_version(current):
            raise SpaceConflict(current=current)
        # Row by row (at most 28), not bulk: the audit trail hears each range removed and added.
        for row in OpeningHours.objects.filter(space=space):
            row.delete()
        for day, opens, closes in sorted(week):
            OpeningHours.objects.create(space=space, weekday=day, opens=opens, closes=closes)
    return sorted(week)
