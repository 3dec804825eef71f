"""The front desk of the truck's operator opens "Accueil", sees the day and checks a member
in; the manager screens refuse it; no serious axe violation."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from ostal.bookings.models import Booking
from ostal.spaces.models import Commune, ItineraryStop, Resource, Space
from tests.browser.axe import assert_accessible
from tests.browser.conftest import log_in, paris_today

pytestmark = pytest.mark.browser


def test_the_front_desk_sees_the_day_and_checks_a_member_in(page: Page, demo_site: str,
                                                            make_member, no_task_broker):
    truck = Space.objects.get(slug="le-camion-des-causses")
    today = paris_today()
    if not ItineraryStop.objects.filter(space=truck, date=today).exists():
        mende = Commune.objects.get(insee_code="48095")
        ItineraryStop.objects.create(
            space=truck, date=today, commune=mende, opens=dt.time(0, 0), closes=dt.time(23, 59),
            location_note="Place de la mairie", latitude=mende.latitude,
            longitude=mende.longitude)
    member = make_member("ada.causses@example.org", first_name="Ada", last_name="Causses")
    desk = Resource.objects.filter(space=truck, kind=Resource.Kind.DESK).order_by("name").first()
    now = timezone.now()
    booking = Booking.objects.create(
        space=truck, resource=desk, resource_kind=Resource.Kind.DESK, member=member,
        start=now - dt.timedelta(minutes=30), end=now + dt.timedelta(minutes=90),
        local_date=today, part="custom", status=Booking.Status.CONFIRMED)
    fay = make_member("fay@causses.example", first_name="Fay", last_name="Accueil")
    truck.operator.front_desk.add(fay)  # as an accepted invitation does

    log_in(page, demo_site, fay.email)
    page.get_by_role("link", name="Accueil", exact=True).click()
    expect(page.get_by_role("heading", name="Accueil : la journée du lieu", level=1)
           ).to_be_visible()
    page.get_by_label("Lieu", exact=True).select_option(str(truck.pk))
    row = page.get_by_role("row", name="Ada Causses", exact=False)
    expect(row).to_contain_text(desk.name)
    assert_accessible(page)

    row.get_by_role("button", name="Enregistrer l\u2019arrivée : Ada Causses").click()

    expect(page.get_by_text("Arrivée de Ada Causses enregistrée.")).to_be_visible()
    booking.refresh_from_db()
    assert (booking.status, booking.checked_in_by) == (Booking.Status.CHECKED_IN, fay)
    assert_accessible(page)
    # No manager screen for the front desk.
    expect(page.get_by_role("link", name="Équipe", exact=True)).to_have_count(0)
