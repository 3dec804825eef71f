"""The network team's home (/reseau) lists what waits; a complete draft is published from it
(then public, photos included), an incomplete one says what it lacks, and a published place is
taken out of the directory from /reseau/lieux. Every page: axe, no serious violation."""

import pytest
from playwright.sync_api import Page, expect

from ostal.spaces.models import Space
from tests.backend.spaces.test_publication import complete_place
from tests.browser.axe import assert_accessible
from tests.browser.conftest import log_in
from tests.factories import OperatorFactory, SpaceFactory

pytestmark = pytest.mark.browser


def test_the_network_publishes_a_complete_draft_and_unpublishes_a_place(
        page: Page, demo_site: str, make_member):
    nina = make_member("nina@reseau.example", first_name="Nina", last_name="Réseau")
    nina.is_network_admin = True
    nina.save(update_fields=["is_network_admin"])
    operator = OperatorFactory(name="Les Causses Connectées")
    ready = complete_place(operator=operator, name="La Grange numérique", slug="la-grange")
    SpaceFactory(operator=operator, name="Le Fournil", is_published=False)
    published = Space.objects.filter(is_published=True).order_by("name").first()
    assert published is not None

    log_in(page, demo_site, nina.email)
    page.get_by_role("link", name="Réseau", exact=True).click()
    expect(page.get_by_role("heading", name="Réseau : ce qui attend", level=1)).to_be_visible()
    places = page.get_by_role("region", name="Lieux à publier")
    expect(places).to_contain_text("Lieux non publiés : 2 · complets, prêts à publier : 1")
    fournil = places.get_by_role("listitem").filter(has_text="Le Fournil")
    expect(fournil).to_contain_text("Au moins une photo.")
    expect(fournil.get_by_role("button", name="Publier")).to_have_count(0)
    assert_accessible(page)

    places.get_by_role("listitem").filter(has_text="La Grange numérique").get_by_role(
        "button", name="Publier").click()
    expect(page.get_by_text("« La Grange numérique » est publié", exact=False)).to_be_visible()
    ready.refresh_from_db()
    assert ready.is_published is True
    assert_accessible(page)

    page.goto(f"{demo_site}/lieux/la-grange")
    expect(page.get_by_role("heading", name="La Grange numérique", level=1)).to_be_visible()
    expect(page.get_by_role("img", name="La salle commune")).to_be_visible()

    page.goto(f"{demo_site}/reseau")
    page.get_by_role("link", name="Tous les lieux (publier, retirer)").click()
    expect(page.get_by_role("heading", name="Lieux du réseau", level=1)).to_be_visible()
    page.get_by_label("Afficher").select_option("published")
    page.get_by_label("Lieu, structure ou commune").fill(published.name)
    page.get_by_role("button", name="Rechercher").click()
    item = page.get_by_role("listitem").filter(
        has=page.get_by_role("heading", name=published.name))
    item.get_by_role("button", name="Retirer de l\u2019annuaire").click()
    expect(page.get_by_text(f"« {published.name} » est retiré de l\u2019annuaire",
                            exact=False)).to_be_visible()
    published.refresh_from_db()
    assert published.is_published is False
    assert_accessible(page)
