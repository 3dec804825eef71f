"""Rollup tables of the dashboards, and the log of searches that found nothing.

Every rollup row is derived: `ostal.analytics.services.rollups_rebuild()` deletes and rewrites
the rows of a (place, date range) or a month in one transaction, so a rebuild is idempotent and
deterministic (same bookings, same rows). A UNIQUE constraint backs every key: two rebuilds
cannot leave duplicates, even racing (the rebuild also locks the place row first).

Dates are local dates in the place's time zone; minutes are real elapsed minutes (a 09:00-18:00
opening on a DST day is still 540 minutes). Nothing here is personal except
`MemberActivityMonthly`, which is never shown per person: selectors only publish counts of at
least `method.MIN_GROUP_SIZE` distinct people.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from ostal.spaces.models import Commune, Resource, Space


class OccupancyDaily(models.Model):
    """Open and booked time of one place on one local date.

    Two kinds of rows share the table: per resource (`resource` set) and per resource kind for
    the whole place (`resource` NULL: the sum over the kind's resources). Open time of a
    resource is the place's opening that day; of a kind, that times the number of resources.
    Booked time counts confirmed and checked-in bookings (see docs/analytics-method.md). A
    closed day without bookings has no row (absent means zero)."""

    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="+")
    resource = models.ForeignKey(Resource, on_delete=models.CASCADE, null=True, blank=True,
                                 related_name="+")
    resource_kind = models.CharField(max_length=20, choices=Resource.Kind.choices)
    local_date = models.DateField()
    open_minutes = models.PositiveIntegerField(default=0)
    booked_minutes = models.PositiveIntegerField(default=0)
    bookings = models.PositiveIntegerField(default=0, help_text="Not held, not expired.")
    cancellations = models.PositiveIntegerField(default=0)
    no_shows = models.PositiveIntegerField(default=0)
    checked_in = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["space", "resource_kind", "local_date"],
                                    condition=Q(resource__isnull=True),
                                    name="occupancy_daily_one_row_per_place_kind_day"),
            models.UniqueConstraint(fields=["resource", "local_date"],
                                    condition=Q(resource__isnull=False),
                                    name="occupancy_daily_one_row_per_resource_day"),
        ]
        indexes = [models.Index(fields=["local_date", "space"], name="occupancy_daily_day")]

    def __str__(self) -> str:
        return f"{self.space_id}/{self.resource_kind}/{self.resource_id} {self.local_date}"


class OccupancyHourly(models.Model):
    """Open and booked minutes of a place's resource kind in one local hour of one date (the
    weekday x hour heatmap sums them). Rows exist only for hours with open or booked time."""

    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="+")
    resource_kind = models.CharField(max_length=20, choices=Resource.Kind.choices)
    local_date = models.DateField()
    hour = models.PositiveSmallIntegerField()
    open_minutes = models.PositiveIntegerField(default=0)
    booked_minutes = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["space", "resource_kind", "local_date", "hour"],
                                    name="occupancy_hourly_one_row_per_key"),
            models.CheckConstraint(condition=Q(hour__lte=23), name="occupancy_hourly_hour"),
        ]
        indexes = [models.Index(fields=["local_date", "space"], name="occupancy_hourly_day")]

    def __str__(self) -> str:
        return f"{self.space_id}/{self.resource_kind} {self.local_date} {self.hour}h"


class RevenueDaily(models.Model):
    """Money and credits of one place on one local date, per currency.

    `booking_revenue`: card payments of the bookings of that date, net of refunds;
    `plan_revenue`: the place's own plans (carnets, subscriptions) paid that date, net of
    refunds; `credit_units`: credits redeemed by the bookings of that date, net of credits given
    back; `pass_credit_units`: the part of them that came from network lots (the Pass)."""

    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="+")
    local_date = models.DateField()
    currency = models.CharField(max_length=3, default="EUR")
    booking_revenue = models.DecimalField(max_digits=12, decimal_places=2)
    plan_revenue = models.DecimalField(max_digits=12, decimal_places=2)
    credit_units = models.IntegerField(default=0)
    pass_credit_units = models.IntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["space", "local_date", "currency"],
                                    name="revenue_daily_one_row_per_key"),
        ]
        indexes = [models.Index(fields=["local_date", "space"], name="revenue_daily_day")]

    def __str__(self) -> str:
        return f"{self.space_id} {self.local_date} {self.currency}"


class MemberActivityMonthly(models.Model):
    """How many days a member was present at a place (in a commune) in a month, and the credits
    they redeemed there. Internal: the raw material of member counts, pass redemptions and the
    commute avoided, always published as counts of at least 5 people.

    A present day is a local date with a checked-in booking, or a confirmed one whose date is
    past; a member present at two places the same day counts the day once, at the place of
    the earliest booking. `commune` is where the place was (an itinerant place: that day's
    stop)."""

    month = models.DateField(help_text="First day of the month.")
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                               related_name="+")
    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="+")
    commune = models.ForeignKey(Commune, on_delete=models.PROTECT, related_name="+")
    days_present = models.PositiveIntegerField(default=0)
    credit_units = models.IntegerField(default=0)
    pass_credit_units = models.IntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["month", "member", "space", "commune"],
                                    name="member_activity_one_row_per_key"),
        ]
        indexes = [models.Index(fields=["month", "space"], name="member_activity_month")]

    def __str__(self) -> str:
        return f"{self.month:%Y-%m} {self.member_id}@{self.space_id}"


class SearchLog(models.Model):
    """A public search that found nothing (unmet demand). No user, no address, no IP: the
    department searched (given, or the one of the nearest commune), the kind and the date."""

    class Source(models.TextChoices):
        DIRECTORY = "directory", "directory"
        AVAILABILITY = "availability", "availability"

    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    source = models.CharField(max_length=12, choices=Source.choices)
    department_code = models.CharField(max_length=3, blank=True)
    resource_kind = models.CharField(max_length=20, blank=True)
    space_kind = models.CharField(max_length=20, blank=True)
    date = models.DateField(null=True, blank=True, help_text="Date searched, if any.")
    results = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ("-created_at",)

    def __str__(self) -> str:
        return f"{self.source} {self.department_code or '-'} {self.created_at:%Y-%m-%d}"


class Publication(models.Model):
    """A figure set published for a closed calendar month, stored as it was answered.

    Published once, the first time it is read after the month is over (or by the nightly run),
    then answered from here for ever: the figures of a month never change after publication
    (issue 22: nothing to difference before and after a booking, or between two reads of the
    noisy figures). `scope` names the group it is about ("" for the network, "employer:<id>").
    `epsilon` is the privacy budget the publication spent (docs/analytics-method.md)."""

    class Audience(models.TextChoices):
        NETWORK = "network", "network"
        EMPLOYER = "employer", "employer"
        OPEN_DATA = "open_data", "open data"

    audience = models.CharField(max_length=10, choices=Audience.choices)
    kind = models.CharField(max_length=30)
    scope = models.CharField(max_length=40, blank=True)
    month = models.DateField(help_text="First day of the month.")
    payload = models.JSONField()
    epsilon = models.DecimalField(max_digits=5, decimal_places=2)
    published_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["audience", "kind", "scope", "month"],
                                    name="publication_one_per_month"),
        ]

    def __str__(self) -> str:
        return f"{self.audience}/{self.kind}/{self.scope or '-'} {self.month:%Y-%m}"
