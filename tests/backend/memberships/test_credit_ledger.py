"""The credit ledger: grants, spends oldest-expiring first, scopes, releases, idempotency."""

import datetime as dt

import pytest
from django.utils import timezone

from ostal.memberships.errors import MembershipError
from ostal.memberships.models import CreditLedgerEntry, CreditLot
from ostal.memberships.selectors import wallet_get
from ostal.memberships.services.credits import (
    credit_grant,
    credit_release,
    credit_revoke_lot,
    credit_spend,
)

NOW = timezone.now()


def grant(user, units, *, days=30, space=None, key=None, starts=-1):
    return credit_grant(
        user=user, units=units, scope="space" if space else "network", space=space,
        valid_from=NOW + dt.timedelta(days=starts), expires_at=NOW + dt.timedelta(days=days),
        source="purchase", source_key=key or f"test:{units}:{days}:{space and space.pk}",
        vat_treatment="single_purpose" if space else "multi_purpose")


def balance(user, space=None):
    wallet = wallet_get(user=user, now=NOW)
    return wallet.network_units + (wallet.space_units.get(space.pk, 0) if space else 0)


@pytest.mark.django_db
def test_spend_takes_oldest_expiring_lots_first(member_ada, space_cy):
    late = grant(member_ada, 300, days=60)
    soon = grant(member_ada, 100, days=10)

    spend = credit_spend(user=member_ada, units=250, space=space_cy, reason_type="booking",
                         reason_id="1", operation_key="booking:1:spend", now=NOW)

    assert [(e.lot_id, e.delta) for e in spend.entries] == [(soon.pk, -100), (late.pk, -150)]
    assert balance(member_ada) == 150


@pytest.mark.django_db
def test_network_credits_are_not_usable_where_the_pass_is_refused(member_ada, space_dee):
    grant(member_ada, 500)

    with pytest.raises(MembershipError) as refused:
        credit_spend(user=member_ada, units=100, space=space_dee, reason_type="booking",
                     reason_id="2", operation_key="booking:2:spend", now=NOW)

    assert refused.value.code == "insufficient_credits"
    assert not CreditLedgerEntry.objects.filter(kind="spend").exists()


@pytest.mark.django_db
def test_place_credits_only_work_at_their_place(member_ada, space_cy, space_dee):
    grant(member_ada, 200, space=space_dee)

    credit_spend(user=member_ada, units=100, space=space_dee, reason_type="booking",
                 reason_id="3", operation_key="booking:3:spend", now=NOW)
    with pytest.raises(MembershipError):
        credit_spend(user=member_ada, units=100, space=space_cy, reason_type="booking",
                     reason_id="4", operation_key="booking:4:spend", now=NOW)


@pytest.mark.django_db
def test_expired_and_future_lots_are_not_spent(member_ada, space_cy):
    grant(member_ada, 100, days=-1, starts=-10, key="expired")
    grant(member_ada, 100, days=30, starts=2, key="future")

    with pytest.raises(MembershipError) as refused:
        credit_spend(user=member_ada, units=50, space=space_cy, reason_type="booking",
                     reason_id="5", operation_key="booking:5:spend", now=NOW)
    assert "0.00" in refused.value.message


@pytest.mark.django_db
def test_insufficient_credits_writes_nothing(member_ada, space_cy):
    grant(member_ada, 100)

    with pytest.raises(MembershipError):
        credit_spend(user=member_ada, units=150, space=space_cy, reason_type="booking",
                     reason_id="6", operation_key="booking:6:spend", now=NOW)

    assert balance(member_ada) == 100
    assert CreditLedgerEntry.objects.filter(kind="spend").count() == 0


@pytest.mark.django_db
def test_spend_is_idempotent_per_operation_key(member_ada, space_cy):
    grant(member_ada, 300)
    first = credit_spend(user=member_ada, units=100, space=space_cy, reason_type="booking",
                         reason_id="7", operation_key="booking:7:spend", now=NOW)

    again = credit_spend(user=member_ada, units=100, space=space_cy, reason_type="booking",
                         reason_id="7", operation_key="booking:7:spend", now=NOW)

    assert again.replayed
    assert [e.pk for e in again.entries] == [e.pk for e in first.entries]
    assert balance(member_ada) == 200
    with pytest.raises(MembershipError) as refused:
        credit_spend(user=member_ada, units=50, space=space_cy, reason_type="booking",
                     reason_id="7", operation_key="booking:7:spend", now=NOW)
    assert refused.value.code == "operation_key_reused"


@pytest.mark.django_db
def test_release_gives_back_to_the_same_lots_once(member_ada, space_cy):
    soon = grant(member_ada, 100, days=10)
    grant(member_ada, 300, days=60)
    credit_spend(user=member_ada, units=250, space=space_cy, reason_type="booking",
                 reason_id="8", operation_key="booking:8:spend", now=NOW)

    credit_release(spend_operation_key="booking:8:spend", release_operation_key="booking:8:rel")
    credit_release(spend_operation_key="booking:8:spend", release_operation_key="booking:8:rel")

    assert balance(member_ada) == 400
    assert CreditLedgerEntry.objects.filter(lot=soon, kind="release").get().delta == 100
    assert credit_release(spend_operation_key="nothing", release_operation_key="x") == []


@pytest.mark.django_db
def test_grant_is_idempotent_per_source_key(member_ada):
    first = grant(member_ada, 100, key="payment:abc")
    second = grant(member_ada, 100, key="payment:abc")

    assert first.pk == second.pk
    assert CreditLot.objects.count() == 1
    assert balance(member_ada) == 100


@pytest.mark.django_db
def test_revoke_takes_back_only_what_is_left(member_ada, space_cy):
    lot = grant(member_ada, 300)
    credit_spend(user=member_ada, units=100, space=space_cy, reason_type="booking",
                 reason_id="9", operation_key="booking:9:spend", now=NOW)

    entry = credit_revoke_lot(lot=lot, operation_key="dispute:1", reason_type="dispute",
                              reason_id="1")

    assert entry is not None
    assert entry.delta == -200
    assert balance(member_ada) == 0
    assert credit_revoke_lot(lot=lot, operation_key="dispute:1", reason_type="dispute",
                             reason_id="1").pk == entry.pk


@pytest.mark.django_db
def test_ledger_rows_are_append_only(member_ada):
    lot = grant(member_ada, 100)
    entry = lot.entries.get()

    with pytest.raises(ValueError, match="append-only"):
        entry.save()
    with pytest.raises(ValueError, match="append-only"):
        entry.delete()
    with pytest.raises(ValueError, match="never changed"):
        lot.save()


@pytest.mark.django_db
def test_wallet_lists_lots_with_balance_and_expiry(member_ada, space_cy):
    grant(member_ada, 100, days=10, key="a")
    grant(member_ada, 200, days=20, space=space_cy, key="b")
    grant(member_ada, 100, days=-1, starts=-10, key="expired")

    wallet = wallet_get(user=member_ada, now=NOW)

    assert [(lot.balance, lot.scope) for lot in wallet.lots] == [(100, "network"),
                                                                 (200, "space")]
    assert (wallet.network_units, wallet.space_units, wallet.total_units) == (
        100, {space_cy.pk: 200}, 300)
