"""The invoice PDF as a reader sees it, read back with pdfplumber (issue 16, item 9).

Before: the designation was cut ("…Badaroux, 10/12/"), two column headers ran together
("Total HTTotal TTC") and the seller's address was missing when the operator had not typed one.
"""

import datetime as dt
import itertools
import re
from decimal import Decimal
from io import BytesIO

import pdfplumber
import pytest
from django.utils import timezone
from facturx import get_facturx_xml_from_pdf
from lxml import etree
from pypdf import PdfReader

from ostal.billing.invoicing.issue import LineInput, invoice_issue
from ostal.billing.invoicing.pdf import invoice_pdf_get
from ostal.billing.invoicing.validation import en16931_validate
from ostal.billing.vat import VAT_REGISTERED, operator_seller
from tests.backend.billing.factories import BusinessProfileFactory
from tests.factories import SpaceFactory, commune

LONG = ("Salle de réunion « Causse » (8 places, écran, visioconférence), 3 h — "
        "La Grange, tiers-lieu de Badaroux, 10/12/2026 de 9 h à 12 h")


def _issue(buyer, operator, *, key="k", delivery=None):
    return invoice_issue(
        seller=operator_seller(operator), buyer=buyer, source_key=key,
        service_date=dt.date(2026, 12, 10), paid_at=timezone.now(), delivery=delivery,
        lines=[LineInput(LONG, Decimal("3"), Decimal("10.00"), VAT_REGISTERED),
               LineInput("Poste de travail, journée", Decimal("1"), Decimal("15.00"),
                         VAT_REGISTERED)])


def _words(pdf: bytes) -> list[dict]:
    with pdfplumber.open(BytesIO(pdf)) as document:
        return [word for page in document.pages for word in page.extract_words()]


def _text(pdf: bytes) -> str:
    with pdfplumber.open(BytesIO(pdf)) as document:
        return "\n".join(page.extract_text() for page in document.pages)


@pytest.mark.django_db
def test_the_whole_designation_is_printed_over_several_lines(member_ada, operator_cy):
    pdf = invoice_pdf_get(_issue(member_ada, operator_cy))

    text = " ".join(_text(pdf).split())
    for fragment in ("Salle de réunion « Causse »", "visioconférence", "Badaroux,",
                     "10/12/2026 de 9 h à 12 h"):
        assert fragment in text
    designation_words = [w for w in _words(pdf) if w["text"] in ("Salle", "12", "Badaroux,")]
    assert len({round(w["top"]) for w in designation_words}) > 1  # wrapped, not cut


@pytest.mark.django_db
def test_column_headers_stand_apart(member_ada, operator_cy):
    pdf = invoice_pdf_get(_issue(member_ada, operator_cy))

    text = _text(pdf)
    assert "Total HTTotal" not in text
    header = next(line for line in text.splitlines() if line.startswith("Désignation"))
    assert re.fullmatch(r"Désignation Qté PU HT TVA Total HT Total TTC", header)
    words = [w for w in _words(pdf) if round(w["top"]) == round(
        next(w for w in _words(pdf) if w["text"] == "Désignation")["top"])]
    assert [w["text"] for w in words] == ["Désignation", "Qté", "PU", "HT", "TVA", "Total",
                                          "HT", "Total", "TTC"]
    for left, right in itertools.pairwise(words):
        assert right["x0"] - left["x1"] >= 2  # points between two words of the header row
    assert words[7]["x0"] - words[6]["x1"] >= 14  # "Total HT" and "Total TTC": 5 mm apart


@pytest.mark.django_db
def test_seller_address_is_printed_even_when_the_operator_typed_none(member_ada, operator_cy):
    operator_cy.address = ""
    operator_cy.save()
    SpaceFactory(operator=operator_cy, name="La Grange", address="Le bourg",
                 postal_code="48000", commune=commune("48013"))

    pdf = invoice_pdf_get(_issue(member_ada, operator_cy))

    seller_block = _text(pdf).split("Vendeur", 1)[1].split("Client", 1)[0]
    assert "Le bourg, 48000" in seller_block


@pytest.mark.django_db
def test_business_pdf_is_pdfa3_with_en16931_xml_and_the_place_of_service(member_ada,
                                                                          operator_cy):
    BusinessProfileFactory(user=member_ada)
    invoice = _issue(member_ada, operator_cy,
                     delivery={"name": "La Grange", "address": "Le bourg, 48000 Badaroux"})

    pdf = invoice_pdf_get(invoice)

    assert "Lieu de la prestation : La Grange, Le bourg, 48000 Badaroux" in " ".join(
        _text(pdf).split())
    reader = PdfReader(BytesIO(pdf))
    xmp = etree.fromstring(reader.trailer["/Root"]["/Metadata"].get_object().get_data())
    values = {element.tag.split("}")[1]: (element.text or "").strip()
              for element in xmp.iter() if isinstance(element.tag, str) and "}" in element.tag}
    assert (values["part"], values["conformance"]) == ("3", "B")
    assert values["ConformanceLevel"] == "EN 16931"
    assert values["DocumentFileName"] == "factur-x.xml"
    assert "/OutputIntents" in reader.trailer["/Root"]
    attachment = reader.trailer["/Root"]["/AF"][0].get_object()
    assert attachment["/AFRelationship"] in ("/Data", "/Alternative")
    filename, xml = get_facturx_xml_from_pdf(pdf, check_xsd=True)
    assert filename == "factur-x.xml"
    assert en16931_validate(xml).fatal_rules() == []
    root = etree.fromstring(xml)
    ns = {"ram": root.nsmap["ram"]}
    assert root.xpath("//ram:ShipToTradeParty/ram:PostalTradeAddress/ram:CityName/text()",
                      namespaces=ns) == ["Badaroux"]
