"""Employer admins invite and remove employees; people join by invitation or by the
domain-restricted link; an employee leaving mid-month gives the pool back its future days."""

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from ostal.bookings.models import Booking
from ostal.employers.models import EmployerBooking, Employment
from ostal.employers.selectors import pool_units_available, usage_by_employee
from tests.backend.employers.conftest import checkout, held, next_weekday
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def invite(client, employer, email, **extra):
    return client.post(f"/api/v1/employers/{employer.pk}/employees/",
                       {"email": email, **extra}, format="json")


def token_from_last_mail():
    body = mail.outbox[-1].body
    return body.split("/invitation-employeur/")[1].split()[0]


def test_an_invitation_is_mailed_in_french_and_english_and_accepted(
        client_as, employer_admin_ed, employer_acme, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        answer = invite(client_as("employer_admin_ed"), employer_acme, "Zoe@Acme.example")
    assert answer.status_code == 201, answer.content
    assert answer.json()["status"] == "invited"
    message = mail.outbox[-1]
    assert message.to == ["zoe@acme.example"]
    assert "Acme Occitanie vous offre le Pass télétravail" in message.subject
    assert "pays for your telework days" in message.body
    zoe = UserFactory(email="zoe@acme.example")
    client = client_as("anonymous")
    client.force_authenticate(zoe)

    accepted = client.post("/api/v1/employer-invitations/accept/",
                           {"token": token_from_last_mail()}, format="json")

    assert accepted.status_code == 200, accepted.content
    assert accepted.json()["employer_name"] == "Acme Occitanie"
    assert Employment.objects.get(email="zoe@acme.example").status == "active"
    me = client.get("/api/v1/me/employer/")
    assert me.json()["employer_name"] == "Acme Occitanie"


def test_an_invitation_only_works_for_the_invited_address(
        client_as, member_ada, employer_acme, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        invite(client_as("employer_admin_ed"), employer_acme, "zoe@acme.example")
    token = token_from_last_mail()

    wrong = client_as("member_ada").post("/api/v1/employer-invitations/accept/",
                                         {"token": token}, format="json")
    forged = client_as("member_ada").post("/api/v1/employer-invitations/accept/",
                                          {"token": "x" * 40}, format="json")

    assert (wrong.status_code, wrong.json()["code"]) == (403, "invitation_other_email")
    assert (forged.status_code, forged.json()["code"]) == (404, "invitation_invalid")
    assert Employment.objects.get(email="zoe@acme.example").status == "invited"


def test_inviting_twice_is_a_field_error(client_as, employer_acme):
    client = client_as("employer_admin_ed")
    invite(client, employer_acme, "zoe@acme.example")

    again = invite(client, employer_acme, "ZOE@acme.example")

    assert again.status_code == 409
    assert "email" in again.json()["fields"]
    assert Employment.objects.filter(email="zoe@acme.example").count() == 1


def test_the_join_link_only_accepts_the_company_domain(client_as, member_ada, employer_acme):
    link = client_as("employer_admin_ed").post(
        f"/api/v1/employers/{employer_acme.pk}/join-link/").json()["join_url"]
    token = link.rsplit("/", 1)[1]
    assert client_as("anonymous").get(f"/api/v1/employer-join/{token}/").json() == {
        "employer_name": "Acme Occitanie", "email_domain": "acme.example"}

    outsider = client_as("member_ada").post("/api/v1/employer-join/", {"token": token},
                                            format="json")
    assert (outsider.status_code, outsider.json()["code"]) == (403, "join_domain")

    colleague = UserFactory(email="max@acme.example")
    client = client_as("anonymous")
    client.force_authenticate(colleague)
    assert client.post("/api/v1/employer-join/", {"token": token},
                       format="json").status_code == 200
    assert Employment.objects.get(user=colleague).status == "active"

    # A regenerated link retires the old one.
    client_as("employer_admin_ed").post(f"/api/v1/employers/{employer_acme.pk}/join-link/")
    assert client_as("anonymous").get(f"/api/v1/employer-join/{token}/").status_code == 404


def test_an_employee_leaving_mid_month_returns_future_days_to_the_pool(
        client_as, employee_eve, funded_acme, pass_space):
    client = client_as("employee_eve")
    past = held(pass_space, employee_eve, timezone.localdate() + dt.timedelta(days=1))
    checkout(client, past)
    future = held(pass_space, employee_eve, next_weekday(0, weeks_ahead=2))
    checkout(client, future)
    assert pool_units_available(funded_acme, now=timezone.now()) == 800
    employment = Employment.objects.get(user=employee_eve)
    # "Tomorrow" has already happened when Eve leaves, the later day not.
    leaving = past.end + dt.timedelta(hours=1)

    from ostal.employers.services.employers import employment_end
    employment_end(employment=employment, now=leaving)

    future.refresh_from_db()
    assert future.status == Booking.Status.CANCELLED
    assert EmployerBooking.objects.get(booking=future).status == "released"
    assert pool_units_available(funded_acme, now=timezone.now()) == 900
    employment.refresh_from_db()
    assert employment.status == "left"
    rows = usage_by_employee(funded_acme, past.local_date)
    eve_row = next(row for row in rows if row["email"] == "eve@acme.example")
    assert eve_row["days"] == 1
    refused = checkout(client, held(pass_space, employee_eve, next_weekday(1, weeks_ahead=2)))
    assert refused.json()["code"] == "not_an_employee"


def test_the_end_endpoint_and_its_refusal_when_already_left(client_as, employee_eve,
                                                            employer_acme):
    employment = Employment.objects.get(user=employee_eve)
    url = f"/api/v1/employers/{employer_acme.pk}/employees/{employment.pk}/end/"
    client = client_as("employer_admin_ed")

    assert client.post(url).json()["status"] == "left"
    again = client.post(url)
    assert (again.status_code, again.json()["code"]) == (409, "employment_not_open")


def test_the_last_admin_cannot_be_removed(client_as, employer_admin_ed, employer_acme):
    url = f"/api/v1/employers/{employer_acme.pk}/admins/{employer_admin_ed.pk}/"

    answer = client_as("employer_admin_ed").delete(url)

    assert (answer.status_code, answer.json()["code"]) == (409, "last_admin")
    assert employer_acme.admins.filter(pk=employer_admin_ed.pk).exists()


def test_an_admin_creates_an_employer_with_a_clear_error_on_a_bad_siret(client_as):
    client = client_as("member_ada")
    body = {"name": "Mairie de Florac", "legal_name": "Commune de Florac-Trois-Rivières",
            "kind": "public_body", "siret": "12345678901234", "address_line1": "Place",
            "postal_code": "48400", "city": "Florac", "invoice_email": "compta@florac.example"}

    bad = client.post("/api/v1/employers/", body, format="json")
    assert bad.status_code == 400
    assert "siret" in bad.json()["fields"]

    good = client.post("/api/v1/employers/", {**body, "siret": "73282932000074"}, format="json")
    assert good.status_code == 201, good.content
    assert client.get("/api/v1/employers/").json()[0]["name"] == "Mairie de Florac"
