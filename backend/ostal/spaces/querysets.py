"""Reusable filters for places."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.db import models
from django.db.models import Exists, OuterRef, Q

if TYPE_CHECKING:
    from ostal.accounts.models import User


class SpaceQuerySet(models.QuerySet[Any]):
    def published(self) -> SpaceQuerySet:
        return self.filter(is_published=True)

    def managed_by(self, user: User) -> SpaceQuerySet:
        """Places the user may manage: all for a network admin, their operators' otherwise."""
        if not user.is_authenticated:
            return self.none()
        if user.is_network_admin:
            return self.all()
        return self.filter(operator__managers=user)

    def with_services(self, codes: list[str]) -> SpaceQuerySet:
        """Places offering every one of `codes` (one EXISTS per code: no duplicated rows)."""
        from ostal.spaces.models import Space

        through = Space.services.through
        queryset = self
        for code in codes:
            queryset = queryset.filter(Exists(
                through.objects.filter(space_id=OuterRef("pk"), service__code=code)))
        return queryset

    def annotate_offers_base_set(self) -> SpaceQuerySet:
        """`offers_base_set` is true when the place offers every service of the socle de base.

        Written as "no base service is missing" (NOT EXISTS over the base services, each checked
        with a correlated EXISTS on the place's services) so that it lives inside the main query:
        no separate COUNT of the base services per request, and no cached count to invalidate
        when a service joins or leaves the socle. With no base service at all, every place
        offers the (empty) socle.
        """
        from ostal.spaces.models import Service, Space

        through = Space.services.through
        offered = through.objects.filter(space_id=OuterRef(OuterRef("pk")),
                                         service_id=OuterRef("pk"))
        missing = Service.objects.filter(is_base=True).exclude(Exists(offered))
        return self.annotate(offers_base_set=~Exists(missing))

    def open_on(self, day: dt.date) -> SpaceQuerySet:
        """Places open at some time of local day `day`: weekly hours or an exceptional opening,
        not closed; an itinerant place only on the days it has a stop."""
        from ostal.spaces.models import Closure, ItineraryStop, OpeningHours, Space, SpecialOpening

        closed = Closure.objects.filter(space_id=OuterRef("pk"), start_date__lte=day,
                                        end_date__gte=day)
        weekly = OpeningHours.objects.filter(space_id=OuterRef("pk"), weekday=day.weekday())
        special = SpecialOpening.objects.filter(space_id=OuterRef("pk"), date=day)
        stop = ItineraryStop.objects.filter(space_id=OuterRef("pk"), date=day)
        fixed = ~Q(kind=Space.Kind.ITINERANT) & (Exists(weekly) | Exists(special))
        roaming = Q(kind=Space.Kind.ITINERANT) & Exists(stop)
        return self.filter(fixed | roaming).exclude(Exists(closed))
