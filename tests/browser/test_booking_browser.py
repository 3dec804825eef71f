"""A member finds a free desk near a town for the next working day, books it, finds it in
"Mes réservations" and cancels it; the database follows every step."""

import datetime as dt
import re

import pytest
from playwright.sync_api import Page, expect
from rest_framework.test import APIClient

from ostal.bookings.models import Booking
from ostal.spaces.models import Space
from tests.browser.conftest import log_in, next_weekday, paris_today

pytestmark = pytest.mark.browser

FIGEAC = "46102"


def test_member_books_a_desk_near_figeac_then_cancels_it(page: Page, demo_site: str,
                                                        make_member, no_task_broker):
    member = make_member("lea.martin@example.org")
    # The search defaults to tomorrow; the demo places open on weekdays, so on a Friday or a
    # Saturday the test picks the following Monday and types that date in.
    tomorrow = paris_today() + dt.timedelta(days=1)
    day = next_weekday(tomorrow)
    found = APIClient().get("/api/v1/availability/", {
        "date": day.isoformat(), "kind": "desk", "near_commune": FIGEAC, "radius_km": 30,
        "available_only": "true", "part": "day"}).json()
    assert found["count"] > 0, found
    nearest = Space.objects.get(slug=found["results"][0]["space"]["slug"])

    log_in(page, demo_site, member.email)
    page.get_by_role("link", name="Réserver", exact=True).click()
    expect(page.get_by_role("heading", name="Réserver", level=1)).to_be_visible()
    if day != tomorrow:
        page.get_by_label("Date").fill(day.isoformat())
    page.get_by_role("combobox", name="Près d\u2019une commune").fill("Figeac")
    page.get_by_role("option", name="Figeac (46)").click()
    page.get_by_role("button", name="Rechercher").click()

    expect(page).to_have_url(re.compile(r"near_commune=46102"))
    first = page.get_by_role("article").first
    expect(first.get_by_role("link", name=nearest.name, exact=True)).to_be_visible()
    expect(first).to_contain_text("postes libres")
    first.get_by_role("link", name=nearest.name, exact=True).click()

    panel = page.get_by_role("form", name="Votre réservation")
    expect(panel).to_contain_text(nearest.name)
    expect(panel).to_contain_text("Journée")
    panel.get_by_role("button", name="Réserver").click()

    expect(page.get_by_text("Réservation confirmée")).to_be_visible()
    booking = Booking.objects.get(member=member)
    assert (booking.space_id, booking.local_date, booking.part, booking.status) == (
        nearest.pk, day, "day", Booking.Status.CONFIRMED)
    # « à La Cantine », « au Camion … » (« Le » contracts), « à l'Espace … »: the name follows.
    first_word, _, rest = nearest.name.partition(" ")
    named = rest if first_word in ("Le", "Les") and rest else nearest.name
    qr_name = re.compile(r"QR code de votre réservation (à|au|aux|à la|à l\u2019) ?"
                         + re.escape(named))
    expect(page.get_by_role("img", name=qr_name)).to_be_visible()
    expect(page.get_by_role("link", name="Ajouter à mon agenda")).to_have_attribute(
        "href", f"/api/v1/bookings/{booking.pk}/ics/")

    page.get_by_role("link", name="Mes réservations").first.click()
    expect(page.get_by_role("heading", name="Mes réservations", level=1)).to_be_visible()
    card = page.get_by_role("article").filter(has_text=nearest.name)
    expect(card).to_contain_text("Confirmée")
    card.get_by_role("button", name="Annuler").click()
    expect(card).to_contain_text("Annulation sans frais jusqu\u2019au")
    card.get_by_role("button", name="Oui, annuler").click()

    expect(page.get_by_text("Réservation annulée.")).to_be_visible()
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CANCELLED
    assert booking.cancelled_by_id == member.pk
