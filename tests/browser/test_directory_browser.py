"""A visitor finds the coworking truck through the map and list, and sees its next stops."""

import re

import pytest
from playwright.sync_api import Page, expect

from ostal.spaces.models import ItineraryStop, Space

pytestmark = pytest.mark.browser


def test_filter_lozere_places_with_fibre_and_open_the_trucks_page(page: Page, demo_site: str):
    truck = Space.objects.get(slug="le-camion-des-causses")
    first_stop = ItineraryStop.objects.filter(space=truck).order_by("date").first()
    expected = set(Space.objects.filter(department_code="48", services__code="fibre")
                   .values_list("name", flat=True))

    page.goto(demo_site + "/")
    page.get_by_label("Département").select_option(label="Lozère")
    page.get_by_label("Fibre optique").check()

    expect(page).to_have_url(re.compile(r"department=48"))
    expect(page).to_have_url(re.compile(r"services=fibre"))
    results = page.get_by_role("link", name="Le Camion des Causses")
    expect(results.first).to_be_visible()
    for name in expected:
        expect(page.get_by_role("link", name=name, exact=True).first).to_be_visible()

    results.first.click()

    expect(page.get_by_role("heading", name="Le Camion des Causses", level=1)).to_be_visible()
    expect(page.get_by_role("heading", name="Prochaines étapes")).to_be_visible()
    expect(page.get_by_text(first_stop.commune.name).first).to_be_visible()
    expect(page.get_by_text(first_stop.location_note).first).to_be_visible()
