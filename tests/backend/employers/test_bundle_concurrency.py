"""Concurrent bookings of many employees against one bundle never overspend it, and one
employee's concurrent bookings never overrun their allowance (PostgreSQL row locks)."""

from decimal import Decimal

import pytest
from django.utils import timezone

from ostal.checkout.services.employer import employer_booking_checkout
from ostal.employers.errors import EmployerError
from ostal.employers.models import EmployerBooking, Employment
from ostal.employers.selectors import pool_units_available
from ostal.memberships.models import CreditLedgerEntry
from tests.backend.billing.concurrency import requires_postgres, run_concurrently
from tests.backend.employers.conftest import fund, held, set_policy, week_in_one_month
from tests.factories import UserFactory

pytestmark = [requires_postgres, pytest.mark.django_db(transaction=True)]


def test_parallel_employees_never_overspend_the_pool(employer_acme, pass_space):
    fund(employer_acme, 500)  # five desk-days for eight people
    monday = week_in_one_month()[0]
    staff = []
    for index in range(8):
        user = UserFactory(email=f"staff{index}@acme.example")
        Employment.objects.create(employer=employer_acme, user=user, email=user.email,
                                  status=Employment.Status.ACTIVE)
        staff.append((user, held(pass_space, user, monday, own_desk=True)))

    results = run_concurrently(8, lambda i: employer_booking_checkout(
        booking=staff[i][1], member=staff[i][0]))

    paid = [r for r in results if not isinstance(r, Exception)]
    refused = [r for r in results if isinstance(r, EmployerError)]
    assert (len(paid), len(refused)) == (5, 3), results
    assert {r.code for r in refused} == {"bundle_exhausted"}
    assert pool_units_available(employer_acme, now=timezone.now()) == 0
    spent = sum(-e.delta for e in CreditLedgerEntry.objects.filter(
        account=employer_acme.credit_account, kind="spend"))
    assert spent == 500


def test_parallel_bookings_of_one_employee_respect_the_weekly_allowance(
        employee_eve, employer_acme, pass_space):
    fund(employer_acme, 2000)
    set_policy(employer_acme, days_per_week=Decimal("2"))
    bookings = [held(pass_space, employee_eve, day) for day in week_in_one_month()]

    results = run_concurrently(5, lambda i: employer_booking_checkout(
        booking=bookings[i], member=employee_eve))

    assert sum(1 for r in results if not isinstance(r, Exception)) == 2, results
    assert EmployerBooking.objects.filter(employment__user=employee_eve).count() == 2
    assert pool_units_available(employer_acme, now=timezone.now()) == 1800
