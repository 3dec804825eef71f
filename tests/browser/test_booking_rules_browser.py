"""A manager sets their place's booking rules from the app (issue 15), on a phone-sized
screen, with no serious axe violation (members meeting the rules: tests/backend/bookings/
test_booking_rules_api.py)."""

import pytest
from playwright.sync_api import Page, expect

from ostal.accounts.models import User
from ostal.bookings.models import BookingPolicy
from ostal.bookings.policies import policy_for
from ostal.spaces.models import Resource, Space
from tests.browser.axe import assert_accessible
from tests.browser.conftest import log_in

pytestmark = pytest.mark.browser

MANAGER = "manager@ostal.demo"
DEMO_PASSWORD = "ostal-demo-2026"


def test_a_manager_sets_a_desk_notice_for_their_place(page: Page, demo_site: str) -> None:
    manager = User.objects.get(email=MANAGER)
    place = (Space.objects.filter(operator__managers=manager,
                                  resources__kind=Resource.Kind.DESK)
             .distinct().order_by("name").first())
    assert place is not None
    page.set_viewport_size({"width": 390, "height": 844})

    log_in(page, demo_site, MANAGER, DEMO_PASSWORD)
    page.goto(f"{demo_site}/gestion?space={place.pk}")
    page.get_by_role("link", name="Règles de réservation et tarifs", exact=False).click()

    expect(page.get_by_role("heading", level=1)).to_have_text(f"Règles et tarifs — {place.name}")
    desk = page.get_by_role("form", name="Poste de travail")
    expect(desk.get_by_text("Règles du réseau (par défaut)", exact=False)).to_be_visible()
    desk.get_by_label("Préavis minimum (minutes)").fill("20160")  # two weeks
    expect(desk.get_by_text("= 14 j")).to_be_visible()
    desk.get_by_label("Réservations par membre et par jour").fill("")
    desk.get_by_role("button", name="Enregistrer les règles : Poste de travail").click()
    expect(desk.get_by_role("status")).to_contain_text("Règles enregistrées (Poste de travail)")
    expect(desk.get_by_text("Règles propres à votre lieu.")).to_be_visible()
    assert_accessible(page)

    rules = BookingPolicy.objects.get(space=place, resource_kind=Resource.Kind.DESK)
    assert (rules.min_notice_minutes, rules.max_bookings_per_member_per_day) == (20160, None)
    assert policy_for(place.pk, Resource.Kind.DESK).min_notice_minutes == 20160  # the engine's

    # Back to the network's rules: the place's row goes, the form says so.
    desk.get_by_role("button", name="Revenir aux règles du réseau").click()
    expect(desk.get_by_role("status")).to_contain_text("Les règles du réseau s\u2019appliquent")
    assert not BookingPolicy.objects.filter(space=place, resource_kind="desk").exists()
