"""The network works applications: nouveau → en étude → accepté / refusé, notes, messages;
accepting creates the operator, drafts the place (unpublished) and tells the applicant."""

from __future__ import annotations

import threading
from collections.abc import Callable

import pytest
from django.core import mail
from django.db import connection
from rest_framework.test import APIClient

from ostal.accounts.models import User
from ostal.joining.models import Application, ApplicationMessage
from ostal.joining.outbox import messages_send_pending
from ostal.spaces.models import Operator, Space
from ostal.teams.models import TeamInvitation
from tests.backend.joining.conftest import VALID_SIRET, make_application
from tests.factories import OperatorFactory

pytestmark = pytest.mark.django_db


def transition(client: APIClient, application: Application, status: str, **extra: str) -> object:
    return client.post(
        f"/api/v1/network/applications/{application.pk}/transition/",
        {"status": status, **extra},
        format="json",
    )


def test_review_then_accept_drafts_an_unpublished_place(
    client_as: Callable[[str], APIClient], network_admin_nina: User
) -> None:
    application = make_application()
    nina = client_as("network_admin_nina")

    assert transition(nina, application, "in_review").status_code == 200
    response = transition(nina, application, "accepted", message="Bienvenue !")

    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "accepted"
    assert body["next_statuses"] == []
    operator = Operator.objects.get(name="Les Causses Connectées")
    assert (operator.siret, operator.legal_form) == (VALID_SIRET, "association")
    space = Space.objects.get(pk=body["space_id"])
    assert space.operator == operator
    assert space.is_published is False
    assert space.commune_id == "48095"
    assert space.kind == "rural_multiservice"
    assert space.setting == "periurban"  # Mende, about 12 500 inhabitants
    assert not Space.objects.published().filter(pk=space.pk).exists()
    application.refresh_from_db()
    assert application.decided_by == network_admin_nina
    invitation = TeamInvitation.objects.get(operator=operator)
    assert (invitation.email, invitation.role) == ("lea@causses.example", "manager")
    assert not operator.managers.exists()  # invited, never added


def test_an_accepted_draft_is_not_in_the_public_directory(
    client_as: Callable[[str], APIClient],
) -> None:
    application = make_application(status=Application.Status.IN_REVIEW)
    transition(client_as("network_admin_nina"), application, "accepted")

    listed = client_as("anonymous").get("/api/v1/directory/spaces/").json()
    names = [row["name"] for row in listed["results"]]
    assert "La Grange numérique" not in names
    slug = Space.objects.get(name="La Grange numérique").slug
    assert client_as("anonymous").get(f"/api/v1/directory/spaces/{slug}/").status_code == 404


def test_each_step_mails_the_applicant(client_as: Callable[[str], APIClient]) -> None:
    application = make_application()
    nina = client_as("network_admin_nina")
    transition(nina, application, "in_review")
    transition(nina, application, "refused", message="Le projet est hors de la région.")

    assert messages_send_pending() == 3  # received, in review, refused
    subjects = [message.subject for message in mail.outbox]
    assert subjects[1].startswith("Votre candidature est à l'étude")
    assert subjects[2].startswith("Réponse à votre candidature")
    assert "Le projet est hors de la région." in mail.outbox[2].body


@pytest.mark.parametrize(
    ("start", "target"),
    [
        ("new", "accepted"),  # the pipeline goes through "en étude"
        ("accepted", "refused"),  # a decision is final
        ("refused", "in_review"),
        ("in_review", "new"),
    ],
)
def test_transitions_outside_the_pipeline_are_refused(
    client_as: Callable[[str], APIClient], start: str, target: str
) -> None:
    application = make_application(status=start)

    response = transition(client_as("network_admin_nina"), application, target)

    assert response.status_code == 409
    assert "status" in response.json()["fields"]
    application.refresh_from_db()
    assert application.status == start
    assert Operator.objects.count() == 0
    assert ApplicationMessage.objects.exclude(kind="received").count() == 0


def test_an_existing_operator_with_the_same_siret_gets_the_new_place(
    client_as: Callable[[str], APIClient],
) -> None:
    existing = OperatorFactory(name="Causses SCIC", siret=VALID_SIRET)
    application = make_application(status=Application.Status.IN_REVIEW)

    transition(client_as("network_admin_nina"), application, "accepted")

    assert Operator.objects.count() == 1
    assert Space.objects.get(name="La Grange numérique").operator == existing


def test_a_taken_operator_name_is_a_field_error_until_another_is_given(
    client_as: Callable[[str], APIClient],
) -> None:
    OperatorFactory(name="Les Causses Connectées")  # another SIRET
    application = make_application(status=Application.Status.IN_REVIEW, siret="")
    nina = client_as("network_admin_nina")

    refused = transition(nina, application, "accepted")
    assert refused.status_code == 400
    assert "operator_name" in refused.json()["fields"]
    assert Space.objects.count() == 0
    application.refresh_from_db()
    assert application.status == "in_review"

    accepted = transition(nina, application, "accepted", operator_name="Causses Connectées 48")
    assert accepted.status_code == 200
    assert accepted.json()["operator_name"] == "Causses Connectées 48"


def test_notes_stay_internal_and_messages_are_mailed(client_as: Callable[[str], APIClient]) -> None:
    application = make_application()
    nina = client_as("network_admin_nina")
    base = f"/api/v1/network/applications/{application.pk}"

    assert (
        nina.post(f"{base}/notes/", {"body": "Appeler la mairie."}, format="json").status_code
        == 201
    )
    assert (
        nina.post(
            f"{base}/messages/", {"body": "Pouvez-vous joindre le budget ?"}, format="json"
        ).status_code
        == 201
    )
    assert nina.post(f"{base}/notes/", {"body": ""}, format="json").status_code == 400

    messages_send_pending()
    assert len(mail.outbox) == 2
    assert "Pouvez-vous joindre le budget ?" in mail.outbox[1].body
    assert all("Appeler la mairie." not in message.body for message in mail.outbox)
    detail = nina.get(f"{base}/").json()
    assert [note["body"] for note in detail["notes"]] == ["Appeler la mairie."]
    assert [message["kind"] for message in detail["messages"]] == ["received", "message"]


def test_a_failed_mail_is_retried(settings: object, monkeypatch: pytest.MonkeyPatch) -> None:
    make_application()
    calls: list[int] = []

    def broken(self: object, fail_silently: bool = False) -> int:
        calls.append(1)
        raise ConnectionRefusedError("SMTP down")

    monkeypatch.setattr("django.core.mail.EmailMultiAlternatives.send", broken)
    assert messages_send_pending() == 0
    message = ApplicationMessage.objects.get()
    assert (message.status, message.attempts) == ("pending", 1)
    assert "SMTP down" in message.last_error

    monkeypatch.undo()
    assert messages_send_pending() == 1
    assert len(mail.outbox) == 1


def test_the_list_takes_a_fixed_number_of_queries(
    client_as: Callable[[str], APIClient], django_assert_max_num_queries: object
) -> None:
    nina = client_as("network_admin_nina")
    make_application()
    nina.get("/api/v1/network/applications/")  # warm the session and user
    for insee in ("31555", "34172", "09122", "12202"):
        make_application(department_insee=insee)

    with django_assert_max_num_queries(3):  # type: ignore[operator]
        response = nina.get("/api/v1/network/applications/")
    assert len(response.json()) == 5


def test_the_detail_takes_a_fixed_number_of_queries(
    client_as: Callable[[str], APIClient], django_assert_max_num_queries: object
) -> None:
    nina = client_as("network_admin_nina")
    application = make_application()
    for _ in range(3):
        nina.post(
            f"/api/v1/network/applications/{application.pk}/notes/", {"body": "n"}, format="json"
        )

    with django_assert_max_num_queries(8):  # type: ignore[operator]
        response = nina.get(f"/api/v1/network/applications/{application.pk}/")
    assert len(response.json()["notes"]) == 3


def test_a_bad_status_filter_is_a_field_error(client_as: Callable[[str], APIClient]) -> None:
    response = client_as("network_admin_nina").get("/api/v1/network/applications/?status=x")

    assert response.status_code == 400
    assert "status" in response.json()["fields"]


@pytest.mark.django_db(transaction=True)
def test_two_admins_deciding_at_once_make_one_decision(network_admin_nina: User) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL")
    application = make_application(status=Application.Status.IN_REVIEW)
    results: list[int] = []
    barrier = threading.Barrier(2)

    def decide(status: str) -> None:
        client = APIClient()
        client.force_authenticate(network_admin_nina)
        barrier.wait()
        results.append(transition(client, application, status).status_code)  # type: ignore[attr-defined]
        connection.close()

    threads = [
        threading.Thread(target=decide, args=(status,)) for status in ("accepted", "refused")
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(results) == [200, 409]
    application.refresh_from_db()
    assert ApplicationMessage.objects.filter(kind__in=["accepted", "refused"]).count() == 1
    assert Space.objects.count() == (1 if application.status == "accepted" else 0)
