"""Reads for the directory: what anyone may see of the network's places."""

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Exists, F, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from ostal.core.geo import distance_km_expression
from ostal.spaces.models import (
    Closure,
    Commune,
    ItineraryStop,
    Price,
    Resource,
    Space,
    SpacePhoto,
)

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


def commune_search(text: str, limit: int = 20) -> QuerySet[Commune]:
    """Communes whose name starts with (then contains) `text`, most populous first."""
    text = text.strip()
    return (Commune.objects.filter(name__icontains=text)
            .order_by("-population", "name")[:limit])
