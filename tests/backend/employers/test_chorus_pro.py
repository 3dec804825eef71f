"""Public buyers (Chorus Pro): the service code and engagement number their structure requires
are asked at order time (400 on the field, nothing created when missing), carried into the
e-invoice (BT-10, BT-13, still valid under EN 16931 and BR-FR) and the invoice goes to the
platform as B2G."""

import pytest
from lxml import etree

from ostal.billing.einvoicing.transmission import transmissions_submit_due
from ostal.billing.invoicing.facturx import cii_xml
from ostal.billing.invoicing.validation import br_fr_validate, en16931_validate
from ostal.billing.models import Invoice
from ostal.employers.models import BundleOrder

pytestmark = pytest.mark.django_db

NS = {"ram": "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100"}


def order(client, employer, plan, **body):
    return client.post(f"/api/v1/employers/{employer.pk}/orders/",
                       {"plan": plan.pk, "method": "transfer", **body}, format="json")


@pytest.fixture
def public_employer(employer_acme, client_as):
    answer = client_as("employer_admin_ed").patch(
        f"/api/v1/employers/{employer_acme.pk}/",
        {"kind": "public_body", "chorus_service_code_required": True,
         "chorus_engagement_required": True}, format="json")
    assert answer.status_code == 200, answer.content
    assert answer.json()["chorus_service_code_required"] is True
    employer_acme.refresh_from_db()
    return employer_acme


def test_an_order_without_the_required_references_is_refused(client_as, public_employer,
                                                             network_carnet):
    client = client_as("employer_admin_ed")

    no_service = order(client, public_employer, network_carnet, purchase_order="EJ-2026-0042")
    no_engagement = order(client, public_employer, network_carnet, service_code="FACTURES")

    assert no_service.status_code == 400
    assert no_service.json()["code"] == "service_code_required"
    assert "service_code" in no_service.json()["fields"]
    assert no_engagement.status_code == 400
    assert "purchase_order" in no_engagement.json()["fields"]
    assert not BundleOrder.objects.exists()
    assert not Invoice.objects.exists()


def test_the_references_travel_in_the_e_invoice_sent_as_b2g(client_as, public_employer,
                                                             network_carnet, einvoice_platform):
    client = client_as("employer_admin_ed")

    answer = order(client, public_employer, network_carnet, purchase_order="EJ-2026-0042",
                   service_code="FACTURES-DRH")

    assert answer.status_code == 201, answer.content
    assert answer.json()["order"]["service_code"] == "FACTURES-DRH"
    invoice = Invoice.objects.get()
    xml = cii_xml(invoice)
    root = etree.fromstring(xml)
    assert root.xpath("//ram:ApplicableHeaderTradeAgreement/ram:BuyerReference/text()",
                      namespaces=NS) == ["FACTURES-DRH"]
    assert root.xpath("//ram:BuyerOrderReferencedDocument/ram:IssuerAssignedID/text()",
                      namespaces=NS) == ["EJ-2026-0042"]
    assert en16931_validate(xml).fatal_rules() == []
    assert br_fr_validate(xml).fatal_rules() == []
    assert transmissions_submit_due() == 1
    [flow] = einvoice_platform.flows()
    assert flow["processingRule"] == "B2G"
    assert "FACTURES-DRH" in flow["xml"]


def test_the_employers_own_service_code_is_the_default(client_as, public_employer,
                                                       network_carnet):
    client = client_as("employer_admin_ed")
    client.patch(f"/api/v1/employers/{public_employer.pk}/",
                 {"chorus_service_code": "SERVICE-RH"}, format="json")

    answer = order(client, public_employer, network_carnet, purchase_order="EJ-7")

    assert answer.status_code == 201, answer.content
    assert Invoice.objects.get().buyer_snapshot["service_code"] == "SERVICE-RH"


def test_a_company_orders_without_chorus_references(client_as, employer_acme, network_carnet):
    answer = order(client_as("employer_admin_ed"), employer_acme, network_carnet)

    assert answer.status_code == 201, answer.content
    snapshot = Invoice.objects.get().buyer_snapshot
    assert (snapshot["service_code"], snapshot["public_buyer"]) == ("", False)
