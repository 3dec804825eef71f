"""The minimum group size, applied where figures leave the analytics app."""

from __future__ import annotations

from typing import TypeVar

from ostal.analytics.method import MIN_GROUP_SIZE, SUPPRESSED_LABEL, is_publishable

T = TypeVar("T")

__all__ = ["MIN_GROUP_SIZE", "SUPPRESSED_LABEL", "csv_cell", "guarded", "is_publishable"]


def guarded(value: T, people: int) -> T | None:
    """`value` when it describes at least MIN_GROUP_SIZE distinct people, else None (shown as
    "< 5"). Every figure about members, commutes or employers goes through this."""
    return value if is_publishable(people) else None


def csv_cell(value: object) -> str:
    """A CSV cell: None (suppressed) becomes "< 5"; everything else its text."""
    if value is None:
        return SUPPRESSED_LABEL
    return str(value)
