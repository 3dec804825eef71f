"""Issuing invoices and credit notes: numbering per seller and year, VAT, immutability."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from ostal.billing.invoicing.issue import LineInput, credit_note_issue, invoice_issue, vat_breakdown
from ostal.billing.models import ImmutableInvoiceError, Invoice, InvoiceLine
from ostal.billing.vat import (
    VAT_FRANCHISE,
    VAT_MULTI_PURPOSE_VOUCHER,
    VAT_REGISTERED,
    network_seller,
    operator_seller,
)
from tests.backend.billing.factories import BusinessProfileFactory


def issue(seller, buyer, key, gross="15.00", vat=VAT_REGISTERED, qty="1", now=None):
    return invoice_issue(
        seller=seller, buyer=buyer, source_key=key, service_date=dt.date(2026, 11, 20),
        lines=[LineInput("Poste de travail, journée", Decimal(qty), Decimal(gross), vat)],
        paid_at=timezone.now(), now=now)


@pytest.mark.django_db
def test_numbers_follow_each_other_per_seller_and_year(member_ada, operator_cy, operator_dee):
    cy, dee = operator_seller(operator_cy), operator_seller(operator_dee)

    numbers = [issue(cy, member_ada, "a").number, issue(dee, member_ada, "b").number,
               issue(cy, member_ada, "c").number,
               issue(cy, member_ada, "d", now=dt.datetime(2027, 1, 1, 0, 30,
                                                          tzinfo=dt.UTC)).number]

    year = timezone.localtime().year
    assert numbers == [f"F{year}-00001", f"F{year}-00001", f"F{year}-00002", "F2027-00001"]


@pytest.mark.django_db
def test_the_legal_year_is_the_paris_year(member_ada, operator_cy):
    # 31 Dec 2026 23:30 UTC is already 1 Jan 2027 in Paris.
    invoice = issue(operator_seller(operator_cy), member_ada, "x",
                    now=dt.datetime(2026, 12, 31, 23, 30, tzinfo=dt.UTC))
    assert (invoice.year, invoice.number) == (2027, "F2027-00001")


@pytest.mark.django_db
def test_vat_is_computed_per_line_and_totals_are_sums(member_ada, operator_cy):
    invoice = invoice_issue(
        seller=operator_seller(operator_cy), buyer=member_ada, source_key="k",
        service_date=dt.date(2026, 11, 20), lines=[
            LineInput("Salle de réunion, 3 h", Decimal("3"), Decimal("10.00"), VAT_REGISTERED),
            LineInput("Poste, journée", Decimal("1"), Decimal("15.00"), VAT_REGISTERED)])

    lines = list(invoice.lines.all())
    assert [(x.net, x.vat, x.gross) for x in lines] == [
        (Decimal("25.00"), Decimal("5.00"), Decimal("30.00")),
        (Decimal("12.50"), Decimal("2.50"), Decimal("15.00"))]
    assert (invoice.total_net, invoice.total_vat, invoice.total_gross) == (
        Decimal("37.50"), Decimal("7.50"), Decimal("45.00"))
    assert vat_breakdown(invoice)[0]["base"] == Decimal("37.50")


@pytest.mark.django_db
def test_franchise_seller_charges_no_vat_and_says_why(member_ada, operator_dee):
    operator_dee.vat_status = "franchise"
    invoice = issue(operator_seller(operator_dee), member_ada, "f", vat=VAT_FRANCHISE)

    assert invoice.total_vat == Decimal("0.00")
    assert invoice.total_gross == Decimal("15.00")
    assert "TVA non applicable, art. 293 B du CGI" in invoice.vat_mentions


@pytest.mark.django_db
def test_operator_invoices_say_they_are_issued_on_the_operators_behalf(member_ada, operator_cy):
    invoice = issue(operator_seller(operator_cy), member_ada, "o")

    assert invoice.on_behalf_of
    assert invoice.seller["legal_name"] == "Coopérative Cy"
    assert any("au nom et pour le compte de Coopérative Cy" in m for m in invoice.vat_mentions)
    network = issue(network_seller(), member_ada, "n", vat=VAT_MULTI_PURPOSE_VOUCHER)
    assert not network.on_behalf_of
    assert network.total_vat == Decimal("0.00")


@pytest.mark.django_db
def test_business_buyers_get_late_payment_mentions(member_ada, operator_cy):
    BusinessProfileFactory(user=member_ada)

    invoice = issue(operator_seller(operator_cy), member_ada, "b")

    assert invoice.is_business
    assert invoice.buyer_snapshot["siren"] == "732829320"
    assert "indemnité forfaitaire pour frais de recouvrement de 40 €" in invoice.payment_terms
    consumer = issue(operator_seller(operator_cy), operator_cy.managers.first()
                     or member_ada.__class__.objects.create(email="c@example.org"), "c")
    assert "40 €" not in consumer.payment_terms


@pytest.mark.django_db
def test_issuing_twice_for_one_source_returns_the_first(member_ada, operator_cy):
    first = issue(operator_seller(operator_cy), member_ada, "same")
    second = issue(operator_seller(operator_cy), member_ada, "same")

    assert first.pk == second.pk
    assert Invoice.objects.count() == 1


@pytest.mark.django_db
def test_issued_invoices_cannot_change_or_disappear(member_ada, operator_cy):
    invoice = issue(operator_seller(operator_cy), member_ada, "i")
    line = invoice.lines.get()

    invoice.total_gross = Decimal("1.00")
    with pytest.raises(ImmutableInvoiceError):
        invoice.save()
    with pytest.raises(ImmutableInvoiceError):
        invoice.delete()
    with pytest.raises(ImmutableInvoiceError):
        line.save()
    assert Invoice.objects.get().total_gross == Decimal("15.00")
    assert InvoiceLine.objects.count() == 1


@pytest.mark.django_db
def test_credit_notes_have_their_own_sequence_and_reverse_vat(member_ada, operator_cy):
    invoice = issue(operator_seller(operator_cy), member_ada, "i", gross="30.00")

    partial = credit_note_issue(invoice=invoice, amount=Decimal("10.00"), source_key="r1",
                                reason="Remboursement")
    rest = credit_note_issue(invoice=invoice, amount=Decimal("20.00"), source_key="r2",
                             reason="Remboursement")

    year = invoice.year
    assert (partial.number, rest.number) == (f"AV{year}-00001", f"AV{year}-00002")
    assert (partial.total_net, partial.total_vat) == (Decimal("8.33"), Decimal("1.67"))
    assert partial.credited_invoice_id == invoice.pk
    assert partial.seller_key == invoice.seller_key
    with pytest.raises(ValueError, match="within the invoice total"):
        credit_note_issue(invoice=invoice, amount=Decimal("31.00"), source_key="r3",
                          reason="Trop")
