"""A manager opens the journal from the header: the price change made on their place says who,
when (Paris time) and what; the filters narrow it; a network admin also sees the address.
Every page: axe, no serious violation."""

from decimal import Decimal

import pytest
from auditlog.context import set_actor
from playwright.sync_api import Page, expect

from ostal.spaces.models import Operator, Price
from tests.browser.axe import assert_accessible
from tests.browser.conftest import log_in

pytestmark = pytest.mark.browser


def test_a_manager_reads_who_changed_a_price_on_their_place(page: Page, demo_site: str,
                                                            make_member):
    cy = make_member("cy@ruche.example", first_name="Cyprien", last_name="Gestion")
    operator = Operator.objects.filter(spaces__prices__isnull=False).distinct().first()
    operator.managers.add(cy)
    price = Price.objects.filter(space__operator=operator).first()
    with set_actor(cy, remote_addr="203.0.113.9"):
        price.amount += Decimal("1.50")
        price.save()

    log_in(page, demo_site, cy.email)
    page.get_by_role("link", name="Journal").click()
    expect(page.get_by_role("heading", name="Journal des modifications", level=1)).to_be_visible()
    table = page.get_by_role("table")
    row = table.get_by_role("row").filter(has_text="amount : ")
    expect(row.first).to_contain_text("Cyprien Gestion <cy@ruche.example>")
    expect(row.first).to_contain_text(f"→ {price.amount}")
    expect(table).not_to_contain_text("203.0.113.9")  # addresses: network admins only
    assert_accessible(page)

    page.get_by_label("Domaine").select_option("roles")
    page.get_by_label("Action").select_option("delete")
    page.get_by_role("button", name="Filtrer").click()
    expect(page.get_by_text("Aucune modification ne correspond à ces filtres.")).to_be_visible()
    assert_accessible(page)
