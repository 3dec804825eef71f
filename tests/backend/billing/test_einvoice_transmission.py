"""Business invoices go to the accredited platform through Ostal, and their lifecycle comes
back: every test talks over HTTP to the stand-in platform (tests/einvoice_platform.py), which
checks each filed Factur-X with the official EN 16931 rules like a platform would."""

import datetime as dt

import pytest
from django.utils import timezone

from ostal.billing.einvoicing.gateway import platform
from ostal.billing.einvoicing.outbox import transmission_retry
from ostal.billing.einvoicing.transmission import (
    lifecycle_fetch,
    transmission_submit,
    transmissions_submit_due,
)
from ostal.billing.invoicing.pdf import render_invoice_pdf
from ostal.billing.models import (
    EInvoiceStatus,
    EInvoiceTransmission,
    Invoice,
    OperatorEInvoicing,
)
from tests.backend.billing.concurrency import requires_postgres, run_concurrently
from tests.backend.billing.einvoice_cases import issue_pair, make_buyer, make_operator

Lifecycle = EInvoiceTransmission.Lifecycle


def codes(invoice: Invoice) -> list[str]:
    return list(EInvoiceStatus.objects.filter(transmission__invoice=invoice)
                .order_by("occurred_at").values_list("code", flat=True))


def network_business_invoice(email: str = "buyer@biz.example") -> tuple[Invoice, Invoice]:
    return issue_pair(seller_kind="network", buyer=make_buyer("business", email), key=email)


@pytest.mark.django_db
def test_business_documents_are_queued_when_issued_consumer_ones_are_not(
        settings, sent_tasks, django_capture_on_commit_callbacks):
    settings.NOTIFICATIONS_NUDGE = True
    with django_capture_on_commit_callbacks(execute=True):
        invoice, note = network_business_invoice()
    consumer_invoice, _ = issue_pair(seller_kind="network",
                                     buyer=make_buyer("consumer", "c@example.org"), key="c")

    assert invoice.transmission.status == EInvoiceTransmission.Status.PENDING
    assert note.transmission.status == EInvoiceTransmission.Status.PENDING
    assert not EInvoiceTransmission.objects.filter(invoice=consumer_invoice).exists()
    # the worker is told after commit (captured here instead of a broker)
    assert ("billing.einvoice_submit", (invoice.transmission.pk,)) in sent_tasks


@pytest.mark.django_db
def test_an_operator_transmits_through_ostal_only_once_it_gave_the_mandate():
    operator = make_operator("registered", 1)
    buyer = make_buyer("business", "b@biz.example")

    before, _ = issue_pair(seller_kind="operator", operator=operator, buyer=buyer, key="k1")
    OperatorEInvoicing.objects.create(operator=operator, mandate_given=True,
                                      mandate_given_at=timezone.now())
    after, _ = issue_pair(seller_kind="operator", operator=operator, buyer=buyer, key="k2")

    assert not EInvoiceTransmission.objects.filter(invoice=before).exists()
    assert after.transmission.status == EInvoiceTransmission.Status.PENDING


@pytest.mark.django_db
def test_submitted_invoice_reaches_the_platform_valid_and_its_statuses_come_back(
        einvoice_platform):
    invoice, _ = network_business_invoice()

    row = transmission_submit(transmission_pk=invoice.transmission.pk)
    recorded = lifecycle_fetch()

    assert row is not None
    assert row.status == EInvoiceTransmission.Status.SUBMITTED
    [filed] = einvoice_platform.flows()
    assert filed["flowId"] == row.flow_id
    assert filed["trackingId"] == str(invoice.reference)
    assert filed["invoiceNumber"] == invoice.number  # the CII inside the Factur-X PDF
    assert filed["fatalRules"] == []
    assert filed["processingRule"] == "B2B"
    assert recorded == 4
    assert codes(invoice) == ["200", "201", "202", "203"]
    row.refresh_from_db()
    assert row.lifecycle == Lifecycle.MADE_AVAILABLE


@pytest.mark.django_db
def test_the_buyers_answers_arrive_once_each(einvoice_platform):
    invoice, _ = network_business_invoice()
    row = transmission_submit(transmission_pk=invoice.transmission.pk)
    lifecycle_fetch()

    einvoice_platform.play_status(row.flow_id, "210", "Bon de commande absent")
    first = lifecycle_fetch()
    again = lifecycle_fetch()

    assert (first, again) == (1, 0)
    row.refresh_from_db()
    assert row.lifecycle == Lifecycle.REFUSED
    refusal = EInvoiceStatus.objects.get(transmission=row, code="210")
    assert refusal.reason == "Bon de commande absent"

    einvoice_platform.play_status(row.flow_id, "212")
    lifecycle_fetch()
    row.refresh_from_db()
    assert row.lifecycle == Lifecycle.CASHED
    assert codes(invoice)[-2:] == ["210", "212"]


@pytest.mark.django_db
def test_a_platform_that_is_down_is_retried_with_backoff_until_it_answers(einvoice_platform):
    invoice, _ = network_business_invoice()
    pk = invoice.transmission.pk
    einvoice_platform.fail_next_submissions(2)
    start = timezone.now()

    first = transmission_submit(transmission_pk=pk, now=start)
    too_early = transmission_submit(transmission_pk=pk, now=start + dt.timedelta(seconds=30))
    second = transmission_submit(transmission_pk=pk, now=start + dt.timedelta(seconds=61))
    third = transmission_submit(transmission_pk=pk, now=start + dt.timedelta(minutes=4))

    assert first is not None
    assert first.status == EInvoiceTransmission.Status.PENDING
    assert "503" in first.last_error
    assert first.next_attempt_at == start + dt.timedelta(seconds=60)
    assert too_early is None  # not due yet: nothing sent
    assert second is not None
    assert second.status == EInvoiceTransmission.Status.PENDING
    assert second.next_attempt_at == start + dt.timedelta(seconds=61 + 120)  # doubled
    assert third is not None
    assert third.status == EInvoiceTransmission.Status.SUBMITTED
    assert third.attempts == 3
    assert third.last_error == ""
    assert len(einvoice_platform.flows()) == 1
    assert einvoice_platform.state.requests.count("POST /v1/flows") == 3


@pytest.mark.django_db
def test_after_the_last_attempt_it_fails_visibly_and_a_retry_sends_it(einvoice_platform,
                                                                      settings):
    settings.EINVOICING_MAX_ATTEMPTS = 2
    invoice, _ = network_business_invoice()
    pk = invoice.transmission.pk
    einvoice_platform.fail_next_submissions(5)
    start = timezone.now()

    transmission_submit(transmission_pk=pk, now=start)
    failed = transmission_submit(transmission_pk=pk, now=start + dt.timedelta(hours=1))
    ignored = transmission_submit(transmission_pk=pk, now=start + dt.timedelta(days=2))

    assert failed is not None
    assert failed.status == EInvoiceTransmission.Status.FAILED
    assert ignored is None
    einvoice_platform.fail_next_submissions(0)
    transmission_retry(transmission=failed)
    sent = transmission_submit(transmission_pk=pk)
    assert sent is not None
    assert sent.status == EInvoiceTransmission.Status.SUBMITTED


@pytest.mark.django_db
def test_wrong_credentials_keep_the_invoice_queued(einvoice_platform, settings):
    settings.EINVOICING_PLATFORM_TOKEN = "not-the-token"
    invoice, _ = network_business_invoice()

    row = transmission_submit(transmission_pk=invoice.transmission.pk)

    assert row is not None
    assert row.status == EInvoiceTransmission.Status.PENDING
    assert "401" in row.last_error
    assert einvoice_platform.flows() == []


@pytest.mark.django_db
def test_no_platform_configured_sends_nothing_and_keeps_the_queue(settings):
    settings.EINVOICING_PLATFORM_URL = ""
    invoice, _ = network_business_invoice()

    assert transmission_submit(transmission_pk=invoice.transmission.pk) is None
    assert transmissions_submit_due() == 0
    invoice.transmission.refresh_from_db()
    assert invoice.transmission.status == EInvoiceTransmission.Status.PENDING
    assert invoice.transmission.attempts == 0


@pytest.mark.django_db
def test_a_lost_answer_is_resubmitted_and_filed_once(einvoice_platform):
    invoice, _ = network_business_invoice()
    pk = invoice.transmission.pk
    transmission_submit(transmission_pk=pk)
    # the platform filed it but our record of its answer was lost (worker died)
    EInvoiceTransmission.objects.filter(pk=pk).update(
        status=EInvoiceTransmission.Status.PENDING, flow_id="", next_attempt_at=timezone.now())

    row = transmission_submit(transmission_pk=pk)

    assert row is not None
    assert row.status == EInvoiceTransmission.Status.SUBMITTED
    assert [f["flowId"] for f in einvoice_platform.flows() if f["trackingId"]
            == str(invoice.reference)] == [row.flow_id]


@pytest.mark.django_db
def test_the_sweep_sends_every_due_document(einvoice_platform):
    invoice, note = network_business_invoice()

    assert transmissions_submit_due() == 2
    assert transmissions_submit_due() == 0
    assert {f["invoiceNumber"] for f in einvoice_platform.flows()} == {invoice.number,
                                                                       note.number}


@pytest.mark.django_db
def test_the_stand_in_rejects_a_document_without_valid_e_invoice(einvoice_platform):
    """The platform's own check, seen through our gateway: a plain PDF (no CII) is filed,
    then rejected (213) with the reason."""
    invoice, _ = network_business_invoice()
    gateway = platform()
    assert gateway is not None

    gateway.flow_submit(tracking_id="plain-pdf", filename="plain.pdf",
                        document=render_invoice_pdf(invoice), processing_rule="B2B")
    page = gateway.lifecycle_since(updated_after="")

    assert [(e.tracking_id, e.code) for e in page.events] == [("plain-pdf", "200"),
                                                               ("plain-pdf", "213")]
    assert "Factur-X" in page.events[-1].reason


@pytest.mark.postgres
@requires_postgres
@pytest.mark.django_db(transaction=True)
def test_racing_workers_submit_an_invoice_once(einvoice_platform):
    invoice, _ = network_business_invoice()
    pk = invoice.transmission.pk

    results = run_concurrently(4, lambda i: transmission_submit(transmission_pk=pk))

    assert [r for r in results if isinstance(r, Exception)] == []
    assert len([r for r in results if r is not None]) == 1
    row = EInvoiceTransmission.objects.get(pk=pk)
    assert row.attempts == 1
    assert row.status == EInvoiceTransmission.Status.SUBMITTED
    assert einvoice_platform.state.requests.count("POST /v1/flows") == 1
