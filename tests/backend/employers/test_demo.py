"""`make demo` shows the employer's side: seed_demo creates a funded employer and its
employee, and prints their accounts."""

import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from ostal.employers.models import Employer, Employment
from ostal.employers.selectors import pool_units_available

pytestmark = pytest.mark.django_db


def test_seed_demo_creates_a_funded_employer_with_an_employee():
    out = io.StringIO()

    call_command("seed_demo", "--no-photos", stdout=out)

    employer = Employer.objects.get(name="Garrigue Logiciels")
    assert pool_units_available(employer, now=timezone.now()) == 2000
    assert Employment.objects.get(user__email="salarie@ostal.demo").status == "active"
    assert "employeur@ostal.demo" in out.getvalue()
    assert "salarie@ostal.demo" in out.getvalue()
