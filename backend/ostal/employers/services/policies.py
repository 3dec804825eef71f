"""What an employer's policy pays for, and how much of the allowance an employee has left.

One function decides (`policy_check`), for a booking or for a booking not made yet (the
employee's booking screen asks before booking). Rules are checked in a fixed order and the
first that refuses is the answer, with its exact reason (ostal.employers.errors)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Sum
from django.db.models.functions import Coalesce

from ostal.accounts.models import CommuteDeclaration
from ostal.core.geo import great_circle_km
from ostal.employers.errors import EmployerError, EmployerErrorCode
from ostal.employers.models import EmployerBooking, Employment, Policy
from ostal.spaces.models import Resource, Space
from ostal.spaces.selectors import verified_security_codes

# A place is "secure" (what employers ask for telework) when it declares all of these services
# and the network verified each of them (a declaration alone is not enough).
SECURE_SERVICE_CODES = ("private_room", "wired_network", "lockers", "badge_access")
WEEKDAYS_FR = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
HALF_DAY_MAX_MINUTES = 4 * 60

PART_DAY = "day"
HALF_PARTS = ("morning", "afternoon")


def days_for(*, part: str, start: dt.datetime, end: dt.datetime) -> Decimal:
    """How much of the allowance a booking uses: a day 1, a morning or afternoon 0.5, custom
    times 0.5 up to four hours and 1 beyond."""
    if part == PART_DAY:
        return Decimal("1")
    if part in HALF_PARTS:
        return Decimal("0.5")
    minutes = (end - start).total_seconds() / 60
    return Decimal("0.5") if minutes <= HALF_DAY_MAX_MINUTES else Decimal("1")


def policy_for(employment: Employment) -> Policy:
    """The cost centre's own policy if it has one, else the company's default policy."""
    if employment.cost_centre_id is not None:
        own = Policy.objects.filter(cost_centre_id=employment.cost_centre_id).first()
        if own is not None:
            return own
    return Policy.objects.get(employer_id=employment.employer_id, cost_centre__isnull=True)


def is_secure(space: Space) -> bool:
    return verified_security_codes(space) >= set(SECURE_SERVICE_CODES)


def week_bounds(day: dt.date) -> tuple[dt.date, dt.date]:
    monday = day - dt.timedelta(days=day.weekday())
    return monday, monday + dt.timedelta(days=6)


def month_bounds(day: dt.date) -> tuple[dt.date, dt.date]:
    first = day.replace(day=1)
    following = (first + dt.timedelta(days=32)).replace(day=1)
    return first, following - dt.timedelta(days=1)


def days_used(employment: Employment, first: dt.date, last: dt.date) -> Decimal:
    """Days the employer paid for, in whole or in part, between two local dates (inclusive).
    Bookings cancelled in time (credits given back) do not count."""
    total = (EmployerBooking.objects
             .filter(employment=employment, local_date__range=(first, last))
             .exclude(status=EmployerBooking.Status.RELEASED)
             .aggregate(total=Coalesce(Sum("days"), Decimal(0))))["total"]
    return Decimal(total)


@dataclass(frozen=True)
class Allowance:
    limit: Decimal | None
    used: Decimal

    @property
    def left(self) -> Decimal | None:
        return None if self.limit is None else max(Decimal(0), self.limit - self.used)


def allowance_on(employment: Employment, policy: Policy, day: dt.date
                 ) -> tuple[Allowance, Allowance]:
    """(this week, this month) for the week and month containing `day`."""
    week = Allowance(policy.days_per_week, days_used(employment, *week_bounds(day)))
    month = Allowance(policy.days_per_month, days_used(employment, *month_bounds(day)))
    return week, month


def _fmt(value: Decimal) -> str:
    return f"{value.normalize():f}"


def policy_check(*, employment: Employment, policy: Policy, space: Space, resource_kind: str,
                 local_date: dt.date, days: Decimal) -> None:
    """Raise the first rule that refuses paying for `days` of `resource_kind` at `space` on
    `local_date`; return None when the policy pays. The bundle's balance is checked when
    spending (ostal.checkout.services.employer)."""
    if policy.allowed_weekdays and local_date.weekday() not in policy.allowed_weekdays:
        raise EmployerError(EmployerErrorCode.POLICY_WEEKDAY,
                            weekday=WEEKDAYS_FR[local_date.weekday()])
    if policy.allowed_resource_kinds and resource_kind not in policy.allowed_resource_kinds:
        raise EmployerError(EmployerErrorCode.POLICY_RESOURCE_KIND,
                            kind=Resource.Kind(resource_kind).label)
    if not space.accepts_network_pass:
        raise EmployerError(EmployerErrorCode.POLICY_PASS_NOT_ACCEPTED)
    allowed_spaces = set(policy.allowed_spaces.values_list("id", flat=True))
    if allowed_spaces and space.pk not in allowed_spaces:
        raise EmployerError(EmployerErrorCode.POLICY_PLACE)
    if policy.allowed_departments and space.department_code not in policy.allowed_departments:
        raise EmployerError(EmployerErrorCode.POLICY_DEPARTMENT,
                            departments=", ".join(sorted(policy.allowed_departments)))
    if policy.max_distance_km is not None:
        declaration = (CommuteDeclaration.objects.select_related("home_commune")
                       .filter(user=employment.user).first())
        home = declaration.home_commune if declaration is not None else None
        if home is None:
            raise EmployerError(EmployerErrorCode.POLICY_HOME_UNKNOWN)
        distance = great_circle_km(home.latitude, home.longitude, space.latitude,
                                   space.longitude)
        if distance > policy.max_distance_km:
            raise EmployerError(EmployerErrorCode.POLICY_DISTANCE, distance=round(distance),
                                limit=policy.max_distance_km)
    if policy.secure_places_only and not is_secure(space):
        raise EmployerError(EmployerErrorCode.POLICY_SECURE_ONLY)
    week, month = allowance_on(employment, policy, local_date)
    if week.limit is not None and week.used + days > week.limit:
        raise EmployerError(EmployerErrorCode.POLICY_WEEKLY_ALLOWANCE, limit=_fmt(week.limit),
                            used=_fmt(week.used))
    if month.limit is not None and month.used + days > month.limit:
        raise EmployerError(EmployerErrorCode.POLICY_MONTHLY_ALLOWANCE,
                            limit=_fmt(month.limit), used=_fmt(month.used))
