"""The documents of issue 20's measurement, built by the real issuing services: one operator of
each VAT status, a consumer and a business buyer, an invoice and its credit note for each, and a
network voucher. Shared by tests/backend/billing/test_en16931_matrix.py and
tools/einvoice_measure.py so that the test and the measurement look at the same documents."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import timezone
from stdnum import luhn

from ostal.accounts.models import User
from ostal.billing.invoicing.issue import LineInput, credit_note_issue, invoice_issue
from ostal.billing.models import BillingProfile, Invoice
from ostal.billing.vat import (
    VAT_MULTI_PURPOSE_VOUCHER,
    network_seller,
    operator_seller,
    vat_treatment_for_status,
)
from ostal.core.validators import french_vat_number
from ostal.spaces.models import Operator
from tests.factories import UserFactory

VAT_STATUSES = ("registered", "franchise", "exempt_association", "public_body")
BUYER_KINDS = ("consumer", "business")
DOC_KINDS = ("invoice", "credit_note")


def make_siret(stem: str) -> str:
    """A SIRET that passes the Luhn checks: 8 digits of `stem` → SIREN, then establishment."""
    siren = stem[:8] + luhn.calc_check_digit(stem[:8])
    body = siren + "0001"
    return body + luhn.calc_check_digit(body)


def make_operator(vat_status: str, index: int) -> Operator:
    """An operator as the network registers them: a SIRET always; a VAT number for the
    VAT-registered ones and the public bodies (most communities have one); none for a
    franchise business or an exempt association."""
    siret = make_siret(f"8{index:02d}10{index:03d}")
    vat_number = (french_vat_number(siret[:9])
                  if vat_status in ("registered", "public_body") else "")
    legal_form = {"registered": "company", "franchise": "company",
                  "exempt_association": "association",
                  "public_body": "intercommunality"}[vat_status]
    operator, _ = Operator.objects.get_or_create(
        name=f"Opérateur {vat_status}", defaults={
            "legal_form": legal_form, "vat_status": vat_status,
            "carrier_kind": "public" if vat_status == "public_body" else "private",
            "siret": siret, "vat_number": vat_number,
            "address": f"{index} place du Foirail, 48000 Mende"})
    return operator


def make_buyer(kind: str, email: str) -> User:
    user = UserFactory(email=email, first_name="Ada", last_name="Lovelace")
    if kind == "business":
        BillingProfile.objects.create(
            user=user, is_business=True, name="Atelier Lovelace SARL",
            address_line1="3 rue des Lois", postal_code="31000", city="Toulouse",
            country="FR", siret="73282932000074", vat_number="FR44732829320",
            invoice_email="compta@lovelace.example")
    return user


def issue_pair(*, seller_kind: str, buyer: User, key: str,
               operator: Operator | None = None) -> tuple[Invoice, Invoice]:
    """An invoice of two lines (a room, a desk day) and a credit note of part of it."""
    if operator is not None:
        seller, vat = operator_seller(operator), vat_treatment_for_status(operator.vat_status)
        lines = [LineInput("Salle de réunion « Causse », 3 h — La Grange, Badaroux, 10/12/2026",
                           Decimal("3"), Decimal("10.00"), vat),
                 LineInput("Poste de travail, journée — La Grange, Badaroux, 11/12/2026",
                           Decimal("1"), Decimal("15.00"), vat)]
        delivery = {"name": "La Grange", "address": "Le bourg, 48000 Badaroux"}
    else:
        seller = network_seller()
        lines = [LineInput("Pass télétravail, carnet de 10 crédits, valables 365 jours",
                           Decimal("1"), Decimal("150.00"), VAT_MULTI_PURPOSE_VOUCHER)]
        delivery = {}
    invoice = invoice_issue(seller=seller, buyer=buyer, lines=lines, source_key=f"{key}:inv",
                            service_date=dt.date(2026, 12, 10), paid_at=timezone.now(),
                            delivery=delivery)
    note = credit_note_issue(invoice=invoice, amount=Decimal("15.00"), source_key=f"{key}:cn",
                             reason="Annulation")
    return invoice, note


def issue_measured_documents() -> list[tuple[str, Invoice]]:
    """The 17 documents of the issue: 4 VAT statuses x 2 buyers x (invoice, credit note), and
    a network voucher sold to a consumer."""
    documents: list[tuple[str, Invoice]] = []
    buyers = {kind: make_buyer(kind, f"{kind}@measure.example") for kind in BUYER_KINDS}
    for index, status in enumerate(VAT_STATUSES, start=1):
        operator = make_operator(status, index)
        for kind, buyer in buyers.items():
            invoice, note = issue_pair(seller_kind="operator", buyer=buyer, operator=operator,
                                       key=f"{status}:{kind}")
            documents += [(f"{status} / {kind} / invoice", invoice),
                          (f"{status} / {kind} / credit note", note)]
    voucher, _ = issue_pair(seller_kind="network", buyer=buyers["consumer"], key="voucher")
    documents.append(("network voucher / consumer / invoice", voucher))
    return documents
