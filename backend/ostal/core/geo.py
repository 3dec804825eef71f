"""Distances on the sphere, as database expressions and in Python."""

import math

from django.db.models import F, FloatField, Func, Value
from django.db.models.expressions import Combinable
from django.db.models.functions import ACos, Cos, Greatest, Least, Radians, Sin

EARTH_RADIUS_KM = 6371.0088


def great_circle_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlmb = phi2 - phi1, math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlmb / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(a))


def distance_km_expression(lat: float, lon: float, lat_field: str = "latitude",
                           lon_field: str = "longitude") -> Func | Combinable:
    """Spherical law of cosines as SQL; works on PostgreSQL and on SQLite (Django registers the
    math functions there). The cosine is clamped to [-1, 1] so rounding never breaks ACOS."""
    cosine = (
        Sin(Radians(Value(lat))) * Sin(Radians(F(lat_field)))
        + Cos(Radians(Value(lat))) * Cos(Radians(F(lat_field)))
        * Cos(Radians(F(lon_field)) - Radians(Value(lon)))
    )
    clamped = Greatest(Least(cosine, Value(1.0)), Value(-1.0), output_field=FloatField())
    return ACos(clamped, output_field=FloatField()) * Value(EARTH_RADIUS_KM)
