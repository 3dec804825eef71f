"""Issuing invoices and credit notes: numbered without gaps, immutable once written.

Numbering: one `InvoiceSequence` row per (seller, kind, year), created on first use and locked
with SELECT ... FOR UPDATE by the issuing transaction; the number is taken and the invoice
inserted in that same transaction. A failure anywhere rolls both back, so no number is ever
lost or used twice; the UNIQUE (seller, kind, year, sequence) constraint is the backstop
(tests/backend/billing/test_invoice_numbering_concurrency.py). The year is the legal year of
the issue date in Europe/Paris.

Idempotency: each document has a UNIQUE `source_key` (the payment, the refund...). A second
issue for the same source returns the first document; a racing duplicate fails on the
constraint and its whole transaction (number included) rolls back.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.db import IntegrityError, transaction
from django.utils import timezone

from ostal.accounts.models import User
from ostal.billing.einvoicing.outbox import transmission_queue
from ostal.billing.errors import BillingError, BillingErrorCode
from ostal.billing.models import (
    NETWORK_SELLER_KEY,
    BillingProfile,
    Invoice,
    InvoiceLine,
    InvoiceSequence,
    Payment,
)
from ostal.billing.vat import Seller, VatTreatment, missing_identifiers, network_seller
from ostal.core.money import quantize, vat_split_from_gross

LEGAL_TIMEZONE = ZoneInfo("Europe/Paris")
NUMBER_PREFIX: Mapping[str, str] = {Invoice.DocType.INVOICE: "F", Invoice.DocType.CREDIT_NOTE: "AV"}

LATE_PAYMENT_MENTION = (
    "En cas de retard de paiement : pénalités au taux de trois fois le taux d'intérêt légal "
    "et indemnité forfaitaire pour frais de recouvrement de 40 € (art. L441-10 et D441-5 du "
    "Code de commerce). Pas d'escompte pour paiement anticipé.")
OPERATION_CATEGORY_MENTION = "Catégorie d'opération : prestation de services."


@dataclass(frozen=True)
class LineInput:
    """A line as priced to the customer: tax-included unit price, quantity, VAT treatment."""

    description: str
    quantity: Decimal
    unit_price_gross: Decimal
    vat: VatTreatment


def _on_behalf_mention(seller: Mapping[str, object], issuer: Mapping[str, object]) -> str:
    return (f"Facture établie par {issuer['legal_name']} au nom et pour le compte de "
            f"{seller['legal_name']} (mandat de facturation).")


def buyer_snapshot(user: User) -> tuple[dict[str, str], bool]:
    """The buyer's identity as the invoice must show it, from their billing profile (or their
    account when they have none: a consumer)."""
    profile = BillingProfile.objects.filter(user=user).first()
    full_name = " ".join(filter(None, [getattr(user, "first_name", ""),
                                       getattr(user, "last_name", "")])).strip()
    email = getattr(user, "email", "")
    if profile is None:
        return {"name": full_name or email, "email": email, "address": "", "siret": "",
                "siren": "", "vat_number": "", "country": "FR"}, False
    address = ", ".join(filter(None, [profile.address_line1, profile.address_line2,
                                      f"{profile.postal_code} {profile.city}".strip()]))
    return {"name": profile.name or full_name or email, "email": profile.invoice_email or email,
            "address": address, "address_line1": profile.address_line1,
            "address_line2": profile.address_line2, "postal_code": profile.postal_code,
            "city": profile.city, "country": profile.country, "siret": profile.siret,
            "siren": profile.siret[:9], "vat_number": profile.vat_number}, profile.is_business


def invoice_identifiers_check(*, seller: Mapping[str, object], buyer: Mapping[str, object],
                              is_business: bool, categories: set[str]) -> None:
    """Refuse a business invoice that would lack a mandatory identifier (the seller's SIRET,
    its VAT number on a taxed sale, the buyer's SIREN), naming what is missing. Callers that
    take money first run it before the payment starts, so a refusal never follows a payment."""
    if not is_business:
        return
    missing = missing_identifiers(seller=dict(seller), buyer=dict(buyer), categories=categories)
    if missing:
        raise BillingError(BillingErrorCode.INVOICE_IDENTIFIER_MISSING,
                           missing=", ".join(missing),
                           fields={"invoice": [f"Manquant / missing: {item}"
                                               for item in missing]})


def _next_sequence(seller_key: str, doc_type: str, year: int) -> int:
    """Take the next number of a sequence. Must run inside the issuing transaction: the row
    stays locked until it commits or rolls back."""
    InvoiceSequence.objects.get_or_create(seller_key=seller_key, doc_type=doc_type, year=year)
    sequence = InvoiceSequence.objects.select_for_update().get(seller_key=seller_key,
                                                               doc_type=doc_type, year=year)
    sequence.last_number += 1
    sequence.save(update_fields=["last_number"])
    return sequence.last_number


def _payment_terms(*, doc_type: str, paid_at: dt.datetime | None, is_business: bool,
                   terms: str = "") -> str:
    if terms:  # given by the caller (an invoice paid by bank transfer)
        pass
    elif doc_type == Invoice.DocType.CREDIT_NOTE:
        terms = "Remboursement sur le moyen de paiement d'origine."
    elif paid_at is not None:
        terms = (f"Acquittée le {timezone.localtime(paid_at, LEGAL_TIMEZONE):%d/%m/%Y} "
                 "par carte bancaire.")
    else:
        terms = "Payable à réception."
    if is_business:
        terms = f"{terms} {LATE_PAYMENT_MENTION}"
    return terms


def invoice_issue(*, seller: Seller, buyer: User, lines: list[LineInput],
                  source_key: str, service_date: dt.date, currency: str = "EUR",
                  payment: Payment | None = None, paid_at: dt.datetime | None = None,
                  doc_type: str = Invoice.DocType.INVOICE,
                  credited_invoice: Invoice | None = None,
                  buyer_identity: tuple[dict[str, str], bool] | None = None,
                  payment_terms: str = "", delivery: Mapping[str, str] | None = None,
                  now: dt.datetime | None = None) -> Invoice:
    """Issue an invoice (or a credit note) in `seller`'s name, numbered in `seller`'s own
    sequence. Operators' documents are issued by the network on their behalf and say so.

    Lines are priced tax included; each line's VAT is split from its gross amount (one
    rounding per line, in ostal.core.money), totals are the sums of the lines. Idempotent per
    `source_key`. Locks the (seller, kind, year) sequence row until commit.

    `buyer_identity` replaces the buyer's billing profile (an employer buying for its staff:
    `buyer` is then the admin who ordered); `payment_terms` replaces the card terms (an
    invoice paid by bank transfer); `delivery` is where the service is rendered (a place's
    address), printed and carried in the e-invoice when it differs from the buyer's address.

    A business invoice missing a mandatory identifier is refused
    (`invoice_identifier_missing`) before any number is taken."""
    if not lines:
        raise ValueError("An invoice needs at least one line")
    existing = Invoice.objects.filter(source_key=source_key).first()
    if existing is not None:
        return existing
    now = now or timezone.now()
    year = timezone.localtime(now, LEGAL_TIMEZONE).year
    buyer_data, is_business = buyer_identity or buyer_snapshot(buyer)
    seller_data = seller.snapshot()
    issuer = network_seller().snapshot() if seller.key != NETWORK_SELLER_KEY else {}
    built: list[InvoiceLine] = []
    for position, line in enumerate(lines, start=1):
        gross = quantize(line.unit_price_gross * line.quantity, currency)
        split = vat_split_from_gross(gross, line.vat.rate, currency)
        built.append(InvoiceLine(
            position=position, description=line.description[:300], quantity=line.quantity,
            unit_price_net=(split.net / line.quantity).quantize(Decimal("0.0001")),
            vat_rate=line.vat.rate, vat_category=line.vat.category,
            vat_mention=line.vat.mention, vat_exemption_code=line.vat.exemption_code,
            net=split.net, vat=split.vat, gross=split.gross))
    # A credit note corrects an issued invoice: it is never refused.
    invoice_identifiers_check(seller=seller_data, buyer=buyer_data,
                              is_business=is_business and doc_type == Invoice.DocType.INVOICE,
                              categories={line.vat_category for line in built})
    delivery_data = dict(delivery or {})
    if delivery_data.get("address", "") in ("", buyer_data.get("address", "")):
        delivery_data = {}
    mentions = sorted({line.vat_mention for line in built if line.vat_mention})
    mentions.append(OPERATION_CATEGORY_MENTION)
    if issuer:
        mentions.append(_on_behalf_mention(seller_data, issuer))
    try:
        with transaction.atomic():
            sequence = _next_sequence(seller.key, doc_type, year)
            invoice = Invoice.objects.create(
                doc_type=doc_type, seller_key=seller.key, seller_operator_id=seller.operator_id,
                seller=seller_data, issuer=issuer, on_behalf_of=bool(issuer), year=year,
                sequence=sequence, number=f"{NUMBER_PREFIX[doc_type]}{year}-{sequence:05d}",
                issued_at=now, service_date=service_date, buyer=buyer,
                buyer_snapshot=buyer_data, is_business=is_business, currency=currency,
                total_net=sum((line.net for line in built), Decimal("0.00")),
                total_vat=sum((line.vat for line in built), Decimal("0.00")),
                total_gross=sum((line.gross for line in built), Decimal("0.00")),
                vat_mentions=mentions, payment=payment,
                payment_terms=_payment_terms(doc_type=doc_type, paid_at=paid_at,
                                             is_business=is_business, terms=payment_terms),
                paid_at=paid_at, credited_invoice=credited_invoice, delivery=delivery_data,
                source_key=source_key)
            for built_line in built:
                built_line.invoice = invoice
            InvoiceLine.objects.bulk_create(built)
            transmission_queue(invoice=invoice, now=now)
    except IntegrityError:
        existing = Invoice.objects.filter(source_key=source_key).first()
        if existing is None:
            raise
        return existing
    return invoice


def credit_note_issue(*, invoice: Invoice, amount: Decimal, source_key: str, reason: str,
                      now: dt.datetime | None = None) -> Invoice:
    """A credit note cancelling `amount` (tax included) of `invoice`, in the same seller's
    credit-note sequence. Each line is credited pro rata (rounded per line, the last line
    takes the remainder) with the original line's VAT treatment, so VAT is reversed exactly as
    it was charged."""
    amount = quantize(amount, invoice.currency)
    if amount <= 0 or amount > invoice.total_gross:
        raise ValueError("A credit note amount must be within the invoice total")
    lines = list(invoice.lines.all())
    inputs: list[LineInput] = []
    remaining = amount
    for index, line in enumerate(lines):
        share = (remaining if index == len(lines) - 1
                 else quantize(line.gross * amount / invoice.total_gross, invoice.currency))
        remaining -= share
        if share <= 0:
            continue
        inputs.append(LineInput(
            description=f"{reason} — {line.description}"[:300], quantity=Decimal("1"),
            unit_price_gross=share,
            vat=VatTreatment(line.vat_rate, line.vat_category, line.vat_mention,
                             line.vat_exemption_code)))
    seller = Seller(**{k: v for k, v in invoice.seller.items()
                       if k in {"key", "operator_id", "legal_name", "legal_form", "address",
                                "siret", "vat_number", "vat_status", "email"}})
    return invoice_issue(seller=seller, buyer=invoice.buyer, lines=inputs,
                         source_key=source_key, service_date=invoice.service_date,
                         currency=invoice.currency, payment=invoice.payment,
                         paid_at=None, doc_type=Invoice.DocType.CREDIT_NOTE,
                         buyer_identity=(invoice.buyer_snapshot, invoice.is_business),
                         credited_invoice=invoice, delivery=invoice.delivery, now=now)


def vat_breakdown(invoice: Invoice) -> list[dict[str, object]]:
    """VAT summary per (category, rate): taxable base and VAT, as the invoice must show it."""
    groups: dict[tuple[str, Decimal], dict[str, object]] = {}
    for line in invoice.lines.all():
        key = (line.vat_category, line.vat_rate)
        group = groups.setdefault(key, {"category": line.vat_category, "rate": line.vat_rate,
                                        "mention": line.vat_mention,
                                        "exemption_code": line.vat_exemption_code,
                                        "base": Decimal("0.00"), "vat": Decimal("0.00")})
        group["base"] = group["base"] + line.net  # type: ignore[operator]
        group["vat"] = group["vat"] + line.vat  # type: ignore[operator]
    return list(groups.values())

