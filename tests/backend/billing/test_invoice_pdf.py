"""PDF invoices: French mentions in the text; Factur-X (embedded CII XML) for businesses."""

import datetime as dt
from decimal import Decimal
from io import BytesIO

import pytest
from django.utils import timezone
from facturx import get_xml_from_pdf
from lxml import etree
from pypdf import PdfReader

from ostal.billing.invoicing.issue import LineInput, credit_note_issue, invoice_issue
from ostal.billing.invoicing.pdf import invoice_pdf_get
from ostal.billing.models import Invoice
from ostal.billing.vat import VAT_FRANCHISE, VAT_REGISTERED, operator_seller
from tests.backend.billing.factories import BusinessProfileFactory

NS = {"ram": "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100",
      "rsm": "urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100"}


def _invoice(buyer, operator, vat=VAT_REGISTERED, key="k"):
    return invoice_issue(
        seller=operator_seller(operator), buyer=buyer, source_key=key,
        service_date=dt.date(2026, 11, 20), paid_at=timezone.now(), lines=[
            LineInput("Salle de réunion, 3 h", Decimal("3"), Decimal("10.00"), vat),
            LineInput("Poste de travail, journée", Decimal("1"), Decimal("15.00"), vat)])


def _text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(BytesIO(pdf)).pages)


@pytest.mark.django_db
def test_consumer_invoice_pdf_carries_the_mentions(member_ada, operator_cy, operator_dee):
    operator_dee.vat_status = "franchise"
    invoice = _invoice(member_ada, operator_dee, vat=VAT_FRANCHISE)

    pdf = invoice_pdf_get(invoice)

    text = _text(pdf)
    assert pdf.startswith(b"%PDF")
    for expected in (invoice.number, "Association Dee", "TVA non applicable, art. 293 B du CGI",
                     "au nom et pour le compte de", "Total TTC", "45,00 €"):
        assert expected in text
    assert "40 €" not in text
    assert get_xml_from_pdf(pdf, check_xsd=False) == (False, False)  # plain PDF, no XML
    assert Invoice.objects.get().pdf.name.endswith(f"{invoice.number}.pdf")


@pytest.mark.django_db
def test_business_invoice_is_facturx_with_matching_amounts(member_ada, operator_cy):
    BusinessProfileFactory(user=member_ada)
    operator_cy.siret, operator_cy.vat_number = "73282932000074", "FR44732829320"
    invoice = _invoice(member_ada, operator_cy)

    pdf = invoice_pdf_get(invoice)

    assert "indemnité forfaitaire pour frais de recouvrement de 40 €" in _text(pdf)
    filename, xml = get_xml_from_pdf(pdf, check_xsd=True)
    assert filename == "factur-x.xml"
    root = etree.fromstring(xml)
    value = lambda path: root.findtext(path, namespaces=NS)  # noqa: E731
    totals = ".//ram:SpecifiedTradeSettlementHeaderMonetarySummation/"
    assert value(".//rsm:ExchangedDocument/ram:ID") == invoice.number
    assert Decimal(value(totals + "ram:TaxBasisTotalAmount")) == invoice.total_net
    assert Decimal(value(totals + "ram:TaxTotalAmount")) == invoice.total_vat
    assert Decimal(value(totals + "ram:GrandTotalAmount")) == invoice.total_gross
    assert Decimal(value(totals + "ram:DuePayableAmount")) == Decimal("0.00")
    line_totals = [Decimal(x.text) for x in root.iterfind(
        ".//ram:SpecifiedTradeSettlementLineMonetarySummation/ram:LineTotalAmount", NS)]
    assert line_totals == [line.net for line in invoice.lines.all()]
    assert value(".//ram:BuyerTradeParty/ram:SpecifiedLegalOrganization/ram:ID") == "732829320"
    reader = PdfReader(BytesIO(pdf))
    assert (reader.xmp_metadata.pdfaid_part, reader.xmp_metadata.pdfaid_conformance) == (
        "3", "B")
    assert "/OutputIntents" in reader.trailer["/Root"]


@pytest.mark.django_db
def test_credit_note_facturx_references_the_invoice(member_ada, operator_cy):
    BusinessProfileFactory(user=member_ada)
    invoice = _invoice(member_ada, operator_cy)
    note = credit_note_issue(invoice=invoice, amount=Decimal("15.00"), source_key="r",
                             reason="Annulation")

    _, xml = get_xml_from_pdf(invoice_pdf_get(note), check_xsd=True)

    root = etree.fromstring(xml)
    assert root.findtext(".//rsm:ExchangedDocument/ram:TypeCode", namespaces=NS) == "381"
    assert root.findtext(".//ram:InvoiceReferencedDocument/ram:IssuerAssignedID",
                         namespaces=NS) == invoice.number
