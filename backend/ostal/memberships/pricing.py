"""What a booking costs in credits, from the network's tariff grid (NetworkTariff).

The grid is per resource kind and sale unit: a full day uses the `day` tariff, a morning or an
afternoon the `half_day` tariff (or half the day tariff, rounded up), custom times the `hour`
tariff pro rata, rounded up to a whole credit unit. The same grid values place credits and
network credits: the network harmonises how a place's offer converts to credits.
"""

from __future__ import annotations

import datetime as dt
import math

from ostal.memberships.errors import MembershipError, MembershipErrorCode
from ostal.memberships.models import NetworkTariff

# Names of the parts of a day, as ostal.bookings.models.Part stores them.
PART_DAY, PART_MORNING, PART_AFTERNOON = "day", "morning", "afternoon"


def credit_units_for(*, resource_kind: str, part: str, start: dt.datetime, end: dt.datetime
                     ) -> int:
    """Credit units for one booking of `resource_kind` over [start, end) (`part` as stored on
    the booking). NOT_SOLD_IN_CREDITS when the grid has no applicable tariff."""
    grid = dict(NetworkTariff.objects.filter(resource_kind=resource_kind)
                .values_list("unit", "credit_units"))
    unit = NetworkTariff.Unit
    if part == PART_DAY and unit.DAY in grid:
        return grid[unit.DAY]
    if part in (PART_MORNING, PART_AFTERNOON):
        if unit.HALF_DAY in grid:
            return grid[unit.HALF_DAY]
        if unit.DAY in grid:
            return math.ceil(grid[unit.DAY] / 2)
    if unit.HOUR in grid:
        minutes = int((end - start).total_seconds() // 60)
        return max(1, math.ceil(grid[unit.HOUR] * minutes / 60))
    raise MembershipError(MembershipErrorCode.NOT_SOLD_IN_CREDITS)
