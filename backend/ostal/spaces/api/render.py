"""The directory and the place page as plain dicts, from the rows of
`selectors.directory_rows` / `selectors.space_page_row` (PostgreSQL).

`SpaceListItemOutputSerializer` and `SpaceDetailOutputSerializer` stay the contract (they
generate the OpenAPI schema and answer on SQLite); these functions build the very same JSON
without a model instance or a serializer field per row. `tests/backend/spaces/
test_directory_render.py` checks that both agree, field by field.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.urls import reverse

from ostal.spaces.models import Space


def directory_item(row: dict[str, Any], media_url: str) -> dict[str, Any]:
    """= SpaceListItemOutputSerializer."""
    distance = row.get("distance_km")
    price = row["day_price"]
    thumbnail = row["thumbnail"]
    return {
        "id": row["id"], "slug": row["slug"], "name": row["name"], "kind": row["kind"],
        "setting": row["setting"],
        "operator": {"name": row["operator_name"], "carrier_kind": row["operator_kind"]},
        "commune": {"insee_code": row["commune_insee"], "name": row["commune_name"],
                    "department_code": row["commune_department"]},
        "department_code": row["department_code"], "latitude": row["latitude"],
        "longitude": row["longitude"], "accepts_network_pass": row["accepts_network_pass"],
        "services": row["service_codes"], "offers_base_set": row["offers_base_set"],
        "day_pass_price": price[0] if price else None,
        "distance_km": None if distance is None else round(distance, 1),
        "thumbnail_url": f"{media_url}{thumbnail}" if thumbnail else None,
    }


def directory_items(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    media_url = settings.MEDIA_URL
    return [directory_item(row, media_url) for row in rows]


def space_page(row: dict[str, Any]) -> dict[str, Any]:
    """= SpaceDetailOutputSerializer."""
    media_url = settings.MEDIA_URL
    page = directory_item(row, media_url)
    page["operator"].update(legal_form=row["operator_form"], website=row["operator_website"])
    for name in ("description_fr", "description_en", "address", "postal_code", "email",
                 "phone", "website", "accessibility_fr", "accessibility_en",
                 "wheelchair_accessible", "timezone"):
        page[name] = row[name]
    page["photos"] = [{"url": f"{media_url}{photo['image']}", "alt_fr": photo["alt_fr"],
                       "alt_en": photo["alt_en"]} for photo in row["photo_rows"]]
    page["opening_hours"] = row["hours_rows"]
    page["closures"] = row["closure_rows"]
    page["special_openings"] = row["special_rows"]
    page["resources"] = row["resource_rows"]
    page["prices"] = row["price_rows"]
    page["upcoming_stops"] = row["stop_rows"]
    page["stops_feed_url"] = (reverse("calendar-public-stops", kwargs={"slug": row["slug"]})
                              if row["kind"] == Space.Kind.ITINERANT else None)
    return page
