"""The network's review endpoints over the whole cast: reconciliation differences (network
admins only) and monthly settlements (network admins: all; an operator's managers: their own;
anybody else: 403, or 404 for another operator's statement). Refused requests change
nothing and reveal nothing."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from ostal.billing.models import ReconciliationIssue
from ostal.billing.settlements import settlement_generate
from tests.backend.billing.test_settlements import paid
from tests.conftest import NOT_MANAGERS, ROLES
from tests.factories.bookings import paris

pytestmark = pytest.mark.django_db
ISSUES = "/api/v1/network/reconciliation-issues/"
SETTLEMENTS = "/api/v1/manage/settlements/"


def issue(stripe_id: str, kind: str = "unknown_payment", **fields) -> ReconciliationIssue:
    now = timezone.now()
    return ReconciliationIssue.objects.create(kind=kind, stripe_id=stripe_id,
                                              details={"amount": "12.00"}, first_seen_at=now,
                                              last_seen_at=now, **fields)


@pytest.fixture
def statements(operator_cy, operator_dee, member_ada):
    """March 2026 statements of both operators (a card payment each)."""
    paid(operator_cy, member_ada, "30.00", paris(2026, 3, 10, 12))
    paid(operator_dee, member_ada, "18.00", paris(2026, 3, 11, 12))
    return {name: settlement_generate(operator=op, year=2026, month=3)
            for name, op in (("cy", operator_cy), ("dee", operator_dee))}


@pytest.mark.parametrize("role", ROLES)
def test_only_network_admins_see_and_resolve_differences(role, client_as, network_admin_nina):
    open_one = issue("pi_1")
    client = client_as(role)

    listed = client.get(ISSUES)
    resolved = client.post(f"{ISSUES}{open_one.pk}/resolve/", {"note": "Remboursé à la main"},
                           format="json")
    missing = client.post(f"{ISSUES}999999/resolve/", {"note": "x"}, format="json")

    open_one.refresh_from_db()
    if role != "network_admin_nina":
        assert (listed.status_code, resolved.status_code, missing.status_code) == (403, 403, 403)
        assert "pi_1" not in listed.content.decode()
        assert open_one.status == "open"
        assert open_one.resolution_note == ""
        return
    assert listed.status_code == 200
    row, = listed.json()["results"]
    assert (row["kind"], row["kind_label"], row["stripe_id"], row["status"]) == (
        "unknown_payment", "paiement inconnu d'Ostal", "pi_1", "open")
    assert resolved.status_code == 200
    assert resolved.json()["status"] == "resolved"
    assert resolved.json()["resolved_by_email"] == "nina@example.org"
    assert resolved.json()["resolution_note"] == "Remboursé à la main"
    assert missing.status_code == 404
    assert (open_one.status, open_one.resolved_by) == ("resolved", network_admin_nina)


def test_differences_filter_by_status_and_kind_and_a_second_resolution_changes_nothing(
        client_as, network_admin_nina):
    client = client_as("network_admin_nina")
    first, _ = issue("pi_1"), issue("du_1", kind="dispute")
    client.post(f"{ISSUES}{first.pk}/resolve/", {"note": "Vu avec le lieu"}, format="json")

    again = client.post(f"{ISSUES}{first.pk}/resolve/", {"note": "autre chose"}, format="json")

    assert again.json()["resolution_note"] == "Vu avec le lieu"
    ids = lambda query: [r["stripe_id"] for r in client.get(ISSUES + query).json()["results"]]  # noqa: E731
    assert ids("?status=open") == ["du_1"]
    assert ids("?status=resolved") == ["pi_1"]
    assert ids("?kind=dispute") == ["du_1"]
    assert sorted(ids("")) == ["du_1", "pi_1"]


def test_resolving_needs_a_note(client_as, network_admin_nina):
    open_one = issue("pi_1")
    answer = client_as("network_admin_nina").post(f"{ISSUES}{open_one.pk}/resolve/", {"note": " "},
                                                  format="json")
    assert answer.status_code == 400
    assert "note" in answer.json()["fields"]
    open_one.refresh_from_db()
    assert open_one.status == "open"


def test_the_list_of_differences_costs_the_same_queries_for_more_rows(client_as,
                                                                      network_admin_nina):
    client = client_as("network_admin_nina")
    issue("pi_1")
    with CaptureQueriesContext(connection) as few:
        assert client.get(ISSUES).status_code == 200
    for n in range(2, 12):
        issue(f"pi_{n}", resolved_by=network_admin_nina, status="resolved",
              resolved_at=timezone.now() - dt.timedelta(hours=n))
    with CaptureQueriesContext(connection) as many:
        assert len(client.get(ISSUES).json()["results"]) == 11
    assert len(many) == len(few)


@pytest.mark.parametrize("role", ROLES)
def test_settlements_are_scoped_to_the_operators_one_manages(role, client_as, statements):
    client = client_as(role)
    cy, dee = statements["cy"], statements["dee"]

    listed = client.get(SETTLEMENTS)
    statement_of = {"cy": cy, "dee": dee}
    downloads = {(who, kind): client.get(f"{SETTLEMENTS}{statement_of[who].pk}/{kind}/")
                 for who in statement_of for kind in ("pdf", "csv")}

    if role in NOT_MANAGERS:
        assert listed.status_code == 403
        assert {answer.status_code for answer in downloads.values()} == {403}
        return
    sees = {"manager_cy": {"cy"}, "stranger_manager_dee": {"dee"},
            "network_admin_nina": {"cy", "dee"}}[role]
    assert listed.status_code == 200
    names = {row["operator"]["name"] for row in listed.json()["results"]}
    assert names == {{"cy": "Coopérative Cy", "dee": "Association Dee"}[w] for w in sees}
    for (who, kind), answer in downloads.items():
        assert answer.status_code == (200 if who in sees else 404), (who, kind)
        if who in sees:
            assert answer.content.startswith(b"%PDF") if kind == "pdf" else (
                f"{statement_of[who].operator.name},2026-03," in answer.content.decode())
            assert answer["Content-Disposition"].endswith(f'-2026-03.{kind}"')


def test_a_settlement_row_shows_its_totals(client_as, statements):
    row, = client_as("manager_cy").get(SETTLEMENTS + "?year=2026").json()["results"]
    assert (row["year"], row["month"], row["status"], row["currency"]) == (2026, 3, "draft",
                                                                           "EUR")
    assert row["total_collected"] == "30.00"
    assert row["has_pdf"]
    assert row["has_csv"]
    assert client_as("manager_cy").get(SETTLEMENTS + "?year=2025").json()["results"] == []


def test_the_list_of_settlements_costs_the_same_queries_for_more_rows(client_as, statements,
                                                                      network_admin_nina,
                                                                      member_ada):
    from tests.factories import OperatorFactory

    client = client_as("network_admin_nina")
    with CaptureQueriesContext(connection) as few:
        assert len(client.get(SETTLEMENTS).json()["results"]) == 2
    for n in range(3):
        operator = OperatorFactory(name=f"Structure {n}")
        paid(operator, member_ada, "12.00", paris(2026, 3, 12, 12))
        settlement_generate(operator=operator, year=2026, month=3)
    with CaptureQueriesContext(connection) as many:
        assert len(client.get(SETTLEMENTS).json()["results"]) == 5
    assert len(many) == len(few)
