"""The Factur-X (profile BASIC, EN 16931 subset) CII XML of an invoice or credit note.

Every amount is taken from the issued invoice rows, never recomputed differently: the test
parses the XML back and compares it with the invoice (tests/backend/billing/test_invoice_pdf.py).
"""

from __future__ import annotations

from decimal import Decimal

from lxml import etree

from ostal.billing.invoicing.issue import LEGAL_TIMEZONE, vat_breakdown
from ostal.billing.models import Invoice

RSM = "urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100"
RAM = "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100"
UDT = "urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100"
QDT = "urn:un:unece:uncefact:data:standard:QualifiedDataType:100"
NSMAP = {"rsm": RSM, "ram": RAM, "udt": UDT, "qdt": QDT}
BASIC_GUIDELINE = "urn:cen.eu:en16931:2017#compliant#urn:factur-x.eu:1p0:basic"
TYPE_CODES = {Invoice.DocType.INVOICE: "380", Invoice.DocType.CREDIT_NOTE: "381"}


def _el(parent: etree._Element, ns: str, tag: str, text: str | None = None,
        **attrs: str) -> etree._Element:
    element = etree.SubElement(parent, f"{{{NSMAP[ns]}}}{tag}", **attrs)
    if text is not None:
        element.text = text
    return element


def _amount(value: Decimal) -> str:
    return f"{value.quantize(Decimal('0.01')):f}"


def _date(parent: etree._Element, tag: str, value: object) -> None:
    holder = _el(parent, "ram", tag)
    _el(holder, "udt", "DateTimeString", f"{value:%Y%m%d}", format="102")


def _party(parent: etree._Element, tag: str, data: dict[str, object]) -> None:
    party = _el(parent, "ram", tag)
    _el(party, "ram", "Name", str(data.get("legal_name") or data.get("name") or ""))
    siren = str(data.get("siren") or "")
    if siren:
        legal = _el(party, "ram", "SpecifiedLegalOrganization")
        _el(legal, "ram", "ID", siren, schemeID="0002")
    address = _el(party, "ram", "PostalTradeAddress")
    if data.get("postal_code"):
        _el(address, "ram", "PostcodeCode", str(data["postal_code"]))
    line = str(data.get("address_line1") or data.get("address") or "")
    if line:
        _el(address, "ram", "LineOne", line[:200])
    if data.get("city"):
        _el(address, "ram", "CityName", str(data["city"]))
    _el(address, "ram", "CountryID", str(data.get("country") or "FR"))
    if data.get("vat_number"):
        tax = _el(party, "ram", "SpecifiedTaxRegistration")
        _el(tax, "ram", "ID", str(data["vat_number"]), schemeID="VA")


def _trade_tax(parent: etree._Element, *, category: str, rate: Decimal, mention: str,
               base: Decimal | None = None, vat: Decimal | None = None) -> None:
    tax = _el(parent, "ram", "ApplicableTradeTax")
    if vat is not None:
        _el(tax, "ram", "CalculatedAmount", _amount(vat))
    _el(tax, "ram", "TypeCode", "VAT")
    if base is not None and category != "S" and mention:
        _el(tax, "ram", "ExemptionReason", mention[:200])
    if base is not None:
        _el(tax, "ram", "BasisAmount", _amount(base))
    _el(tax, "ram", "CategoryCode", category)
    _el(tax, "ram", "RateApplicablePercent", _amount(rate * 100))


def cii_xml(invoice: Invoice) -> bytes:
    """Serialise `invoice` as Factur-X BASIC CII XML (UTF-8 bytes)."""
    root = etree.Element(f"{{{RSM}}}CrossIndustryInvoice", nsmap=NSMAP)
    context = _el(root, "rsm", "ExchangedDocumentContext")
    guideline = _el(context, "ram", "GuidelineSpecifiedDocumentContextParameter")
    _el(guideline, "ram", "ID", BASIC_GUIDELINE)

    document = _el(root, "rsm", "ExchangedDocument")
    _el(document, "ram", "ID", invoice.number)
    _el(document, "ram", "TypeCode", TYPE_CODES[invoice.doc_type])  # type: ignore[index]
    issued = invoice.issued_at.astimezone(LEGAL_TIMEZONE).date()
    _date(document, "IssueDateTime", issued)
    for mention in [*invoice.vat_mentions, invoice.payment_terms]:
        note = _el(document, "ram", "IncludedNote")
        _el(note, "ram", "Content", str(mention))

    transaction = _el(root, "rsm", "SupplyChainTradeTransaction")
    for line in invoice.lines.all():
        item = _el(transaction, "ram", "IncludedSupplyChainTradeLineItem")
        _el(_el(item, "ram", "AssociatedDocumentLineDocument"), "ram", "LineID",
            str(line.position))
        _el(_el(item, "ram", "SpecifiedTradeProduct"), "ram", "Name", line.description)
        agreement = _el(item, "ram", "SpecifiedLineTradeAgreement")
        price = _el(agreement, "ram", "NetPriceProductTradePrice")
        _el(price, "ram", "ChargeAmount", f"{line.unit_price_net:f}")
        delivery = _el(item, "ram", "SpecifiedLineTradeDelivery")
        _el(delivery, "ram", "BilledQuantity", f"{line.quantity:f}", unitCode="C62")
        settlement = _el(item, "ram", "SpecifiedLineTradeSettlement")
        _trade_tax(settlement, category=line.vat_category, rate=line.vat_rate,
                   mention=line.vat_mention)
        summation = _el(settlement, "ram", "SpecifiedTradeSettlementLineMonetarySummation")
        _el(summation, "ram", "LineTotalAmount", _amount(line.net))

    agreement = _el(transaction, "ram", "ApplicableHeaderTradeAgreement")
    _party(agreement, "SellerTradeParty", invoice.seller)
    _party(agreement, "BuyerTradeParty", invoice.buyer_snapshot)
    if invoice.buyer_snapshot.get("purchase_order"):  # BT-13, required by public buyers
        order = _el(agreement, "ram", "BuyerOrderReferencedDocument")
        _el(order, "ram", "IssuerAssignedID", str(invoice.buyer_snapshot["purchase_order"]))
    delivery = _el(transaction, "ram", "ApplicableHeaderTradeDelivery")
    event = _el(delivery, "ram", "ActualDeliverySupplyChainEvent")
    _date(event, "OccurrenceDateTime", invoice.service_date)

    settlement = _el(transaction, "ram", "ApplicableHeaderTradeSettlement")
    _el(settlement, "ram", "InvoiceCurrencyCode", invoice.currency)
    for group in vat_breakdown(invoice):
        _trade_tax(settlement, category=str(group["category"]),
                   rate=group["rate"], mention=str(group["mention"]),  # type: ignore[arg-type]
                   base=group["base"], vat=group["vat"])  # type: ignore[arg-type]
    terms = _el(settlement, "ram", "SpecifiedTradePaymentTerms")
    _el(terms, "ram", "Description", invoice.payment_terms)
    totals = _el(settlement, "ram", "SpecifiedTradeSettlementHeaderMonetarySummation")
    _el(totals, "ram", "LineTotalAmount", _amount(invoice.total_net))
    _el(totals, "ram", "TaxBasisTotalAmount", _amount(invoice.total_net))
    _el(totals, "ram", "TaxTotalAmount", _amount(invoice.total_vat), currencyID=invoice.currency)
    _el(totals, "ram", "GrandTotalAmount", _amount(invoice.total_gross))
    prepaid = invoice.total_gross if invoice.paid_at else Decimal("0.00")
    _el(totals, "ram", "TotalPrepaidAmount", _amount(prepaid))
    _el(totals, "ram", "DuePayableAmount", _amount(invoice.total_gross - prepaid))
    if invoice.credited_invoice_id:
        referenced = _el(settlement, "ram", "InvoiceReferencedDocument")
        _el(referenced, "ram", "IssuerAssignedID", invoice.credited_invoice.number)  # type: ignore[union-attr]
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
