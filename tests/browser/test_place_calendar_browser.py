"""The truck's manager plans a week of stops, then cancels a booked stop: the SPA shows who is
affected before anything changes; once confirmed the booking is cancelled by the place and the
member's mail is in the outbox. Phone-sized screen, no serious axe violation."""

import datetime as dt
import re

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from ostal.bookings.models import Booking
from ostal.notifications.models import Kind, Notification
from ostal.spaces.models import Commune, ItineraryStop, Resource, Space
from tests.browser.axe import serious_violations
from tests.browser.conftest import PARIS, log_in, paris_today

pytestmark = pytest.mark.browser

MANAGER = "manager@ostal.demo"
DEMO_PASSWORD = "ostal-demo-2026"


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
    desk = Resource.objects.filter(space=truck, kind=Resource.Kind.DESK).order_by("name").first()
    start = dt.datetime.combine(booked_day, dt.time(9), tzinfo=PARIS)
    booking = Booking.objects.create(
        space=truck, resource=desk, resource_kind="desk", member=member, start=start,
        end=start + dt.timedelta(hours=8), local_date=booked_day, part="day",
        status=Booking.Status.CONFIRMED, confirmed_at=timezone.now())
    Notification.objects.create(kind=Kind.BOOKING_CONFIRMED, user=member, booking=booking,
                                send_after=timezone.now(), dedupe_key=f"c:{booking.pk}",
                                status=Notification.Status.SENT)
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
