"""The constants and formulas of the published figures, in one place (docs/analytics-method.md).

Change a figure here and in the method page together: both are what the network publishes.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from ostal.core.disclosure import MIN_GROUP_SIZE
from ostal.core.geo import great_circle_km

#: No published figure may describe fewer people than MIN_GROUP_SIZE (DESIGN.md, Privacy): 5,
#: defined with the disclosure control in ostal.core.disclosure.

#: What a suppressed figure is shown as, in CSV files and in the interface.
SUPPRESSED_LABEL = "< 5"

#: kg CO2e per km for an average car (ADEME, Base Carbone: "Voiture particulière - motorisation
#: moyenne", 0.218 kg CO2e/km, combustion and upstream, per vehicle-km).
CAR_KG_CO2E_PER_KM = Decimal("0.218")

#: Road distance ≈ straight-line distance x this detour factor. 1.3 is the usual convention for
#: French interurban trips (road network circuity measured between 1.2 in plains and 1.4+ in
#: mountains; see docs/analytics-method.md for the sources and a check on known pairs).
ROAD_DETOUR_FACTOR = Decimal("1.3")

#: A commute is a round trip.
TRIPS_PER_DAY = 2


#: With noise, one person's month counts for at most this many km avoided (and as many driven
#: more) in one cell: the sensitivity of the km figures (docs/analytics-method.md, "Noise").
COMMUTE_KM_CLIP = Decimal("1500")

#: ... and for at most this many days (the working days of a month).
DAYS_CLIP = 23

#: ... and for at most this many pass credit units redeemed at one place (23 days x 100).
REDEMPTION_UNITS_CLIP = 2300


def clip(value: Decimal, bound: Decimal) -> Decimal:
    """`value` brought into [-bound, bound]."""
    return max(-bound, min(bound, value))


@dataclass(frozen=True)
class Point:
    """A commune centroid (latitude, longitude in degrees)."""

    latitude: float
    longitude: float


def road_km(origin: Point, destination: Point) -> Decimal:
    """Approximate road distance, in km with 3 decimals: great circle x ROAD_DETOUR_FACTOR."""
    straight = Decimal(str(great_circle_km(origin.latitude, origin.longitude,
                                           destination.latitude, destination.longitude)))
    return (straight * ROAD_DETOUR_FACTOR).quantize(Decimal("0.001"), rounding=ROUND_HALF_UP)


def commute_km_avoided_per_day(*, home: Point, workplace: Point, place: Point) -> Decimal:
    """Kilometres not driven on a day worked at `place` instead of `workplace`:
    2 x road(home → workplace) - 2 x road(home → place). Negative when the tiers-lieu is
    farther from home than the usual workplace: the net figure keeps that day's extra driving."""
    return TRIPS_PER_DAY * (road_km(home, workplace) - road_km(home, place))


def co2_kg(km: Decimal) -> Decimal:
    """kg CO2e of driving `km` with the average car factor, rounded to 0.1 kg."""
    return (km * CAR_KG_CO2E_PER_KM).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def is_publishable(people: int) -> bool:
    """True when a figure describes at least MIN_GROUP_SIZE distinct people (0 is publishable:
    nobody is described by an empty figure)."""
    return people == 0 or people >= MIN_GROUP_SIZE
