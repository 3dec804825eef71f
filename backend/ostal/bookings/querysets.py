"""Reusable filters for bookings."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.db import models

if TYPE_CHECKING:
    from ostal.accounts.models import User

ACTIVE = ("held", "confirmed", "checked_in")


class BookingQuerySet(models.QuerySet[Any]):
    def active(self) -> BookingQuerySet:
        """Bookings that hold their resource: held, confirmed or checked in."""
        return self.filter(status__in=ACTIVE)

    def overlapping(self, start: dt.datetime, end: dt.datetime) -> BookingQuerySet:
        """Half-open overlap with [start, end): touching intervals do not overlap."""
        return self.filter(start__lt=end, end__gt=start)

    def for_member(self, user: User) -> BookingQuerySet:
        return self.filter(member=user)

    def managed_by(self, user: User) -> BookingQuerySet:
        """Bookings at the places `user` manages (all for a network admin)."""
        if not user.is_authenticated:
            return self.none()
        if user.is_network_admin:
            return self.all()
        return self.filter(space__operator__managers=user)

    def staffed_by(self, user: User) -> BookingQuerySet:
        """Bookings at the places whose day `user` may see and check in (managers and front
        desk: `SpaceQuerySet.staffed_by`)."""
        if not user.is_authenticated:
            return self.none()
        if user.is_network_admin:
            return self.all()
        space_model = self.model._meta.get_field("space").related_model
        return self.filter(space_id__in=space_model.objects.staffed_by(user).values("pk"))
