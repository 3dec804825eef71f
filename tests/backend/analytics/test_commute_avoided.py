"""Commute and CO2 avoided, computed by hand for Mende → Montpellier.

Mende (44.52161 N, 3.49978 E) → Montpellier (43.61093 N, 3.87635 E): great circle
105.638 km (spherical law of cosines, R = 6371.0088 km); x 1.3 road factor = 137.329 km; a
round trip 274.658 km. Working 3 days at a tiers-lieu in Mende itself (0 km from home) saves
3 x 274.658 = 823.974 km, i.e. 823.974 x 0.218 = 179.626 kg CO2e per person.
"""

from __future__ import annotations

import datetime as dt
import math
from decimal import Decimal

import pytest

from ostal.analytics.method import Point, commute_km_avoided_per_day, road_km
from ostal.analytics.selectors import Period, commute_avoided
from ostal.analytics.services import rollups_rebuild
from ostal.bookings.models import Booking
from ostal.spaces.models import Operator
from tests.backend.analytics.conftest import (
    FIGEAC,
    MENDE,
    MONTPELLIER,
    booking,
    declare,
    make_space,
    people,
)
from tests.factories import commune

pytestmark = pytest.mark.django_db

APRIL = Period(dt.date(2026, 4, 1), dt.date(2026, 4, 30))
DAYS = (dt.date(2026, 4, 7), dt.date(2026, 4, 8), dt.date(2026, 4, 9))


def point(insee: str) -> Point:
    place = commune(insee)
    return Point(place.latitude, place.longitude)


def test_mende_montpellier_by_hand(db: None) -> None:
    lat1, lon1, lat2, lon2 = map(math.radians, (44.52161, 3.49978, 43.61093, 3.87635))
    by_hand = 6371.0088 * math.acos(math.sin(lat1) * math.sin(lat2)
                                    + math.cos(lat1) * math.cos(lat2) * math.cos(lon2 - lon1))
    assert round(by_hand, 3) == 105.638

    assert road_km(point(MENDE), point(MONTPELLIER)) == Decimal("137.329")
    assert commute_km_avoided_per_day(home=point(MENDE), workplace=point(MONTPELLIER),
                                      place=point(MENDE)) == Decimal("274.658")


def test_a_farther_tiers_lieu_gives_a_negative_day(db: None) -> None:
    # Home Mende, office Mende (0 km), worked in Figeac (116.718 km straight, 151.733 by road).
    assert commute_km_avoided_per_day(home=point(MENDE), workplace=point(MENDE),
                                      place=point(FIGEAC)) == Decimal("-303.466")


@pytest.fixture
def five_from_mende(operator_cy: Operator) -> list[object]:
    """Five members living in Mende, working in Montpellier, 3 days each at a Mende place."""
    mende_place = make_space(operator_cy, "Tiers-lieu de Mende", insee=MENDE, desks=5)
    members = people(5)
    for n, member in enumerate(members):
        declare(member, MENDE, MONTPELLIER)
        for day in DAYS:
            booking(mende_place, f"D{n + 1}", day, (9, 0), (18, 0), member=member,
                    status=Booking.Status.CHECKED_IN)
    rollups_rebuild(APRIL.date_from, APRIL.date_to)
    return members


def test_network_commute_for_five_people(five_from_mende: list[object]) -> None:
    figures = commute_avoided(period=APRIL)

    assert figures["people"] == 5
    assert figures["days"] == 15
    assert figures["km_avoided"] == Decimal("4119.9")   # 5 x 823.974
    assert figures["co2_kg_avoided"] == Decimal("898.1")  # 4119.870 x 0.218
    assert figures["by_department"] == [{
        "department_code": "48", "people": 5, "days": 15, "km_avoided": Decimal("4119.9"),
        "co2_kg_avoided": Decimal("898.1"), "suppressed": False}]


def test_figures_of_a_group_of_four_are_suppressed(five_from_mende: list) -> None:
    four = [member.pk for member in five_from_mende[:4]]

    figures = commute_avoided(user_ids=four, period=APRIL, by_department=False)

    assert figures["suppressed"] is True
    assert (figures["people"], figures["days"], figures["km_avoided"],
            figures["co2_kg_avoided"]) == (None, None, None, None)
    assert "by_department" not in figures  # a group's totals: never where anyone worked


def test_figures_of_a_group_of_five_people(five_from_mende: list) -> None:
    figures = commute_avoided(user_ids=[m.pk for m in five_from_mende], period=APRIL,
                              by_department=False)

    assert (figures["people"], figures["co2_kg_avoided"]) == (5, Decimal("898.1"))


def test_undeclared_members_and_future_days_do_not_count(five_from_mende: list,
                                                         operator_cy: Operator) -> None:
    place = make_space(operator_cy, "Autre lieu", insee=MENDE, rooms=0)
    (silent,) = people(1, prefix="silent")
    booking(place, "D1", DAYS[0], (9, 0), (18, 0), member=silent,
            status=Booking.Status.CHECKED_IN)
    booking(place, "D1", dt.date(2026, 4, 20), (9, 0), (18, 0),
            member=five_from_mende[0])  # after today (15 April): not a present day
    rollups_rebuild(APRIL.date_from, APRIL.date_to)

    figures = commute_avoided(period=APRIL)

    assert (figures["people"], figures["days"]) == (5, 15)
