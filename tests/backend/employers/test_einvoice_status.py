"""An employer's invoices go to the accredited platform (the network sells the credits), and
the employer area shows where each one stands: queued, then the platform's statuses."""

import pytest

from ostal.billing.einvoicing.transmission import lifecycle_fetch, transmissions_submit_due
from ostal.billing.models import Invoice

pytestmark = pytest.mark.django_db


def test_the_employer_area_shows_each_invoices_e_invoicing_status(
        client_as, employer_acme, network_carnet, einvoice_platform):
    client = client_as("employer_admin_ed")
    url = f"/api/v1/employers/{employer_acme.pk}/invoices/"
    ordered = client.post(f"/api/v1/employers/{employer_acme.pk}/orders/",
                          {"plan": network_carnet.pk, "method": "transfer", "quantity": 1,
                           "purchase_order": "BC-2026-118"}, format="json")
    assert ordered.status_code == 201, ordered.content

    queued = client.get(url).json()
    transmissions_submit_due()
    lifecycle_fetch()
    [flow] = einvoice_platform.flows()
    einvoice_platform.play_status(flow["flowId"], "212")  # the employer paid the transfer
    lifecycle_fetch()
    cashed = client.get(url).json()

    invoice = Invoice.objects.get()
    assert flow["invoiceNumber"] == invoice.number
    assert "BC-2026-118" in flow["xml"]  # the purchase order travels in the e-invoice
    assert [row["einvoice"]["status"] for row in queued] == ["pending"]
    assert [(row["einvoice"]["status"], row["einvoice"]["lifecycle"]) for row in cashed] == [
        ("submitted", "212")]
