"""Who may do what with applications, over the whole cast; a refused call changes nothing."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from ostal.joining.models import Application, ApplicationMessage, ApplicationNote, CensusImport
from ostal.spaces.models import Space
from tests.backend.joining.conftest import application_body, make_application, pdf_bytes
from tests.conftest import ROLES, like_a_member

pytestmark = pytest.mark.django_db

NETWORK = like_a_member(
    {
        "anonymous": 403,
        "member_ada": 403,
        "stranger_manager_dee": 403,
        "manager_cy": 403,
        "network_admin_nina": 200,
    }
)


def created(expected: int) -> int:
    return 201 if expected == 200 else expected


@pytest.mark.parametrize("role", ROLES)
def test_anyone_may_apply(client_as: Callable[[str], APIClient], role: str) -> None:
    response = client_as(role).post(
        "/api/v1/joining/applications/", application_body(), format="multipart"
    )

    assert response.status_code == 201
    assert Application.objects.count() == 1


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("suffix", ["", "observatory/", "{pk}/"])
def test_reading_the_pipeline(
    client_as: Callable[[str], APIClient], role: str, suffix: str
) -> None:
    application = make_application()
    path = "/api/v1/network/applications/" + suffix.format(pk=application.pk)

    assert client_as(role).get(path).status_code == NETWORK[role]


@pytest.mark.parametrize("role", ROLES)
def test_moving_an_application(client_as: Callable[[str], APIClient], role: str) -> None:
    application = make_application()

    response = client_as(role).post(
        f"/api/v1/network/applications/{application.pk}/transition/",
        {"status": "in_review"},
        format="json",
    )

    assert response.status_code == NETWORK[role]
    application.refresh_from_db()
    assert application.status == ("in_review" if NETWORK[role] == 200 else "new")


@pytest.mark.parametrize("role", ROLES)
def test_notes_and_messages(client_as: Callable[[str], APIClient], role: str) -> None:
    application = make_application()
    client = client_as(role)
    base = f"/api/v1/network/applications/{application.pk}"

    note = client.post(f"{base}/notes/", {"body": "Interne."}, format="json")
    message = client.post(f"{base}/messages/", {"body": "Bonjour."}, format="json")

    assert note.status_code == message.status_code == created(NETWORK[role])
    allowed = NETWORK[role] == 200
    assert ApplicationNote.objects.count() == (1 if allowed else 0)
    assert ApplicationMessage.objects.filter(kind="message").count() == (1 if allowed else 0)


@pytest.mark.parametrize("role", ROLES)
def test_documents_are_for_the_network_only(
    client_as: Callable[[str], APIClient], role: str
) -> None:
    client_as("anonymous").post(
        "/api/v1/joining/applications/",
        application_body(documents=[SimpleUploadedFile("budget.pdf", pdf_bytes())]),
        format="multipart",
    )
    application = Application.objects.get()
    document = application.documents.get()

    response = client_as(role).get(
        f"/api/v1/network/applications/{application.pk}/documents/{document.pk}/"
    )

    assert response.status_code == NETWORK[role]
    if NETWORK[role] == 200:
        assert response["Content-Disposition"].startswith('attachment; filename="budget.pdf"')
        assert b"".join(response.streaming_content).startswith(b"%PDF-")  # type: ignore[attr-defined]


def test_unknown_application_is_404(client_as: Callable[[str], APIClient]) -> None:
    assert (
        client_as("network_admin_nina").get("/api/v1/network/applications/999999/").status_code
        == 404
    )


CSV = ("Structure;Forme juridique;Nature;Lieu;Type;Code INSEE\n"
       "Les Causses Connectées;association;privé;La Grange;coworking;48095\n").encode()


@pytest.mark.parametrize("role", ROLES)
def test_census_import_is_for_the_network(client_as: Callable[[str], APIClient],
                                          role: str) -> None:
    client = client_as(role)
    uploaded = client.post("/api/v1/network/census-imports/",
                           {"file": SimpleUploadedFile("c.csv", CSV)}, format="multipart")
    assert uploaded.status_code == created(NETWORK[role])
    assert client.get("/api/v1/network/census-imports/").status_code == NETWORK[role]
    assert CensusImport.objects.count() == (1 if NETWORK[role] == 200 else 0)

    if NETWORK[role] != 200:  # the network's own import, that the others cannot reach
        client_as("network_admin_nina").post("/api/v1/network/census-imports/",
                                             {"file": SimpleUploadedFile("c.csv", CSV)},
                                             format="multipart")
    census = CensusImport.objects.get()
    assert client.get(f"/api/v1/network/census-imports/{census.pk}/").status_code == \
        NETWORK[role]
    applied = client.post(f"/api/v1/network/census-imports/{census.pk}/apply/")
    assert applied.status_code == NETWORK[role]
    assert Space.objects.count() == (1 if NETWORK[role] == 200 else 0)


@pytest.mark.parametrize("role", ROLES)
def test_coverage_is_for_the_network(client_as: Callable[[str], APIClient], role: str) -> None:
    assert client_as(role).get("/api/v1/network/coverage/").status_code == NETWORK[role]
