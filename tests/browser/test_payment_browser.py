"""A member buys a place's carnet by card (Stripe.js from the local fake Stripe), books a desk
there paying with one credit, cancels it and gets the credit back, then downloads the invoice
of the carnet. The database follows every step."""

import datetime as dt
import re
from decimal import Decimal
from io import BytesIO

import pytest
from django.db.models import Sum
from playwright.sync_api import Page, expect
from pypdf import PdfReader
from rest_framework.test import APIClient

from ostal.billing.models import Invoice, Payment
from ostal.bookings.models import Booking, BookingPolicy
from ostal.memberships.models import CreditLedgerEntry, CreditLot, Plan
from ostal.spaces.models import Space
from tests.browser.conftest import log_in, next_weekday, paris_today

pytestmark = pytest.mark.browser

CARD_OK = "4242424242424242"


def credits_left(lot: CreditLot) -> int:
    return lot.entries.aggregate(total=Sum("delta"))["total"] or 0


def test_member_buys_a_carnet_books_with_a_credit_and_gets_it_back(
        page: Page, demo_site: str, make_member, stripe_settings, no_task_broker):
    member = make_member("lea.carnet@example.org")
    day = next_weekday(paris_today() + dt.timedelta(days=1))
    found = APIClient().get("/api/v1/availability/", {
        "date": day.isoformat(), "kind": "desk", "near_commune": "46102", "part": "day",
        "available_only": "true"}).json()
    place = Space.objects.get(slug=found["results"][0]["space"]["slug"])
    # The place asks for payment (the booking is held while paying) and sells a carnet.
    BookingPolicy.objects.create(space=place, resource_kind="desk", sale_unit="half_day",
                                 requires_payment=True, hold_minutes=15,
                                 cancellation_deadline_minutes=60)
    carnet = Plan.objects.create(space=place, kind=Plan.Kind.PLACE_CARNET,
                                 name="Carnet 10 journées", credit_units=1000,
                                 validity_days=180, price=Decimal("120.00"))

    log_in(page, demo_site, member.email)
    page.get_by_role("link", name="Mon portefeuille").click()
    expect(page.get_by_role("heading", name="Mon portefeuille", level=1)).to_be_visible()
    offer = page.get_by_role("article", name="Carnet 10 journées")
    offer.get_by_role("button", name="Acheter").click()
    # Stripe.js comes from localstripe (127.0.0.1): its card element, with our labels.
    expect(offer.get_by_role("radio", name="Nouvelle carte")).to_be_checked()
    offer.get_by_label("Numéro de carte").fill(CARD_OK)
    offer.get_by_label("Mois d\u2019expiration (MM)").fill("12")
    offer.get_by_label("Année d\u2019expiration (AA)").fill("31")
    offer.get_by_label("Cryptogramme (CVC)").fill("123")
    offer.get_by_role("button", name="Payer 120,00 €").click()

    expect(offer.get_by_text("Achat confirmé")).to_be_visible(timeout=15_000)
    expect(page.get_by_text("10 crédits utilisables")).to_be_visible()
    payment = Payment.objects.get(payer=member)
    assert (payment.status, payment.amount, payment.plan_id) == ("succeeded", Decimal("120.00"),
                                                                 carnet.pk)
    lot = CreditLot.objects.get(account__user=member)
    assert (lot.credit_units_granted, lot.space_id, credits_left(lot)) == (1000, place.pk, 1000)
    invoice = Invoice.objects.get(payment=payment)

    # Book a desk there for the day: held, then paid with one credit.
    page.goto(f"{demo_site}/lieux/{place.slug}/reserver?date={day.isoformat()}&part=day")
    panel = page.get_by_role("form", name="Votre réservation")
    expect(panel).to_contain_text("la place vous est gardée 15 minutes")
    # The price comes from the server's quote (GET /billing/quote/), credits included.
    expect(panel).to_contain_text("1 crédit")
    panel.get_by_role("button", name="Réserver et payer").click()
    expect(page.get_by_role("heading", name="Paiement", level=2)).to_be_visible()
    expect(page.get_by_role("timer")).to_contain_text("Place gardée encore")
    booking = Booking.objects.get(member=member)
    assert booking.status == Booking.Status.HELD
    expect(page.get_by_role("radio", name="Avec mes crédits")).to_be_checked()
    page.get_by_role("button", name="Payer avec 1 crédit").click()

    expect(page.get_by_text("Réservation confirmée")).to_be_visible()
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CONFIRMED
    assert credits_left(lot) == 900
    assert CreditLedgerEntry.objects.filter(lot=lot, kind="spend", delta=-100).exists()

    # Cancel before the deadline: the credit comes back.
    page.get_by_role("link", name="Mes réservations").first.click()
    card = page.get_by_role("article").filter(has_text=place.name)
    card.get_by_role("button", name="Annuler").click()
    card.get_by_role("button", name="Oui, annuler").click()
    expect(page.get_by_text("Réservation annulée.")).to_be_visible()
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CANCELLED
    assert credits_left(lot) == 1000

    page.get_by_role("link", name="Mon portefeuille").click()
    expect(page.get_by_text("10 crédits utilisables")).to_be_visible()
    lots = page.get_by_role("table", name="Lots de crédits")
    expect(lots.get_by_role("row", name=re.compile("Carnet 10 journées"))).to_contain_text(
        "10 sur 10")
    entries = page.get_by_role("table", name="Mouvements de crédits")
    expect(entries).to_contain_text("Crédits rendus")

    # The carnet's invoice, as a PDF carrying its number.
    invoices = page.get_by_role("table", name="Factures et avoirs")
    link = invoices.get_by_role("link", name=f"Télécharger le PDF {invoice.number}")
    expect(link).to_be_visible()
    answer = page.request.get(demo_site + link.get_attribute("href"))
    assert answer.status == 200
    assert answer.headers["content-type"] == "application/pdf"
    pdf = answer.body()
    assert pdf.startswith(b"%PDF")
    text = "\n".join(p.extract_text() for p in PdfReader(BytesIO(pdf)).pages)
    assert invoice.number in text
