"""Fast rendering of availability results (the hottest public endpoint).

The DRF output serializers in `serializers.py` remain the contract (they generate the OpenAPI
schema); these functions build the very same JSON with plain dicts, about 5x faster for a
network-wide answer. `tests/backend/bookings/test_api_render.py` checks that both agree.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from ostal.bookings.availability import DayAvailability, SpaceAvailability
from ostal.spaces.models import Space


def instant(value: dt.datetime | None) -> str | None:
    """As DRF renders an aware datetime with TIME_ZONE = "UTC": ISO 8601 with a Z."""
    if value is None:
        return None
    text = value.astimezone(dt.UTC).isoformat()
    return text[:-6] + "Z" if text.endswith("+00:00") else text


def _commune(space: Any) -> dict[str, str]:
    return {"insee_code": space.insee_code, "name": space.name,
            "department_code": space.department_code}


def space_ref(space: Space) -> dict[str, Any]:
    return {"id": space.pk, "slug": space.slug, "name": space.name, "kind": space.kind,
            "commune": _commune(space.commune), "latitude": space.latitude,
            "longitude": space.longitude, "timezone": space.timezone,
            "accepts_network_pass": space.accepts_network_pass}


def days(items: list[DayAvailability]) -> list[dict[str, Any]]:
    rendered = []
    for day in items:
        stop = day.stop
        rendered.append({
            "date": day.date.isoformat(),
            "is_open": day.is_open,
            "closed_reason": day.closed_reason,
            "opens_at": instant(day.opens_at),
            "closes_at": instant(day.closes_at),
            "stop": None if stop is None else {
                "commune": _commune(stop.commune), "latitude": stop.latitude,
                "longitude": stop.longitude, "location_note": stop.location_note},
            "free": day.free,
            "slots": [{"key": slot.key, "start": instant(slot.start), "end": instant(slot.end),
                       "free": slot.free, "free_resource_ids": list(slot.free_resource_ids)}
                      for slot in day.slots],
        })
    return rendered


def availability_space(result: SpaceAvailability) -> dict[str, Any]:
    return {
        "space": space_ref(result.space),
        "resource_kind": result.resource_kind,
        "sale_unit": result.policy.sale_unit,
        "total": result.total,
        "distance_km": None if result.distance_km is None else round(result.distance_km, 1),
        "days": days(result.days),
    }
