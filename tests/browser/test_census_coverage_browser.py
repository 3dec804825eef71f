"""The network's census import (/reseau/recensement: a file checked row by row, the preview,
then the import and its report) and territorial coverage (/reseau/couverture: distances,
population beyond 10/20/30 km, suggested stops) in Chromium. Every state: axe, no serious
violation; the database follows the import."""

import re

import pytest
from playwright.sync_api import Page, expect

from ostal.spaces.models import Space
from tests.backend.joining.test_census_import import GOOD, csv_bytes
from tests.browser.axe import assert_accessible
from tests.browser.conftest import log_in

pytestmark = pytest.mark.browser

REFUSED = ["CAUSSES-9", "Les Causses Connectées", "association", "privé", "73282932000074",
           "Le Hangar", "coworking", "99999", "", "", "", ""]  # no such INSEE code


@pytest.fixture
def nina(make_member):
    user = make_member("nina@reseau.example", first_name="Nina", last_name="Réseau")
    user.is_network_admin = True
    user.save(update_fields=["is_network_admin"])
    return user


def test_the_network_previews_then_imports_its_census(page: Page, demo_site: str, nina,
                                                       no_task_broker):
    log_in(page, demo_site, nina.email)
    page.goto(f"{demo_site}/reseau/recensement")
    expect(page.get_by_role("heading", name="Importer le recensement des lieux",
                            level=1)).to_be_visible()
    assert_accessible(page)

    page.get_by_label("Fichier du recensement").set_input_files({
        "name": "recensement.csv", "mimeType": "text/csv",
        "buffer": csv_bytes([GOOD, REFUSED])})
    page.get_by_role("button", name="Vérifier le fichier").click()
    expect(page.get_by_text("À créer : 1 · à mettre à jour : 0 · refusées : 1")).to_be_visible()
    assert not Space.objects.filter(name="La Grange numérique").exists()  # a preview only
    assert_accessible(page)

    page.get_by_role("button", name="Importer (1 lieux)").click()
    expect(page.get_by_text("Créés : 1 · mis à jour : 0 · refusées : 1")).to_be_visible()
    grange = Space.objects.get(name="La Grange numérique")
    assert grange.is_published is False
    assert not Space.objects.filter(name="Le Hangar").exists()
    assert_accessible(page)


def test_the_network_reads_its_territorial_coverage(page: Page, demo_site: str, nina):
    log_in(page, demo_site, nina.email)
    page.goto(f"{demo_site}/reseau/couverture")
    expect(page.get_by_role("heading", name="Couverture du territoire", level=1)).to_be_visible()
    expect(page.get_by_role("table", name="Population à plus de 10, 20 et 30 km d\u2019un lieu "
                                          "ouvert cette semaine")).to_be_visible()
    expect(page.get_by_role("table", name="Arrêts suggérés, dans l\u2019ordre")).to_be_visible()
    communes = page.get_by_role("table", name="Communes, de la plus éloignée à la plus proche "
                                              "d\u2019un lieu ouvert")
    expect(communes).to_be_visible()
    assert_accessible(page)

    showing = page.get_by_text(re.compile(r"communes affichées sur \d+"))
    everywhere = showing.inner_text()
    page.get_by_label("Département", exact=True).select_option("48")
    expect(showing).not_to_have_text(everywhere)  # Lozère's communes only: fewer
    expect(communes.get_by_role("row").nth(1)).to_contain_text("km")
    assert_accessible(page)
