"""A real worker transmits a business invoice to the stand-in accredited platform over HTTP
once the issuing transaction commits, records the statuses the platform reports, and retries
through the sweep when the platform was down."""

import time
from typing import Any

import pytest
from django.db import transaction
from django.utils import timezone

from ostal.billing.models import EInvoiceStatus, EInvoiceTransmission
from tests.backend.billing.einvoice_cases import issue_pair, make_buyer
from tests.conftest import EINVOICE_PLATFORM_TOKEN
from tests.worker.conftest import requires_shared_database

pytestmark = [requires_shared_database, pytest.mark.django_db(transaction=True)]


def wait_until(predicate: Any, worker: Any, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, worker.output()[-3000:]
        time.sleep(0.2)


@pytest.fixture
def nudges_to_broker(broker: Any, monkeypatch: pytest.MonkeyPatch) -> Any:
    app = broker.app()
    monkeypatch.setattr("ostal.billing.tasks._send",
                        lambda name, args: app.send_task(name, args=list(args)))
    return app


def worker_env(platform: Any) -> dict[str, str]:
    return {"EINVOICING_PLATFORM_URL": platform.url,
            "EINVOICING_PLATFORM_TOKEN": EINVOICE_PLATFORM_TOKEN,
            "EINVOICING_PLATFORM_NAME": "stand-in"}


def test_the_worker_transmits_after_commit_and_records_the_lifecycle(
        einvoice_platform, start_worker, nudges_to_broker):
    worker = start_worker("w1", **worker_env(einvoice_platform))

    with transaction.atomic():
        invoice, note = issue_pair(seller_kind="network",
                                   buyer=make_buyer("business", "b@biz.example"), key="w")

    def made_available() -> bool:
        return set(EInvoiceTransmission.objects.values_list("lifecycle", flat=True)) == {"203"}

    wait_until(made_available, worker)
    assert {f["invoiceNumber"] for f in einvoice_platform.flows()} == {invoice.number,
                                                                       note.number}
    assert list(EInvoiceStatus.objects.filter(transmission__invoice=invoice)
                .order_by("occurred_at").values_list("code", flat=True)) == [
        "200", "201", "202", "203"]


def test_a_platform_outage_is_retried_by_the_sweep(einvoice_platform, start_worker,
                                                    nudges_to_broker):
    einvoice_platform.fail_next_submissions(1)
    worker = start_worker("w1", **worker_env(einvoice_platform))

    with transaction.atomic():
        invoice, _ = issue_pair(seller_kind="network",
                                buyer=make_buyer("business", "b@biz.example"), key="w")
    row = EInvoiceTransmission.objects.get(invoice=invoice)
    wait_until(lambda: EInvoiceTransmission.objects.get(pk=row.pk).attempts >= 1
               and EInvoiceTransmission.objects.get(pk=row.pk).last_error != "", worker)
    row.refresh_from_db()
    assert row.status == "pending"
    assert "503" in row.last_error

    # the backoff has passed (moved here instead of waiting a minute); beat's sweep runs
    EInvoiceTransmission.objects.filter(pk=row.pk).update(next_attempt_at=timezone.now())
    nudges_to_broker.send_task("billing.einvoice_submit_due")
    wait_until(lambda: EInvoiceTransmission.objects.get(pk=row.pk).status == "submitted",
               worker)
    nudges_to_broker.send_task("billing.einvoice_fetch_lifecycle")
    wait_until(lambda: EInvoiceTransmission.objects.get(pk=row.pk).lifecycle == "203", worker)
    row.refresh_from_db()
    assert row.attempts == 2
    assert row.last_error == ""
