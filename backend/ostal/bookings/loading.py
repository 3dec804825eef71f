"""Everything the booking of one place on one date reads before its transaction, in one query.

A booking needs the place (with its commune, for the answer), the policy of the resource kind,
the hours of that date (weekly hours of the weekday, exceptional hours, a closure, the
itinerary stop) and the largest active resource of the kind (NO_RESOURCE / OVER_CAPACITY).
On PostgreSQL these come back as one row (one statement written once from the models'
metadata, its subqueries aggregated with ARRAY and JSON); on
SQLite, the embedded default, from the usual queries (`SpaceSchedule.load`, `policy_for`).

None of this needs a lock: hours and policies are read before the booking transaction today
too, and the rows that must not change under a booking (the resource, the member's bookings)
are locked and re-read inside it (`ostal.bookings.services.engine`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from django.db import connection
from django.db.models import Field, Max, Model

from ostal.bookings.locks import is_postgres
from ostal.bookings.models import BookingPolicy
from ostal.bookings.policies import POLICY_FIELDS, Policy, default_policy, policy_for
from ostal.bookings.schedule import SpaceSchedule
from ostal.spaces.models import (
    Closure,
    Commune,
    ItineraryStop,
    OpeningHours,
    Resource,
    Space,
    SpecialOpening,
)


@dataclass(frozen=True)
class PlaceDay:
    space: Space  # its commune joined
    policy: Policy
    schedule: SpaceSchedule  # holds the hours of `date` only
    capacity: int | None  # the largest active resource of the kind; None: the place has none


def place_day_load(*, slug: str, resource_kind: str, date: dt.date) -> PlaceDay | None:
    """The published place `slug` ready to book `resource_kind` on local `date`; None if no
    such published place."""
    if not is_postgres():
        space = Space.objects.published().select_related("commune").filter(slug=slug).first()
        if space is None:
            return None
        capacity = (Resource.objects.filter(space=space, kind=resource_kind, is_active=True)
                    .aggregate(m=Max("capacity"))["m"])
        return PlaceDay(space, policy_for(space.pk, resource_kind),
                        SpaceSchedule.load(space, date, date), capacity)
    with connection.cursor() as cursor:
        cursor.execute(_place_day_sql(), {"slug": slug, "kind": resource_kind, "date": date,
                                          "weekday": date.weekday()})
        found = cursor.fetchone()
    if found is None:
        return None
    space_fields, commune_fields = _columns(Space), _columns(Commune)
    space = Space.from_db("default", [f.attname for f in space_fields],
                          found[:len(space_fields)])
    rest = found[len(space_fields):]
    if rest[0] is not None:  # the commune, joined
        space.commune = Commune.from_db("default", [f.attname for f in commune_fields],
                                        rest[:len(commune_fields)])
    row = _Extras(*rest[len(commune_fields):])
    policy = (Policy(**row.kind_policy, is_default=False) if row.kind_policy is not None
              else default_policy(resource_kind))
    schedule = SpaceSchedule(
        space,
        weekly=[(date.weekday(), _time(w["o"]), _time(w["c"])) for w in row.day_weekly],
        specials=[(date, _time(w["o"]), _time(w["c"])) for w in row.day_specials],
        closures=[(date, date)] if row.day_closed else [],
        stops=[ItineraryStop(id=s["id"], space=space, date=date, commune_id=s["commune"],
                             opens=_time(s["o"]), closes=_time(s["c"]))
               for s in row.day_stops] if space.is_itinerant else [])
    return PlaceDay(space, policy, schedule, row.kind_capacity)


def _time(value: str) -> dt.time:
    return dt.time.fromisoformat(value)


@dataclass(frozen=True)
class _Extras:
    day_weekly: list[dict[str, Any]]
    day_specials: list[dict[str, Any]]
    day_closed: bool
    day_stops: list[dict[str, Any]]
    kind_policy: dict[str, Any] | None
    kind_capacity: int | None


def _columns(model: type[Model]) -> list[Field[Any, Any]]:
    return list(model._meta.concrete_fields)


@lru_cache(maxsize=1)
def _place_day_sql() -> str:
    """Written once from the models' metadata (ORM compilation of the six subqueries cost more
    than the query itself); every value is a parameter."""
    quote = connection.ops.quote_name

    def table(model: type[Model]) -> str:
        return quote(model._meta.db_table)

    space_cols = ", ".join(f"s.{quote(str(f.column))}" for f in _columns(Space))
    commune_cols = ", ".join(f"m.{quote(str(f.column))}" for f in _columns(Commune))
    policy_cols = ", ".join(quote(name) for name in POLICY_FIELDS)
    commune_pk = quote(str(Commune._meta.pk.column)) if Commune._meta.pk else "insee_code"
    return (
        f"SELECT {space_cols}, {commune_cols}, "  # noqa: S608
        f"ARRAY(SELECT json_build_object('o', h.opens, 'c', h.closes) "
        f"FROM {table(OpeningHours)} h WHERE h.space_id = s.id "
        f"AND h.weekday = %(weekday)s), "
        f"ARRAY(SELECT json_build_object('o', x.opens, 'c', x.closes) "
        f"FROM {table(SpecialOpening)} x WHERE x.space_id = s.id AND x.date = %(date)s), "
        f"EXISTS(SELECT 1 FROM {table(Closure)} c WHERE c.space_id = s.id "
        f"AND c.start_date <= %(date)s AND c.end_date >= %(date)s), "
        f"ARRAY(SELECT json_build_object('o', t.opens, 'c', t.closes, 'id', t.id, "
        f"'commune', t.commune_id) FROM {table(ItineraryStop)} t "
        f"WHERE t.space_id = s.id AND t.date = %(date)s), "
        f"(SELECT row_to_json(p) FROM (SELECT {policy_cols} FROM {table(BookingPolicy)} "
        f"WHERE space_id = s.id AND resource_kind = %(kind)s LIMIT 1) p), "
        f"(SELECT max(r.capacity) FROM {table(Resource)} r WHERE r.space_id = s.id "
        f"AND r.kind = %(kind)s AND r.is_active) "
        f"FROM {table(Space)} s LEFT JOIN {table(Commune)} m ON m.{commune_pk} = s.commune_id "
        f"WHERE s.slug = %(slug)s AND s.is_published ORDER BY s.id LIMIT 1")
