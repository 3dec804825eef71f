"""Parallel issues for one seller get consecutive numbers, without gap or duplicate, even when
some of the issuing transactions roll back (PostgreSQL: the sequence row is locked)."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import transaction

from ostal.billing.invoicing.issue import LineInput, invoice_issue
from ostal.billing.models import Invoice, InvoiceSequence
from ostal.billing.vat import VAT_REGISTERED, operator_seller
from tests.backend.billing.concurrency import requires_postgres, run_concurrently

pytestmark = [pytest.mark.postgres, requires_postgres]


class Abort(Exception):
    pass


@pytest.mark.django_db(transaction=True)
def test_parallel_numbering_is_gapless(member_ada, operator_cy):
    seller = operator_seller(operator_cy)

    def issue(index: int) -> str:
        with transaction.atomic():
            invoice = invoice_issue(
                seller=seller, buyer=member_ada, source_key=f"payment:{index}",
                service_date=dt.date(2026, 11, 20),
                lines=[LineInput("Poste, journée", Decimal("1"), Decimal("15.00"),
                                 VAT_REGISTERED)])
            if index % 4 == 3:  # the caller's transaction fails after taking a number
                raise Abort
            return invoice.number

    results = run_concurrently(12, issue)

    assert [r for r in results if not isinstance(r, (str, Abort))] == []
    sequences = sorted(Invoice.objects.values_list("sequence", flat=True))
    assert sequences == list(range(1, 10)), sequences
    assert InvoiceSequence.objects.get().last_number == 9
    numbers = [r for r in results if isinstance(r, str)]
    assert len(set(numbers)) == 9


@pytest.mark.django_db(transaction=True)
def test_parallel_duplicates_of_one_source_issue_one_invoice(member_ada, operator_cy):
    seller = operator_seller(operator_cy)

    results = run_concurrently(6, lambda i: invoice_issue(
        seller=seller, buyer=member_ada, source_key="payment:same",
        service_date=dt.date(2026, 11, 20),
        lines=[LineInput("Poste, journée", Decimal("1"), Decimal("15.00"), VAT_REGISTERED)]).pk)

    assert len(set(results)) == 1, results
    assert Invoice.objects.count() == 1
    assert InvoiceSequence.objects.get().last_number == 1
