"""Calendars in the browser: a member subscribes to their bookings and revokes the address (the
old URL then answers 404); a manager imports an outside calendar served from 127.0.0.1 and sees
it imported — or, for a file that is not a calendar, the reason in plain words."""

import datetime as dt
import re
import urllib.error
import urllib.request
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from playwright.sync_api import Page, expect

from ostal.bookings.models import ResourceBlock
from ostal.spaces.models import Space
from tests.backend.calendars.conftest import ics, ics_server  # noqa: F401 - the fixture
from tests.browser.conftest import log_in

pytestmark = pytest.mark.browser

MANAGER = "manager@ostal.demo"
DEMO_PASSWORD = "ostal-demo-2026"


def status_of(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return int(response.status)
    except urllib.error.HTTPError as error:
        return error.code


def test_member_subscribes_then_revokes_and_the_old_address_answers_404(
        page: Page, demo_site: str, make_member):
    make_member("ada.agenda@example.org", first_name="Ada")
    log_in(page, demo_site, "ada.agenda@example.org")

    page.get_by_role("link", name="Mon agenda").click()
    expect(page.get_by_role("heading", name="Mon agenda", level=1)).to_be_visible()
    page.get_by_role("button", name="Créer mon adresse d'abonnement").click()

    webcal = page.get_by_label("Lien d'abonnement (webcal://)")
    expect(webcal).to_have_value(re.compile(r"^webcal://.+/ical/[\w-]{40,}\.ics$"))
    https = page.get_by_label("Adresse https").input_value()
    assert https.startswith(f"{settings.SITE_URL}/ical/")  # https:// in production
    assert urlsplit(webcal.input_value()).path == urlsplit(https).path
    expect(page.get_by_role("link", name="S'abonner dans mon agenda")).to_have_attribute(
        "href", webcal.input_value())
    feed_url = demo_site + urlsplit(https).path
    assert status_of(feed_url) == 200

    page.get_by_role("button", name="Supprimer l'abonnement").click()
    page.get_by_role("button", name="Confirmer").click()

    expect(page.get_by_text("Abonnement supprimé : l'adresse ne fonctionne plus.")).to_be_visible()
    expect(page.get_by_role("button", name="Créer mon adresse d'abonnement")).to_be_visible()
    assert status_of(feed_url) == 404


def test_manager_imports_a_calendar_and_reads_why_another_fails(
        page: Page, demo_site: str, ics_server, settings, no_task_broker):  # noqa: F811
    settings.CALENDAR_IMPORT_ALLOW_PRIVATE = True  # the calendar server is on 127.0.0.1
    truck = Space.objects.get(slug="le-camion-des-causses")
    day = dt.date.today() + dt.timedelta(days=12)
    good = ics_server.serve("/mairie.ics", ics(
        f"UID:fermeture-1\nDTSTAMP:20260101T000000Z\nDTSTART;VALUE=DATE:{day:%Y%m%d}\n"
        f"DTEND;VALUE=DATE:{day + dt.timedelta(days=1):%Y%m%d}\nSUMMARY:Fermeture"))
    bad = ics_server.serve("/page.html", b"<html><body>Pas un agenda</body></html>",
                           headers={"Content-Type": "text/html"})

    log_in(page, demo_site, MANAGER, DEMO_PASSWORD)
    page.goto(f"{demo_site}/gestion?space={truck.pk}")
    page.get_by_role("link", name="Agendas du lieu : abonnements et calendriers importés").click()
    expect(page.get_by_role("heading", name="Agendas du lieu", level=1)).to_be_visible()
    expect(page.get_by_label("Lieu", exact=True)).to_have_value(str(truck.pk))

    imported = page.get_by_role("region", name="Calendriers importés")
    for name, url in (("Fermetures de la mairie", good), ("Page web", bad)):
        imported.get_by_label("Nom").fill(name)
        imported.get_by_label("Adresse du fichier .ics (https:// ou webcal://)").fill(url)
        imported.get_by_role("button", name="Ajouter un calendrier").click()
        expect(imported.get_by_role("heading", name=name, exact=False)).to_be_visible()

    mairie = imported.get_by_role("listitem").filter(
        has=page.get_by_role("heading", name="Fermetures de la mairie", exact=False))
    mairie.get_by_role("button", name="Importer maintenant").click()
    expect(mairie.get_by_role("heading")).to_have_text("Fermetures de la mairie État : Importé")
    expect(mairie).to_contain_text("1 événement(s) importé(s).")
    assert ResourceBlock.objects.filter(space=truck, source="calendar").exists()

    web_page = imported.get_by_role("listitem").filter(
        has=page.get_by_role("heading", name="Page web", exact=False))
    web_page.get_by_role("button", name="Importer maintenant").click()
    expect(web_page.get_by_role("heading")).to_have_text("Page web État : Échec")
    expect(web_page).to_contain_text("Ce n'est pas un fichier iCalendar (.ics)")
    expect(web_page).not_to_contain_text("This is not")
