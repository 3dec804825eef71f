"""The manager's « Facturation électronique » over the whole cast: an operator's settings (the
mandate, its platform identifier), its e-invoices with their lifecycle, retrying a failed one;
and the status shown to the buyer (wallet) and the employer. A refused call changes nothing."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from ostal.billing.einvoicing.mandate import operator_einvoicing_update
from ostal.billing.invoicing.issue import LineInput, invoice_issue
from ostal.billing.models import (
    BillingProfile,
    EInvoiceStatus,
    EInvoiceTransmission,
    Invoice,
    OperatorEInvoicing,
)
from ostal.billing.vat import VAT_REGISTERED, operator_seller
from tests.conftest import NOT_MANAGERS, ROLES

pytestmark = pytest.mark.django_db


def business_invoice(operator, buyer, key: str) -> Invoice:
    BillingProfile.objects.get_or_create(user=buyer, defaults={
        "is_business": True, "name": "Atelier Lovelace SARL", "address_line1": "3 rue des Lois",
        "postal_code": "31000", "city": "Toulouse", "country": "FR",
        "siret": "73282932000074", "vat_number": "FR44732829320"})
    return invoice_issue(seller=operator_seller(operator), buyer=buyer, source_key=key,
                         service_date=dt.date(2026, 12, 1), paid_at=timezone.now(),
                         lines=[LineInput("Salle, 3 h", Decimal("3"), Decimal("10.00"),
                                          VAT_REGISTERED)])


def give_mandate(operator, actor) -> None:
    operator_einvoicing_update(actor=actor, operator=operator, mandate_given=True,
                               platform_identifier="")


@pytest.fixture
def cy_einvoice(operator_cy, manager_cy, member_ada) -> EInvoiceTransmission:
    give_mandate(operator_cy, manager_cy)
    invoice = business_invoice(operator_cy, member_ada, "cy-1")
    row = invoice.transmission
    EInvoiceTransmission.objects.filter(pk=row.pk).update(
        status="submitted", flow_id="FLOW-1", lifecycle="210",
        lifecycle_at=timezone.now())
    EInvoiceStatus.objects.create(transmission=row, event_id="LC-1", code="200",
                                  occurred_at=timezone.now() - dt.timedelta(minutes=5))
    EInvoiceStatus.objects.create(transmission=row, event_id="LC-2", code="210",
                                  reason="Bon de commande absent", occurred_at=timezone.now())
    row.refresh_from_db()
    return row


@pytest.fixture
def dee_failed_einvoice(operator_dee, stranger_manager_dee) -> EInvoiceTransmission:
    from tests.factories import UserFactory

    give_mandate(operator_dee, stranger_manager_dee)
    invoice = business_invoice(operator_dee, UserFactory(email="buyer@dee.example"), "dee-1")
    EInvoiceTransmission.objects.filter(invoice=invoice).update(
        status="failed", attempts=8, last_error="HTTP 503")
    return EInvoiceTransmission.objects.get(invoice=invoice)


@pytest.mark.parametrize("role", ROLES)
def test_reading_an_operators_settings(role, client_as, operator_cy):
    answer = client_as(role).get(f"/api/v1/manage/operators/{operator_cy.pk}/einvoicing/")

    expected = {"manager_cy": 200, "network_admin_nina": 200, "stranger_manager_dee": 404}
    assert answer.status_code == expected.get(role, 403)
    if answer.status_code == 200:
        assert answer.json()["mandate_given"] is False
        assert answer.json()["siret"] == operator_cy.siret


@pytest.mark.parametrize("role", ROLES)
def test_giving_the_mandate(role, client_as, operator_cy, request):
    siren = operator_cy.siret[:9]
    answer = client_as(role).put(f"/api/v1/manage/operators/{operator_cy.pk}/einvoicing/", {
        "mandate_given": True, "platform_identifier": f"{siren}_FACTURATION"}, format="json")

    allowed = role in ("manager_cy", "network_admin_nina")
    expected = 200 if allowed else 404 if role == "stranger_manager_dee" else 403
    assert answer.status_code == expected
    saved = OperatorEInvoicing.objects.filter(operator=operator_cy).first()
    if not allowed:
        assert saved is None
        return
    assert saved is not None
    assert saved.mandate_given
    assert saved.platform_identifier == f"{siren}_FACTURATION"
    assert saved.mandate_given_by == request.getfixturevalue(role)
    assert answer.json()["mandate_given_by"] == saved.mandate_given_by.email


def test_settings_refuse_what_a_platform_would(client_as, operator_cy):
    client = client_as("manager_cy")
    url = f"/api/v1/manage/operators/{operator_cy.pk}/einvoicing/"

    other_siren = client.put(url, {"mandate_given": True,
                                   "platform_identifier": "552100554"}, format="json")
    garbage = client.put(url, {"mandate_given": True, "platform_identifier": "x y"},
                         format="json")
    not_a_bool = client.put(url, {"mandate_given": "maybe"}, format="json")
    operator_cy.siret = ""
    operator_cy.save(update_fields=["siret"])
    no_siret = client.put(url, {"mandate_given": True}, format="json")

    assert other_siren.status_code == 400
    assert "platform_identifier" in other_siren.json()["fields"]
    assert garbage.status_code == 400
    assert "platform_identifier" in garbage.json()["fields"]
    assert not_a_bool.status_code == 400
    assert "mandate_given" in not_a_bool.json()["fields"]
    assert no_siret.status_code == 400
    assert no_siret.json()["code"] == "einvoicing_siret_required"
    assert "mandate_given" in no_siret.json()["fields"]
    assert not OperatorEInvoicing.objects.exists()


def test_withdrawing_the_mandate_stops_transmission_of_new_invoices(client_as, operator_cy,
                                                                    manager_cy, member_ada):
    give_mandate(operator_cy, manager_cy)
    first = business_invoice(operator_cy, member_ada, "k1")

    answer = client_as("manager_cy").put(
        f"/api/v1/manage/operators/{operator_cy.pk}/einvoicing/", {"mandate_given": False},
        format="json")
    second = business_invoice(operator_cy, member_ada, "k2")

    assert answer.status_code == 200
    assert answer.json()["mandate_given"] is False
    assert EInvoiceTransmission.objects.filter(invoice=first).exists()
    assert not EInvoiceTransmission.objects.filter(invoice=second).exists()


@pytest.mark.parametrize("role", ROLES)
def test_listing_e_invoices_is_scoped(role, client_as, cy_einvoice, dee_failed_einvoice):
    answer = client_as(role).get("/api/v1/manage/einvoices/")

    if role in NOT_MANAGERS:
        assert answer.status_code == 403
        return
    numbers = {row["number"] for row in answer.json()["results"]}
    expected = {"manager_cy": {cy_einvoice.invoice.number},
                "stranger_manager_dee": {dee_failed_einvoice.invoice.number},
                "network_admin_nina": {cy_einvoice.invoice.number,
                                       dee_failed_einvoice.invoice.number}}[role]
    assert numbers == expected


def test_the_list_shows_each_status_and_filters(client_as, cy_einvoice, dee_failed_einvoice,
                                                django_assert_max_num_queries):
    client = client_as("network_admin_nina")

    with django_assert_max_num_queries(6):
        rows = client.get("/api/v1/manage/einvoices/").json()["results"]
    refused = client.get("/api/v1/manage/einvoices/?lifecycle=210").json()["results"]
    failed = client.get(f"/api/v1/manage/einvoices/?status=failed"
                        f"&operator={dee_failed_einvoice.invoice.seller_operator_id}")
    network_only = client.get("/api/v1/manage/einvoices/?operator=0").json()["results"]
    bad = client.get("/api/v1/manage/einvoices/?status=lost&operator=x")

    cy_row = next(r for r in rows if r["id"] == cy_einvoice.pk)
    assert [(s["code"], s["reason"]) for s in cy_row["statuses"]] == [
        ("200", ""), ("210", "Bon de commande absent")]
    assert cy_row["lifecycle"] == "210"
    assert cy_row["buyer_name"] == "Atelier Lovelace SARL"
    assert [r["id"] for r in refused] == [cy_einvoice.pk]
    assert [r["last_error"] for r in failed.json()["results"]] == ["HTTP 503"]
    assert network_only == []
    assert bad.status_code == 400
    assert set(bad.json()["fields"]) == {"status", "operator"}


def test_the_list_costs_the_same_whatever_its_length(client_as, operator_cy, manager_cy,
                                                     member_ada,
                                                     django_assert_max_num_queries):
    give_mandate(operator_cy, manager_cy)
    for index in range(12):
        business_invoice(operator_cy, member_ada, f"many-{index}")

    with django_assert_max_num_queries(6):
        answer = client_as("manager_cy").get("/api/v1/manage/einvoices/")

    assert len(answer.json()["results"]) == 12


@pytest.mark.parametrize("role", ROLES)
def test_retrying_a_failed_e_invoice(role, client_as, dee_failed_einvoice):
    answer = client_as(role).post(f"/api/v1/manage/einvoices/{dee_failed_einvoice.pk}/retry/")

    allowed = role in ("stranger_manager_dee", "network_admin_nina")
    expected = 200 if allowed else 403 if role in NOT_MANAGERS else 404
    assert answer.status_code == expected
    dee_failed_einvoice.refresh_from_db()
    assert dee_failed_einvoice.status == ("pending" if allowed else "failed")
    assert dee_failed_einvoice.attempts == (0 if allowed else 8)


def test_only_a_failed_e_invoice_is_retried(client_as, cy_einvoice):
    answer = client_as("manager_cy").post(f"/api/v1/manage/einvoices/{cy_einvoice.pk}/retry/")

    assert answer.status_code == 409
    assert answer.json()["code"] == "einvoice_not_failed"
    cy_einvoice.refresh_from_db()
    assert cy_einvoice.status == "submitted"


def test_the_buyer_sees_the_status_of_their_invoice(client_as, cy_einvoice, operator_cy,
                                                    member_ada):
    from tests.backend.billing.einvoice_cases import make_buyer

    consumer = make_buyer("consumer", "consumer@example.org")
    invoice_issue(seller=operator_seller(operator_cy), buyer=consumer, source_key="consumer",
                  service_date=dt.date(2026, 12, 1), paid_at=timezone.now(),
                  lines=[LineInput("Poste", Decimal("1"), Decimal("15.00"), VAT_REGISTERED)])

    mine = client_as("member_ada").get("/api/v1/invoices/").json()["results"]
    detail = client_as("member_ada").get(f"/api/v1/invoices/{cy_einvoice.invoice.reference}/")
    from rest_framework.test import APIClient

    other = APIClient()
    other.force_authenticate(consumer)
    theirs = other.get("/api/v1/invoices/").json()["results"]

    assert mine[0]["einvoice"] == {"status": "submitted", "lifecycle": "210",
                                   "lifecycle_at": detail.json()["einvoice"]["lifecycle_at"]}
    assert theirs[0]["einvoice"] is None  # consumer sales are not e-invoiced
