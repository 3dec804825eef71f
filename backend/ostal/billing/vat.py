"""Who sells, and with which VAT treatment: the one place that decides (docs/billing-model.md).

Every invoice line gets a `VatTreatment` from here:
- a place's service or single-purpose credits: the VAT status of the place's operator;
- network credits (multi-purpose vouchers, art. 256 ter of the CGI): no VAT at sale, VAT is
  accounted at redemption by the operator that renders the service.

The mentions and rates below need an accountant's review before real money flows; they are
written in docs/billing-model.md so that review can happen against one page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings

from ostal.billing.models import NETWORK_SELLER_KEY, operator_seller_key
from ostal.memberships.models import Plan
from ostal.spaces.models import Operator, Space

STANDARD_RATE = Decimal("0.2000")
ZERO_RATE = Decimal("0.0000")


@dataclass(frozen=True)
class VatTreatment:
    """Rate, mention printed on the invoice, and the EN 16931 VAT category code
    (S standard rate, E exempt, O not subject to VAT) with its exemption reason code."""

    rate: Decimal
    category: str
    mention: str = ""
    exemption_code: str = ""


VAT_REGISTERED = VatTreatment(STANDARD_RATE, "S")
VAT_FRANCHISE = VatTreatment(ZERO_RATE, "E", "TVA non applicable, art. 293 B du CGI",
                             "VATEX-FR-FRANCHISE")
VAT_EXEMPT_ASSOCIATION = VatTreatment(
    ZERO_RATE, "E", "Exonération de TVA, art. 261-7-1° du CGI (organisme sans but lucratif)",
    "VATEX-FR-CGI261-7")
VAT_PUBLIC_BODY = VatTreatment(
    ZERO_RATE, "O", "TVA non applicable, art. 256 B du CGI (personne morale de droit public)",
    "VATEX-EU-O")
VAT_MULTI_PURPOSE_VOUCHER = VatTreatment(
    ZERO_RATE, "O", "Bon à usages multiples : TVA exigible lors de l'utilisation des crédits "
                    "(art. 256 ter du CGI)", "VATEX-EU-O")

_BY_STATUS = {
    Operator.VatStatus.REGISTERED: VAT_REGISTERED,
    Operator.VatStatus.FRANCHISE: VAT_FRANCHISE,
    Operator.VatStatus.EXEMPT_ASSOCIATION: VAT_EXEMPT_ASSOCIATION,
    Operator.VatStatus.PUBLIC_BODY: VAT_PUBLIC_BODY,
}


def vat_treatment_for_status(vat_status: str) -> VatTreatment:
    return _BY_STATUS[vat_status]  # type: ignore[index]


_EXEMPTION_CODE_BY_MENTION = {
    treatment.mention: treatment.exemption_code
    for treatment in (VAT_FRANCHISE, VAT_EXEMPT_ASSOCIATION, VAT_PUBLIC_BODY,
                      VAT_MULTI_PURPOSE_VOUCHER)}
# Lines issued before the code was stored on the line (their mention identifies the treatment).
_EXEMPTION_CODE_BY_MENTION[
    "Exonération de TVA, art. 261-7-1° du CGI (organisme sans but lucratif)"] = (
    "VATEX-FR-CGI261-7")


def exemption_code_for(*, category: str, mention: str, stored: str = "") -> str:
    """The VATEX code (BT-121) of an exempt (E) or not-subject (O) line: the code stored on the
    line, else the one of the treatment whose mention it carries; "VATEX-EU-O" for any O."""
    if category not in {"E", "O"}:
        return ""
    if stored:
        return stored
    if category == "O":
        return "VATEX-EU-O"
    return _EXEMPTION_CODE_BY_MENTION.get(mention, "")


# --- The French e-invoicing reform (docs/billing-model.md §8) ---------------------------------

# BT-23, "cadre de facturation" of the French reform: S1 = an invoice for services (our only
# kind of sale: desk days, rooms, credits to spend on them).
OPERATION_CATEGORY_SERVICES = "S1"
# BT-8 (CII DueDateTypeCode): "5" = VAT due on the invoice's issue date (the seller opted to
# pay VAT on debits); without the option, VAT on services is due when paid ("72").
VAT_POINT_ON_DEBITS, VAT_POINT_ON_PAYMENT = "5", "72"

_POSTAL_TAIL = re.compile(r"^(?P<street>.*?)[,\s]*\b(?P<postcode>\d{5})\s+(?P<city>[^,]+)$")


def split_french_address(address: str) -> dict[str, str]:
    """A one-line address "3 rue X, 31000 Toulouse" as the parts an e-invoice carries
    (street, postcode, city); the whole line as the street when it has no French postcode."""
    address = " ".join((address or "").split())
    match = _POSTAL_TAIL.match(address)
    if match is None:
        return {"address_line1": address, "postal_code": "", "city": ""}
    return {"address_line1": match["street"].strip(" ,"), "postal_code": match["postcode"],
            "city": match["city"].strip()}


@dataclass(frozen=True)
class SellerIdentifiers:
    """What identifies the seller in an e-invoice, decided per VAT category of the document.

    - legal_id (BT-30, scheme 0002): the SIREN, always when known;
    - vat_id (BT-31): the intra-EU VAT number, except on a "not subject to VAT" (O) document,
      where EN 16931 forbids it (BR-O-02);
    - tax_registration (BT-32, scheme FC): the SIREN again when an exempt (E) document has no
      VAT number: EN 16931 needs one of the two (BR-E-02), and the SIREN is the number the tax
      office knows a French business by.
    """

    legal_id: str
    vat_id: str
    tax_registration: str


def seller_identifiers(seller: dict[str, object], *, categories: set[str]) -> SellerIdentifiers:
    siren = str(seller.get("siren") or str(seller.get("siret") or "")[:9])
    vat_number = str(seller.get("vat_number") or "")
    not_subject = "O" in categories
    vat_id = "" if not_subject else vat_number
    tax_registration = siren if ("E" in categories and not vat_id) else ""
    return SellerIdentifiers(legal_id=siren, vat_id=vat_id, tax_registration=tax_registration)


def buyer_vat_id(buyer: dict[str, object], *, categories: set[str]) -> str:
    """The buyer's VAT number (BT-48), left out of "not subject to VAT" documents (BR-O-02)."""
    return "" if "O" in categories else str(buyer.get("vat_number") or "")


def missing_identifiers(*, seller: dict[str, object], buyer: dict[str, object],
                        categories: set[str]) -> list[str]:
    """What a business invoice cannot be issued without, in the words a manager understands.
    Empty when the invoice can be issued: an e-invoice platform would reject the others."""
    missing: list[str] = []
    if not seller.get("siret"):
        missing.append(f"SIRET du vendeur ({seller.get('legal_name', '')})")
    if "S" in categories and not seller.get("vat_number"):
        missing.append(f"numéro de TVA du vendeur ({seller.get('legal_name', '')})")
    if not (buyer.get("siren") or buyer.get("siret")):
        missing.append(f"SIREN de l'acheteur ({buyer.get('name', '')})")
    return missing


@dataclass(frozen=True)
class Seller:
    """The legal entity an invoice is made out in the name of (an operator, or the network)."""

    key: str
    operator_id: int | None
    legal_name: str
    legal_form: str
    address: str
    siret: str
    vat_number: str
    vat_status: str
    email: str
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def siren(self) -> str:
        return self.siret[:9]

    @property
    def vat(self) -> VatTreatment:
        return vat_treatment_for_status(self.vat_status)

    def snapshot(self) -> dict[str, str | int | bool | None]:
        return {"key": self.key, "operator_id": self.operator_id, "legal_name": self.legal_name,
                "legal_form": self.legal_form, "address": self.address, "siret": self.siret,
                "siren": self.siren, "vat_number": self.vat_number,
                "vat_status": self.vat_status, "email": self.email, "country": "FR",
                **split_french_address(self.address),
                "vat_on_debits": self.extra.get("vat_on_debits") == "yes"}


def network_seller() -> Seller:
    return Seller(key=NETWORK_SELLER_KEY, operator_id=None,
                  legal_name=settings.NETWORK_LEGAL_NAME, legal_form=settings.NETWORK_LEGAL_FORM,
                  address=settings.NETWORK_ADDRESS, siret=settings.NETWORK_SIRET,
                  vat_number=settings.NETWORK_VAT_NUMBER,
                  vat_status=settings.NETWORK_VAT_STATUS, email=settings.NETWORK_EMAIL)


def space_postal_address(space: Space) -> str:
    """A place's address on one line, "street, postcode commune", as invoices print it."""
    town = " ".join(filter(None, [space.postal_code, space.commune.name if space.commune_id
                                  else ""]))
    return ", ".join(filter(None, [space.address.strip(), town]))


def _operator_address(operator: Operator) -> str:
    """The operator's registered address; when none was entered, the address of its first
    place, so that no invoice goes out without the seller's address (issue 16, item 9)."""
    if operator.address.strip():
        return operator.address
    space = (Space.objects.filter(operator=operator).exclude(address="")
             .select_related("commune").order_by("id").first())
    return space_postal_address(space) if space is not None else ""


def operator_seller(operator: Operator) -> Seller:
    return Seller(key=operator_seller_key(operator.pk), operator_id=operator.pk,
                  legal_name=operator.name, legal_form=operator.get_legal_form_display(),
                  address=_operator_address(operator), siret=operator.siret,
                  vat_number=operator.vat_number, vat_status=operator.vat_status,
                  email=operator.email)


def seller_for(operator: Operator | None) -> Seller:
    return operator_seller(operator) if operator is not None else network_seller()


def vat_for_plan(plan: Plan) -> VatTreatment:
    """VAT of a plan's sale: network credits are multi-purpose vouchers (no VAT at sale); a
    place's plan carries its operator's VAT treatment."""
    if plan.is_network:
        return VAT_MULTI_PURPOSE_VOUCHER
    assert plan.seller_operator is not None
    return vat_treatment_for_status(plan.seller_operator.vat_status)


def seller_for_plan(plan: Plan) -> Seller:
    return seller_for(plan.seller_operator)
