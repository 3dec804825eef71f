"""The public "Rejoindre le réseau" form: what is stored, what is refused (and then nothing
is stored), the documents' checks, the abuse limits, the acknowledgement mail."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from ostal.joining.models import Application, ApplicationDocument, ApplicationMessage
from ostal.joining.outbox import messages_send_pending
from tests.backend.joining.conftest import application_body, pdf_bytes, png_bytes

pytestmark = pytest.mark.django_db
URL = "/api/v1/joining/applications/"


def submit(client: APIClient, **overrides: Any) -> Any:
    return client.post(URL, application_body(**overrides), format="multipart")


def test_anyone_applies_and_gets_a_reference(api_client: APIClient) -> None:
    response = submit(api_client)

    assert response.status_code == 201
    application = Application.objects.get(reference=response.json()["reference"])
    assert application.status == "new"
    assert application.commune.name == "Mende"
    assert application.department_code == "48"
    assert application.contact_email == "lea@causses.example"
    assert sorted(application.services.values_list("code", flat=True)) == ["fibre", "wifi"]
    assert application.needs == ["financing", "training"]
    assert str(application.expected_opening) == "2027-09-01"


def test_the_applicant_is_mailed_french_then_english(api_client: APIClient) -> None:
    submit(api_client)

    assert messages_send_pending() == 1
    [sent] = mail.outbox
    assert sent.to == ["lea@causses.example"]
    assert sent.subject.startswith("Nous avons bien reçu votre candidature / We have received")
    assert sent.body.index("Nous avons bien reçu") < sent.body.index("We have received")
    assert "La Grange numérique" in sent.body
    assert ApplicationMessage.objects.get().status == "sent"
    assert messages_send_pending() == 0  # sent once


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("siret", "73282932000075"),  # bad check digit
        ("commune", "99999"),
        ("place_kind", "castle"),
        ("needs", ["money"]),
        ("services", ["teleportation"]),
        ("contact_email", "not-an-address"),
        ("expected_opening", "next spring"),
        ("carrier_name", ""),
    ],
)
def test_bad_input_is_a_field_error_and_stores_nothing(
    api_client: APIClient, field: str, value: Any
) -> None:
    response = submit(api_client, **{field: value})

    assert response.status_code == 400
    assert field in response.json()["fields"]
    assert Application.objects.count() == 0
    assert ApplicationMessage.objects.count() == 0


def test_a_project_may_apply_without_siret(api_client: APIClient) -> None:
    assert submit(api_client, siret="").status_code == 201


def test_documents_are_kept_and_images_re_encoded(api_client: APIClient) -> None:
    exif_png = png_bytes() + b"trailing payload"
    response = submit(
        api_client,
        documents=[
            SimpleUploadedFile("statuts.pdf", pdf_bytes(), content_type="application/pdf"),
            SimpleUploadedFile("photo.png", exif_png, content_type="image/png"),
        ],
    )

    assert response.status_code == 201
    pdf, image = ApplicationDocument.objects.order_by("id")
    assert (pdf.original_name, pdf.content_type) == ("statuts.pdf", "application/pdf")
    assert image.content_type == "image/png"
    assert b"trailing payload" not in image.file.read()
    assert "statuts" not in pdf.file.name  # stored under a random name


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("virus.exe", b"MZ\x90\x00 not a document"),
        ("fake.pdf", b"%PDF-1.7 this is not a pdf"),
        ("fake.png", b"\x89PNG\r\n\x1a\n not a png"),
        ("empty.pdf", b""),
    ],
)
def test_a_refused_document_refuses_the_application(
    api_client: APIClient, name: str, content: bytes
) -> None:
    response = submit(api_client, documents=[SimpleUploadedFile(name, content)])

    assert response.status_code == 400
    assert "documents" in response.json()["fields"]
    assert Application.objects.count() == 0


def test_a_document_over_5_mb_is_refused(api_client: APIClient) -> None:
    big = SimpleUploadedFile("big.pdf", pdf_bytes() + b"0" * (5 * 1024 * 1024))

    response = submit(api_client, documents=[big])

    assert response.status_code == 400
    assert "5 Mo" in response.json()["fields"]["documents"][0]
    assert Application.objects.count() == 0


def test_at_most_five_documents(api_client: APIClient) -> None:
    files = [SimpleUploadedFile(f"d{n}.pdf", pdf_bytes()) for n in range(6)]

    response = submit(api_client, documents=files)

    assert response.status_code == 400
    assert "documents" in response.json()["fields"]
    assert Application.objects.count() == 0


def test_the_honeypot_refuses_robots(api_client: APIClient) -> None:
    response = submit(api_client, website="http://spam.example")

    assert response.status_code == 400
    assert Application.objects.count() == 0


def test_an_address_is_limited_per_hour(api_client: APIClient, settings: Any) -> None:
    settings.JOINING_APPLICATIONS_PER_HOUR = 2
    assert [submit(api_client).status_code for _ in range(3)] == [201, 201, 429]

    refused = submit(api_client)
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) > 0
    assert Application.objects.count() == 2


def test_json_body_works_too(api_client: APIClient) -> None:
    response = api_client.post(URL, application_body(), format="json")

    assert response.status_code == 201
