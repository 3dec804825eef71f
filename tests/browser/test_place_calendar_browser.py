"""The truck's manager plans a week of stops, then cancels a booked stop: the SPA shows who is
affected before anything changes; once confirmed the booking is cancelled by the place and the
member's mail is in the outbox. Phone-sized screen, no serious axe violation."""

import datetime as dt
import re

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from ostal.accounts.models import User
from ostal.bookings.models import Booking
from ostal.notifications.models import Kind, Notification
from ostal.spaces.models import (
    Closure,
    Commune,
    ItineraryStop,
    OpeningHours,
    Resource,
    Space,
    SpecialOpening,
)
from tests.browser.axe import serious_violations
from tests.browser.conftest import PARIS, log_in, paris_today

pytestmark = pytest.mark.browser

MANAGER = "manager@ostal.demo"
DEMO_PASSWORD = "ostal-demo-2026"


def confirmed_desk_day(space, member, day):
    """A desk booked 09:00-17:00 on `day`, confirmed and its confirmation mail sent (the member
    knows of it, so a cancellation by the place is mailed)."""
    desk = Resource.objects.filter(space=space, kind=Resource.Kind.DESK).order_by("name").first()
    start = dt.datetime.combine(day, dt.time(9), tzinfo=PARIS)
    booking = Booking.objects.create(
        space=space, resource=desk, resource_kind="desk", member=member, start=start,
        end=start + dt.timedelta(hours=8), local_date=day, part="day",
        status=Booking.Status.CONFIRMED, confirmed_at=timezone.now())
    Notification.objects.create(kind=Kind.BOOKING_CONFIRMED, user=member, booking=booking,
                                send_after=timezone.now(), dedupe_key=f"c:{booking.pk}",
                                status=Notification.Status.SENT)
    return booking


def test_the_truck_manager_plans_a_week_and_cancels_a_booked_stop(page: Page, demo_site: str,
                                                                   make_member, no_task_broker):
    truck = Space.objects.get(slug="le-camion-des-causses")
    today = paris_today()
    booked_day = today + dt.timedelta(days=3)
    week_monday = today + dt.timedelta(days=21 - today.weekday())
    ItineraryStop.objects.filter(space=truck, date__gte=booked_day).delete()
    mende = Commune.objects.get(insee_code="48095")
    stop = ItineraryStop.objects.create(space=truck, date=booked_day, commune=mende,
                                        opens=dt.time(9), closes=dt.time(17),
                                        latitude=mende.latitude, longitude=mende.longitude)
    member = make_member("ada.causses@example.org", first_name="Ada", last_name="Causses")
    booking = confirmed_desk_day(truck, member, booked_day)
    page.set_viewport_size({"width": 390, "height": 844})

    log_in(page, demo_site, MANAGER, DEMO_PASSWORD)
    page.goto(f"{demo_site}/gestion?space={truck.pk}")
    page.get_by_role("link", name="Calendrier du lieu", exact=False).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"Calendrier du lieu — {truck.name}")

    week = page.get_by_role("form", name="Ajouter une semaine d\u2019arrêts")
    week.get_by_label("Semaine du (lundi)").fill(week_monday.isoformat())
    week.get_by_label("ven.").uncheck()
    week.get_by_role("combobox", name="Commune de l\u2019arrêt").fill("Langog")
    page.get_by_role("option", name=re.compile("Langogne")).click()
    week.get_by_label("Emplacement (ex. : place de la mairie)").fill("Place du Champ de Foire")
    week.get_by_role("button", name="Ajouter ces arrêts").click()
    expect(week.get_by_role("status").filter(has_text="ajoutés")).to_have_text(
        "4 arrêts ajoutés.")

    page.get_by_role("button", name=re.compile("^Annuler l\u2019arrêt du .* à Mende$")).click()
    impact = page.get_by_role("group", name="1 réservation concernée")
    expect(impact).to_contain_text("Ada Causses")
    assert serious_violations(page) == []
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CONFIRMED  # nothing changed before confirming

    impact.get_by_role("button", name="Confirmer et prévenir la personne").click()

    expect(page.get_by_role("button", name=re.compile("à Mende$"))).to_have_count(0)
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CANCELLED
    assert not ItineraryStop.objects.filter(pk=stop.pk).exists()
    mail = Notification.objects.get(kind=Kind.BOOKING_CANCELLED, booking=booking)
    assert mail.user == member
    added = ItineraryStop.objects.filter(space=truck, date__gte=week_monday,
                                         date__lt=week_monday + dt.timedelta(days=7))
    assert [s.date.weekday() for s in added] == [0, 1, 2, 3]
    assert {s.commune.name for s in added} == {"Langogne"}


def test_a_manager_shortens_the_weekly_hours_of_a_booked_day(page: Page, demo_site: str,
                                                             make_member, no_task_broker):
    """Weekly hours edited in the app: the booking the shorter hours leave outside is shown
    first, then cancelled by the place once confirmed; the week is saved."""
    manager = User.objects.get(email=MANAGER)
    place = Space.objects.exclude(kind=Space.Kind.ITINERANT).order_by("name").first()
    assert place is not None
    place.operator.managers.add(manager)
    OpeningHours.objects.filter(space=place).delete()
    OpeningHours.objects.bulk_create(
        OpeningHours(space=place, weekday=day, opens=dt.time(9), closes=dt.time(18))
        for day in range(5))
    booked_day = paris_today() + dt.timedelta(days=7)
    while booked_day.weekday() >= 5:
        booked_day += dt.timedelta(days=1)
    SpecialOpening.objects.filter(space=place, date=booked_day).delete()
    Closure.objects.filter(space=place, end_date__gte=booked_day).delete()
    member = make_member("ada.horaires@example.org", first_name="Ada", last_name="Horaires")
    booking = confirmed_desk_day(place, member, booked_day)
    page.set_viewport_size({"width": 390, "height": 844})

    log_in(page, demo_site, MANAGER, DEMO_PASSWORD)
    page.goto(f"{demo_site}/gestion/calendrier?space={place.pk}")
    hours = page.get_by_role("form", name="Horaires de la semaine")
    day_name = ["Lundi", "Mardi", "Mercredi", "Jeudi", "Vendredi"][booked_day.weekday()]
    day = hours.get_by_role("group", name=day_name)
    expect(day.get_by_label("Ouvert", exact=True)).to_be_checked()
    day.get_by_label("Fermeture (plage 1)").fill("16:00")
    hours.get_by_role("group", name="Samedi").get_by_label("Ouvert", exact=True).check()
    hours.get_by_role("button", name="Enregistrer les horaires").click()

    impact = hours.get_by_role("group", name="1 réservation concernée")
    expect(impact).to_contain_text("Ada Horaires")
    assert serious_violations(page) == []
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CONFIRMED  # nothing changed before confirming

    impact.get_by_role("button", name="Confirmer et prévenir la personne").click()
    expect(hours.get_by_role("status")).to_contain_text("1 réservation annulée")
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CANCELLED
    week = sorted(OpeningHours.objects.filter(space=place)
                  .values_list("weekday", "opens", "closes"))
    assert (booked_day.weekday(), dt.time(9), dt.time(16)) in week
    assert (5, dt.time(9), dt.time(18)) in week  # Saturday opened
    assert Notification.objects.get(kind=Kind.BOOKING_CANCELLED, booking=booking).user == member
