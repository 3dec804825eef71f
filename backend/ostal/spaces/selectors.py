"""Reads for the directory: what anyone may see of the network's places."""

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Case, Exists, F, OuterRef, Prefetch, Q, QuerySet, Value, When
from django.utils import timezone

from ostal.core.geo import distance_km_expression
from ostal.spaces.folding import Folded, fold
from ostal.spaces.models import (
    Closure,
    Commune,
    ItineraryStop,
    Price,
    Resource,
    Space,
    SpacePhoto,
)
from ostal.spaces.publication import annotate_publication_checks

UPCOMING_STOPS_DAYS = 42


@dataclass(frozen=True)
class DirectoryFilters:
    department: str | None = None
    kind: str | None = None
    setting: str | None = None
    services: list[str] = field(default_factory=list)
    base_set: bool | None = None
    open_on: dt.date | None = None
    accepts_pass: bool | None = None
    text: str | None = None
    near: tuple[float, float] | None = None
    radius_km: float | None = None


def space_list_for_directory(filters: DirectoryFilters) -> QuerySet[Space]:
    """Published places matching `filters`; sorted by distance when a point is given.

    The query count is fixed whatever the number of places: operator and commune are joined,
    services, day prices and the first photo are prefetched once each.
    """
    queryset = (
        Space.objects.published()
        .select_related("operator", "commune")
        .prefetch_related(
            "services",
            Prefetch("prices", queryset=Price.objects.filter(unit=Price.Unit.DAY,
                                                             resource_kind="desk"),
                     to_attr="day_prices"),
            Prefetch("photos", queryset=SpacePhoto.objects.order_by("position", "id"),
                     to_attr="ordered_photos"),
        )
        .annotate_offers_base_set()
    )
    if filters.department:
        stops_there = ItineraryStop.objects.filter(
            space_id=OuterRef("pk"), commune__department_code=filters.department,
            date__gte=timezone.localdate())
        queryset = queryset.filter(Q(department_code=filters.department) | Exists(stops_there))
    if filters.kind:
        queryset = queryset.filter(kind=filters.kind)
    if filters.setting:
        queryset = queryset.filter(setting=filters.setting)
    if filters.services:
        queryset = queryset.with_services(filters.services)
    if filters.base_set is not None:
        queryset = queryset.filter(offers_base_set=filters.base_set)
    if filters.open_on:
        queryset = queryset.open_on(filters.open_on)
    if filters.accepts_pass is not None:
        queryset = queryset.filter(accepts_network_pass=filters.accepts_pass)
    if filters.text:
        for word in filters.text.split():
            queryset = queryset.filter(
                Q(name__icontains=word) | Q(commune__name__icontains=word)
                | Q(operator__name__icontains=word) | Q(description_fr__icontains=word)
                | Q(description_en__icontains=word))
    if filters.near:
        lat, lon = filters.near
        queryset = queryset.annotate(distance_km=distance_km_expression(lat, lon))
        if filters.radius_km is not None:
            queryset = queryset.filter(distance_km__lte=filters.radius_km)
        return queryset.order_by(F("distance_km").asc(), "name")
    return queryset.order_by("name")


def space_get_for_directory(slug: str) -> Space:
    """One published place with everything its public page shows (fixed number of queries)."""
    today = timezone.localdate()
    horizon = today + dt.timedelta(days=UPCOMING_STOPS_DAYS)
    return (
        Space.objects.published()
        .select_related("operator", "commune")
        .prefetch_related(
            "services", "opening_hours", "special_openings", "prices",
            Prefetch("photos", queryset=SpacePhoto.objects.order_by("position", "id"),
                     to_attr="ordered_photos"),
            Prefetch("prices", queryset=Price.objects.filter(unit=Price.Unit.DAY,
                                                             resource_kind="desk"),
                     to_attr="day_prices"),
            Prefetch("closures", queryset=Closure.objects.filter(end_date__gte=today),
                     to_attr="upcoming_closures"),
            Prefetch("resources", queryset=Resource.objects.filter(is_active=True)
                     .order_by("kind", "name"), to_attr="active_resources"),
            Prefetch("stops", queryset=ItineraryStop.objects.filter(
                date__gte=today, date__lte=horizon).select_related("commune"),
                to_attr="upcoming_stops"),
        )
        .annotate_offers_base_set()
        .get(slug=slug)
    )


COMMUNE_SEARCH_LIMIT = 20
_ABBREVIATIONS = {"st": "saint", "ste": "sainte"}


def commune_search_text(text: str) -> str:
    """The search as compared with folded names: folded, single spaces, "st"/"ste" spelled out
    as in official names ("St Gaudens" finds Saint-Gaudens)."""
    return " ".join(_ABBREVIATIONS.get(word, word) for word in (fold(text) or "").split())


def commune_search(text: str, limit: int = COMMUNE_SEARCH_LIMIT) -> QuerySet[Commune]:
    """Communes for the commune search box: accent- and case-insensitive.

    Digits match the start of the INSEE code ("312" → 31 2xx). Words match the start of the
    name ("saint ga" → Saint-Gaudens) or of a later word of it ("gaud" → Saint-Gaudens);
    names starting with the search come first, then the most populous. One query, at most
    `limit` rows. Postcodes are not in the reference data (see docs/architecture.md).
    """
    folded = commune_search_text(text)
    if folded.isdigit():
        return Commune.objects.filter(insee_code__startswith=folded).order_by(
            "-population", "name")[:limit]
    return (
        Commune.objects.annotate(folded_name=Folded(F("name")))
        .filter(Q(folded_name__startswith=folded) | Q(folded_name__contains=f" {folded}"))
        .annotate(is_prefix=Case(When(folded_name__startswith=folded, then=Value(0)),
                                 default=Value(1)))
        .order_by("is_prefix", "-population", "name")[:limit]
    )


def spaces_for_network(*, status: str | None = None,
                       search: str = "") -> QuerySet[Space]:
    """The network's list of places (drafts first, then by name) with what each still lacks:
    one query with operator and commune, whatever the number of places."""
    queryset = Space.objects.select_related("operator", "commune")
    if status == "draft":
        queryset = queryset.filter(is_published=False)
    elif status == "published":
        queryset = queryset.filter(is_published=True)
    if search:
        queryset = queryset.filter(Q(name__icontains=search)
                                   | Q(operator__name__icontains=search)
                                   | Q(commune__name__icontains=search))
    return annotate_publication_checks(queryset).order_by("is_published", "name", "id")
