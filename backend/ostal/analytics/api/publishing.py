"""The network's monthly publication in its HTTP shape (the API answers it as stored): used by
the views, the worker's monthly run and `manage.py publish_closed_months` (demo seeding)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from ostal.analytics import publications, selectors
from ostal.analytics.api.serializers import NetworkDashboardOutputSerializer
from ostal.analytics.models import Publication


def network_publication(month: dt.date) -> Any:
    """The network's published observatory of a closed `month` (published now if it was not):
    merged small groups, noise from the network's budget, frozen from then on."""
    last = (month + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
    return publications.published(
        audience=Publication.Audience.NETWORK, kind="observatory", scope="", month=month,
        epsilon=publications.NETWORK_BUDGET,
        build=lambda: NetworkDashboardOutputSerializer(selectors.network_dashboard(
            period=selectors.Period(month, last), noise=publications.network_noise())).data)


def publish_closed_months(*, today: dt.date | None = None) -> list[dt.date]:
    """Publish every closed month that has occupancy and is not published yet (idempotent).
    Returns the months published now."""
    limit = (today or timezone.localdate()).replace(day=1)  # the current month is open
    done = set(Publication.objects.filter(audience=Publication.Audience.NETWORK,
                                          kind="observatory").values_list("month", flat=True))
    months = [month for month in selectors.months_with_occupancy(before=limit)
              if month not in done]
    for month in months:
        network_publication(month)
    return months
