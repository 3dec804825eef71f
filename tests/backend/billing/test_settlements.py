"""Monthly settlements: lines per the billing model, VAT per seller, commission, identical
statements on re-runs, adjustments after closing."""

import csv
import datetime as dt
import io
from decimal import Decimal

import pytest
import time_machine

from ostal.billing.models import Payment, Refund, Settlement
from ostal.billing.settlements import (
    SettlementError,
    settlement_close,
    settlement_generate,
    settlements_run,
)
from ostal.bookings.models import Booking
from ostal.memberships.models import CreditLedgerEntry
from ostal.memberships.services.credits import credit_grant, credit_release, credit_spend
from ostal.spaces.models import Operator
from tests.factories import ResourceFactory
from tests.factories.bookings import BookingFactory, paris

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _settings(settings):
    settings.NETWORK_COMMISSION_PERCENT = Decimal("10")
    settings.NETWORK_CREDIT_VALUE = Decimal("15.00")
    settings.NETWORK_VAT_STATUS = "registered"
    settings.SETTLEMENT_CLOSE_AFTER_DAYS = 5


def paid(operator, payer, amount, at, *, purpose="booking", description="Poste — réservation"):
    return Payment.objects.create(
        payer=payer, purpose=purpose, seller_operator=operator,
        seller_key=f"operator:{operator.pk}", description=description, amount=Decimal(amount),
        status="succeeded", succeeded_at=at)


def refunded(payment, amount, at):
    return Refund.objects.create(payment=payment, amount=Decimal(amount), reason="manual",
                                 status="succeeded", succeeded_at=at,
                                 idempotency_key=f"test:{payment.pk}:{amount}")


def redeem(member, space, at, *, units=100):
    """Network credits spent on a booking at `space`, at instant `at`."""
    desk = ResourceFactory(space=space, kind="desk")
    booking = BookingFactory(resource=desk, member=member, start=at + dt.timedelta(days=2),
                             end=at + dt.timedelta(days=2, hours=9))
    with time_machine.travel(at, tick=False):
        credit_grant(user=member, units=units, scope="network", space=None,
                     valid_from=at - dt.timedelta(days=1), expires_at=at + dt.timedelta(days=60),
                     source="purchase", source_key=f"grant:{booking.pk}",
                     vat_treatment="multi_purpose")
        credit_spend(user=member, units=units, space=space, reason_type="booking",
                     reason_id=str(booking.reference), operation_key=f"spend:{booking.pk}")
    return booking


def rows(settlement):
    settlement.refresh_from_db()
    with settlement.csv.open("rb") as f:
        return list(csv.DictReader(io.StringIO(f.read().decode())))


def test_a_statement_states_payments_refunds_redemptions_and_commission(
        space_cy, space_dee, member_ada):
    cy = space_cy.operator  # VAT-registered (20 %)
    space_cy.accepts_network_pass = True
    space_cy.save()
    first = paid(cy, member_ada, "24.00", paris(2026, 3, 3, 10))
    paid(cy, member_ada, "120.00", paris(2026, 3, 31, 23, 30), purpose="plan_purchase",
         description="Carnet 10 jours")
    refunded(first, "12.00", paris(2026, 3, 10, 9))
    redeem(member_ada, space_cy, paris(2026, 3, 12, 9), units=150)
    paid(cy, member_ada, "99.00", paris(2026, 4, 1, 0, 0))  # April, Paris time: not in March
    paid(space_dee.operator, member_ada, "50.00", paris(2026, 3, 5, 9))  # another operator

    statement = settlement_generate(operator=cy, year=2026, month=3)

    lines = rows(statement)
    assert [(r["kind"], r["gross"], r["net"], r["vat"]) for r in lines] == [
        ("booking_payment", "24.00", "20.00", "4.00"),
        ("refund", "-12.00", "-10.00", "-2.00"),
        ("redemption", "22.50", "18.75", "3.75"),       # 1.5 credits x 15.00, VAT at use
        ("plan_sale", "120.00", "100.00", "20.00"),
        ("commission", "-18.54", "-15.45", "-3.09"),    # 10 % of 154.50, + network VAT
    ]
    assert lines[2]["credits"] == "1.50"
    assert statement.total_collected == Decimal("132.00")
    assert statement.total_redemptions == Decimal("22.50")
    assert statement.amount_due == Decimal("135.96")
    assert statement.pdf.name.endswith(f"{cy.pk}-2026-03.pdf")
    assert statement.status == "draft"


def test_a_franchise_operator_states_no_vat(space_dee, member_ada):
    dee = space_dee.operator
    assert dee.vat_status == Operator.VatStatus.FRANCHISE
    paid(dee, member_ada, "30.00", paris(2026, 3, 3, 10))

    lines = rows(settlement_generate(operator=dee, year=2026, month=3))

    assert (lines[0]["net"], lines[0]["vat"], lines[0]["vat_rate"]) == ("30.00", "0.00",
                                                                       "0.0000")
    assert lines[-1]["kind"] == "commission"
    assert lines[-1]["vat"] == "-0.60"


def test_re_running_a_month_gives_the_same_statement_byte_for_byte(space_cy, member_ada):
    cy = space_cy.operator
    paid(cy, member_ada, "24.00", paris(2026, 3, 3, 10))
    paid(cy, member_ada, "18.00", paris(2026, 3, 4, 10))

    first = settlement_generate(operator=cy, year=2026, month=3)
    pdf_before = first.pdf.open("rb").read()
    first.pdf.close()
    again = settlement_generate(operator=cy, year=2026, month=3)

    assert again.pk == first.pk
    assert Settlement.objects.count() == 1
    assert again.content_hash == first.content_hash
    assert again.pdf.open("rb").read() == pdf_before
    assert list(again.lines.values_list("position", "source_key")) == list(
        first.lines.values_list("position", "source_key"))


def test_after_closing_a_late_fact_becomes_an_adjustment_on_the_next_statement(
        space_cy, member_ada):
    cy = space_cy.operator
    paid(cy, member_ada, "24.00", paris(2026, 3, 3, 10))
    march = settlement_generate(operator=cy, year=2026, month=3)
    settlement_close(settlement=march)
    closed_hash = march.content_hash
    # Recorded after closing, but dated in March (e.g. a payment repaired by reconciliation).
    late = paid(cy, member_ada, "36.00", paris(2026, 3, 30, 15))
    paid(cy, member_ada, "10.00", paris(2026, 4, 2, 10))

    assert settlement_generate(operator=cy, year=2026, month=3).content_hash == closed_hash
    april = settlement_generate(operator=cy, year=2026, month=4)

    lines = rows(april)
    assert [(r["kind"], r["gross"], r["adjustment_of"]) for r in lines] == [
        ("booking_payment", "10.00", ""),
        ("booking_payment", "36.00", "2026-03"),
        ("commission", "-5.52", ""),
    ]
    assert lines[1]["source"] == f"payment:{late.reference}"
    settlement_close(settlement=april)
    may = settlement_generate(operator=cy, year=2026, month=5)
    assert may is None  # counted once: nothing left for May


def test_statements_close_in_order_and_the_daily_run_does_it(space_cy, member_ada):
    cy = space_cy.operator
    paid(cy, member_ada, "24.00", paris(2026, 3, 3, 10))
    paid(cy, member_ada, "30.00", paris(2026, 4, 3, 10))
    march = settlement_generate(operator=cy, year=2026, month=3)
    april = settlement_generate(operator=cy, year=2026, month=4)

    with pytest.raises(SettlementError):
        settlement_close(settlement=april)

    assert settlements_run(now=paris(2026, 4, 5, 6)) == {"generated": 1, "closed": 0}
    assert settlements_run(now=paris(2026, 4, 6, 6)) == {"generated": 1, "closed": 1}
    march.refresh_from_db()
    assert march.status == "closed"
    assert settlements_run(now=paris(2026, 5, 7, 6))["closed"] == 1
    april.refresh_from_db()
    assert april.status == "closed"
    assert april.amount_due == Decimal("26.40")


def test_credits_given_back_on_a_cancellation_are_taken_off(space_cy, member_ada):
    cy = space_cy.operator
    space_cy.accepts_network_pass = True
    space_cy.save()
    booking = redeem(member_ada, space_cy, paris(2026, 3, 12, 9), units=100)
    with time_machine.travel(paris(2026, 3, 13, 9), tick=False):
        credit_release(spend_operation_key=f"spend:{booking.pk}",
                       release_operation_key=f"release:{booking.pk}", reason_type="booking",
                       reason_id=str(booking.reference))
    assert CreditLedgerEntry.objects.filter(kind="release").count() == 1

    lines = rows(settlement_generate(operator=cy, year=2026, month=3))

    assert [(r["kind"], r["gross"]) for r in lines] == [
        ("redemption", "15.00"), ("redemption_release", "-15.00"), ("commission", "0.00")]
    assert Booking.objects.count() == 1
