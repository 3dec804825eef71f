"""Reusable filters for places.

The models are reached through `self.model` and the app registry, not imported: models.py
imports this module to build its managers."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.apps import apps
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

    def staffed_by(self, user: User) -> SpaceQuerySet:
        """Places whose day the user may see and where they may check people in: the places
        they manage, and those of the operators whose front desk they are (all for a network
        admin). The front desk changes nothing else: writes stay on `managed_by`."""
        if not user.is_authenticated:
            return self.none()
        if user.is_network_admin:
            return self.all()
        operator_model = self.model._meta.get_field("operator").related_model
        operators = operator_model.objects.filter(Q(managers=user) | Q(front_desk=user))
        return self.filter(operator_id__in=operators.values("pk"))

    def with_services(self, codes: list[str]) -> SpaceQuerySet:
        """Places offering every one of `codes` (one EXISTS per code: no duplicated rows)."""
        through = self.model.services.through
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
        through = self.model.services.through
        offered = through.objects.filter(space_id=OuterRef(OuterRef("pk")),
                                         service_id=OuterRef("pk"))
        base_services = apps.get_model("spaces", "Service").objects.filter(is_base=True)
        missing = base_services.exclude(Exists(offered))
        return self.annotate(offers_base_set=~Exists(missing))

    def open_on(self, day: dt.date) -> SpaceQuerySet:
        """Places open at some time of local day `day`: weekly hours or an exceptional opening,
        not closed; an itinerant place only on the days it has a stop."""
        def rows(model: str) -> Any:
            return apps.get_model("spaces", model).objects.filter(space_id=OuterRef("pk"))

        closed = rows("Closure").filter(start_date__lte=day, end_date__gte=day)
        weekly = rows("OpeningHours").filter(weekday=day.weekday())
        special = rows("SpecialOpening").filter(date=day)
        stop = rows("ItineraryStop").filter(date=day)
        itinerant = self.model.Kind.ITINERANT
        fixed = ~Q(kind=itinerant) & (Exists(weekly) | Exists(special))
        roaming = Q(kind=itinerant) & Exists(stop)
        return self.filter(fixed | roaming).exclude(Exists(closed))
