"""The Factur-X CII XML of an invoice or credit note, profile EN 16931.

Every amount is taken from the issued invoice rows, never recomputed differently: the test
parses the XML back and compares it with the invoice (tests/backend/billing/test_invoice_pdf.py).
Which identifier, exemption code and French mention goes where is decided in
`ostal.billing.vat` (docs/billing-model.md §8); the official EN 16931 rules check the result
(`ostal.billing.invoicing.validation`, tests/backend/billing/test_en16931_matrix.py).

The profile is EN 16931 (Factur-X "EN 16931", the full core of the standard) for every
document: BASIC lacks nothing we print today, but the delivery place (BG-15) of a booking,
the exemption reason codes and the public buyers' references fit the full core without a
second code path (docs/adr/0012-e-invoicing-en16931.md).
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from lxml import etree

from ostal.billing.invoicing.issue import LEGAL_TIMEZONE, vat_breakdown
from ostal.billing.models import Invoice
from ostal.billing.vat import (
    OPERATION_CATEGORY_SERVICES,
    VAT_POINT_ON_DEBITS,
    VAT_POINT_ON_PAYMENT,
    buyer_vat_id,
    exemption_code_for,
    seller_identifiers,
    split_french_address,
)

RSM = "urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100"
RAM = "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100"
UDT = "urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100"
QDT = "urn:un:unece:uncefact:data:standard:QualifiedDataType:100"
NSMAP = {"rsm": RSM, "ram": RAM, "udt": UDT, "qdt": QDT}
EN16931_GUIDELINE = "urn:cen.eu:en16931:2017"
FACTURX_LEVEL = "en16931"
TYPE_CODES = {Invoice.DocType.INVOICE: "380", Invoice.DocType.CREDIT_NOTE: "381"}
SIREN_SCHEME = "0002"          # BT-30 scheme: the French SIRENE register
ELECTRONIC_ADDRESS_SCHEME = "0225"  # BT-34/BT-49 scheme: the French e-invoicing directory
EMAIL_SCHEME = "EM"            # BT-49 scheme of a consumer: their e-mail address

# The reform's rule BR-FR-05: the three legal mentions as coded notes (BT-21 subject code,
# BT-22 text), once each (BR-FR-06). A business buyer gets the mentions of the Code de
# commerce (also printed in the payment terms); for a consumer they do not apply, and the
# notes say so rather than invent terms.
LEGAL_NOTES_BUSINESS = {
    "PMT": "Indemnité forfaitaire pour frais de recouvrement en cas de retard de paiement : "
           "40 € (art. D441-5 du Code de commerce).",
    "PMD": "Pénalités de retard : trois fois le taux d'intérêt légal (art. L441-10 du Code de "
           "commerce).",
    "AAB": "Pas d'escompte pour paiement anticipé.",
}
LEGAL_NOTES_CONSUMER = {
    "PMT": "Indemnité forfaitaire pour frais de recouvrement : sans objet (client "
           "consommateur).",
    "PMD": "Pénalités de retard : sans objet (client consommateur).",
    "AAB": "Pas d'escompte pour paiement anticipé.",
}


def _el(parent: etree._Element, ns: str, tag: str, text: str | None = None,
        **attrs: str) -> etree._Element:
    element = etree.SubElement(parent, f"{{{NSMAP[ns]}}}{tag}", **attrs)
    if text is not None:
        element.text = text
    return element


def _amount(value: Decimal) -> str:
    return f"{value.quantize(Decimal('0.01')):f}"


def _date(parent: etree._Element, tag: str, value: object, ns: str = "udt") -> None:
    holder = _el(parent, "ram", tag)
    _el(holder, ns, "DateTimeString", f"{value:%Y%m%d}", format="102")


def _address(party: etree._Element, data: Mapping[str, object]) -> None:
    parts = {"address_line1": data.get("address_line1"), "postal_code": data.get("postal_code"),
             "city": data.get("city")}
    if not any(parts.values()) and data.get("address"):
        parts = dict(split_french_address(str(data["address"])))
    address = _el(party, "ram", "PostalTradeAddress")
    if parts.get("postal_code"):
        _el(address, "ram", "PostcodeCode", str(parts["postal_code"]))
    if parts.get("address_line1"):
        _el(address, "ram", "LineOne", str(parts["address_line1"])[:200])
    if data.get("address_line2"):
        _el(address, "ram", "LineTwo", str(data["address_line2"])[:200])
    if parts.get("city"):
        _el(address, "ram", "CityName", str(parts["city"]))
    _el(address, "ram", "CountryID", str(data.get("country") or "FR"))


def _party(parent: etree._Element, tag: str, data: Mapping[str, object], *, legal_id: str,
           vat_id: str, tax_registration: str = "", electronic_address: str = "",
           electronic_scheme: str = ELECTRONIC_ADDRESS_SCHEME) -> None:
    party = _el(parent, "ram", tag)
    _el(party, "ram", "Name", str(data.get("legal_name") or data.get("name") or "")[:200])
    if legal_id:
        legal = _el(party, "ram", "SpecifiedLegalOrganization")
        _el(legal, "ram", "ID", legal_id, schemeID=SIREN_SCHEME)
    _address(party, data)
    if electronic_address:
        uri = _el(party, "ram", "URIUniversalCommunication")
        _el(uri, "ram", "URIID", electronic_address, schemeID=electronic_scheme)
    if vat_id:
        _el(_el(party, "ram", "SpecifiedTaxRegistration"), "ram", "ID", vat_id, schemeID="VA")
    if tax_registration:
        _el(_el(party, "ram", "SpecifiedTaxRegistration"), "ram", "ID", tax_registration,
            schemeID="FC")


def _trade_tax(parent: etree._Element, *, category: str, rate: Decimal, mention: str,
               exemption_code: str, base: Decimal | None = None, vat: Decimal | None = None,
               due_date_code: str = "") -> None:
    """A line's VAT (no base: BT-151/152) or a VAT breakdown group (BG-23). A "not subject"
    (O) line or group carries no rate (BR-O-05); E and O groups carry the reason (BR-E-10,
    BR-O-10) as text and VATEX code."""
    tax = _el(parent, "ram", "ApplicableTradeTax")
    header = base is not None
    if vat is not None:
        _el(tax, "ram", "CalculatedAmount", _amount(vat))
    _el(tax, "ram", "TypeCode", "VAT")
    if header and category in {"E", "O"} and mention:
        _el(tax, "ram", "ExemptionReason", mention[:200])
    if base is not None:
        _el(tax, "ram", "BasisAmount", _amount(base))
    _el(tax, "ram", "CategoryCode", category)
    if header and exemption_code:
        _el(tax, "ram", "ExemptionReasonCode", exemption_code)
    if header and due_date_code:
        _el(tax, "ram", "DueDateTypeCode", due_date_code)
    if category != "O":
        _el(tax, "ram", "RateApplicablePercent", _amount(rate * 100))


def cii_xml(invoice: Invoice) -> bytes:
    """Serialise `invoice` as Factur-X EN 16931 CII XML (UTF-8 bytes)."""
    lines = list(invoice.lines.all())
    categories = {line.vat_category for line in lines}
    seller, buyer = invoice.seller, invoice.buyer_snapshot

    root = etree.Element(f"{{{RSM}}}CrossIndustryInvoice", nsmap=NSMAP)
    context = _el(root, "rsm", "ExchangedDocumentContext")
    process = _el(context, "ram", "BusinessProcessSpecifiedDocumentContextParameter")
    _el(process, "ram", "ID", OPERATION_CATEGORY_SERVICES)  # BT-23, cadre de facturation
    guideline = _el(context, "ram", "GuidelineSpecifiedDocumentContextParameter")
    _el(guideline, "ram", "ID", EN16931_GUIDELINE)

    document = _el(root, "rsm", "ExchangedDocument")
    _el(document, "ram", "ID", invoice.number)
    _el(document, "ram", "TypeCode", TYPE_CODES[invoice.doc_type])  # type: ignore[index]
    issued = invoice.issued_at.astimezone(LEGAL_TIMEZONE).date()
    _date(document, "IssueDateTime", issued)
    for mention in [*invoice.vat_mentions, invoice.payment_terms]:
        note = _el(document, "ram", "IncludedNote")
        _el(note, "ram", "Content", str(mention))
    legal = LEGAL_NOTES_BUSINESS if invoice.is_business else LEGAL_NOTES_CONSUMER
    for subject, text in legal.items():
        note = _el(document, "ram", "IncludedNote")
        _el(note, "ram", "Content", text)
        _el(note, "ram", "SubjectCode", subject)

    transaction = _el(root, "rsm", "SupplyChainTradeTransaction")
    for line in lines:
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
                   mention=line.vat_mention, exemption_code="")
        summation = _el(settlement, "ram", "SpecifiedTradeSettlementLineMonetarySummation")
        _el(summation, "ram", "LineTotalAmount", _amount(line.net))

    agreement = _el(transaction, "ram", "ApplicableHeaderTradeAgreement")
    if buyer.get("service_code"):  # BT-10: a public buyer's Chorus Pro service code
        _el(agreement, "ram", "BuyerReference", str(buyer["service_code"]))
    ids = seller_identifiers(seller, categories=categories)
    _party(agreement, "SellerTradeParty", seller, legal_id=ids.legal_id, vat_id=ids.vat_id,
           tax_registration=ids.tax_registration, electronic_address=ids.legal_id)
    buyer_siren = str(buyer.get("siren") or "") if invoice.is_business else ""
    # BT-49 (BR-FR-12): a business buyer's directory address (its SIREN); a consumer's e-mail.
    buyer_address, buyer_scheme = ((buyer_siren, ELECTRONIC_ADDRESS_SCHEME) if buyer_siren
                                   else (str(buyer.get("email") or ""), EMAIL_SCHEME))
    _party(agreement, "BuyerTradeParty", buyer, legal_id=buyer_siren,
           vat_id=buyer_vat_id(buyer, categories=categories) if invoice.is_business else "",
           electronic_address=buyer_address, electronic_scheme=buyer_scheme)
    order_reference = buyer.get("engagement_number") or buyer.get("purchase_order")
    if order_reference:  # BT-13: the purchase order / Chorus Pro engagement number
        order = _el(agreement, "ram", "BuyerOrderReferencedDocument")
        _el(order, "ram", "IssuerAssignedID", str(order_reference))

    delivery = _el(transaction, "ram", "ApplicableHeaderTradeDelivery")
    if invoice.delivery.get("address"):  # BG-13/BG-15: where the service is rendered
        ship_to = _el(delivery, "ram", "ShipToTradeParty")
        _el(ship_to, "ram", "Name", str(invoice.delivery.get("name") or "")[:200]
            or str(seller.get("legal_name", "")))
        _address(ship_to, {"address": invoice.delivery["address"],
                           "country": invoice.delivery.get("country") or "FR"})
    event = _el(delivery, "ram", "ActualDeliverySupplyChainEvent")
    _date(event, "OccurrenceDateTime", invoice.service_date)

    settlement = _el(transaction, "ram", "ApplicableHeaderTradeSettlement")
    _el(settlement, "ram", "InvoiceCurrencyCode", invoice.currency)
    due_date_code = ""
    if "S" in categories:  # BT-8: when VAT falls due (the "option pour les débits")
        due_date_code = (VAT_POINT_ON_DEBITS if seller.get("vat_on_debits")
                         else VAT_POINT_ON_PAYMENT)
    for group in vat_breakdown(invoice):
        category, mention = str(group["category"]), str(group["mention"])
        _trade_tax(settlement, category=category, rate=group["rate"],  # type: ignore[arg-type]
                   mention=mention, base=group["base"], vat=group["vat"],  # type: ignore[arg-type]
                   exemption_code=exemption_code_for(category=category, mention=mention,
                                                     stored=str(group["exemption_code"])),
                   due_date_code=due_date_code if category == "S" else "")
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
        credited = invoice.credited_invoice
        assert credited is not None
        referenced = _el(settlement, "ram", "InvoiceReferencedDocument")
        _el(referenced, "ram", "IssuerAssignedID", credited.number)
        _date(referenced, "FormattedIssueDateTime",
              credited.issued_at.astimezone(LEGAL_TIMEZONE).date(), ns="qdt")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
