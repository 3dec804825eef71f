"""List endpoints of the employers app make a fixed number of queries, however many
employees, orders or invoices there are (no N+1)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ostal.employers.models import CostCentre, Employment
from tests.backend.employers.conftest import checkout, held, next_weekday
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def staff(employer, count, space, start=0):
    centre = CostCentre.objects.get_or_create(employer=employer, name="Ventes")[0]
    for index in range(start, start + count):
        user = UserFactory(email=f"p{index}@acme.example")
        Employment.objects.create(employer=employer, user=user, email=user.email,
                                  cost_centre=centre, status=Employment.Status.ACTIVE)
        booking = held(space, user, next_weekday(0), own_desk=True)
        yield user, booking


def queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize("path", ["employees/", "usage/", "usage.csv", "bundle/",
                                  "invoices/", "policies/"])
def test_lists_do_not_grow_with_the_staff(path, client_as, funded_acme, pass_space):
    admin = client_as("employer_admin_ed")
    url = f"/api/v1/employers/{funded_acme.pk}/{path}"
    for user, booking in staff(funded_acme, 2, pass_space):
        employee = client_as("anonymous")
        employee.force_authenticate(user)
        checkout(employee, booking)
    few = queries(admin, url)

    for user, booking in staff(funded_acme, 6, pass_space, start=2):
        employee = client_as("anonymous")
        employee.force_authenticate(user)
        checkout(employee, booking)

    assert queries(admin, url) == few


def test_the_invoice_list_does_not_grow_with_the_invoices(client_as, employer_acme,
                                                          employer_admin_ed, network_carnet):
    from ostal.employers.services.bundles import bundle_order_on_invoice

    admin = client_as("employer_admin_ed")
    url = f"/api/v1/employers/{employer_acme.pk}/invoices/"
    bundle_order_on_invoice(employer=employer_acme, actor=employer_admin_ed, plan=network_carnet)
    few = queries(admin, url)

    for _ in range(4):
        bundle_order_on_invoice(employer=employer_acme, actor=employer_admin_ed,
                                plan=network_carnet)

    assert queries(admin, url) == few
    assert len(admin.get(url).json()) == 5
