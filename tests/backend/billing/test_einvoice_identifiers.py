"""Business invoices need their identifiers, and billing profiles refuse what would break them.

Issue 20: "0" once stood as a country and a postal code on nine invoices (BR-CL-14); business
invoices went out without the seller's SIRET. A profile is now checked when typed (ISO 3166-1,
French postal codes, SIRET and VAT numbers with their check digits) and a business invoice
missing an identifier is refused with a message naming it, before any number is taken.
"""

import datetime as dt
from decimal import Decimal

import pytest

from ostal.billing.errors import BillingError
from ostal.billing.invoicing.issue import LineInput, invoice_issue
from ostal.billing.models import BillingProfile, Invoice, InvoiceSequence
from ostal.billing.vat import VAT_REGISTERED, operator_seller
from tests.backend.billing.factories import BusinessProfileFactory

URL = "/api/v1/billing/profile/"
GOOD = {"is_business": True, "name": "Atelier Lovelace SARL", "address_line1": "3 rue des Lois",
        "postal_code": "31000", "city": "Toulouse", "country": "FR",
        "siret": "73282932000074", "vat_number": "FR44732829320"}


@pytest.mark.django_db
@pytest.mark.parametrize(("change", "field"), [
    ({"country": "0"}, "country"),
    ({"country": "XX"}, "country"),
    ({"postal_code": "0"}, "postal_code"),
    ({"postal_code": "00100"}, "postal_code"),
    ({"siret": "73282932000075"}, "siret"),       # check digit wrong
    ({"vat_number": "FR00732829320"}, "vat_number"),  # key wrong
    ({"vat_number": "DE136695977"}, "vat_number"),    # German check digit wrong
    ({"city": ""}, "city"),                       # a business invoice carries the address
])
def test_profile_refuses_what_would_break_an_einvoice(client_as, member_ada, change, field):
    answer = client_as("member_ada").put(URL, {**GOOD, **change}, format="json")

    assert answer.status_code == 400, answer.content
    assert field in answer.json()["fields"]
    assert answer.json()["fields"][field][0]
    assert not BillingProfile.objects.exists()


@pytest.mark.django_db
def test_profile_accepts_a_valid_business_and_a_foreign_consumer(client_as, member_ada):
    client = client_as("member_ada")

    business = client.put(URL, {**GOOD, "country": "fr", "vat_number": "FR 44 732829320"},
                          format="json")
    consumer = client.put(URL, {"is_business": False, "name": "Ada", "siret": "",
                                "vat_number": "", "country": "BE", "postal_code": "1000",
                                "address_line1": "Rue Haute 1", "city": "Bruxelles"},
                          format="json")

    assert business.status_code == 200, business.content
    assert (business.json()["country"], business.json()["vat_number"]) == ("FR",
                                                                           "FR44732829320")
    assert consumer.status_code == 200, consumer.content
    assert BillingProfile.objects.get().country == "BE"


@pytest.mark.django_db
def test_business_invoice_without_seller_siret_is_refused_naming_it(member_ada, operator_cy):
    BusinessProfileFactory(user=member_ada)
    operator_cy.siret, operator_cy.vat_number = "", ""

    with pytest.raises(BillingError) as refused:
        invoice_issue(seller=operator_seller(operator_cy), buyer=member_ada, source_key="k",
                      service_date=dt.date(2026, 12, 10), lines=[
                          LineInput("Poste, journée", Decimal("1"), Decimal("15.00"),
                                    VAT_REGISTERED)])

    assert refused.value.code == "invoice_identifier_missing"
    assert "SIRET du vendeur (Coopérative Cy)" in refused.value.message
    assert "numéro de TVA du vendeur" in refused.value.message
    assert not Invoice.objects.exists()
    assert not InvoiceSequence.objects.filter(last_number__gt=0).exists()  # no number used


@pytest.mark.django_db
def test_consumer_invoice_is_still_issued_without_seller_vat_number(member_ada, operator_cy):
    operator_cy.vat_number = ""

    invoice = invoice_issue(seller=operator_seller(operator_cy), buyer=member_ada,
                            source_key="k", service_date=dt.date(2026, 12, 10), lines=[
                                LineInput("Poste, journée", Decimal("1"), Decimal("15.00"),
                                          VAT_REGISTERED)])

    assert invoice.number.startswith("F")
