"""Amounts add up to the cent on every database: SQLite adds decimals as floats, and a demo
settlement line (-73.85 net, -14.77 VAT, -88.62 gross) was refused by the check constraint."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from ostal.billing.models import Settlement, SettlementLine
from ostal.spaces.models import Operator

pytestmark = pytest.mark.django_db


def line(settlement: Settlement, position: int, net: str, vat: str, gross: str
         ) -> SettlementLine:
    return SettlementLine.objects.create(
        settlement=settlement, position=position, kind="commission", source_key=f"line:{position}",
        occurred_at=dt.datetime(2026, 11, 30, 22, tzinfo=dt.UTC), description="Commission",
        gross=Decimal(gross), vat_rate=Decimal("0.2000"), net=Decimal(net), vat=Decimal(vat))


def test_a_line_whose_parts_add_up_is_accepted_and_one_a_cent_off_is_refused(
        operator_cy: Operator) -> None:
    settlement = Settlement.objects.create(operator=operator_cy, year=2026, month=11)

    line(settlement, 1, "-73.85", "-14.77", "-88.62")
    line(settlement, 2, "-20.40", "-4.08", "-24.48")

    assert settlement.lines.count() == 2
    with pytest.raises(IntegrityError), transaction.atomic():
        line(settlement, 3, "-73.85", "-14.77", "-88.63")
