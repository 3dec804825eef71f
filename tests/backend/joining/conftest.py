"""Fixtures of the joining tests: a valid application body, a PDF, an application at each
stage, and clean rate counters."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.cache import cache
from PIL import Image
from pypdf import PdfWriter

from ostal.joining.models import Application
from ostal.joining.services import ApplicationInput, application_submit
from tests.factories import commune

VALID_SIRET = "73282932000074"


@pytest.fixture(autouse=True)
def _fresh_rate_counters() -> None:
    cache.clear()


def application_body(**overrides: Any) -> dict[str, Any]:
    body = {
        "applicant_kind": "project",
        "stage": "creation",
        "carrier_name": "Les Causses Connectées",
        "legal_form": "association",
        "carrier_kind": "private",
        "siret": VALID_SIRET,
        "place_name": "La Grange numérique",
        "place_kind": "rural_multiservice",
        "commune": "48095",
        "services": ["fibre", "wifi"],
        "expected_opening": "2027-09-01",
        "needs": ["financing", "training"],
        "description": "Un tiers-lieu dans une grange.",
        "contact_name": "Léa Martin",
        "contact_email": "Lea@Causses.example",
        "contact_phone": "0466000000",
    }
    body.update(overrides)
    return body


def pdf_bytes() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def png_bytes() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (20, 10), "red").save(out, format="PNG")
    return out.getvalue()


def make_application(
    *,
    department_insee: str = "48095",
    stage: str = "creation",
    needs: list[str] | None = None,
    email: str = "lea@causses.example",
    status: str = Application.Status.NEW,
    **extra: Any,
) -> Application:
    values: dict[str, Any] = {
        "applicant_kind": "project",
        "stage": stage,
        "carrier_name": "Les Causses Connectées",
        "legal_form": "association",
        "carrier_kind": "private",
        "siret": VALID_SIRET,
        "place_name": "La Grange numérique",
        "place_kind": "rural_multiservice",
        "commune": commune(department_insee),
        "contact_name": "Léa Martin",
        "contact_email": email,
        "needs": needs or ["financing"],
    }
    values.update(extra)
    application = application_submit(data=ApplicationInput(**values))
    if status != Application.Status.NEW:
        Application.objects.filter(pk=application.pk).update(status=status)
        application.refresh_from_db()
    return application
