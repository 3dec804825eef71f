"""Every employers endpoint for every role of the cast: an employer's data answers only its
admins and the network's admins; anyone else gets 404 (401 anonymous) and changes nothing.
Admins see usage per employee, cost centre and department, never a place or a date."""

import datetime as dt
import json

import pytest
from django.utils import timezone

from ostal.employers.models import (
    AdminInvitation,
    BundleOrder,
    CostCentre,
    Employer,
    Employment,
    Policy,
)
from tests.backend.employers.conftest import checkout, held, next_weekday
from tests.conftest import ROLES
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

EMPLOYER_ADMINS = {"employer_admin_ed", "network_admin_nina"}


def state():
    """Everything a refused request must leave unchanged."""
    return (list(Employer.objects.values()), list(Employment.objects.values()),
            list(CostCentre.objects.values()), list(Policy.objects.values()),
            BundleOrder.objects.count(), list(AdminInvitation.objects.values()),
            list(Employer.admins.through.objects.values()))


def endpoints(employer, employment, centre, co_admin, invitation):
    base = f"/api/v1/employers/{employer.pk}/"
    return [
        ("get", base, None),
        ("patch", base, {"name": "Renamed"}),
        ("get", base + "admins/", None),
        ("post", base + "admins/", {"email": "nina@example.org"}),  # an invitation, 202
        ("get", base + "admin-invitations/", None),
        ("delete", base + f"admin-invitations/{invitation.pk}/", None),
        ("delete", base + f"admins/{co_admin.pk}/", None),
        ("post", base + "join-link/", None),
        ("delete", base + "join-link/", None),
        ("get", base + "cost-centres/", None),
        ("post", base + "cost-centres/", {"name": "R&D"}),
        ("patch", base + f"cost-centres/{centre.pk}/", {"name": "Ventes"}),
        ("get", base + "policies/", None),
        ("put", base + "policies/default/", {"days_per_week": "2.0"}),
        ("put", base + f"policies/{centre.pk}/", {"days_per_week": "1.0"}),
        ("delete", base + f"policies/{centre.pk}/", None),
        ("get", base + "employees/", None),
        ("post", base + "employees/", {"email": "new@acme.example"}),
        ("patch", base + f"employees/{employment.pk}/", {"cost_centre": centre.pk}),
        ("post", base + f"employees/{employment.pk}/end/", None),
        ("get", base + "bundle/", None),
        ("get", base + "invoices/", None),
        ("get", base + "usage/", None),
        ("get", base + "usage.csv", None),
        ("get", base + "commute/", None),
        ("delete", base + f"cost-centres/{centre.pk}/", None),
    ]


@pytest.mark.parametrize("role", ROLES)
def test_an_employers_data_answers_only_its_admins(role, request, client_as, employer_acme,
                                                   employee_eve, network_admin_nina):
    for name in ROLES[1:]:
        request.getfixturevalue(name)  # the whole cast exists, whoever is asking
    centre = CostCentre.objects.create(employer=employer_acme, name="Ventes")
    employment = Employment.objects.get(user=employee_eve)
    co_admin = UserFactory(email="co@acme.example")
    employer_acme.admins.add(co_admin)
    invitation = AdminInvitation.objects.create(
        employer=employer_acme, email="pending@example.org", token_hash="x" * 64,
        expires_at=timezone.now() + dt.timedelta(days=3))
    client = client_as(role)

    for method, url, body in endpoints(employer_acme, employment, centre, co_admin,
                                       invitation):
        before = state()
        answer = getattr(client, method)(url, body, format="json")
        if role in EMPLOYER_ADMINS:
            assert answer.status_code < 300 or answer.status_code == 409, (method, url,
                                                                            answer.content)
            continue
        expected = 401 if role == "anonymous" else 404
        assert answer.status_code in (expected, 403), (role, method, url, answer.status_code)
        assert state() == before, (role, method, url)
        assert b"Acme" not in answer.content


@pytest.mark.parametrize("role", ROLES)
def test_who_may_create_an_employer_and_see_the_list(role, request, client_as, employer_acme):
    for name in ROLES[1:]:
        request.getfixturevalue(name)
    listed = client_as(role).get("/api/v1/employers/")

    if role == "anonymous":
        assert listed.status_code in (401, 403)
        return
    names = [row["name"] for row in listed.json()]
    assert names == (["Acme Occitanie"] if role in EMPLOYER_ADMINS else [])


@pytest.mark.parametrize("role", ROLES)
def test_only_the_network_confirms_transfers(role, request, client_as, employer_acme,
                                             employer_admin_ed, network_carnet):
    for name in ROLES[1:]:
        request.getfixturevalue(name)
    order = BundleOrder.objects.create(employer=employer_acme, ordered_by=employer_admin_ed,
                                       plan=network_carnet, amount=network_carnet.price,
                                       method="transfer", status="granted")
    client = client_as(role)

    listed = client.get("/api/v1/employer-orders/awaiting-transfer/")
    marked = client.post(f"/api/v1/employer-orders/{order.reference}/transfer-received/")

    if role == "network_admin_nina":
        assert listed.status_code == marked.status_code == 200
    else:
        assert listed.status_code in (401, 403)
        assert marked.status_code in (401, 403)
        order.refresh_from_db()
        assert order.status == "granted"


def test_usage_never_shows_where_or_when(client_as, employee_eve, funded_acme, pass_space):
    booking = held(pass_space, employee_eve, next_weekday(0))
    checkout(client_as("employee_eve"), booking)
    month = booking.local_date.strftime("%Y-%m")

    usage = client_as("employer_admin_ed").get(
        f"/api/v1/employers/{funded_acme.pk}/usage/?month={month}")
    csv = client_as("employer_admin_ed").get(
        f"/api/v1/employers/{funded_acme.pk}/usage.csv?month={month}")

    assert usage.status_code == 200
    eve = next(r for r in usage.json()["employees"] if r["email"] == "eve@acme.example")
    assert (eve["days"], eve["credits"], eve["company_amount"]) == ("1.0", "1.00", "15.00")
    # One employee in Haute-Garonne: never shown as "31", merged into « autres » (issue 22).
    assert [row["department_code"] for row in usage.json()["departments"]] == ["autres"]
    text = json.dumps(usage.json()) + csv.content.decode()
    for secret in (pass_space.name, pass_space.slug, booking.local_date.isoformat(),
                   booking.local_date.strftime("%d/%m")):
        assert secret not in text
    assert "eve@acme.example" in csv.content.decode()


def test_bad_month_and_bad_csv_grouping_are_field_errors(client_as, employer_acme):
    client = client_as("employer_admin_ed")
    base = f"/api/v1/employers/{employer_acme.pk}/"

    assert client.get(base + "usage/?month=2026-13").json()["fields"] == {
        "month": ["Mois attendu au format AAAA-MM. / Expected YYYY-MM."]}
    assert "by" in client.get(base + "usage.csv?by=place").json()["fields"]
    assert "year" in client.get(base + "commute/?year=abc").json()["fields"]


@pytest.mark.parametrize("role", ROLES)
def test_my_employer_answers_each_person_about_themselves(role, request, client_as,
                                                          employee_eve):
    for name in ROLES[1:]:
        request.getfixturevalue(name)

    answer = client_as(role).get("/api/v1/me/employer/")

    expected = {"anonymous": 401, "employee_eve": 200}.get(role, 204)
    assert answer.status_code in ((expected, 403) if role == "anonymous" else (expected,))
    if role == "employee_eve":
        assert answer.json()["employer_name"] == "Acme Occitanie"
