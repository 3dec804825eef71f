"""Concurrent spends on one wallet never overdraw it (PostgreSQL: row lock on the account)."""

import datetime as dt

import pytest
from django.utils import timezone

from ostal.memberships.errors import MembershipError
from ostal.memberships.models import CreditLedgerEntry
from ostal.memberships.selectors import wallet_get
from ostal.memberships.services.credits import credit_grant, credit_spend
from tests.backend.billing.concurrency import requires_postgres, run_concurrently

pytestmark = [pytest.mark.postgres, requires_postgres]


@pytest.mark.django_db(transaction=True)
def test_parallel_spends_never_overdraw_the_wallet(member_ada, space_cy):
    now = timezone.now()
    for index, days in enumerate((5, 20)):  # two lots: 300 + 200 units
        credit_grant(user=member_ada, units=300 - 100 * index, scope="network", space=None,
                     valid_from=now - dt.timedelta(days=1),
                     expires_at=now + dt.timedelta(days=days), source="purchase",
                     source_key=f"lot:{index}", vat_treatment="multi_purpose")

    def spend(index: int):
        return credit_spend(user=member_ada, units=100, space=space_cy, reason_type="booking",
                            reason_id=str(index), operation_key=f"booking:{index}:spend")

    results = run_concurrently(8, spend)

    succeeded = [r for r in results if not isinstance(r, Exception)]
    refused = [r for r in results if isinstance(r, MembershipError)]
    assert len(succeeded) == 5, results
    assert len(refused) == 3, results
    assert all(r.code == "insufficient_credits" for r in refused)
    assert wallet_get(user=member_ada, now=timezone.now()).total_units == 0
    for lot_balance in (CreditLedgerEntry.objects.values("lot")
                        .order_by("lot").distinct()):
        total = sum(CreditLedgerEntry.objects.filter(lot=lot_balance["lot"])
                    .values_list("delta", flat=True))
        assert total == 0


@pytest.mark.django_db(transaction=True)
def test_parallel_replays_of_one_spend_write_once(member_ada, space_cy):
    now = timezone.now()
    credit_grant(user=member_ada, units=500, scope="network", space=None,
                 valid_from=now - dt.timedelta(days=1), expires_at=now + dt.timedelta(days=9),
                 source="purchase", source_key="lot", vat_treatment="multi_purpose")

    results = run_concurrently(6, lambda i: credit_spend(
        user=member_ada, units=100, space=space_cy, reason_type="booking", reason_id="1",
        operation_key="booking:1:spend"))

    assert not [r for r in results if isinstance(r, Exception)], results
    assert CreditLedgerEntry.objects.filter(kind="spend").count() == 1
    assert wallet_get(user=member_ada, now=timezone.now()).total_units == 400
