"""GeoJSON export of the directory (RFC 7946: coordinates are [longitude, latitude])."""

from collections.abc import Iterable
from typing import Any

from django.conf import settings

from ostal.spaces.models import Space


def directory_feature_collection(spaces: Iterable[Space]) -> dict[str, Any]:
    features = []
    for space in spaces:
        features.append({
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [space.longitude, space.latitude]},
            "properties": {
                "name": space.name,
                "url": f"{settings.SITE_URL}/lieux/{space.slug}",
                "kind": space.kind,
                "setting": space.setting,
                "operator": space.operator.name,
                "carrier_kind": space.operator.carrier_kind,
                "commune": space.commune.name,
                "insee_code": space.commune.insee_code,
                "department_code": space.department_code,
                "accepts_network_pass": space.accepts_network_pass,
                "services": [service.code for service in space.services.all()],
            },
        })
    return {"type": "FeatureCollection", "features": features}
