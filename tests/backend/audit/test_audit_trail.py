"""The audit trail: who changed what, when and from where, as network admins and managers see
it; people named by id in the rows (an erased person shows under their pseudonym); the
filters; bad filters are 400s."""

import datetime as dt
import json
from decimal import Decimal

import pytest
from django.db import connection

from ostal.audit.models import AuditEntry
from ostal.memberships.models import NetworkTariff
from ostal.spaces.models import Price
from tests.factories import PriceFactory, SpaceFactory, UserFactory

pytestmark = pytest.mark.django_db

URL = "/api/v1/audit/"


@pytest.fixture
def cy_place(operator_cy, manager_cy):
    return SpaceFactory(operator=operator_cy, name="La Ruche de Cy")


@pytest.fixture
def dee_place(operator_dee, stranger_manager_dee):
    return SpaceFactory(operator=operator_dee, name="Le Mas de Dee")


def _results(response):
    assert response.status_code == 200, response.content
    return response.json()["results"]


def test_a_price_change_says_who_what_when_and_from_where(client_as, cy_place, manager_cy,
                                                          settings):
    settings.TRUSTED_PROXY_COUNT = 1  # nginx in front: the client is the last entry it added
    price = PriceFactory(space=cy_place, resource_kind="desk", unit="day",
                         amount=Decimal("12.00"))
    client = client_as("manager_cy")

    response = client.patch(f"/api/v1/manage/spaces/{cy_place.pk}/prices/{price.pk}/",
                            {"amount": "14.50"}, format="json",
                            HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.9")

    assert response.status_code == 200, response.content
    entry = AuditEntry.objects.get(category="prices", action=AuditEntry.Action.UPDATE)
    assert entry.actor == manager_cy
    assert entry.operator_id == cy_place.operator_id
    assert entry.remote_addr == "203.0.113.9"  # not what the client wrote in front
    assert entry.changes == {"amount": ["12.00", "14.50"]}
    shown = _results(client_as("network_admin_nina").get(URL, {"category": "prices"}))
    assert [(row["action"], row["actor"], row["operator"]["name"], row["remote_addr"])
            for row in shown] == [("update", "cy@example.org", "Coopérative Cy", "203.0.113.9"),
                                  ("create", None, "Coopérative Cy", None)]
    assert shown[0]["changes"] == [{"field": "amount", "before": "12.00", "after": "14.50",
                                    "operation": "", "objects": []}]


def test_a_manager_does_not_see_where_people_were(client_as, cy_place):
    PriceFactory(space=cy_place)

    rows = _results(client_as("manager_cy").get(URL))

    assert rows
    assert all(row["remote_addr"] is None for row in rows)


def test_roles_name_people_by_id_and_show_their_current_name(client_as, operator_cy):
    newcomer = UserFactory(email="zoe@example.org", first_name="Zoé", last_name="Martin")

    operator_cy.managers.add(newcomer)

    entry = AuditEntry.objects.get(category="roles", changes__managers__operation="add")
    assert "zoe@example.org" not in json.dumps([entry.changes, entry.object_repr])
    client = client_as("network_admin_nina")

    def team_changes():
        return [row["changes"] for row in _results(client.get(URL, {"category": "roles"}))
                if row["object_type"] == "spaces.operator" and row["action"] == "update"]

    assert team_changes() == [[{"field": "managers", "operation": "add", "before": None,
                                "after": None, "objects": ["Zoé Martin <zoe@example.org>"]}]]
    # Erased later (pseudonym): the journal follows, without touching the entry.
    newcomer.first_name, newcomer.last_name, newcomer.email = "", "", "erased-7@invalid"
    newcomer.save()
    assert team_changes()[0][0]["objects"] == ["erased-7@invalid"]


def test_a_network_role_given_is_recorded(client_as, network_admin_nina):
    member = UserFactory(email="new-admin@example.org")
    member.is_network_admin = True
    member.save()

    rows = [row for row in _results(client_as("network_admin_nina").get(URL, {"action": "update"}))
            if row["object_type"] == "accounts.user"]
    assert [(row["object"], row["changes"]) for row in rows] == [
        ("new-admin@example.org", [{"field": "is_network_admin", "before": "False",
                                    "after": "True", "operation": "", "objects": []}])]


def test_managers_see_their_own_operators_entries_only(client_as, cy_place, dee_place):
    PriceFactory(space=cy_place, amount=Decimal("10.00"))
    PriceFactory(space=dee_place, amount=Decimal("20.00"))
    tariff = NetworkTariff.objects.first()
    tariff.credit_units += 1
    tariff.save()  # the network's own tariff grid: network admins only

    def seen(role):
        return {(row["category"], (row["operator"] or {}).get("name"))
                for row in _results(client_as(role).get(URL))}

    assert seen("manager_cy") == {("prices", "Coopérative Cy"), ("places", "Coopérative Cy"),
                                  ("roles", "Coopérative Cy")}
    assert ("prices", "Association Dee") in seen("stranger_manager_dee")
    assert not {name for _, name in seen("stranger_manager_dee")} & {"Coopérative Cy"}
    assert {("prices", "Coopérative Cy"), ("prices", "Association Dee"),
            ("prices", None)} <= seen("network_admin_nina")


def test_filters(client_as, cy_place, dee_place):
    price = PriceFactory(space=cy_place, amount=Decimal("10.00"))
    price.amount = Decimal("11.00")
    price.save()
    Price.objects.get(pk=price.pk).delete()
    PriceFactory(space=dee_place)
    client = client_as("network_admin_nina")
    today = dt.date.today()

    def count(**params):
        return len(_results(client.get(URL, {"category": "prices", **params})))

    assert count() == 4
    assert count(action="delete") == 1
    assert count(action="update") == 1
    assert count(operator=cy_place.operator_id) == 3
    assert count(since=today - dt.timedelta(days=1), until=today + dt.timedelta(days=1)) == 4
    assert count(until=today - dt.timedelta(days=2)) == 0
    assert count(since="1900-01-01", until="2999-12-31") == 4


@pytest.mark.parametrize(("params", "field"), [
    ({"category": "secrets"}, "category"),
    ({"action": "truncate"}, "action"),
    ({"operator": "abc"}, "operator"),
    ({"operator": "99999999999999"}, "operator"),
    ({"since": "2026-02-30"}, "since"),
    ({"since": "0001-01-01"}, "since"),
    ({"until": "9999-12-31"}, "until"),
    ({"since": "2026-12-08", "until": "2026-12-01"}, "until"),
    ({"since": "2026\x0012-01"}, "since"),
])
def test_bad_filters_are_400s_with_a_field(client_as, params, field):
    response = client_as("network_admin_nina").get(URL, params)

    assert response.status_code == 400
    assert field in response.json()["fields"]


def test_listing_costs_the_same_for_many_entries(client_as, cy_place,
                                                 django_assert_max_num_queries):
    for kind in ("desk", "meeting_room", "office"):
        for unit in ("hour", "day"):
            PriceFactory(space=cy_place, resource_kind=kind, unit=unit)
    for person in UserFactory.create_batch(5):
        cy_place.operator.managers.add(person)  # five entries naming a person each
    client = client_as("network_admin_nina")

    # count, page, the people named (one query for all): none per entry
    with django_assert_max_num_queries(4):
        rows = _results(client.get(URL))
    assert len(rows) >= 12


@pytest.mark.skipif(connection.vendor != "postgresql", reason="enforced by PostgreSQL")
def test_the_database_keeps_entries_append_only(cy_place):
    from django.db import DatabaseError, transaction

    PriceFactory(space=cy_place)
    entry = AuditEntry.objects.filter(category="prices").get()
    for change in ({"changes": {"amount": ["1", "2"]}}, {"actor_id": cy_place.operator_id},
                   {"timestamp": entry.timestamp - dt.timedelta(days=4000)},
                   {"remote_addr": "10.0.0.1"}):
        with pytest.raises(DatabaseError), transaction.atomic():
            AuditEntry.objects.filter(pk=entry.pk).update(**change)
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEntry.objects.filter(pk=entry.pk).delete()

    AuditEntry.objects.filter(pk=entry.pk).update(remote_addr=None)  # retention: allowed
    assert AuditEntry.objects.filter(pk=entry.pk).exists()


def test_retention_clears_addresses_after_a_year_and_keeps_entries_ten_years(cy_place, settings):
    from ostal.audit.services import audit_retention_apply

    settings.RETENTION_AUDIT_ADDRESS_DAYS = 365
    now = dt.datetime(2026, 12, 8, 3, 0, tzinfo=dt.UTC)
    price = PriceFactory(space=cy_place)
    kinds = {"old": now - dt.timedelta(days=400), "recent": now - dt.timedelta(days=300),
             "ancient": now - dt.timedelta(days=3660)}
    for name, when in kinds.items():
        AuditEntry.objects.log_create(price, force_log=True, action=AuditEntry.Action.UPDATE,
                                      changes={"amount": [name, name]}, timestamp=when,
                                      remote_addr="192.0.2.1")

    assert audit_retention_apply(now=now) == (2, 1)

    kept = dict(AuditEntry.objects.filter(timestamp__lt=now - dt.timedelta(days=1))
                .values_list("changes__amount__0", "remote_addr"))
    assert kept == {"old": None, "recent": "192.0.2.1"}
    assert audit_retention_apply(now=now) == (0, 0)


def test_withdrawing_a_place_is_recorded(client_as, cy_place, network_admin_nina):
    # Only the network publishes or withdraws a place; its managers read who did it.
    response = client_as("network_admin_nina").patch(f"/api/v1/manage/spaces/{cy_place.pk}/",
                                             {"is_published": False}, format="json")

    assert response.status_code == 200, response.content
    rows = _results(client_as("manager_cy").get(URL, {"category": "places",
                                                      "action": "update"}))
    assert [(row["object"], row["actor"], row["changes"]) for row in rows] == [
        ("La Ruche de Cy", "nina@example.org", [{"field": "is_published", "before": "True",
                                               "after": "False", "operation": "",
                                               "objects": []}])]


def test_new_weekly_hours_are_recorded_range_by_range(client_as, cy_place, manager_cy):
    client = client_as("manager_cy")
    url = f"/api/v1/manage/spaces/{cy_place.pk}/opening-hours/week/"
    version = client.get(url).json()["version"]
    before = AuditEntry.objects.filter(category="rules").count()
    response = client.put(url, {"hours": [{"weekday": 0, "opens": "08:00", "closes": "12:00"}],
                                "version": version}, format="json")

    assert response.status_code == 200, response.content
    entries = AuditEntry.objects.filter(category="rules").order_by("pk")[before:]
    actions = sorted(entry.action for entry in entries)
    # Monday to Friday 09:00-18:00 removed, Monday morning added, all by Cy.
    assert actions.count(AuditEntry.Action.DELETE) == 5
    assert actions.count(AuditEntry.Action.CREATE) == 1
    assert {entry.actor for entry in entries} == {manager_cy}


def test_changed_booking_rules_are_recorded(client_as, cy_place, manager_cy):
    client = client_as("manager_cy")
    url = f"/api/v1/manage/spaces/{cy_place.pk}/booking-policies/"
    rules = client.post(url, {"resource_kind": "desk", "sale_unit": "day"}, format="json").json()

    response = client.patch(f"{url}{rules['id']}/", {"min_notice_minutes": 120,
                                                     "version": rules["version"]},
                            format="json")

    assert response.status_code == 200, response.content
    entry = AuditEntry.objects.get(category="rules", action=AuditEntry.Action.UPDATE)
    assert entry.actor == manager_cy
    assert entry.changes["min_notice_minutes"] == ["0", "120"]
