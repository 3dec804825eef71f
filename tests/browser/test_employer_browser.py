"""An employer admin buys a bundle of network credits by card (Stripe.js from the local fake
Stripe), limits the policy to one place and invites an employee; the employee accepts the
e-mailed invitation, books a desk there paid by the employer, is refused at another place with
the exact reason; the admin sees the day used in Usage. The database follows every step."""

import datetime as dt
import re
from decimal import Decimal
from typing import Any

import pytest
from django.core import mail
from playwright.sync_api import Page, expect
from rest_framework.test import APIClient

from ostal.bookings.models import Booking, BookingPolicy
from ostal.employers.models import BundleOrder, EmployerBooking, Employment, Policy
from ostal.employers.selectors import pool_balance
from ostal.employers.services.employers import employer_create
from ostal.memberships.models import Plan
from ostal.spaces.models import Space
from tests.browser.conftest import PASSWORD, log_in, next_weekday, paris_today

pytestmark = pytest.mark.browser

CARD_OK = "4242424242424242"


def pass_place(day: dt.date, *, besides: Space | None = None) -> Space:
    """A place with a free desk on `day` that accepts the pass and asks for payment (the
    booking is held while paying)."""
    found = APIClient().get("/api/v1/availability/", {
        "date": day.isoformat(), "kind": "desk", "part": "day", "available_only": "true",
        "page_size": 50}).json()
    slugs = [result["space"]["slug"] for result in found["results"]]
    place = (Space.objects.filter(slug__in=slugs, accepts_network_pass=True)
             .exclude(pk=besides.pk if besides else None).order_by("slug").first())
    assert place is not None, slugs
    BookingPolicy.objects.update_or_create(
        space=place, resource_kind="desk",
        defaults={"sale_unit": "half_day", "requires_payment": True, "hold_minutes": 15,
                  "cancellation_deadline_minutes": 60})
    return place


def book_and_reach_payment(page: Page, base_url: str, place: Space, day: dt.date) -> None:
    page.goto(f"{base_url}/lieux/{place.slug}/reserver?date={day.isoformat()}&part=day")
    page.get_by_role("form", name="Votre réservation").get_by_role(
        "button", name="Réserver et payer").click()
    expect(page.get_by_role("heading", name="Paiement", level=2)).to_be_visible()


def test_employer_buys_a_bundle_invites_and_pays_an_employees_desk(
        page: Page, browser: Any, demo_site: str, make_member, stripe_settings, no_task_broker):
    admin = make_member("rh@acme.example", first_name="Hélène", last_name="RH")
    employee = make_member("eve@acme.example", first_name="Eve", last_name="Durand")
    employer = employer_create(actor=admin, data={
        "name": "Acme Occitanie", "legal_name": "ACME OCCITANIE SAS",
        "siret": "73282932000074", "vat_number": "FR44732829320",
        "address_line1": "3 rue Alsace-Lorraine", "postal_code": "31000", "city": "Toulouse",
        "invoice_email": "compta@acme.example", "email_domain": "acme.example"})
    carnet = Plan.objects.create(kind=Plan.Kind.NETWORK_CARNET, name="Pass employeur 10 jours",
                                 credit_units=1000, validity_days=365, price=Decimal("150.00"))
    day = next_weekday(paris_today() + dt.timedelta(days=1))
    other_day = next_weekday(day + dt.timedelta(days=1))  # one booking a day per member
    allowed = pass_place(day)
    other = pass_place(other_day, besides=allowed)

    # The admin buys one carnet of 10 network credits by card.
    log_in(page, demo_site, admin.email)
    page.get_by_role("link", name="Espace employeur").click()
    page.get_by_role("link", name="Acme Occitanie").click()
    expect(page.get_by_role("heading", name="Acme Occitanie", level=1)).to_be_visible()
    expect(page.get_by_text("0 crédit disponible")).to_be_visible()
    page.get_by_label("Offre").select_option(value=str(carnet.pk))
    expect(page.get_by_role("radio", name="Carte bancaire")).to_be_checked()
    expect(page.get_by_role("radio", name="Nouvelle carte")).to_be_checked()
    page.get_by_label("Numéro de carte").fill(CARD_OK)
    page.get_by_label("Mois d\u2019expiration (MM)").fill("12")
    page.get_by_label("Année d\u2019expiration (AA)").fill("31")
    page.get_by_label("Cryptogramme (CVC)").fill("123")
    page.get_by_role("button", name="Payer 1 carnet par carte").click()
    expect(page.get_by_text("Achat confirmé : 10 crédits ajoutés au forfait.")).to_be_visible(
        timeout=15_000)
    expect(page.get_by_text("10 crédits disponibles")).to_be_visible()
    order = BundleOrder.objects.get(employer=employer)
    assert (order.status, order.method, order.amount, order.plan_id) == (
        BundleOrder.Status.PAID, "card", Decimal("150.00"), carnet.pk)
    assert pool_balance(employer, now=dt.datetime.now(dt.UTC))["credits"] == Decimal("10")

    # The policy pays for one place only, chosen from the directory.
    page.get_by_role("link", name="Règles").click()
    places = page.get_by_role("combobox", name="Lieux choisis")
    places.fill(allowed.name[:12])
    page.get_by_role("option", name=re.compile(re.escape(allowed.name))).click()
    page.get_by_role("button", name="Enregistrer la règle").click()
    expect(page.get_by_text("Règle enregistrée.")).to_be_visible()
    policy = Policy.objects.get(employer=employer, cost_centre__isnull=True)
    assert list(policy.allowed_spaces.values_list("pk", flat=True)) == [allowed.pk]

    # The invitation goes out by e-mail.
    page.get_by_role("link", name="Salariés").click()
    invite = page.get_by_role("form", name="Inviter un salarié")
    invite.get_by_label("Adresse e-mail professionnelle").fill(employee.email)
    invite.get_by_role("button", name="Envoyer l\u2019invitation").click()
    expect(page.get_by_text(f"Invitation envoyée à {employee.email}.")).to_be_visible()
    [message] = [m for m in mail.outbox if employee.email in m.to]
    link = re.search(r"/invitation-employeur/[\w-]+", message.body)
    assert link, message.body

    # The employee, in their own browser, logs in from the invitation and accepts it.
    context = browser.new_context(locale="fr-FR", timezone_id="Europe/Paris")
    eve = context.new_page()
    eve.goto(demo_site + link.group(0))
    expect(eve.get_by_text("Jamais les lieux ni les dates de vos réservations.",
                           exact=False)).to_be_visible()
    eve.get_by_role("main").get_by_role("link", name="Se connecter").click()
    eve.get_by_label("Adresse e-mail").fill(employee.email)
    eve.get_by_label("Mot de passe").fill(PASSWORD)
    eve.get_by_role("button", name="Se connecter").click()
    eve.get_by_role("button", name="Accepter l\u2019invitation").click()
    expect(eve.get_by_text("C\u2019est fait : Acme Occitanie prend en charge")).to_be_visible()
    assert Employment.objects.get(employer=employer).status == Employment.Status.ACTIVE

    # A desk at the chosen place: paid by the employer.
    book_and_reach_payment(eve, demo_site, allowed, day)
    by_employer = eve.get_by_role("radio", name="Payé par mon employeur (Acme Occitanie)")
    expect(by_employer).to_be_checked()
    eve.get_by_role("button", name="Confirmer, payé par Acme Occitanie").click()
    expect(eve.get_by_text("Réservation confirmée")).to_be_visible()
    booking = Booking.objects.get(member=employee, space=allowed)
    assert booking.status == Booking.Status.CONFIRMED
    paid = EmployerBooking.objects.get(booking=booking)
    assert (paid.company_units, paid.department_code) == (100, allowed.department_code)
    assert pool_balance(employer, now=dt.datetime.now(dt.UTC))["credits"] == Decimal("9")

    # Another place: refused, with the rule that refuses it.
    book_and_reach_payment(eve, demo_site, other, other_day)
    expect(eve.get_by_role("radio", name="Payé par mon employeur (Acme Occitanie)")
           ).to_be_disabled()
    expect(eve.get_by_role("alert")).to_contain_text(
        "Ce lieu ne fait pas partie des lieux choisis par votre employeur.")
    expect(eve.get_by_role("radio", name="Je paie moi-même")).to_be_checked()
    assert not EmployerBooking.objects.filter(booking__space=other).exists()
    context.close()

    # The admin sees the day used, never where or when.
    page.get_by_role("link", name="Usage").click()
    if day.month != paris_today().month:
        page.get_by_label("Mois").fill(f"{day:%Y-%m}")
    expect(page.get_by_text("Ni lieux ni dates")).to_be_visible()
    row = page.get_by_role("table", name="Par salarié").get_by_role(
        "row", name=re.compile("Eve Durand"))
    expect(row).to_contain_text("eve@acme.example")
    expect(row).to_contain_text("15,00 €")
    expect(page.get_by_role("main")).not_to_contain_text(allowed.name)
