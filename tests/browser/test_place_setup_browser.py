"""A manager keeps their place's page right from the app: description, services, photos
(upload, alternative text, order), on a phone-sized screen, with no serious axe violation."""

import io

import pytest
from PIL import Image
from playwright.sync_api import Page, expect

from ostal.accounts.models import User
from ostal.spaces.models import Space, SpacePhoto
from tests.browser.axe import serious_violations
from tests.browser.conftest import log_in

pytestmark = pytest.mark.browser

MANAGER = "manager@ostal.demo"
DEMO_PASSWORD = "ostal-demo-2026"
PHOTO_LIST = "Photos du lieu, dans l\u2019ordre d\u2019affichage"


def png(colour: tuple[int, int, int]) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (900, 600), colour).save(buffer, format="PNG")
    return buffer.getvalue()


def test_a_manager_updates_the_description_and_photos_of_the_truck(page: Page, demo_site: str):
    truck = Space.objects.get(slug="le-camion-des-causses")
    assert User.objects.get(email=MANAGER).managed_operators.filter(pk=truck.operator_id).exists()
    page.set_viewport_size({"width": 390, "height": 844})
    page.on("dialog", lambda dialog: dialog.accept())

    log_in(page, demo_site, MANAGER, DEMO_PASSWORD)
    page.goto(f"{demo_site}/gestion?space={truck.pk}")
    page.get_by_role("link", name="Mettre à jour la fiche du lieu", exact=False).click()

    expect(page.get_by_role("heading", level=1)).to_have_text(f"Fiche du lieu — {truck.name}")
    details = page.get_by_role("form", name="Présentation et contact")
    details.get_by_label("Description (anglais)").fill("A coworking truck touring Lozère.")
    details.get_by_role("button", name="Enregistrer la présentation").click()
    expect(details.get_by_role("status")).to_have_text("Présentation enregistrée.")

    services = page.get_by_role("form", name="Services")
    services.get_by_label("Casiers fermant à clé").check()
    services.get_by_role("button", name="Enregistrer les services").click()
    expect(services.get_by_role("status")).to_have_text("Services enregistrés.")

    upload = page.get_by_role("form", name="Ajouter la photo")
    for alt, colour in (("Le camion garé place de la mairie", (30, 90, 160)),
                        ("L'intérieur, quatre postes", (200, 120, 40))):
        upload.get_by_label("Fichier photo").set_input_files(
            files=[{"name": "photo.png", "mimeType": "image/png", "buffer": png(colour)}])
        upload.get_by_label("Texte alternatif (français)").fill(alt)
        upload.get_by_role("button", name="Ajouter la photo").click()
        photos = page.get_by_role("list", name=PHOTO_LIST)
        expect(photos.get_by_role("img", name=alt)).to_be_visible()

    page.get_by_role("button", name="Monter la photo « L'intérieur, quatre postes »").click()
    expect(page.get_by_role("status").filter(has_text="déplacée en position 1")).to_be_attached()
    expect(photos.get_by_role("listitem").first).to_contain_text("Couverture")
    expect(photos.get_by_role("listitem").first.get_by_role("img")).to_have_attribute(
        "alt", "L'intérieur, quatre postes")

    assert serious_violations(page) == []
    truck.refresh_from_db()
    assert truck.description_en == "A coworking truck touring Lozère."
    assert truck.services.filter(code="lockers").exists()
    assert list(SpacePhoto.objects.filter(space=truck).order_by("position")
                .values_list("alt_fr", flat=True)) == [
        "L'intérieur, quatre postes", "Le camion garé place de la mairie"]

    # The public page shows the new cover first.
    page.goto(f"{demo_site}/lieux/{truck.slug}")
    expect(page.get_by_role("img", name="L'intérieur, quatre postes").first).to_be_visible()
