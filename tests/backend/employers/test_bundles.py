"""Employers buy network credits (by card against local Stripe, or on invoice with a purchase
order), get French invoices in their own name (Factur-X), and a month-end invoice of what the
bundle did not cover."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone
from lxml import etree

from ostal.billing.invoicing.facturx import cii_xml
from ostal.billing.invoicing.validation import en16931_validate
from ostal.billing.models import Invoice
from ostal.employers.models import BundleOrder
from ostal.employers.selectors import pool_units_available
from ostal.employers.services.bundles import overage_invoices_for_month
from tests.backend.billing.factories import PlaceCarnetFactory
from tests.backend.billing.helpers import CARD_DECLINED_ON_CHARGE, save_card
from tests.backend.employers.conftest import checkout, held, set_policy, week_in_one_month

pytestmark = pytest.mark.django_db


def order(client, employer, plan, **body):
    return client.post(f"/api/v1/employers/{employer.pk}/orders/", {"plan": plan.pk, **body},
                       format="json")


def test_a_bundle_paid_by_card_fills_the_pool_and_invoices_the_employer(
        stripe_api, client_as, employer_acme, network_carnet):
    client = client_as("employer_admin_ed")
    card = save_card(client, stripe_api.url)

    answer = order(client, employer_acme, network_carnet, method="card", quantity=2,
                   payment_method=card)

    assert answer.status_code == 201, answer.content
    assert answer.json()["payment"]["payment"]["status"] == "succeeded"
    assert answer.json()["order"]["status"] == "paid"
    assert pool_units_available(employer_acme, now=timezone.now()) == 2 * 1000
    invoice = Invoice.objects.get()
    assert invoice.buyer_snapshot["name"] == "ACME OCCITANIE SAS"
    assert invoice.buyer_snapshot["siret"] == "73282932000074"
    assert invoice.is_business
    assert "40 €" in invoice.payment_terms
    assert invoice.total_gross == 2 * network_carnet.price
    assert invoice.total_vat == 0
    listed = client.get(f"/api/v1/employers/{employer_acme.pk}/invoices/").json()
    assert [row["number"] for row in listed] == [invoice.number]
    pdf = client.get(listed[0]["pdf_url"])
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    # The admin's own invoice list is theirs as a person; the company's is here.
    assert client_as("manager_cy").get(listed[0]["pdf_url"]).status_code == 404


def test_a_public_employer_orders_on_invoice_with_its_purchase_order(
        client_as, employer_acme, network_carnet):
    employer_acme.kind = "public_body"
    employer_acme.save()
    client = client_as("employer_admin_ed")

    missing = order(client, employer_acme, network_carnet, method="transfer")
    assert missing.status_code == 400
    assert "purchase_order" in missing.json()["fields"]
    assert not BundleOrder.objects.exists()
    assert not Invoice.objects.exists()

    answer = order(client, employer_acme, network_carnet, method="transfer",
                   purchase_order="BC-2026-0042")

    assert answer.status_code == 201, answer.content
    assert answer.json()["order"]["status"] == "granted"
    assert pool_units_available(employer_acme, now=timezone.now()) == 1000
    invoice = Invoice.objects.get()
    assert invoice.paid_at is None
    assert "virement" in invoice.payment_terms
    assert "IBAN" in invoice.payment_terms
    xml = etree.fromstring(cii_xml(invoice))
    ids = xml.xpath("//ram:BuyerOrderReferencedDocument/ram:IssuerAssignedID/text()",
                    namespaces={"ram": xml.nsmap["ram"]})
    assert ids == ["BC-2026-0042"]
    assert en16931_validate(cii_xml(invoice)).fatal_rules() == []

    reference = answer.json()["order"]["reference"]
    url = f"/api/v1/employer-orders/{reference}/transfer-received/"
    assert client.post(url).status_code == 403  # only the network confirms a transfer
    assert client_as("network_admin_nina").post(url).json()["status"] == "paid"
    again = client_as("network_admin_nina").post(url)
    assert (again.status_code, again.json()["code"]) == (409, "order_not_awaiting_transfer")


def test_only_network_carnets_are_bundles(client_as, employer_acme, pass_space):
    place_carnet = PlaceCarnetFactory(space=pass_space)

    answer = order(client_as("employer_admin_ed"), employer_acme, place_carnet,
                   method="transfer")

    assert (answer.status_code, answer.json()["code"]) == (400, "plan_not_a_bundle")


def test_overage_is_invoiced_once_at_month_end(client_as, employee_eve, employer_acme,
                                               pass_space, settings):
    settings.EMPLOYERS_OVERAGE_CREDIT_PRICE = Decimal("20.00")
    set_policy(employer_acme, invoice_overage=True)
    monday, tuesday, *_ = week_in_one_month()
    client = client_as("employee_eve")
    assert checkout(client, held(pass_space, employee_eve, monday)).status_code == 200
    assert checkout(client, held(pass_space, employee_eve, tuesday,
                                 part="morning")).status_code == 200

    issued = overage_invoices_for_month(month=monday, now=timezone.now() + dt.timedelta(days=40))
    again = overage_invoices_for_month(month=monday)

    assert (issued, again) == (1, 1)
    invoice = Invoice.objects.get(source_key__startswith="employer-overage:")
    assert invoice.total_gross == Decimal("30.00")  # 1.5 credits at 20 EUR
    assert invoice.lines.get().quantity == Decimal("1.50")
    assert en16931_validate(cii_xml(invoice)).fatal_rules() == []
    assert Invoice.objects.count() == 1


def test_co_payment_by_card_confirms_when_the_employee_share_is_paid(
        stripe_api, client_as, employee_eve, funded_acme, pass_space):
    set_policy(funded_acme, company_share_percent=70)
    client = client_as("employee_eve")
    card = save_card(client, stripe_api.url)
    booking = held(pass_space, employee_eve, week_in_one_month()[0])

    answer = checkout(client, booking, employee_method="card", payment_method=card)

    assert answer.status_code == 200, answer.content
    body = answer.json()
    assert body["company_credits"] == "0.70"
    assert body["employee_amount"] == "5.40"  # 30 % of the 18.00 day price
    assert body["payment"]["payment"]["status"] == "succeeded"
    booking.refresh_from_db()
    assert booking.status == "confirmed"
    invoice = Invoice.objects.get(payment__booking=booking)
    assert invoice.total_gross == Decimal("5.40")
    assert invoice.seller_operator_id == pass_space.operator_id  # the place's own invoice
    assert pool_units_available(funded_acme, now=timezone.now()) == 930


def test_a_declined_employee_share_releases_the_slot_and_the_pool(
        stripe_api, client_as, employee_eve, funded_acme, pass_space):
    set_policy(funded_acme, company_share_percent=70)
    client = client_as("employee_eve")
    card = save_card(client, stripe_api.url, CARD_DECLINED_ON_CHARGE)
    booking = held(pass_space, employee_eve, week_in_one_month()[0])

    checkout(client, booking, employee_method="card", payment_method=card)

    booking.refresh_from_db()
    assert booking.status == "cancelled"
    assert pool_units_available(funded_acme, now=timezone.now()) == 1000
