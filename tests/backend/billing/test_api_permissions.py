"""Every billing and memberships endpoint over the whole cast: status codes, and nothing
changed when refused. Another member's rows are 404."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from ostal.billing.invoicing.issue import LineInput, invoice_issue
from ostal.billing.models import Invoice
from ostal.billing.vat import VAT_REGISTERED, operator_seller
from ostal.memberships.models import NetworkTariff, Plan, Subscription
from tests.conftest import NOT_MANAGERS, ROLES

pytestmark = pytest.mark.django_db


@pytest.fixture
def adas_invoice(member_ada, operator_cy):
    return invoice_issue(seller=operator_seller(operator_cy), buyer=member_ada, source_key="k",
                         service_date=dt.date(2026, 11, 20), paid_at=timezone.now(),
                         lines=[LineInput("Poste", Decimal("1"), Decimal("15.00"),
                                          VAT_REGISTERED)])


PUBLIC = ["/api/v1/plans/", "/api/v1/tariffs/", "/api/v1/billing/config/"]
MEMBER_ONLY = ["/api/v1/wallet/", "/api/v1/wallet/entries/", "/api/v1/payments/",
               "/api/v1/invoices/", "/api/v1/subscriptions/", "/api/v1/billing/profile/",
               "/api/v1/billing/notices/"]


@pytest.mark.parametrize("role", ROLES)
def test_reading_endpoints(role, client_as):
    client = client_as(role)
    for url in PUBLIC:
        assert client.get(url).status_code == 200, url
    for url in MEMBER_ONLY:
        assert client.get(url).status_code == (403 if role == "anonymous" else 200), url


@pytest.mark.parametrize("role", ROLES)
def test_someone_elses_invoice_and_payment_are_404(role, client_as, adas_invoice, adas_payment):
    client = client_as(role)
    own = role == "member_ada"
    expected = 200 if own else (403 if role == "anonymous" else 404)
    for url in (f"/api/v1/invoices/{adas_invoice.reference}/",
                f"/api/v1/invoices/{adas_invoice.reference}/pdf/",
                f"/api/v1/payments/{adas_payment.reference}/"):
        assert client.get(url).status_code == expected, url
    listed = client.get("/api/v1/invoices/")
    if role != "anonymous":
        assert len(listed.json()["results"]) == (1 if own else 0)
    assert bool(Invoice.objects.get().pdf) == own  # refused requests render nothing


@pytest.mark.parametrize("role", ROLES)
def test_manager_views_of_sales_are_scoped(role, client_as, adas_invoice, adas_payment):
    client = client_as(role)
    invoices = client.get("/api/v1/manage/invoices/")
    payments = client.get("/api/v1/manage/payments/")
    if role in NOT_MANAGERS:
        assert (invoices.status_code, payments.status_code) == (403, 403)
        return
    sees = role in ("manager_cy", "network_admin_nina")
    assert len(invoices.json()["results"]) == (1 if sees else 0)
    assert len(payments.json()["results"]) == (1 if sees else 0)
    pdf = client.get(f"/api/v1/manage/invoices/{adas_invoice.reference}/pdf/")
    assert pdf.status_code == (200 if sees else 404)


@pytest.mark.parametrize("role", ROLES)
def test_manual_refund_is_for_the_sellers_managers(role, client_as, adas_payment):
    answer = client_as(role).post(f"/api/v1/manage/payments/{adas_payment.reference}/refund/",
                                  {"amount": "5.00"}, format="json")

    allowed = role in ("manager_cy", "network_admin_nina")
    expected = 202 if allowed else (404 if role == "stranger_manager_dee" else 403)
    assert answer.status_code == expected
    assert adas_payment.refunds.count() == (1 if allowed else 0)


@pytest.mark.parametrize("role", ROLES)
def test_selling_a_place_plan(role, client_as, operator_cy):
    from tests.factories import SpaceFactory

    space = SpaceFactory(operator=operator_cy)
    body = {"kind": "place_carnet", "space": space.pk, "name": "Carnet 5 jours",
            "credits": "5", "validity_days": 120, "price": "70.00"}

    answer = client_as(role).post("/api/v1/manage/plans/", body, format="json")

    allowed = role in ("manager_cy", "network_admin_nina")
    assert answer.status_code == (201 if allowed else
                                  400 if role == "stranger_manager_dee" else 403)
    assert Plan.objects.count() == (1 if allowed else 0)
    if allowed:
        assert answer.json()["credits"] == "5.00"
        assert answer.json()["seller_name"] == (
            operator_cy.name)


@pytest.mark.parametrize("role", ROLES)
def test_selling_a_network_plan_is_for_network_admins(role, client_as):
    body = {"kind": "network_pass_monthly", "name": "Pass 8", "credits": "8",
            "price": "96.00"}

    answer = client_as(role).post("/api/v1/manage/plans/", body, format="json")

    allowed = role == "network_admin_nina"
    expected = 201 if allowed else (403 if role in NOT_MANAGERS else 400)
    assert answer.status_code == expected
    assert Plan.objects.count() == (1 if allowed else 0)


def test_plan_input_is_validated(client_as, operator_cy):
    client = client_as("network_admin_nina")
    for body in ({"kind": "network_carnet", "name": "x", "price": "10.00"},  # no credits
                 {"kind": "network_carnet", "name": "x", "credits": "1.001", "price": "10"},
                 {"kind": "network_carnet", "name": "x", "credits": "1", "price": "-3"},
                 {"kind": "network_carnet", "name": "x", "credits": "1", "price": "10",
                  "currency": "USD"},
                 {"kind": "place_unlimited", "name": "x", "price": "10"}):  # no place
        assert client.post("/api/v1/manage/plans/", body, format="json").status_code == 400
    assert not Plan.objects.exists()


@pytest.mark.parametrize("role", ROLES)
def test_tariff_grid_and_pass_places_are_for_network_admins(role, client_as, operator_cy):
    from tests.factories import SpaceFactory

    space = SpaceFactory(operator=operator_cy, accepts_network_pass=False)
    client = client_as(role)
    before = NetworkTariff.objects.get(resource_kind="meeting_room", unit="hour").credit_units

    tariff = client.put("/api/v1/network/tariffs/", {"resource_kind": "meeting_room",
                                                     "unit": "hour", "credits": "0.5"},
                        format="json")
    accept = client.patch(f"/api/v1/network/pass-spaces/{space.pk}/",
                          {"accepts_network_pass": True}, format="json")

    allowed = role == "network_admin_nina"
    expected = 200 if allowed else 403
    assert (tariff.status_code, accept.status_code) == (expected, expected)
    after = NetworkTariff.objects.get(resource_kind="meeting_room", unit="hour").credit_units
    space.refresh_from_db()
    assert (after, space.accepts_network_pass) == ((50, True) if allowed else (before, False))


@pytest.mark.parametrize("role", ["anonymous", "stranger_manager_dee"])
def test_someone_elses_subscription_is_out_of_reach(role, client_as, member_ada):
    plan = Plan.objects.create(kind="network_pass_monthly", name="Pass", credit_units=800,
                               price=Decimal("96.00"))
    sub = Subscription.objects.create(member=member_ada, plan=plan, status="active")
    client = client_as(role)

    answers = [client.get(f"/api/v1/subscriptions/{sub.reference}/"),
               client.patch(f"/api/v1/subscriptions/{sub.reference}/",
                            {"cancel_at_period_end": True}, format="json"),
               client.post(f"/api/v1/subscriptions/{sub.reference}/cancel/")]

    assert {a.status_code for a in answers} == ({403} if role == "anonymous" else {404})
    sub.refresh_from_db()
    assert sub.status == "active"
    assert not sub.cancel_at_period_end
