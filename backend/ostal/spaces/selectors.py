"""Reads for the directory: what anyone may see of the network's places."""

import datetime as dt
import json
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from django.contrib.postgres.expressions import ArraySubquery
from django.db import connection
from django.db.models import (
    Case,
    CharField,
    Exists,
    F,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Cast, JSONObject
from django.utils import timezone

from ostal.core.geo import distance_km_expression
from ostal.spaces.folding import Folded, fold
from ostal.spaces.models import (
    Closure,
    Commune,
    ItineraryStop,
    OpeningHours,
    Price,
    Resource,
    SecurityVerification,
    Service,
    Space,
    SpacePhoto,
    SpecialOpening,
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


def _directory_places(filters: DirectoryFilters) -> QuerySet[Space]:
    """Published places matching `filters`, sorted (by distance when a point is given); no
    related rows loaded: `space_list_for_directory` adds models, `directory_rows` plain rows."""
    queryset = Space.objects.published().annotate_offers_base_set()
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


def _day_prices() -> QuerySet[Price]:
    """The price a directory card shows: a desk for the day."""
    return Price.objects.filter(unit=Price.Unit.DAY, resource_kind="desk")


def _upcoming_closures(today: dt.date) -> QuerySet[Closure]:
    return Closure.objects.filter(end_date__gte=today)


def _upcoming_stops(today: dt.date) -> QuerySet[ItineraryStop]:
    return ItineraryStop.objects.filter(
        date__gte=today, date__lte=today + dt.timedelta(days=UPCOMING_STOPS_DAYS))


def space_list_for_directory(filters: DirectoryFilters) -> QuerySet[Space]:
    """Published places matching `filters` as models; sorted by distance when a point is given.

    The query count is fixed whatever the number of places: operator and commune are joined,
    services, day prices and the first photo are prefetched once each.
    """
    return _directory_places(filters).select_related("operator", "commune").prefetch_related(
        "services",
        Prefetch("prices", queryset=_day_prices(), to_attr="day_prices"),
        Prefetch("photos", queryset=SpacePhoto.objects.order_by("position", "id"),
                 to_attr="ordered_photos"),
    )


def space_get_for_directory(slug: str) -> Space:
    """One published place with everything its public page shows (fixed number of queries)."""
    today = timezone.localdate()
    return (
        Space.objects.published()
        .select_related("operator", "commune")
        .prefetch_related(
            "services", "opening_hours", "special_openings", "prices",
            Prefetch("photos", queryset=SpacePhoto.objects.order_by("position", "id"),
                     to_attr="ordered_photos"),
            Prefetch("prices", queryset=_day_prices(), to_attr="day_prices"),
            Prefetch("closures", queryset=_upcoming_closures(today),
                     to_attr="upcoming_closures"),
            Prefetch("resources", queryset=Resource.objects.filter(is_active=True)
                     .order_by("kind", "name"), to_attr="active_resources"),
            Prefetch("stops", queryset=_upcoming_stops(today).select_related("commune"),
                     to_attr="upcoming_stops"),
        )
        .annotate_offers_base_set()
        .get(slug=slug)
    )


# --- the same reads as plain rows, in one statement (PostgreSQL) --------------------------------
# The directory and the place page are the hottest public reads. As models they cost a query
# per related table and most of their time in building model instances and serializer fields
# (docs/benchmarks/lists.md); here each related list is an ARRAY(SELECT JSONB_BUILD_OBJECT(...))
# column of the place's row, in the related model's own order, ready for
# `ostal.spaces.api.render`. Amounts are read as text ("15.00", as the API writes them).

_CARD_COLUMNS = ("id", "slug", "name", "kind", "setting", "department_code", "latitude",
                 "longitude", "accepts_network_pass", "offers_base_set")
_PAGE_COLUMNS = ("description_fr", "description_en", "address", "postal_code", "email",
                 "phone", "website", "accessibility_fr", "accessibility_en",
                 "wheelchair_accessible", "timezone")


def _rows(queryset: QuerySet[Any], **fields: Any) -> ArraySubquery:
    """The related rows of each place as a list of dicts (keys: `fields`)."""
    return ArraySubquery(queryset.filter(space_id=OuterRef("pk")).values(
        j=JSONObject(**fields)))


def _text(name: str) -> Cast:
    return Cast(name, output_field=CharField())


def _card_columns() -> dict[str, Any]:
    return {
        "operator_name": F("operator__name"), "operator_kind": F("operator__carrier_kind"),
        "commune_insee": F("commune__insee_code"), "commune_name": F("commune__name"),
        "commune_department": F("commune__department_code"),
        "service_codes": ArraySubquery(Service.objects.filter(spaces=OuterRef("pk"))
                                       .values("code")),
        "day_price": _rows(_day_prices(), amount=_text("amount"), currency="currency"),
        "thumbnail": Subquery(SpacePhoto.objects.filter(space_id=OuterRef("pk"))
                              .order_by("position", "id").values("image")[:1]),
    }


def directory_rows(filters: DirectoryFilters) -> QuerySet[Any]:
    """`space_list_for_directory` as plain rows (PostgreSQL only): one statement per page."""
    columns = [*_CARD_COLUMNS, "distance_km"] if filters.near else _CARD_COLUMNS
    return _directory_places(filters).values(*columns, **_card_columns())


def space_page_row(slug: str) -> dict[str, Any] | None:
    """`space_get_for_directory` as one plain row (PostgreSQL only): one statement.

    The statement is compiled once a day (it depends on the date through the upcoming
    closures and stops): compiling its dozen subqueries cost more than running them."""
    sql, params, slug_at = _space_page_statement(timezone.localdate())
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params[:slug_at], slug, *params[slug_at + 1:]])
        row = cursor.fetchone()
        names = [column.name for column in cursor.description or ()]
    if row is None:
        return None
    found = dict(zip(names, row, strict=True))
    for name in _PAGE_JSON_LISTS:  # jsonb comes back as text without the ORM's converters
        found[name] = [json.loads(item) for item in found[name]]
    return found


_PAGE_JSON_LISTS = ("day_price", "photo_rows", "hours_rows", "closure_rows", "special_rows",
                    "resource_rows", "price_rows", "stop_rows")


_SLUG_MARK = "\x00slug"


@lru_cache(maxsize=2)
def _space_page_statement(today: dt.date) -> tuple[str, tuple[Any, ...], int]:
    """The place page's SQL for `today`, its parameters, and where the slug goes in them."""
    queryset = (
        Space.objects.published().annotate_offers_base_set().filter(slug=_SLUG_MARK)
        .values(
            *_CARD_COLUMNS, *_PAGE_COLUMNS, **_card_columns(),
            operator_form=F("operator__legal_form"), operator_website=F("operator__website"),
            photo_rows=_rows(SpacePhoto.objects.order_by("position", "id"), image="image",
                             alt_fr="alt_fr", alt_en="alt_en"),
            hours_rows=_rows(OpeningHours.objects.all(), weekday="weekday", opens="opens",
                             closes="closes"),
            closure_rows=_rows(_upcoming_closures(today), start_date="start_date",
                               end_date="end_date", reason="reason"),
            special_rows=_rows(SpecialOpening.objects.all(), date="date", opens="opens",
                               closes="closes", reason="reason"),
            resource_rows=_rows(Resource.objects.filter(is_active=True).order_by("kind", "name"),
                                id="id", kind="kind", name="name", capacity="capacity"),
            price_rows=_rows(Price.objects.all(), resource_kind="resource_kind", unit="unit",
                             amount=_text("amount"), member_amount=_text("member_amount"),
                             currency="currency"),
            stop_rows=_rows(_upcoming_stops(today), date="date", latitude="latitude",
                            longitude="longitude", opens="opens", closes="closes",
                            location_note="location_note",
                            commune=JSONObject(insee_code="commune__insee_code",
                                               name="commune__name",
                                               department_code="commune__department_code")),
        )
    )[:1]
    sql, params = queryset.query.sql_with_params()
    return sql, tuple(params), params.index(_SLUG_MARK)


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


def security_features(*, status: str | None = None, space: Space | None = None) -> QuerySet[Any]:
    """Security features declared by places (rows of the place-service table, `security`
    category), each with the network's verification if any (`verified_on`, `verified_by_email`,
    `note`: None when not verified); `status` "to_verify" or "verified" filters. Not verified
    first, then by place. One query, place, operator, commune and service joined."""
    through = Space.services.through
    verification = SecurityVerification.objects.filter(space_id=OuterRef("space_id"),
                                                       service_id=OuterRef("service_id"))
    queryset: QuerySet[Any] = (through.objects.filter(service__category=Service.Category.SECURITY)
                .select_related("space__operator", "space__commune", "service")
                .annotate(verified_on=Subquery(verification.values("verified_on")[:1]),
                          verified_by_email=Subquery(
                              verification.values("verified_by__email")[:1]),
                          note=Subquery(verification.values("note")[:1])))
    if space is not None:
        queryset = queryset.filter(space=space)
    if status == "to_verify":
        queryset = queryset.filter(verified_on__isnull=True)
    elif status == "verified":
        queryset = queryset.filter(verified_on__isnull=False)
    return queryset.order_by(F("verified_on").asc(nulls_first=True), "space__name",
                             "service__position", "id")


def verified_security_codes(space: Space) -> set[str]:
    """Codes of the security features the place declares and the network verified."""
    return set(SecurityVerification.objects.filter(
        space=space, service__in=space.services.all()).values_list("service__code", flat=True))

