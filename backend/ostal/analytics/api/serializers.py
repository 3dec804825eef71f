"""Input and output shapes of the analytics API (unique names: drf-spectacular components).

Rates are fractions (0.4375 = 43.75 %) rounded to 4 decimals, null when there is nothing to
divide by; minutes are integers; money is a decimal string with its currency; credits are
decimal strings ("1.50"). A figure about people that covers fewer than 5 of them is null with
`suppressed: true` (the interface shows "< 5").
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone
from rest_framework import serializers

from ostal.analytics.publications import (
    MONTH_FORMAT_MESSAGE,
    last_closed_month,
    month_is_closed,
    parse_month,
)
from ostal.analytics.selectors import GRANULARITIES, MAX_PERIOD_DAYS, Period
from ostal.spaces.models import Resource

KIND = serializers.ChoiceField(choices=Resource.Kind.choices)


class _PeriodInputMixin(serializers.Serializer[Any]):
    """?from=&to= (local dates, both included). from/to are Python keywords: get_fields."""

    def get_fields(self) -> dict[str, serializers.Field[Any, Any, Any, Any]]:
        fields = super().get_fields()
        fields["from"] = serializers.DateField(required=False,
                                               help_text="First local date (default: see "
                                                         "the endpoint).")
        fields["to"] = serializers.DateField(required=False, help_text="Last local date, "
                                                                       "included.")
        return fields

    def default_period(self, today: dt.date) -> Period:
        raise NotImplementedError

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        today = timezone.localdate()
        default = self.default_period(today)
        date_from = attrs.pop("from", None) or default.date_from
        date_to = attrs.pop("to", None) or default.date_to
        if date_to < date_from:
            raise serializers.ValidationError({"to": ["Avant « from » / before from."]})
        if (date_to - date_from).days + 1 > MAX_PERIOD_DAYS:
            raise serializers.ValidationError(
                {"to": [f"{MAX_PERIOD_DAYS} jours au plus / at most {MAX_PERIOD_DAYS} days."]})
        attrs["period"] = Period(date_from, date_to)
        return attrs


class ManagerDashboardInputSerializer(_PeriodInputMixin):
    """Default period: the current month."""

    space = serializers.IntegerField(required=False, min_value=1,
                                     help_text="One of your places; default: all of them.")
    granularity = serializers.ChoiceField(choices=GRANULARITIES, default="day")

    def default_period(self, today: dt.date) -> Period:
        first = today.replace(day=1)
        last = (first + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
        return Period(first, last)


FIXED_PERIODS = ("Les chiffres du réseau sont publiés par mois révolu : utilisez "
                 "?month=AAAA-MM. / Network figures are published per closed month: use "
                 "?month=YYYY-MM.")


class NetworkDashboardInputSerializer(serializers.Serializer[Any]):
    """A calendar month that is over (default: the last one). Arbitrary ranges are refused:
    two overlapping ranges would give their difference (issue 22)."""

    month = serializers.CharField(required=False, max_length=7,
                                  help_text="YYYY-MM, a month that is over (default: the last "
                                            "one).")

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        for name in ("from", "to"):
            if name in self.initial_data:
                raise serializers.ValidationError({name: [FIXED_PERIODS]})
        try:
            month = parse_month(attrs.get("month"), default=last_closed_month())
        except ValueError as error:
            raise serializers.ValidationError({"month": [MONTH_FORMAT_MESSAGE]}) from error
        if not month_is_closed(month):
            raise serializers.ValidationError({"month": [
                "Ce mois n'est pas terminé : ses chiffres seront publiés le mois prochain. / "
                "This month is not over: its figures are published next month."]})
        last = (month + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
        attrs["period"] = Period(month, last)
        return attrs


class CsvInputSerializer(serializers.Serializer[Any]):
    delimiter = serializers.ChoiceField(
        choices=("comma", "semicolon"), default="comma",
        help_text="comma (RFC 4180, default) or semicolon (spreadsheets set to French: adds a "
                  "UTF-8 byte order mark too).")


class ManagerRefreshInputSerializer(serializers.Serializer[Any]):
    space = serializers.IntegerField(required=False, min_value=1,
                                     help_text="One of your places; default: all of them.")


class ManagerTodayInputSerializer(serializers.Serializer[Any]):
    space = serializers.IntegerField(required=False, min_value=1,
                                     help_text="One of your places; default: all of them.")


# --- outputs ----------------------------------------------------------------------------------


class AnalyticsPeriodOutputSerializer(serializers.Serializer[Any]):
    date_from = serializers.DateField()
    date_to = serializers.DateField()


class AnalyticsMoneyOutputSerializer(serializers.Serializer[Any]):
    amount = serializers.DecimalField(max_digits=14, decimal_places=2)
    currency = serializers.CharField()


class OccupancyFiguresOutputSerializer(serializers.Serializer[Any]):
    open_minutes = serializers.IntegerField()
    booked_minutes = serializers.IntegerField()
    bookings = serializers.IntegerField()
    cancellations = serializers.IntegerField()
    no_shows = serializers.IntegerField()
    checked_in = serializers.IntegerField()
    occupancy_rate = serializers.FloatField(allow_null=True)
    cancellation_rate = serializers.FloatField(allow_null=True)
    no_show_rate = serializers.FloatField(allow_null=True)


class OccupancyByKindOutputSerializer(OccupancyFiguresOutputSerializer):
    resource_kind = KIND


class ManagerKpisOutputSerializer(OccupancyFiguresOutputSerializer):
    revenue = AnalyticsMoneyOutputSerializer(many=True)
    credits_redeemed = serializers.DecimalField(max_digits=14, decimal_places=2)
    pass_credits_redeemed = serializers.DecimalField(max_digits=14, decimal_places=2,
                                                     required=False)


class OccupancySeriesPointOutputSerializer(OccupancyFiguresOutputSerializer):
    start = serializers.DateField()
    end = serializers.DateField()
    by_kind = OccupancyByKindOutputSerializer(many=True)
    revenue = AnalyticsMoneyOutputSerializer(many=True)
    credits_redeemed = serializers.DecimalField(max_digits=14, decimal_places=2)


class OccupancyByResourceOutputSerializer(OccupancyFiguresOutputSerializer):
    resource_id = serializers.IntegerField()
    resource_name = serializers.CharField()
    resource_kind = KIND
    space_id = serializers.IntegerField()
    space_name = serializers.CharField()


class HeatmapCellOutputSerializer(serializers.Serializer[Any]):
    weekday = serializers.IntegerField(help_text="0 = Monday.")
    hour = serializers.IntegerField(help_text="Local hour, 0-23.")
    open_minutes = serializers.IntegerField()
    booked_minutes = serializers.IntegerField()
    occupancy_rate = serializers.FloatField(allow_null=True)


class RankedDayOutputSerializer(serializers.Serializer[Any]):
    date = serializers.DateField()
    occupancy_rate = serializers.FloatField()
    open_minutes = serializers.IntegerField()
    booked_minutes = serializers.IntegerField()
    bookings = serializers.IntegerField()


class DashboardPlaceOutputSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    name = serializers.CharField()
    slug = serializers.CharField()
    timezone = serializers.CharField()


class ManagerDashboardOutputSerializer(serializers.Serializer[Any]):
    places = DashboardPlaceOutputSerializer(many=True)
    period = AnalyticsPeriodOutputSerializer()
    previous_period = AnalyticsPeriodOutputSerializer()
    granularity = serializers.ChoiceField(choices=GRANULARITIES)
    kpis = ManagerKpisOutputSerializer()
    previous_kpis = ManagerKpisOutputSerializer()
    by_kind = OccupancyByKindOutputSerializer(many=True)
    series = OccupancySeriesPointOutputSerializer(many=True)
    by_resource = OccupancyByResourceOutputSerializer(many=True)
    heatmap = HeatmapCellOutputSerializer(many=True)
    busiest_days = RankedDayOutputSerializer(many=True)
    emptiest_days = RankedDayOutputSerializer(many=True)


class TodayKindOutputSerializer(serializers.Serializer[Any]):
    resource_kind = KIND
    resources = serializers.IntegerField()
    open_minutes = serializers.IntegerField()
    booked_minutes = serializers.IntegerField()
    occupancy_rate = serializers.FloatField(allow_null=True)
    in_now = serializers.IntegerField()


class TodayPersonOutputSerializer(serializers.Serializer[Any]):
    booking_id = serializers.IntegerField()
    name = serializers.CharField()
    resource_name = serializers.CharField()
    resource_kind = KIND
    part = serializers.CharField()
    start = serializers.DateTimeField()
    end = serializers.DateTimeField()
    status = serializers.CharField()


class ManagerTodayPlaceOutputSerializer(serializers.Serializer[Any]):
    space_id = serializers.IntegerField()
    space_name = serializers.CharField()
    date = serializers.DateField()
    is_open = serializers.BooleanField()
    by_kind = TodayKindOutputSerializer(many=True)
    people = TodayPersonOutputSerializer(many=True)


class ManagerRefreshOutputSerializer(serializers.Serializer[Any]):
    places = serializers.IntegerField()
    occupancy_rows = serializers.IntegerField()
    refreshed_at = serializers.DateTimeField()


class PublishedOccupancyOutputSerializer(serializers.Serializer[Any]):
    """Occupancy of a published group: null where the group describes fewer than 5 people."""

    open_minutes = serializers.IntegerField(allow_null=True)
    booked_minutes = serializers.IntegerField(allow_null=True)
    bookings = serializers.IntegerField(allow_null=True)
    cancellations = serializers.IntegerField(allow_null=True)
    no_shows = serializers.IntegerField(allow_null=True)
    checked_in = serializers.IntegerField(allow_null=True)
    occupancy_rate = serializers.FloatField(allow_null=True)
    cancellation_rate = serializers.FloatField(allow_null=True)
    no_show_rate = serializers.FloatField(allow_null=True)


class NetworkGroupOutputSerializer(PublishedOccupancyOutputSerializer):
    key = serializers.CharField(help_text="The group, or « autres »: the small groups merged.")
    places = serializers.IntegerField()
    members = serializers.IntegerField(allow_null=True)
    suppressed = serializers.BooleanField()


class PassRedemptionOutputSerializer(serializers.Serializer[Any]):
    space_id = serializers.IntegerField(allow_null=True, help_text="null: « autres ».")
    space_name = serializers.CharField()
    department_code = serializers.CharField()
    pass_credits_redeemed = serializers.DecimalField(max_digits=14, decimal_places=2,
                                                     allow_null=True)
    members = serializers.IntegerField(allow_null=True)
    suppressed = serializers.BooleanField()


class UnmetDemandRowOutputSerializer(serializers.Serializer[Any]):
    department_code = serializers.CharField(allow_null=True)
    empty_directory_searches = serializers.IntegerField()
    empty_availability_searches = serializers.IntegerField()
    waitlist_entries = serializers.IntegerField(allow_null=True)
    waitlist_members = serializers.IntegerField(allow_null=True)
    waitlist_served = serializers.IntegerField(allow_null=True)
    suppressed = serializers.BooleanField()


class UnmetDemandOutputSerializer(serializers.Serializer[Any]):
    by_department = UnmetDemandRowOutputSerializer(many=True)
    empty_searches = serializers.IntegerField()
    waitlist_entries = serializers.IntegerField(allow_null=True)


class CommuteFiguresOutputSerializer(serializers.Serializer[Any]):
    people = serializers.IntegerField(allow_null=True)
    days = serializers.IntegerField(allow_null=True)
    km_avoided = serializers.DecimalField(max_digits=14, decimal_places=1, allow_null=True)
    co2_kg_avoided = serializers.DecimalField(max_digits=14, decimal_places=1, allow_null=True)
    suppressed = serializers.BooleanField()


class CommuteDepartmentOutputSerializer(CommuteFiguresOutputSerializer):
    department_code = serializers.CharField()


class CommuteAvoidedOutputSerializer(CommuteFiguresOutputSerializer):
    months = AnalyticsPeriodOutputSerializer()
    declarations = serializers.IntegerField(allow_null=True)
    by_department = CommuteDepartmentOutputSerializer(many=True)


class NetworkDashboardOutputSerializer(serializers.Serializer[Any]):
    """A month's published observatory: stored at its first read after the month ended and
    answered unchanged from then on."""

    period = AnalyticsPeriodOutputSerializer()
    members_period = AnalyticsPeriodOutputSerializer()
    places = serializers.IntegerField()
    totals = PublishedOccupancyOutputSerializer()
    totals_suppressed = serializers.BooleanField()
    active_members = serializers.IntegerField(allow_null=True)
    active_members_suppressed = serializers.BooleanField()
    active_employers = serializers.IntegerField(
        help_text="Employers whose bundle paid at least one booking in the period.")
    by_department = NetworkGroupOutputSerializer(many=True)
    by_setting = NetworkGroupOutputSerializer(many=True)
    by_carrier_kind = NetworkGroupOutputSerializer(many=True)
    pass_redemptions = PassRedemptionOutputSerializer(many=True)
    unmet_demand = UnmetDemandOutputSerializer()
    commute = CommuteAvoidedOutputSerializer()
