"""Reconciliation of disputes (chargebacks): a dispute whose webhook was missed is applied (the
payment marked disputed, a lost one credited back once) and every dispute is reported to the
network admin as a `dispute` difference.

localstripe (the fake Stripe the other reconciliation tests run against) has no disputes API at
all, so these tests list and re-read disputes from recorded payloads of the current Stripe API
version (tests/backend/billing/stripe_payloads/dispute.json, `2026-10-28.endive` shapes),
parsed by the real gateway functions; the last test checks that a run against localstripe
simply lists none."""

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.utils import timezone

from ostal.billing.models import (
    BillingNotice,
    Dispute,
    Invoice,
    Payment,
    ReconciliationIssue,
    StripeObjectRef,
)
from ostal.billing.services.payments import payment_apply_intent, payment_create
from ostal.billing.services.reconciliation import reconciliation_run
from ostal.billing.stripe import gateway as gw
from tests.backend.billing.helpers import RecordedGateway, payload

pytestmark = pytest.mark.django_db


class DisputeGateway(RecordedGateway):
    """Recorded objects, and a listing of the disputes among them (nothing else listed)."""

    def list_objects(self, resource: str, *, created_gte: dt.datetime | None) -> list[Any]:
        if resource != "disputes":
            return []
        found = []
        for obj in self.objects.values():
            created = dt.datetime.fromtimestamp(obj["created"], tz=dt.UTC)
            if obj.get("object") == "dispute" and (created_gte is None or created >= created_gte):
                found.append(gw.Listed(created=created, item=gw.parse_dispute(obj)))
        return found


@pytest.fixture
def gateway(recorded_gateway, monkeypatch) -> DisputeGateway:
    gateway = DisputeGateway()
    from tests.backend.billing.helpers import GATEWAY_USERS

    for module in GATEWAY_USERS:
        monkeypatch.setattr(f"{module}.get_gateway", lambda: gateway)
    return gateway


@pytest.fixture
def paid_carnet(gateway, member_ada, network_carnet) -> Payment:
    payment = payment_create(payer=member_ada, purpose="plan_purchase", amount=Decimal("150.00"),
                             currency="EUR", description="Pass 10 crédits",
                             seller_operator=None, plan=network_carnet)
    intent = payload("payment_intent") | {"amount": 15000, "amount_received": 15000}
    intent["metadata"] = {"ostal_payment": str(payment.reference)}
    gateway.add(intent)
    StripeObjectRef.objects.create(stripe_id=intent["id"], object_type="payment_intent",
                                   payment=payment)
    return payment_apply_intent(payment=payment, intent=gw.parse_payment_intent(intent))


def dispute(status: str, *, created: dt.datetime | None = None, **changes: Any) -> dict[str, Any]:
    created = created or timezone.now() - dt.timedelta(hours=2)
    return payload("dispute") | {"status": status, "created": int(created.timestamp())} | changes


def test_a_missed_dispute_is_applied_once_and_reported(gateway, paid_carnet):
    gateway.add(dispute("needs_response"))

    run = reconciliation_run(gateway=gateway)
    again = reconciliation_run(gateway=gateway)

    row = Dispute.objects.get()
    assert (row.status, row.amount, row.payment_id) == ("needs_response", Decimal("150.00"),
                                                        paid_carnet.pk)
    assert Payment.objects.get().is_disputed
    assert run.repairs == ["du_1Qcurrent0001: dispute unknown → needs_response (webhook missed)"]
    assert again.repairs == []
    issue = ReconciliationIssue.objects.get()
    assert (issue.kind, issue.stripe_id, issue.status, issue.payment_id) == (
        "dispute", "du_1Qcurrent0001", "open", paid_carnet.pk)
    assert issue.details["status"] == "needs_response"
    assert issue.details["amount"] == "150.00"
    assert issue.details["reason"] == "fraudulent"
    assert BillingNotice.objects.filter(kind="dispute_opened").count() == 1


def test_an_old_open_dispute_is_reread_and_its_loss_credited_back_once(gateway, paid_carnet):
    long_ago = timezone.now() - dt.timedelta(days=60)  # outside the listing window
    gateway.add(dispute("needs_response", created=long_ago))
    Dispute.objects.create(payment=paid_carnet, stripe_id="du_1Qcurrent0001",
                           amount=Decimal("150.00"), status="needs_response")
    gateway.add(dispute("lost", created=long_ago))  # Stripe decided; the webhook was lost

    run = reconciliation_run(gateway=gateway)
    reconciliation_run(gateway=gateway)

    assert Dispute.objects.get().status == "lost"
    assert run.repairs == ["du_1Qcurrent0001: dispute needs_response → lost (webhook missed)"]
    note, = Invoice.objects.filter(doc_type="credit_note")
    assert note.total_gross == Decimal("150.00")
    assert ReconciliationIssue.objects.get(kind="dispute").details["status"] == "lost"


def test_a_dispute_on_a_payment_we_do_not_know_is_reported_not_applied(gateway):
    gateway.add(dispute("warning_needs_response", payment_intent="pi_not_ours",
                        charge="ch_not_ours"))

    reconciliation_run(gateway=gateway)

    assert not Dispute.objects.exists()
    issue = ReconciliationIssue.objects.get()
    assert issue.kind == "dispute"
    assert issue.payment is None
    assert issue.details["note"] == "dispute on a payment unknown to Ostal"


def test_a_resolved_dispute_issue_stays_resolved(gateway, paid_carnet, network_admin_nina):
    from ostal.billing.services.reconciliation import reconciliation_issue_resolve

    gateway.add(dispute("needs_response"))
    reconciliation_run(gateway=gateway)
    reconciliation_issue_resolve(issue=ReconciliationIssue.objects.get(),
                                 actor=network_admin_nina, note="Preuves envoyées à Stripe")

    reconciliation_run(gateway=gateway)

    issue = ReconciliationIssue.objects.get()
    assert (issue.status, issue.resolution_note) == ("resolved", "Preuves envoyées à Stripe")


def test_localstripe_has_no_disputes_and_a_run_there_lists_none(stripe_api):
    assert list(gw.get_gateway().list_objects("disputes", created_gte=None)) == []
    run = reconciliation_run()
    assert run is not None
    assert run.status == "succeeded"
    assert run.stats["checked"]["disputes"] == 0
