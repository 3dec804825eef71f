"""A manager opens « Facturation électronique », gives the network the mandate to transmit
(a wrong identifier is refused on its field first), then sees a business invoice filed with
the stand-in platform and the buyer's refusal; the buyer sees the same status in their wallet.
Every page: axe, no serious violation."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from ostal.billing.einvoicing.transmission import lifecycle_fetch, transmissions_submit_due
from ostal.billing.invoicing.issue import LineInput, invoice_issue
from ostal.billing.models import BillingProfile, OperatorEInvoicing
from ostal.billing.vat import operator_seller, vat_treatment_for_status
from ostal.spaces.models import Space
from tests.browser.axe import assert_accessible
from tests.browser.conftest import log_in

pytestmark = pytest.mark.browser


def test_a_manager_gives_the_mandate_and_follows_an_invoice_with_the_platform(
        page: Page, demo_site: str, make_member, no_task_broker, einvoice_platform):
    operator = Space.objects.get(slug="le-camion-des-causses").operator
    cy = make_member("cy@causses.example", first_name="Cy", last_name="Gestion")
    operator.managers.add(cy)
    buyer = make_member("compta@lovelace.example", first_name="Ada", last_name="Lovelace")
    BillingProfile.objects.create(
        user=buyer, is_business=True, name="Atelier Lovelace SARL",
        address_line1="3 rue des Lois", postal_code="31000", city="Toulouse", country="FR",
        siret="73282932000074", vat_number="FR44732829320")
    siren = operator.siret[:9]

    log_in(page, demo_site, cy.email)
    page.get_by_role("link", name="Facturation électronique").click()
    heading = f"Facturation électronique — {operator.name}"
    expect(page.get_by_role("heading", name=heading, level=1)).to_be_visible()
    page.get_by_role("checkbox", name="Je donne mandat", exact=False).check()
    identifier = page.get_by_label("Identifiant dans l\u2019annuaire", exact=False)
    identifier.fill("552100554")
    assert_accessible(page)
    page.get_by_role("button", name="Enregistrer").click()
    expect(identifier).to_have_attribute("aria-invalid", "true")
    assert not OperatorEInvoicing.objects.filter(operator=operator).exists()
    identifier.fill(f"{siren}_FACT")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_text("Réglages enregistrés.")).to_be_visible()
    saved = OperatorEInvoicing.objects.get(operator=operator)
    assert (saved.mandate_given, saved.mandate_given_by, saved.platform_identifier) == (
        True, cy, f"{siren}_FACT")

    invoice = invoice_issue(
        seller=operator_seller(operator), buyer=buyer, source_key="browser-einvoice",
        service_date=dt.date(2026, 12, 1), paid_at=timezone.now(),
        lines=[LineInput("Poste de travail, journée", Decimal("1"), Decimal("15.00"),
                         vat_treatment_for_status(operator.vat_status))])
    assert transmissions_submit_due() == 1
    [flow] = einvoice_platform.flows()
    einvoice_platform.play_status(flow["flowId"], "210", "Bon de commande absent")
    lifecycle_fetch()

    page.reload()
    row = page.get_by_role("row", name=invoice.number, exact=False)
    expect(row.get_by_text("Refusée", exact=True)).to_be_visible()
    row.get_by_text("Historique").click()
    expect(row.get_by_text("Refusée : Bon de commande absent")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("button", name="Se déconnecter").click()
    log_in(page, demo_site, buyer.email)
    page.goto(demo_site + "/portefeuille")
    wallet_row = page.get_by_role("row", name=invoice.number, exact=False)
    expect(wallet_row.get_by_text("Refusée", exact=True)).to_be_visible()
    assert_accessible(page)
