"""A project carrier applies to join the network on the public page (with a PDF), gets the
acknowledgement by e-mail; the network's admin opens the application, puts it in review and
accepts it: the operator exists, its place is drafted unpublished, the applicant is told."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from django.core import mail
from django.core.cache import cache
from playwright.sync_api import Page, expect
from pypdf import PdfWriter

from ostal.joining.models import Application
from ostal.joining.outbox import messages_send_pending
from ostal.spaces.models import Operator, Space
from tests.browser.conftest import log_in

pytestmark = pytest.mark.browser


def a_pdf(folder: Path) -> Path:
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    out = io.BytesIO()
    writer.write(out)
    path = folder / "statuts.pdf"
    path.write_bytes(out.getvalue())
    return path


def axe_serious(page: Page) -> list[Any]:
    try:
        from tests.browser.axe import serious_violations
    except ImportError:  # pragma: no cover - the axe helper lands with the places screens
        pytest.skip("tests/browser/axe.py is not there yet")
    return serious_violations(page)


def test_a_project_applies_and_the_network_accepts_it(
    page: Page, demo_site: str, make_member: Any, no_task_broker: Any, tmp_path: Path
) -> None:
    cache.clear()  # the per-address limit of the public form
    page.goto(f"{demo_site}/")
    page.get_by_role("link", name="Rejoindre le réseau").click()
    expect(
        page.get_by_role("heading", name="Rejoindre le réseau des tiers-lieux", level=1)
    ).to_be_visible()

    page.get_by_role("radio", name="un projet").check()
    page.get_by_role("radio", name="création").check()
    page.get_by_label("Nom de la structure *").fill("Les Causses Connectées")
    page.get_by_label("Forme juridique *").select_option("association")
    page.get_by_label("Nature *").select_option("private")
    page.get_by_label("SIRET").fill("73282932000074")
    page.get_by_label("Nom du lieu ou du projet *").fill("La Grange numérique")
    page.get_by_label("Type de lieu *").select_option("rural_multiservice")
    page.get_by_role("combobox", name="Commune *").fill("Mende")
    page.get_by_role("option", name="Mende (48)").click()
    page.get_by_role("checkbox", name="Formation").check()
    page.get_by_label("Nom et prénom *").fill("Léa Martin")
    page.get_by_label("E-mail *").fill("lea@causses.example")
    page.get_by_label("Documents").set_input_files(str(a_pdf(tmp_path)))
    assert axe_serious(page) == []
    page.get_by_role("button", name="Envoyer ma candidature").click()

    expect(page.get_by_text("Candidature envoyée.")).to_be_visible()
    application = Application.objects.get()
    assert (application.place_name, application.commune_id) == ("La Grange numérique", "48095")
    assert application.needs == ["training"]
    document = application.documents.get()
    assert document.original_name == "statuts.pdf"
    assert document.file.read().startswith(b"%PDF-")
    assert messages_send_pending() == 1
    assert mail.outbox[-1].to == ["lea@causses.example"]

    # The network's admin works it.
    nina = make_member("nina@reseau.example", first_name="Nina")
    nina.is_network_admin = True
    nina.save()
    page.context.clear_cookies()
    log_in(page, demo_site, nina.email)
    page.get_by_role("link", name="Candidatures").click()
    row = page.get_by_role("row").filter(has_text="La Grange numérique")
    row.get_by_role("button", name="Ouvrir").click()
    expect(page.get_by_role("link", name="statuts.pdf")).to_be_visible()
    assert axe_serious(page) == []
    page.get_by_role("button", name="Passer à « En étude »").click()
    expect(page.get_by_text("Candidature passée à « En étude ».")).to_be_visible(timeout=20_000)
    message = page.get_by_label("Message joint à l\u2019e-mail (facultatif)")
    message.fill("Bienvenue dans le réseau !")
    page.get_by_role("button", name="Passer à « Accepté »").click()
    # Accepting creates the operator, the place and the invitation: slower on a busy machine.
    expect(page.get_by_text("Candidature passée à « Accepté ».")).to_be_visible(timeout=20_000)
    expect(page.get_by_text("Fiche du lieu préparée (non publiée)")).to_be_visible()

    operator = Operator.objects.get(name="Les Causses Connectées")
    space = Space.objects.get(operator=operator)
    assert space.is_published is False
    assert messages_send_pending() == 2
    assert "Bienvenue dans le réseau !" in mail.outbox[-1].body
