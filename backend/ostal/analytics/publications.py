"""Publishing a closed month's figures once, and answering them from then on (issue 22).

`published()` is the only way an aggregate leaves Ostal for an employer, the network or the
public: it refuses a month that is not over, builds the figures once (with the audience's
noise, `disclosure.Noise`), stores exactly what was answered, and answers the stored copy on
every later read. Two racing first reads store one copy: the UNIQUE key decides, the loser
answers the winner's."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, transaction
from django.utils import timezone

from ostal.analytics.models import Publication
from ostal.core.db_routing import PRIMARY
from ostal.core.disclosure import Noise

#: Each audience's privacy budget for one month (epsilon), and how it is shared between the
#: figures (docs/analytics-method.md, "Budgets"). Open data spends nothing: it republishes
#: cells the network publication already released (post-processing).
NETWORK_BUDGET = Decimal("1.5")
NETWORK_SHARES = {"active_members": Decimal("0.15"), "group_members": Decimal("0.3"),
                  "redemptions": Decimal("0.15"), "waitlist": Decimal("0.1"),
                  "commute_people": Decimal("0.05"), "commute_days": Decimal("0.1"),
                  "commute_km": Decimal("0.15")}
EMPLOYER_BUDGET = Decimal("1.0")
EMPLOYER_SHARES = {"commute_people": Decimal("0.1"), "commute_days": Decimal("0.3"),
                   "commute_km": Decimal("0.6")}
assert sum(NETWORK_SHARES.values()) == 1
assert sum(EMPLOYER_SHARES.values()) == 1

MONTH_FORMAT_MESSAGE = "Mois attendu au format AAAA-MM. / Expected YYYY-MM."


def network_noise() -> Noise:
    return Noise(NETWORK_BUDGET, NETWORK_SHARES)


def employer_noise() -> Noise:
    return Noise(EMPLOYER_BUDGET, EMPLOYER_SHARES)


def last_closed_month(today: dt.date | None = None) -> dt.date:
    first = (today or timezone.localdate()).replace(day=1)
    return (first - dt.timedelta(days=1)).replace(day=1)


def month_is_closed(month: dt.date, today: dt.date | None = None) -> bool:
    return month <= last_closed_month(today)


def parse_month(raw: str | None, *, default: dt.date) -> dt.date:
    """`YYYY-MM` → its first day; None → `default`. A malformed value raises ValueError."""
    if raw is None or raw == "":
        return default
    year, month = (int(part) for part in raw.split("-"))
    if not 2000 <= year <= 2100:
        raise ValueError(raw)
    return dt.date(year, month, 1)


def published(*, audience: str, kind: str, scope: str, month: dt.date, epsilon: Decimal,
              build: Callable[[], Any]) -> Any:
    """The stored answer for (audience, kind, scope, month), built by `build()` (which must
    return JSON-able data: a serializer's `.data`) the first time. The caller has checked that
    the month is closed."""
    found = Publication.objects.filter(audience=audience, kind=kind, scope=scope,
                                       month=month).values_list("payload", flat=True).first()
    if found is not None:
        return found
    payload = _json(build())
    try:
        with transaction.atomic():
            Publication.objects.create(audience=audience, kind=kind, scope=scope, month=month,
                                       payload=payload, epsilon=epsilon,
                                       published_at=timezone.now())
    except IntegrityError:  # another request published it first: answer theirs
        return Publication.objects.using(PRIMARY).values_list("payload", flat=True).get(
            audience=audience, kind=kind, scope=scope, month=month)
    return payload


def _json(data: Any) -> Any:
    return json.loads(json.dumps(data, cls=DjangoJSONEncoder))
