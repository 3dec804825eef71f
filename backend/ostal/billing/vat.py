"""Who sells, and with which VAT treatment: the one place that decides (docs/billing-model.md).

Every invoice line gets a `VatTreatment` from here:
- a place's service or single-purpose credits: the VAT status of the place's operator;
- network credits (multi-purpose vouchers, art. 256 ter of the CGI): no VAT at sale, VAT is
  accounted at redemption by the operator that renders the service.

The mentions and rates below need an accountant's review before real money flows; they are
written in docs/billing-model.md so that review can happen against one page.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings

from ostal.billing.models import NETWORK_SELLER_KEY, operator_seller_key
from ostal.memberships.models import Plan
from ostal.spaces.models import Operator

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
    "VATEX-EU-132")
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

    def snapshot(self) -> dict[str, str | int | None]:
        return {"key": self.key, "operator_id": self.operator_id, "legal_name": self.legal_name,
                "legal_form": self.legal_form, "address": self.address, "siret": self.siret,
                "siren": self.siren, "vat_number": self.vat_number,
                "vat_status": self.vat_status, "email": self.email}


def network_seller() -> Seller:
    return Seller(key=NETWORK_SELLER_KEY, operator_id=None,
                  legal_name=settings.NETWORK_LEGAL_NAME, legal_form=settings.NETWORK_LEGAL_FORM,
                  address=settings.NETWORK_ADDRESS, siret=settings.NETWORK_SIRET,
                  vat_number=settings.NETWORK_VAT_NUMBER,
                  vat_status=settings.NETWORK_VAT_STATUS, email=settings.NETWORK_EMAIL)


def operator_seller(operator: Operator) -> Seller:
    return Seller(key=operator_seller_key(operator.pk), operator_id=operator.pk,
                  legal_name=operator.name, legal_form=operator.get_legal_form_display(),
                  address=operator.address, siret=operator.siret,
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
