"""The places are paid for what employers' bundles used there: an employer-funded day is a
network-credit redemption on the operator's monthly statement, like a member's."""

from decimal import Decimal

import pytest
from django.utils import timezone

from ostal.billing.settlements import settlement_lines
from tests.backend.employers.conftest import checkout, held, next_weekday

pytestmark = pytest.mark.django_db


def test_an_employer_funded_day_is_a_redemption_for_the_place(
        client_as, employee_eve, funded_acme, pass_space, settings):
    settings.NETWORK_CREDIT_VALUE = Decimal("15.00")
    assert checkout(client_as("employee_eve"),
                    held(pass_space, employee_eve, next_weekday(0))).status_code == 200
    now = timezone.localtime()

    lines = settlement_lines(pass_space.operator, now.year, now.month)

    redemptions = [line for line in lines if line.kind == "redemption"]
    assert [line.gross for line in redemptions] == [Decimal("15.00")]
