"""People join an operator's team by accepting an invitation, never by being added.

The invite answers the same whether the address has an account or not and shows no name; the
mail (French then English) carries a link whose token is stored hashed, works once, expires,
and only for the invited address."""

import datetime as dt
import re

import pytest
import time_machine
from django.core import mail
from django.utils import timezone

from ostal.spaces.models import Operator
from ostal.teams.models import TeamInvitation
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def invite(client, operator: Operator, email: str, role: str = "manager"):
    return client.post(f"/api/v1/manage/operators/{operator.id}/team/invitations/",
                       {"email": email, "role": role}, format="json")


def link_token(message) -> str:
    found = re.search(r"/invitation-equipe/([\w-]+)", message.body)
    assert found, message.body
    return found.group(1)


def test_the_answer_is_the_same_whether_the_address_has_an_account_or_not(
        client_as, operator_cy, network_admin_nina, django_capture_on_commit_callbacks):
    UserFactory(email="known@example.org", first_name="Clémence", last_name="Secret")

    with django_capture_on_commit_callbacks(execute=True):
        known = invite(client_as("network_admin_nina"), operator_cy, "Known@Example.org")
        unknown = invite(client_as("network_admin_nina"), operator_cy, "nobody@example.org")

    assert (known.status_code, unknown.status_code) == (202, 202)
    assert set(known.json()) == set(unknown.json()) == {"email", "role", "expires_at"}
    assert known.json()["email"] == "known@example.org"
    assert "Clémence" not in known.content.decode()
    assert "Secret" not in known.content.decode()
    # Nobody joined: invited people are not members until they accept.
    assert not operator_cy.managers.filter(email="known@example.org").exists()
    team = client_as("network_admin_nina").get(
        f"/api/v1/manage/operators/{operator_cy.id}/team/").json()
    assert sorted(i["email"] for i in team["invitations"]) == ["known@example.org",
                                                               "nobody@example.org"]
    assert "Clémence" not in str(team)
    assert sorted(m.to[0] for m in mail.outbox) == ["known@example.org", "nobody@example.org"]


def test_the_mail_is_french_then_english_and_the_token_is_stored_hashed(
        client_as, operator_cy, network_admin_nina, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        invite(client_as("network_admin_nina"), operator_cy, "new@example.org")

    [message] = mail.outbox
    assert message.body.index("Bonjour") < message.body.index("Hello")
    assert "Coopérative Cy" in message.subject
    assert "gestionnaire" in message.body
    token = link_token(message)
    stored = TeamInvitation.objects.get(email="new@example.org")
    assert token not in stored.token_hash
    assert len(stored.token_hash) == 64
    html = message.alternatives[0][0]
    assert 'lang="en"' in html
    assert token in html


def test_the_invited_person_accepts_and_becomes_a_manager(
        client_as, operator_cy, network_admin_nina, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        invite(client_as("network_admin_nina"), operator_cy, "Lou@example.org")
    token = link_token(mail.outbox[0])
    lou = UserFactory(email="lou@example.org", first_name="Lou")

    preview = client_as("anonymous").get(f"/api/v1/team-invitations/{token}/")
    assert preview.status_code == 200
    assert (preview.json()["operator_name"], preview.json()["role"],
            preview.json()["state"]) == ("Coopérative Cy", "manager", "open")

    client = client_as("anonymous")
    client.force_authenticate(lou)
    accepted = client.post("/api/v1/team-invitations/accept/", {"token": token}, format="json")

    assert accepted.status_code == 200, accepted.content
    assert accepted.json() == {"operator_id": operator_cy.id, "operator_name": "Coopérative Cy",
                               "role": "manager"}
    assert operator_cy.managers.filter(pk=lou.pk).exists()
    assert client.get("/api/v1/me/").json()["managed_operator_ids"] == [operator_cy.id]
    # Used once: a second use is refused.
    again = client.post("/api/v1/team-invitations/accept/", {"token": token}, format="json")
    assert (again.status_code, again.json()["code"]) == (400, "team_invitation_invalid")


def test_another_address_cannot_use_the_link(client_as, operator_cy, network_admin_nina,
                                             member_ada, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        invite(client_as("network_admin_nina"), operator_cy, "lou@example.org")
    token = link_token(mail.outbox[0])

    response = client_as("member_ada").post("/api/v1/team-invitations/accept/",
                                            {"token": token}, format="json")

    assert (response.status_code, response.json()["code"]) == (403,
                                                               "team_invitation_other_email")
    assert not operator_cy.managers.filter(pk=member_ada.pk).exists()
    assert TeamInvitation.objects.get().accepted_at is None


def test_an_expired_link_is_refused(client_as, operator_cy, network_admin_nina, settings,
                                    django_capture_on_commit_callbacks):
    settings.TEAM_INVITATION_VALID_DAYS = 7
    with django_capture_on_commit_callbacks(execute=True):
        invite(client_as("network_admin_nina"), operator_cy, "lou@example.org")
    token = link_token(mail.outbox[0])
    lou = UserFactory(email="lou@example.org")
    client = client_as("anonymous")
    client.force_authenticate(lou)

    with time_machine.travel(timezone.now() + dt.timedelta(days=7, minutes=1)):
        response = client.post("/api/v1/team-invitations/accept/", {"token": token},
                               format="json")
        preview = client.get(f"/api/v1/team-invitations/{token}/").json()

    assert (response.status_code, response.json()["code"]) == (400, "team_invitation_expired")
    assert preview["state"] == "expired"
    assert not operator_cy.managers.filter(pk=lou.pk).exists()


def test_inviting_again_renews_the_link_and_the_old_one_stops_working(
        client_as, operator_cy, network_admin_nina, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        invite(client_as("network_admin_nina"), operator_cy, "lou@example.org")
        invite(client_as("network_admin_nina"), operator_cy, "lou@example.org")
    old, new = link_token(mail.outbox[0]), link_token(mail.outbox[1])
    lou = UserFactory(email="lou@example.org")
    client = client_as("anonymous")
    client.force_authenticate(lou)

    assert TeamInvitation.objects.count() == 1
    assert client.post("/api/v1/team-invitations/accept/", {"token": old},
                       format="json").status_code == 400
    assert client.post("/api/v1/team-invitations/accept/", {"token": new},
                       format="json").status_code == 200


def test_a_withdrawn_invitation_cannot_be_accepted(client_as, operator_cy, network_admin_nina,
                                                   django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        invite(client_as("network_admin_nina"), operator_cy, "lou@example.org")
    token = link_token(mail.outbox[0])
    invitation = TeamInvitation.objects.get()

    withdrawn = client_as("network_admin_nina").delete(
        f"/api/v1/manage/operators/{operator_cy.id}/team/invitations/{invitation.id}/")

    assert withdrawn.status_code == 204
    lou = UserFactory(email="lou@example.org")
    client = client_as("anonymous")
    client.force_authenticate(lou)
    assert client.post("/api/v1/team-invitations/accept/", {"token": token},
                       format="json").status_code == 400
    assert not operator_cy.managers.filter(pk=lou.pk).exists()


@pytest.mark.parametrize(("body", "field"), [
    ({"email": "not an address", "role": "manager"}, "email"),
    ({"email": "x@example.org", "role": "owner"}, "role"),
    ({"role": "manager"}, "email"),
])
def test_bad_input_is_a_field_error(client_as, operator_cy, network_admin_nina, body, field):
    response = client_as("network_admin_nina").post(
        f"/api/v1/manage/operators/{operator_cy.id}/team/invitations/", body, format="json")

    assert response.status_code == 400
    assert field in response.json()["fields"]
    assert not TeamInvitation.objects.exists()


def test_unknown_or_empty_tokens(client_as, member_ada):
    assert client_as("anonymous").get("/api/v1/team-invitations/nope/").status_code == 404
    response = client_as("member_ada").post("/api/v1/team-invitations/accept/", {"token": ""},
                                            format="json")
    assert response.status_code == 400
    assert "token" in response.json()["fields"]


def test_the_team_screen_reads_in_a_fixed_number_of_queries(
        client_as, operator_cy, manager_cy, network_admin_nina, django_assert_max_num_queries):
    for n in range(6):
        operator_cy.managers.add(UserFactory(email=f"m{n}@example.org"))
        TeamInvitation.objects.create(operator=operator_cy, email=f"i{n}@example.org",
                                      role="manager", token_hash=f"{n:064d}",
                                      expires_at=timezone.now() + dt.timedelta(days=1))
    client = client_as("manager_cy")

    with django_assert_max_num_queries(7):  # session user, role check, operator, 3 lists
        response = client.get(f"/api/v1/manage/operators/{operator_cy.id}/team/")

    assert response.status_code == 200
    assert len(response.json()["managers"]) == 7
    assert len(response.json()["invitations"]) == 6


def test_an_operator_keeps_one_manager(client_as, operator_cy, manager_cy):
    response = client_as("manager_cy").delete(
        f"/api/v1/manage/operators/{operator_cy.id}/team/managers/{manager_cy.id}/")

    assert (response.status_code, response.json()["code"]) == (400, "team_last_manager")
    assert operator_cy.managers.filter(pk=manager_cy.pk).exists()


def test_managers_cannot_be_added_through_the_operator_endpoint(client_as, operator_cy,
                                                               network_admin_nina, member_ada):
    response = client_as("network_admin_nina").patch(
        f"/api/v1/manage/operators/{operator_cy.id}/", {"managers": [member_ada.id]},
        format="json")

    assert response.status_code == 200
    assert not operator_cy.managers.filter(pk=member_ada.pk).exists()


def test_a_manager_invites_the_front_desk_who_then_sees_the_day_only(
        client_as, operator_cy, manager_cy, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = invite(client_as("manager_cy"), operator_cy, "desk@example.org",
                          role="front_desk")
    assert response.status_code == 202
    assert "accueil" in mail.outbox[0].body
    desk = UserFactory(email="desk@example.org")
    client = client_as("anonymous")
    client.force_authenticate(desk)

    accepted = client.post("/api/v1/team-invitations/accept/",
                           {"token": link_token(mail.outbox[0])}, format="json")

    assert accepted.json()["role"] == "front_desk"
    assert operator_cy.front_desk.filter(pk=desk.pk).exists()
    assert not operator_cy.managers.filter(pk=desk.pk).exists()
    me = client.get("/api/v1/me/").json()
    assert (me["managed_operator_ids"], me["front_desk_operator_ids"]) == ([], [operator_cy.id])
    # The front desk manages no team.
    assert client.get(f"/api/v1/manage/operators/{operator_cy.id}/team/").status_code == 403


def test_becoming_a_manager_takes_one_off_the_front_desk(
        client_as, operator_cy, manager_cy, front_desk_fay, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        invite(client_as("manager_cy"), operator_cy, front_desk_fay.email, role="manager")
    client = client_as("front_desk_fay")

    client.post("/api/v1/team-invitations/accept/", {"token": link_token(mail.outbox[0])},
                format="json")

    assert operator_cy.managers.filter(pk=front_desk_fay.pk).exists()
    assert not operator_cy.front_desk.filter(pk=front_desk_fay.pk).exists()


def test_a_manager_removes_the_front_desk(client_as, operator_cy, manager_cy, front_desk_fay):
    response = client_as("manager_cy").delete(
        f"/api/v1/manage/operators/{operator_cy.id}/team/front-desk/{front_desk_fay.id}/")

    assert response.status_code == 204
    assert not operator_cy.front_desk.filter(pk=front_desk_fay.pk).exists()
