"""The network team's home (/reseau) lists what waits; a complete draft is published from it
(then public, photos included), an incomplete one says what it lacks, and a published place is
taken out of the directory from /reseau/lieux. Every page: axe, no serious violation."""

import pytest
from playwright.sync_api import Page, expect

from ostal.memberships.models import NetworkTariff
from ostal.spaces.models import SecurityVerification, Service, Space
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


def test_the_network_verifies_a_security_feature_and_records_the_charter(
        page: Page, demo_site: str, make_member):
    nina = make_member("nina@reseau.example", first_name="Nina", last_name="Réseau")
    nina.is_network_admin = True
    nina.save(update_fields=["is_network_admin"])
    place = SpaceFactory(operator=OperatorFactory(name="Les Causses Connectées"),
                         name="AAA La Grange sécurisée", services=["lockers", "wifi"])

    log_in(page, demo_site, nina.email)
    page.goto(f"{demo_site}/reseau")
    expect(page.get_by_role("region", name="Sécurité à vérifier")).to_contain_text(
        "AAA La Grange sécurisée")
    page.get_by_role("link", name="Vérifier les caractéristiques de sécurité").click()
    expect(page.get_by_role("heading", name="Sécurité des lieux : vérifications",
                            level=1)).to_be_visible()
    form = page.get_by_role("form", name="Vérifier : Casiers fermant à clé, "
                                         "AAA La Grange sécurisée")
    form.get_by_label("Vérifiée le").fill("2999-01-01")
    form.get_by_role("button", name="Marquer comme vérifiée").click()
    expect(form.get_by_text("ne peut pas être dans le futur", exact=False)).to_be_visible()
    assert not SecurityVerification.objects.filter(space=place).exists()
    assert_accessible(page)

    form.get_by_label("Vérifiée le").fill("2026-11-30")
    form.get_by_label("Note (facultative)").fill("Vu sur place")
    form.get_by_role("button", name="Marquer comme vérifiée").click()
    expect(page.get_by_text("« Casiers fermant à clé » de AAA La Grange sécurisée est "
                            "vérifiée.")).to_be_visible()
    verification = SecurityVerification.objects.get(space=place)
    assert (verification.service.code, str(verification.verified_on), verification.note) == (
        "lockers", "2026-11-30", "Vu sur place")

    page.goto(f"{demo_site}/reseau/lieux")
    page.get_by_label("Afficher").select_option("")
    page.get_by_label("Lieu, structure ou commune").fill("AAA La Grange")
    page.get_by_role("button", name="Rechercher").click()
    item = page.get_by_role("listitem").filter(
        has=page.get_by_role("heading", name="AAA La Grange sécurisée"))
    expect(item).to_contain_text("adhésion non enregistrée")
    item.get_by_text("Enregistrer l\u2019adhésion à la charte").click()
    charter = item.get_by_role("form", name="Adhésion à la charte de AAA La Grange sécurisée")
    charter.get_by_label("Version de la charte").fill("2025-1")
    charter.get_by_role("button", name="Enregistrer").click()
    expect(charter.get_by_text("Indiquez la date de signature.")).to_be_visible()
    assert_accessible(page)
    charter.get_by_label("Signée le").fill("2025-03-14")
    charter.get_by_role("button", name="Enregistrer").click()
    expect(item).to_contain_text("version 2025-1, signée le")
    place.refresh_from_db()
    assert (place.charter_version, str(place.charter_signed_on)) == ("2025-1", "2025-03-14")
    assert_accessible(page)


def test_the_network_sets_its_catalogue_tariffs_and_pass_places(
        page: Page, demo_site: str, make_member):
    nina = make_member("nina@reseau.example", first_name="Nina", last_name="Réseau")
    nina.is_network_admin = True
    nina.save(update_fields=["is_network_admin"])
    place = SpaceFactory(operator=OperatorFactory(name="Les Causses Connectées"),
                         name="AAA Le Fournil", accepts_network_pass=False)

    log_in(page, demo_site, nina.email)
    page.goto(f"{demo_site}/reseau")
    page.get_by_role("link", name="Services et socle de base").click()
    expect(page.get_by_role("heading", name="Services et socle de base", level=1)).to_be_visible()
    form = page.get_by_role("form", name="Nouveau service")
    form.get_by_label("Code *").fill("wifi")  # taken
    form.get_by_label("Nom en français *").fill("Vélos en prêt")
    form.get_by_label("Nom en anglais *").fill("Bikes to borrow")
    form.get_by_role("button", name="Ajouter le service").click()
    expect(form.get_by_label("Code *")).to_have_attribute("aria-invalid", "true")
    assert_accessible(page)
    form.get_by_label("Code *").fill("velo")
    form.get_by_label("Catégorie").select_option("mobility")
    form.get_by_role("button", name="Ajouter le service").click()
    expect(page.get_by_text("« Vélos en prêt » est ajouté au catalogue.")).to_be_visible()
    base = page.get_by_role("checkbox", name="Vélos en prêt fait partie du socle de base")
    base.click()
    expect(base).to_be_checked()
    expect(page.get_by_text("« Vélos en prêt » fait maintenant partie du socle de base."
                            )).to_be_visible()
    assert Service.objects.get(code="velo").is_base is True
    page.get_by_role("button", name="Supprimer Casiers fermant à clé").click()
    expect(page.get_by_text("ne peut pas être supprimé", exact=False)).to_be_visible()
    assert Service.objects.filter(code="lockers").exists()
    assert_accessible(page)

    page.goto(f"{demo_site}/reseau")
    page.get_by_role("link", name="Pass télétravail : tarifs et lieux").click()
    grid = page.get_by_role("form", name="Enregistrer le tarif")
    grid.get_by_label("Type de ressource").select_option("meeting_room")
    grid.get_by_label("Unité").select_option("hour")
    grid.get_by_label("Crédits").fill("zéro")
    grid.get_by_role("button", name="Enregistrer le tarif").click()
    expect(grid.get_by_label("Crédits")).to_have_attribute("aria-invalid", "true")
    grid.get_by_label("Crédits").fill("0,4")
    grid.get_by_role("button", name="Enregistrer le tarif").click()
    expect(page.get_by_text("Tarif enregistré : Salle de réunion, Heure = 0,40 crédit(s)."
                            )).to_be_visible()
    assert NetworkTariff.objects.get(resource_kind="meeting_room", unit="hour").credit_units == 40
    assert_accessible(page)

    page.get_by_label("Filtrer par lieu ou structure").fill("AAA Le Fournil")
    accepts = page.get_by_role("checkbox", name="AAA Le Fournil accepte le Pass")
    accepts.click()
    expect(accepts).to_be_checked()
    expect(page.get_by_text("« AAA Le Fournil » accepte maintenant le Pass.")).to_be_visible()
    place.refresh_from_db()
    assert place.accepts_network_pass is True
    assert_accessible(page)
