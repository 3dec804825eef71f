"""The rules that apply to one resource kind at one place: the place's BookingPolicy row, or
the network defaults below when the place has none."""

from collections.abc import Iterable
from dataclasses import dataclass, fields, replace

from ostal.bookings.models import BookingPolicy
from ostal.spaces.models import Resource

SaleUnit = BookingPolicy.SaleUnit


@dataclass(frozen=True)
class Policy:
    sale_unit: str
    min_duration_minutes: int | None = None
    max_duration_minutes: int | None = None
    min_notice_minutes: int = 0
    max_advance_days: int = 90
    cancellation_deadline_minutes: int = 60
    no_show_grace_minutes: int | None = None
    max_active_bookings_per_member: int | None = None
    max_bookings_per_member_per_day: int | None = None
    requires_payment: bool = False
    hold_minutes: int = 15
    waitlist_offer_minutes: int = 60
    is_default: bool = True

    @property
    def step_minutes(self) -> int | None:
        """Length of a sold slot for time-sold kinds (None for day/half-day)."""
        return {SaleUnit.HOUR: 60, SaleUnit.HALF_HOUR: 30}.get(self.sale_unit)  # type: ignore[call-overload]

    @property
    def is_sold_by_day(self) -> bool:
        return self.sale_unit in (SaleUnit.DAY, SaleUnit.HALF_DAY)


DEFAULT_POLICIES: dict[str, Policy] = {
    Resource.Kind.DESK: Policy(
        sale_unit=SaleUnit.HALF_DAY, cancellation_deadline_minutes=60, no_show_grace_minutes=60,
        max_active_bookings_per_member=30, max_bookings_per_member_per_day=1),
    Resource.Kind.PRIVATE_OFFICE: Policy(
        sale_unit=SaleUnit.DAY, cancellation_deadline_minutes=24 * 60,
        no_show_grace_minutes=120, max_active_bookings_per_member=30,
        max_bookings_per_member_per_day=1),
    Resource.Kind.MEETING_ROOM: Policy(
        sale_unit=SaleUnit.HOUR, min_duration_minutes=60, max_duration_minutes=10 * 60,
        cancellation_deadline_minutes=120, max_active_bookings_per_member=20,
        max_bookings_per_member_per_day=4),
    Resource.Kind.PHONE_BOOTH: Policy(
        sale_unit=SaleUnit.HALF_HOUR, min_duration_minutes=30, max_duration_minutes=120,
        cancellation_deadline_minutes=15, max_active_bookings_per_member=10,
        max_bookings_per_member_per_day=4),
}

POLICY_FIELDS = [f.name for f in fields(Policy) if f.name != "is_default"]  # = the row's columns


def policy_from_row(row: BookingPolicy) -> Policy:
    return Policy(**{name: getattr(row, name) for name in POLICY_FIELDS}, is_default=False)


def default_policy(resource_kind: str) -> Policy:
    return DEFAULT_POLICIES.get(resource_kind, replace(DEFAULT_POLICIES[Resource.Kind.DESK]))


def policy_for(space_id: int, resource_kind: str,
               rows: Iterable[BookingPolicy] | None = None) -> Policy:
    """The effective policy. Pass `rows` (e.g. prefetched `space.booking_policies.all()`) to
    avoid a query; otherwise one query."""
    if rows is None:
        rows = BookingPolicy.objects.filter(space_id=space_id, resource_kind=resource_kind)
    for row in rows:
        if row.resource_kind == resource_kind:
            return policy_from_row(row)
    return default_policy(resource_kind)
