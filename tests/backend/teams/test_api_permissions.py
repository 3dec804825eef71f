"""The team endpoints by every role; a refused call changes nothing (no row, no mail)."""

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from ostal.teams.models import TeamInvitation
from tests.conftest import ROLES, like_a_member
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

# Cy's team: its managers and the network; a manager of another operator does not see it.
ON_CY = like_a_member({"anonymous": 403, "member_ada": 403, "stranger_manager_dee": 404,
                       "manager_cy": "ok", "network_admin_nina": "ok"})


@pytest.fixture
def cast(request, operator_cy):
    def load(role):
        for name in ROLES[1:]:
            request.getfixturevalue(name)
    return load


@pytest.mark.parametrize("role", ROLES)
def test_reading_the_team(client_as, cast, role, operator_cy):
    cast(role)
    response = client_as(role).get(f"/api/v1/manage/operators/{operator_cy.id}/team/")
    assert response.status_code == (200 if ON_CY[role] == "ok" else ON_CY[role])


@pytest.mark.parametrize("role", ROLES)
def test_inviting(client_as, cast, role, operator_cy, django_capture_on_commit_callbacks):
    cast(role)
    with django_capture_on_commit_callbacks(execute=True):
        response = client_as(role).post(
            f"/api/v1/manage/operators/{operator_cy.id}/team/invitations/",
            {"email": "new@example.org", "role": "manager"}, format="json")

    allowed = ON_CY[role] == "ok"
    assert response.status_code == (202 if allowed else ON_CY[role])
    assert TeamInvitation.objects.count() == (1 if allowed else 0)
    assert len(mail.outbox) == (1 if allowed else 0)


@pytest.mark.parametrize("role", ROLES)
def test_withdrawing_an_invitation(client_as, cast, role, operator_cy):
    cast(role)
    invitation = TeamInvitation.objects.create(
        operator=operator_cy, email="new@example.org", role="manager", token_hash="a" * 64,
        expires_at=timezone.now() + dt.timedelta(days=1))

    response = client_as(role).delete(
        f"/api/v1/manage/operators/{operator_cy.id}/team/invitations/{invitation.id}/")

    allowed = ON_CY[role] == "ok"
    assert response.status_code == (204 if allowed else ON_CY[role])
    invitation.refresh_from_db()
    assert (invitation.revoked_at is not None) == allowed


@pytest.mark.parametrize("role", ROLES)
def test_removing_a_manager(client_as, cast, role, operator_cy):
    cast(role)
    co_manager = UserFactory(email="co@example.org")
    operator_cy.managers.add(co_manager)

    response = client_as(role).delete(
        f"/api/v1/manage/operators/{operator_cy.id}/team/managers/{co_manager.id}/")

    allowed = ON_CY[role] == "ok"
    assert response.status_code == (204 if allowed else ON_CY[role])
    assert operator_cy.managers.filter(pk=co_manager.pk).exists() == (not allowed)


@pytest.mark.parametrize("role", ROLES)
def test_accepting_needs_an_account_logged_in_with_the_address(client_as, cast, role,
                                                               operator_cy):
    cast(role)
    response = client_as(role).post("/api/v1/team-invitations/accept/", {"token": "x"},
                                    format="json")
    # Anonymous: 403 (log in first); anyone else: the token is not valid.
    assert response.status_code == (403 if role == "anonymous" else 400)
