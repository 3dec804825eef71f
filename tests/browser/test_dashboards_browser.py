"""The demo manager opens the dashboard and reads an occupancy rate computed here by hand."""

import datetime as dt
import re

import pytest
from playwright.sync_api import Page, expect

from ostal.analytics.services import rollups_rebuild
from ostal.bookings.models import Booking
from ostal.spaces.models import Commune, ItineraryStop, Resource, Space
from tests.browser.conftest import log_in, paris_today
from tests.factories.bookings import paris

pytestmark = pytest.mark.browser

MANAGER = "manager@ostal.demo"
DEMO_PASSWORD = "ostal-demo-2026"


def test_manager_reads_last_months_occupancy_of_the_truck(page: Page, demo_site: str,
                                                          make_member):
    truck = Space.objects.get(slug="le-camion-des-causses")
    first = (paris_today().replace(day=1) - dt.timedelta(days=1)).replace(day=1)  # last month
    day_a, day_b = first + dt.timedelta(days=9), first + dt.timedelta(days=10)
    ItineraryStop.objects.filter(space=truck, date__range=(first, day_b)).delete()
    mende = Commune.objects.get(insee_code="48095")
    for day, opens, closes in ((day_a, 9, 17), (day_b, 10, 16)):  # 480 and 360 minutes
        ItineraryStop.objects.create(space=truck, date=day, commune=mende, opens=dt.time(opens),
                                     closes=dt.time(closes), latitude=mende.latitude,
                                     longitude=mende.longitude)
    desks = list(Resource.objects.filter(space=truck, kind=Resource.Kind.DESK, is_active=True)
                 .order_by("name"))
    resources = Resource.objects.filter(space=truck, is_active=True).count()
    ada = make_member("ada.dashboard@example.org", first_name="Ada")
    for desk, day, start, end in ((desks[0], day_a, 9, 17), (desks[1], day_b, 10, 13)):
        Booking.objects.create(
            space=truck, resource=desk, resource_kind=Resource.Kind.DESK, member=ada,
            start=paris(day.year, day.month, day.day, start),
            end=paris(day.year, day.month, day.day, end), local_date=day, part="custom",
            status=Booking.Status.CHECKED_IN)
    last = (first + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
    rollups_rebuild(first, last, spaces=[truck])
    # By hand: booked 480 + 180 minutes; open (480 + 360) minutes x every resource of the truck.
    rate = (480 + 180) / ((480 + 360) * resources)
    percent = f"{rate * 100:.1f}".replace(".", ",")
    desk_rate = f"{(480 + 180) / ((480 + 360) * len(desks)) * 100:.1f}".replace(".", ",")

    log_in(page, demo_site, MANAGER, DEMO_PASSWORD)
    page.get_by_role("link", name="Tableau de bord").click()
    expect(page.get_by_role("heading", name="Tableau de bord", level=1)).to_be_visible()
    page.get_by_label("Lieu", exact=True).select_option(label=truck.name)
    page.get_by_label("Mois", exact=True).fill(first.strftime("%Y-%m"))

    card = page.locator(".kpi-card").filter(has_text="Taux d\u2019occupation")
    expect(card.locator(".kpi-value")).to_have_text(re.compile(rf"^{percent}\s%$"))
    kinds = page.get_by_role("table", name="Occupation par type de ressource")
    expect(kinds.get_by_role("row", name=re.compile("Postes"))).to_contain_text(
        re.compile(rf"{desk_rate}\s%"))
    csv_link = page.get_by_role("link", name="Télécharger en CSV").first
    expect(csv_link).to_have_attribute(
        "href", re.compile(rf"by-kind\.csv\?from={first.isoformat()}&.*space={truck.pk}"))


def test_member_declares_their_commute_by_commune_name_with_the_keyboard(page: Page,
                                                                        demo_site: str,
                                                                        make_member):
    from ostal.accounts.models import CommuteDeclaration

    ada = make_member("ada.commute@example.org", first_name="Ada")
    log_in(page, demo_site, "ada.commute@example.org")
    page.goto(demo_site + "/mon-trajet")

    home = page.get_by_role("combobox", name="Commune où vous habitez")
    home.fill("beziers")  # no accent typed: Béziers
    expect(page.get_by_role("option", name="Béziers (34)", exact=True)).to_be_visible()
    home.press("ArrowDown")
    home.press("Enter")
    expect(home).to_have_value("Béziers")
    workplace = page.get_by_role("combobox", name="Commune de votre lieu de travail habituel")
    workplace.fill("st gaudens")
    expect(page.get_by_role("option", name="Saint-Gaudens (31)")).to_be_visible()
    workplace.press("Enter")  # the only suggestion
    page.get_by_role("button", name="Enregistrer").click()

    expect(page.get_by_text("Déclaration enregistrée.")).to_be_visible()
    declaration = CommuteDeclaration.objects.get(user=ada)
    assert (declaration.home_commune_id, declaration.workplace_commune_id) == ("34032", "31483")
