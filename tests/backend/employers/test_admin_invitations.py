"""Employer admins are invited, never added (issue 22, finding 6).

Before: "add an admin" answered 201 with the person's full name for an address with an account
and 404 for an unknown one (an account and name oracle), and made the person admin of a
stranger's employer without asking them. Now: 202 and the same body whatever the address, an
invitation mail (French then English), and the person becomes admin only by accepting it,
logged in with the invited address."""

import datetime as dt

import pytest
import time_machine
from django.core import mail
from django.utils import timezone

from ostal.employers.models import AdminInvitation, Employer
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def invite(client, employer, email):
    return client.post(f"/api/v1/employers/{employer.pk}/admins/", {"email": email},
                       format="json")


def token_from_last_mail():
    return mail.outbox[-1].body.split("/invitation-admin-employeur/")[1].split()[0]


def accept(client, token):
    return client.post("/api/v1/employer-admin-invitations/accept/", {"token": token},
                       format="json")


def test_the_answer_is_the_same_whether_the_address_has_an_account_or_not(
        client_as, employer_acme, django_capture_on_commit_callbacks):
    UserFactory(email="known@example.org", first_name="Margaux", last_name="Delpech")
    client = client_as("employer_admin_ed")

    with django_capture_on_commit_callbacks(execute=True):
        known = invite(client, employer_acme, "known@example.org")
        unknown = invite(client, employer_acme, "nobody@example.org")

    assert known.status_code == unknown.status_code == 202
    assert (known.json() | {"email": "x"}) == (unknown.json() | {"email": "x"})
    assert b"Margaux" not in known.content
    assert b"Delpech" not in known.content
    assert [m.to for m in mail.outbox] == [["known@example.org"], ["nobody@example.org"]]
    admins = client.get(f"/api/v1/employers/{employer_acme.pk}/admins/").json()
    assert [row["email"] for row in admins] == ["ed@acme.example"]
    pending = client.get(f"/api/v1/employers/{employer_acme.pk}/admin-invitations/")
    assert [row["email"] for row in pending.json()] == ["known@example.org",
                                                        "nobody@example.org"]
    assert b"Margaux" not in pending.content
    assert set(pending.json()[0]) == {"id", "email", "expires_at"}


def test_nobody_becomes_admin_until_they_accept_with_the_invited_address(
        client_as, employer_acme, member_ada, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        invite(client_as("employer_admin_ed"), employer_acme, "Ada@Example.org")
    message = mail.outbox[-1]
    assert "Administrer Acme Occitanie" in message.subject
    body = message.body
    assert body.index("Bonjour") < body.index("Hello")  # French first, then English
    assert "Nothing changes until you accept" in body
    token = token_from_last_mail()
    assert not Employer.objects.filter(admins=member_ada).exists()
    assert client_as("member_ada").get(f"/api/v1/employers/{employer_acme.pk}/"
                                       ).status_code == 404

    stranger = client_as("stranger_manager_dee")
    refused = accept(stranger, token)
    assert (refused.status_code, refused.json()["code"]) == (403, "invitation_other_email")
    assert list(employer_acme.admins.values_list("email", flat=True)) == ["ed@acme.example"]

    accepted = accept(client_as("member_ada"), token)
    assert accepted.status_code == 200, accepted.content
    assert accepted.json() == {"employer_id": employer_acme.pk,
                               "employer_name": "Acme Occitanie"}
    assert client_as("member_ada").get(f"/api/v1/employers/{employer_acme.pk}/"
                                       ).status_code == 200
    admins = client_as("employer_admin_ed").get(
        f"/api/v1/employers/{employer_acme.pk}/admins/").json()
    assert {row["email"]: row["name"] for row in admins}["ada@example.org"].startswith("Ada")
    again = accept(client_as("member_ada"), token)
    assert (again.status_code, again.json()["code"]) == (404, "invitation_invalid")


def test_an_expired_withdrawn_or_replaced_link_does_not_work(
        client_as, employer_acme, member_ada, django_capture_on_commit_callbacks):
    client = client_as("employer_admin_ed")
    base = f"/api/v1/employers/{employer_acme.pk}/"
    with django_capture_on_commit_callbacks(execute=True):
        invite(client, employer_acme, "ada@example.org")
    first = token_from_last_mail()
    with django_capture_on_commit_callbacks(execute=True):
        invite(client, employer_acme, "ada@example.org")
    second = token_from_last_mail()

    assert accept(client_as("member_ada"), first).status_code == 404  # replaced
    with time_machine.travel(timezone.now() + dt.timedelta(days=15), tick=False):
        late = accept(client_as("member_ada"), second)
        assert (late.status_code, late.json()["code"]) == (404, "invitation_invalid")
        assert client.get(base + "admin-invitations/").json() == []
    invitation = AdminInvitation.objects.get()
    assert client.delete(base + f"admin-invitations/{invitation.pk}/").status_code == 204
    assert accept(client_as("member_ada"), second).status_code == 404  # withdrawn
    assert not employer_acme.admins.filter(pk=member_ada.pk).exists()


def test_inviting_an_admin_answers_the_same_and_mails_nobody(
        client_as, employer_acme, django_capture_on_commit_callbacks):
    client = client_as("employer_admin_ed")
    with django_capture_on_commit_callbacks(execute=True):
        already = invite(client, employer_acme, "ed@acme.example")
        other = invite(client, employer_acme, "new@example.org")

    assert already.status_code == other.status_code == 202
    assert (already.json() | {"email": "x"}) == (other.json() | {"email": "x"})
    assert [m.to for m in mail.outbox] == [["new@example.org"]]


@pytest.mark.parametrize("body", [{}, {"email": "not an address"}, {"email": ""},
                                  {"email": "a\x00b@example.org"}])
def test_a_bad_address_is_a_field_error_and_changes_nothing(client_as, employer_acme, body):
    answer = client_as("employer_admin_ed").post(
        f"/api/v1/employers/{employer_acme.pk}/admins/", body, format="json")

    assert answer.status_code == 400
    assert "email" in answer.json()["fields"]
    assert not AdminInvitation.objects.exists()


@pytest.mark.parametrize("role", ["anonymous", "member_ada", "employee_eve", "employer_admin_ed",
                                  "stranger_manager_dee", "manager_cy", "network_admin_nina"])
def test_only_the_invited_address_accepts(role, request, client_as, employer_acme,
                                          django_capture_on_commit_callbacks):
    for name in ("member_ada", "employee_eve", "stranger_manager_dee", "manager_cy",
                 "network_admin_nina"):
        request.getfixturevalue(name)
    with django_capture_on_commit_callbacks(execute=True):
        invite(client_as("employer_admin_ed"), employer_acme, "zoe@example.org")
    before = sorted(employer_acme.admins.values_list("email", flat=True))

    answer = accept(client_as(role), token_from_last_mail())

    assert answer.status_code in ((401, 403) if role == "anonymous" else (403,))
    assert sorted(employer_acme.admins.values_list("email", flat=True)) == before
    assert AdminInvitation.objects.count() == 1
