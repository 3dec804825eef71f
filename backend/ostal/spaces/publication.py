"""Publishing a place: the network's decision, once the place says what a visitor needs.

A draft place (created by a manager, imported from the census, drafted from an accepted
application) and its photos stay out of the public directory until a network admin publishes
it; publishing is refused while something a visitor needs is missing, and the refusal names
each missing item on its field (400), like a form. Unpublishing takes a place (and its photos)
out of the directory at once; bookings already made stay (the place still runs them).

What is required is written once, here: `annotate_publication_checks` computes it for many
places in the same query (the network's lists), `missing_for_publication` reads it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone

from ostal.core.errors import DomainError
from ostal.spaces.models import (
    ItineraryStop,
    OpeningHours,
    Price,
    Resource,
    Space,
    SpacePhoto,
)

if TYPE_CHECKING:
    from ostal.accounts.models import User


@dataclass(frozen=True)
class Requirement:
    field: str  # the field of the place (or of its section in /gestion/lieu) it concerns
    message: str  # FR / EN, said to the network admin and to the place's managers


DESCRIPTION = Requirement("description_fr", "Une description en français. / "
                                            "A description in French.")
ADDRESS = Requirement("address", "Une adresse. / An address.")
CONTACT = Requirement("email", "Un e-mail ou un téléphone de contact. / "
                               "A contact e-mail or phone.")
ACCESSIBILITY = Requirement("accessibility_fr", "Les informations d'accessibilité (en français). "
                                                "/ Accessibility information (in French).")
RESOURCES = Requirement("resources", "Au moins une ressource active (poste, salle...). / "
                                     "At least one active resource (desk, room...).")
PRICES = Requirement("prices", "Un prix pour chaque type de ressource active. / "
                               "A price for each kind of active resource.")
HOURS = Requirement("opening_hours", "Des horaires d'ouverture. / Opening hours.")
STOPS = Requirement("stops", "Au moins un arrêt à venir de la tournée. / "
                             "At least one upcoming stop of the tour.")
PHOTO = Requirement("photos", "Au moins une photo. / At least one photo.")


def annotate_publication_checks(queryset: QuerySet[Space],
                                today: dt.date | None = None) -> QuerySet[Space]:
    """Each place with `has_*` booleans (correlated EXISTS, no extra query per place) that
    `missing_for_publication` reads."""
    day = today or timezone.localdate()
    active = Resource.objects.filter(space_id=OuterRef("pk"), is_active=True)
    priced = Price.objects.filter(space_id=OuterRef("space_id"),
                                  resource_kind=OuterRef("kind"))
    return queryset.annotate(
        has_active_resource=Exists(active),
        has_unpriced_kind=Exists(active.exclude(Exists(priced))),
        has_hours=Exists(OpeningHours.objects.filter(space_id=OuterRef("pk"))),
        has_upcoming_stop=Exists(ItineraryStop.objects.filter(space_id=OuterRef("pk"),
                                                              date__gte=day)),
        has_photo=Exists(SpacePhoto.objects.filter(space_id=OuterRef("pk"))),
    )


def missing_for_publication(space: Space) -> list[Requirement]:
    """What the place still lacks before it can be published (empty: ready). `space` comes from
    `annotate_publication_checks`."""
    missing: list[Requirement] = []
    if not space.description_fr.strip():
        missing.append(DESCRIPTION)
    if not space.is_itinerant and not space.address.strip():
        missing.append(ADDRESS)
    if not (space.email.strip() or space.phone.strip()):
        missing.append(CONTACT)
    if not space.accessibility_fr.strip():
        missing.append(ACCESSIBILITY)
    if not space.has_active_resource:  # type: ignore[attr-defined]
        missing.append(RESOURCES)
    elif space.has_unpriced_kind:  # type: ignore[attr-defined]
        missing.append(PRICES)
    if space.is_itinerant:
        if not space.has_upcoming_stop:  # type: ignore[attr-defined]
            missing.append(STOPS)
    elif not space.has_hours:  # type: ignore[attr-defined]
        missing.append(HOURS)
    if not space.has_photo:  # type: ignore[attr-defined]
        missing.append(PHOTO)
    return missing


class PublicationRefused(DomainError):
    """400: each missing item on its own field, so the SPA lists them and the manager knows
    what to complete."""

    def __init__(self, missing: list[Requirement]) -> None:
        fields: dict[str, list[str]] = {}
        for requirement in missing:
            fields.setdefault(requirement.field, []).append(requirement.message)
        super().__init__(
            "not_publishable",
            "Ce lieu ne peut pas encore être publié : il manque "
            f"{len(missing)} élément(s). / This place cannot be published yet: "
            f"{len(missing)} item(s) missing.",
            fields=fields, http_status=400)
        self.missing = missing


class PublicationByNetwork(DomainError):
    def __init__(self) -> None:
        message = ("Seul le réseau publie ou retire un lieu de l'annuaire. / "
                   "Only the network publishes a place or takes it out of the directory.")
        super().__init__("publication_by_network", message,
                         fields={"is_published": [message]}, http_status=400)


def ensure_may_publish(*, actor: User, space: Space | None, published: bool) -> None:
    """Only a network admin changes whether a place is published (a manager's draft stays a
    draft until the network publishes it)."""
    current = space.is_published if space is not None else False
    if published != current and not getattr(actor, "is_network_admin", False):
        raise PublicationByNetwork
