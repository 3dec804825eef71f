"""A manager's refund: nothing, a negative amount and too much are three different refusals,
each with its own code, and none records a refund."""

from decimal import Decimal

import pytest

from ostal.billing.models import Payment

pytestmark = pytest.mark.django_db


@pytest.fixture
def paid(adas_payment: Payment) -> Payment:
    return adas_payment


def refund(client, payment, amount):
    return client.post(f"/api/v1/manage/payments/{payment.reference}/refund/",
                       {"amount": amount}, format="json")


@pytest.mark.parametrize("amount", ["0", "0.00", "-5.00"])
def test_a_refund_of_nothing_or_less_has_its_own_code(client_as, paid, amount):
    answer = refund(client_as("manager_cy"), paid, amount)

    assert answer.status_code == 400
    assert answer.json()["code"] == "invalid_refund_amount"
    assert not paid.refunds.exists()


def test_a_refund_beyond_what_was_paid_is_too_large(client_as, paid):
    answer = refund(client_as("manager_cy"), paid, "15.01")

    assert (answer.status_code, answer.json()["code"]) == (400, "refund_too_large")
    assert not paid.refunds.exists()


def test_a_refund_within_what_was_paid_is_accepted(client_as, paid, sent_tasks):
    answer = refund(client_as("manager_cy"), paid, "0.01")

    assert answer.status_code == 202
    assert [r.amount for r in paid.refunds.all()] == [Decimal("0.01")]
