"""What a new member met first (issue 16): the test card typed as printed, slots already over
today, and the truck's stop in "Mes réservations". The database follows each step."""

import datetime as dt
import re
from decimal import Decimal

import pytest
from playwright.sync_api import Page, expect
from rest_framework.test import APIClient

from ostal.billing.models import Payment
from ostal.bookings import services
from ostal.memberships.models import CreditLot, Plan
from ostal.spaces.models import Space, SpecialOpening
from tests.browser.axe import assert_accessible
from tests.browser.conftest import PARIS, log_in, next_weekday, paris_today

pytestmark = pytest.mark.browser

# As the README and the payment form print it.
CARD_AS_PRINTED = "4242 4242 4242 4242"


def test_the_test_card_typed_with_its_spaces_pays(page: Page, demo_site: str, make_member,
                                                  stripe_settings, no_task_broker):
    member = make_member("lea.espaces@example.org")
    place = Space.objects.filter(kind=Space.Kind.COWORKING).order_by("name").first()
    Plan.objects.create(space=place, kind=Plan.Kind.PLACE_CARNET, name="Carnet 5 journées",
                        credit_units=500, validity_days=180, price=Decimal("60.00"))

    log_in(page, demo_site, member.email)
    page.get_by_role("link", name="Mon portefeuille").click()
    offer = page.get_by_role("article", name="Carnet 5 journées")
    offer.get_by_role("button", name="Acheter").click()
    expect(offer).to_contain_text("Carte de test : 4242 4242 4242 4242")
    number = offer.get_by_label("Numéro de carte")
    month = offer.get_by_label("Mois d\u2019expiration (MM)")
    # Typed key by key, as a person does: the whole number goes into its field (the stand-in
    # used to jump to the month after 16 characters, spaces counted)...
    number.press_sequentially(CARD_AS_PRINTED)
    expect(month).to_have_value("")
    expect(number).to_have_value(CARD_AS_PRINTED)
    # ... and pasted, it is taken too (it was refused: "Carte refusée : Bad request").
    number.fill(CARD_AS_PRINTED)
    month.fill("12")
    offer.get_by_label("Année d\u2019expiration (AA)").fill("31")
    offer.get_by_label("Cryptogramme (CVC)").fill("123")
    offer.get_by_role("button", name="Payer 60,00 €").click()

    expect(offer.get_by_text("Achat confirmé")).to_be_visible(timeout=15_000)
    expect(page.get_by_text("Carte refusée")).to_have_count(0)
    payment = Payment.objects.get(payer=member)
    assert (payment.status, payment.amount) == ("succeeded", Decimal("60.00"))
    assert CreditLot.objects.get(account__user=member).credit_units_granted == 500


def test_slots_over_today_look_past(page: Page, demo_site: str, make_member, no_task_broker):
    member = make_member("lea.soir@example.org")
    today = paris_today()
    place = Space.objects.filter(kind=Space.Kind.COWORKING).order_by("name").first()
    # Open today 09:00-17:00 whatever the weekday, as a place closing at 17:00.
    SpecialOpening.objects.create(space=place, date=today, opens=dt.time(9),
                                  closes=dt.time(17))
    found = APIClient().get(f"/api/v1/availability/spaces/{place.slug}/", {
        "from": today.isoformat(), "to": today.isoformat(), "kind": "desk"}).json()
    assert found["days"][0]["slots"][0]["free"] > 0, found  # free, yet over at 20:30

    log_in(page, demo_site, member.email)
    # The browser's clock at 20:30 in the place's time zone, that same day.
    page.clock.set_fixed_time(dt.datetime.combine(today, dt.time(20, 30), tzinfo=PARIS))
    page.goto(f"{demo_site}/lieux/{place.slug}/reserver?date={today.isoformat()}&part=day")

    calendar = page.get_by_role("table", name="Disponibilités", exact=False)
    row = calendar.get_by_role("row").filter(has=page.locator(f"time[datetime='{today}']"))
    expect(row).to_contain_text("Passé")
    expect(row).not_to_contain_text("libre")
    expect(row.get_by_role("button")).to_have_count(0)
    # The day in the address is not offered either: said at once, not after "Réserver".
    expect(page.get_by_text("Ce créneau est déjà passé")).to_be_visible()
    expect(page.get_by_role("form", name="Votre réservation")).to_have_count(0)
    assert_accessible(page)


def test_my_bookings_show_the_truck_where_it_stops_that_day(page: Page, demo_site: str,
                                                            make_member, no_task_broker):
    member = make_member("lea.camion@example.org")
    truck = Space.objects.get(slug="le-camion-des-causses")
    day = next_weekday(paris_today() + dt.timedelta(days=1))
    stop = truck.stops.select_related("commune").get(date=day)
    assert stop.commune.name != truck.commune.name
    services.booking_create(member=member, request=services.BookingRequest(
        space=truck, date=day, resource_kind="desk", part="day"))

    log_in(page, demo_site, member.email)
    page.get_by_role("link", name="Mes réservations").first.click()
    card = page.get_by_role("article").filter(has_text=truck.name)
    expect(card).to_contain_text(f"Étape : {stop.commune.name}, {stop.location_note}")
    expect(card).not_to_contain_text(truck.commune.name)
    assert_accessible(page)


def test_prices_show_in_the_search_and_the_grid_and_the_day_follows(page: Page,
                                                                    demo_site: str):
    day = next_weekday(paris_today() + dt.timedelta(days=3))
    found = APIClient().get("/api/v1/availability/", {
        "date": day.isoformat(), "kind": "desk", "near_commune": "46102", "radius_km": 30,
        "available_only": "true", "part": "day"}).json()
    first = found["results"][0]["space"]
    place = Space.objects.get(slug=first["slug"])
    day_price = place.prices.get(resource_kind="desk", unit="day").amount
    shown = f"{day_price:.2f}".replace(".", ",")

    page.goto(f"{demo_site}/reserver?date={day.isoformat()}&near_commune=46102&radius_km=30")
    card = page.get_by_role("article").filter(has=page.get_by_role(
        "link", name=place.name, exact=True)).first
    expect(card).to_contain_text(f"Prix public : {shown}\u00a0€ la journée")
    card.get_by_role("link", name=place.name, exact=True).click()

    expect(page).to_have_url(re.compile(rf"/lieux/{place.slug}/reserver\?"))
    expect(page.get_by_role("table", name="Disponibilités", exact=False)).to_be_visible()
    expect(page.get_by_text("Prix public :")).to_contain_text(f"{shown}\u00a0€ la journée")
    # To the place's page and back to booking: the searched day is still the one shown.
    page.get_by_role("link", name="Retour", exact=False).click()
    expect(page.get_by_role("heading", name=place.name, level=1)).to_be_visible()
    page.get_by_role("link", name="Réserver un poste ou une salle").click()
    expect(page).to_have_url(re.compile(rf"date={day.isoformat()}"))
    expect(page.get_by_role("table", name="Disponibilités", exact=False).locator(
        f"time[datetime='{day.isoformat()}']")).to_be_visible()
    assert_accessible(page)
