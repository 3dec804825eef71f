"""The demo manager opens today's view of the coworking truck and checks a member in."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from ostal.accounts.models import User
from ostal.bookings.models import Booking
from ostal.spaces.models import Commune, ItineraryStop, Resource, Space
from tests.browser.conftest import log_in, paris_today

pytestmark = pytest.mark.browser

MANAGER = "manager@ostal.demo"
DEMO_PASSWORD = "ostal-demo-2026"


def test_manager_checks_a_member_in_on_the_trucks_day(page: Page, demo_site: str, make_member,
                                                      no_task_broker):
    truck = Space.objects.get(slug="le-camion-des-causses")
    today = paris_today()
    # Today must be a stop day (the tour skips weekends): add one if needed.
    stop = ItineraryStop.objects.filter(space=truck, date=today).first()
    if stop is None:
        mende = Commune.objects.get(insee_code="48095")
        stop = ItineraryStop.objects.create(
            space=truck, date=today, commune=mende, opens=dt.time(0, 0), closes=dt.time(23, 59),
            location_note="Place de la mairie", latitude=mende.latitude,
            longitude=mende.longitude)
    member = make_member("ada.causses@example.org", first_name="Ada", last_name="Causses")
    desk = Resource.objects.filter(space=truck, kind=Resource.Kind.DESK).order_by("name").first()
    # A booking running now (check-in opens 30 minutes before the start, closes at the end):
    # written directly, as a desk clerk's earlier booking would be.
    now = timezone.now()
    booking = Booking.objects.create(
        space=truck, resource=desk, resource_kind=Resource.Kind.DESK, member=member,
        start=now - dt.timedelta(minutes=30), end=now + dt.timedelta(minutes=90),
        local_date=today, part="custom", status=Booking.Status.CONFIRMED)
    assert User.objects.get(email=MANAGER).managed_operators.filter(pk=truck.operator_id).exists()

    log_in(page, demo_site, MANAGER, DEMO_PASSWORD)
    page.get_by_role("link", name="Gestion").click()

    expect(page.get_by_role("heading", name="Gestion", level=1)).to_be_visible()
    expect(page.get_by_label("Lieu", exact=True)).to_have_value(str(truck.pk))
    expect(page.get_by_label("Jour", exact=True)).to_have_value(today.isoformat())
    table = page.get_by_role("table", name="Réservations du Camion des Causses", exact=False)
    row = table.get_by_role("row", name="Ada Causses", exact=False)
    expect(row).to_contain_text(desk.name)
    expect(row).to_contain_text("Confirmée")

    row.get_by_role("button", name="Valider la présence de Ada Causses").click()

    expect(page.get_by_role("status").filter(has_text="Présence de Ada Causses validée.")
           ).to_be_visible()
    expect(row).to_contain_text("Présence validée")
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CHECKED_IN
    assert booking.checked_in_by == User.objects.get(email=MANAGER)
