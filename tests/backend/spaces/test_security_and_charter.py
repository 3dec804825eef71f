"""The network verifies the security features places declare (what an employer's "secure
places only" policy relies on) and records each place's adherence to its charter."""

import datetime as dt

import pytest
from django.utils import timezone

from ostal.spaces.models import SecurityVerification, Service, Space
from tests.conftest import ROLES, like_a_member
from tests.factories import SpaceFactory

pytestmark = pytest.mark.django_db

NETWORK_ONLY = like_a_member({"anonymous": 403, "member_ada": 403, "stranger_manager_dee": 403,
                              "manager_cy": 403, "network_admin_nina": 200})
SECURE = ["private_room", "wired_network", "lockers", "badge_access"]
TODAY = timezone.localdate


@pytest.fixture
def cy_place(operator_cy, manager_cy, stranger_manager_dee):
    return SpaceFactory(operator=operator_cy, name="La Ruche de Cy",
                        services=["wifi", "private_room", "lockers"])


def verify(client, place, service, **extra):
    body = {"service": service, "verified_on": TODAY().isoformat(), **extra}
    return client.post(f"/api/v1/network/spaces/{place.id}/security/", body, format="json")


def test_declared_features_wait_for_the_network_then_are_verified(client_as, cy_place,
                                                                  network_admin_nina):
    client = client_as("network_admin_nina")
    waiting = client.get("/api/v1/network/security-features/?status=to_verify").json()
    assert {(r["space_name"], r["service"]) for r in waiting["results"]} == {
        ("La Ruche de Cy", "private_room"), ("La Ruche de Cy", "lockers")}  # wifi: not security

    response = verify(client, cy_place, "lockers", note="Vu sur place : 12 casiers.")

    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["verified"], body["verified_by_email"], body["note"]) == (
        True, "nina@example.org", "Vu sur place : 12 casiers.")
    rows = client.get("/api/v1/network/security-features/").json()["results"]
    assert [(r["service"], r["verified"]) for r in rows] == [("private_room", False),
                                                            ("lockers", True)]
    inbox = client.get("/api/v1/network/inbox/").json()
    assert inbox["security_to_verify"] == 1
    assert inbox["security_features"][0]["service"] == "private_room"


@pytest.mark.parametrize(("service", "extra", "field"), [
    ("badge_access", {}, "service"),  # a security feature the place does not declare
    ("wifi", {}, "service"),  # declared, but not a security feature
    ("no_such_thing", {}, "service"),
    ("lockers", {"verified_on": "2999-01-01"}, "verified_on"),
    ("lockers", {"verified_on": "hier"}, "verified_on"),
    ("lockers", {"note": "x" * 301}, "note"),
])
def test_bad_verifications_are_refused_on_their_field(client_as, cy_place, service, extra,
                                                      field):
    response = verify(client_as("network_admin_nina"), cy_place, service, **extra)

    assert response.status_code == 400
    assert field in response.json()["fields"]
    assert not SecurityVerification.objects.exists()


def test_a_feature_the_place_stops_declaring_loses_its_verification(client_as, cy_place):
    verify(client_as("network_admin_nina"), cy_place, "lockers")
    manager = client_as("manager_cy")
    read = manager.get(f"/api/v1/manage/spaces/{cy_place.id}/").json()

    manager.patch(f"/api/v1/manage/spaces/{cy_place.id}/",
                  {"services": ["wifi", "private_room"], "version": read["version"]},
                  format="json")
    assert not SecurityVerification.objects.exists()

    read = manager.get(f"/api/v1/manage/spaces/{cy_place.id}/").json()
    manager.patch(f"/api/v1/manage/spaces/{cy_place.id}/",
                  {"services": ["wifi", "private_room", "lockers"], "version": read["version"]},
                  format="json")
    waiting = client_as("network_admin_nina").get(
        "/api/v1/network/security-features/?status=to_verify").json()["results"]
    assert {r["service"] for r in waiting} == {"private_room", "lockers"}  # to check again


def test_the_network_withdraws_a_verification(client_as, cy_place):
    client = client_as("network_admin_nina")
    verify(client, cy_place, "lockers")

    response = client.delete(f"/api/v1/network/spaces/{cy_place.id}/security/lockers/")

    assert response.status_code == 204
    assert not SecurityVerification.objects.exists()
    assert cy_place.services.filter(code="lockers").exists()  # still declared


def test_the_list_runs_a_fixed_number_of_queries(client_as, operator_cy,
                                                 django_assert_max_num_queries):
    for _ in range(10):
        SpaceFactory(operator=operator_cy, services=SECURE)
    client = client_as("network_admin_nina")

    with django_assert_max_num_queries(4):
        response = client.get("/api/v1/network/security-features/")

    assert response.json()["count"] == 40


# --- charter ----------------------------------------------------------------------------------


def charter(client, place, **body):
    return client.post(f"/api/v1/network/spaces/{place.id}/charter/", body, format="json")


def test_the_network_records_a_places_charter_adherence(client_as, cy_place):
    client = client_as("network_admin_nina")
    assert client.get("/api/v1/network/inbox/").json()["charter_missing"] == 1

    response = charter(client, cy_place, version="2025-1", signed_on="2025-03-14")

    assert response.status_code == 200, response.content
    assert (response.json()["charter_version"], response.json()["charter_signed_on"]) == (
        "2025-1", "2025-03-14")
    assert client.get("/api/v1/network/inbox/").json()["charter_missing"] == 0
    cleared = charter(client, cy_place, version="")
    assert (cleared.json()["charter_version"], cleared.json()["charter_signed_on"]) == ("", None)


@pytest.mark.parametrize(("body", "field"), [
    ({"version": "2025-1"}, "signed_on"),
    ({"version": "2025-1", "signed_on": "2999-01-01"}, "signed_on"),
    ({"version": "v" * 21, "signed_on": "2025-01-01"}, "version"),
    ({"signed_on": "2025-01-01"}, "version"),
])
def test_bad_charter_input_is_refused_on_its_field(client_as, cy_place, body, field):
    response = charter(client_as("network_admin_nina"), cy_place, **body)

    assert response.status_code == 400
    assert field in response.json()["fields"]
    cy_place.refresh_from_db()
    assert (cy_place.charter_version, cy_place.charter_signed_on) == ("", None)


def test_a_stale_charter_save_is_a_409(client_as, cy_place):
    client = client_as("network_admin_nina")
    read = client.get("/api/v1/network/spaces/").json()["results"][0]
    charter(client, cy_place, version="2025-1", signed_on="2025-03-14")

    response = charter(client, cy_place, version="2024-2", signed_on="2024-10-01",
                       place_version=read["version"])

    assert response.status_code == 409
    assert response.json()["current"]["charter_version"] == "2025-1"


# --- role matrix ------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_reading_the_security_features(client_as, role, cy_place):
    assert client_as(role).get(
        "/api/v1/network/security-features/").status_code == NETWORK_ONLY[role]


@pytest.mark.parametrize("role", ROLES)
def test_verifying(client_as, role, cy_place):
    response = verify(client_as(role), cy_place, "lockers")

    assert response.status_code == NETWORK_ONLY[role]
    assert SecurityVerification.objects.exists() is (NETWORK_ONLY[role] == 200)


@pytest.mark.parametrize("role", ROLES)
def test_withdrawing_a_verification(client_as, role, cy_place, network_admin_nina):
    SecurityVerification.objects.create(space=cy_place, service=Service.objects.get(
        code="lockers"), verified_on=TODAY() - dt.timedelta(days=1))

    response = client_as(role).delete(f"/api/v1/network/spaces/{cy_place.id}/security/lockers/")

    expected = {200: 204}.get(NETWORK_ONLY[role], NETWORK_ONLY[role])
    assert response.status_code == expected
    assert SecurityVerification.objects.exists() is (expected != 204)


@pytest.mark.parametrize("role", ROLES)
def test_recording_the_charter(client_as, role, cy_place):
    response = charter(client_as(role), cy_place, version="2025-1", signed_on="2025-03-14")

    assert response.status_code == NETWORK_ONLY[role]
    assert Space.objects.get(pk=cy_place.pk).charter_version == (
        "2025-1" if NETWORK_ONLY[role] == 200 else "")


# --- the service catalogue --------------------------------------------------------------------


def test_the_network_adds_a_service_to_the_catalogue_and_the_base_set(client_as):
    nina = client_as("network_admin_nina")

    created = nina.post("/api/v1/manage/services/", {
        "code": "velo", "name_fr": "Vélos en prêt", "name_en": "Bikes to borrow",
        "category": "mobility", "is_base": True, "position": 40}, format="json")

    assert created.status_code == 201, created.content
    assert Service.objects.get(code="velo").is_base is True
    listed = {s["code"]: s for s in client_as("anonymous").get(
        "/api/v1/directory/services/").json()}
    assert listed["velo"]["name_fr"] == "Vélos en prêt"


@pytest.mark.parametrize(("body", "field"), [
    ({"code": "wifi", "name_fr": "x", "name_en": "x", "category": "amenity"}, "code"),
    ({"code": "a b", "name_fr": "x", "name_en": "x", "category": "amenity"}, "code"),
    ({"code": "nouveau", "name_fr": "", "name_en": "x", "category": "amenity"}, "name_fr"),
    ({"code": "nouveau", "name_fr": "x", "name_en": "x", "category": "magic"}, "category"),
])
def test_bad_services_are_refused_on_their_field(client_as, body, field):
    count = Service.objects.count()

    response = client_as("network_admin_nina").post("/api/v1/manage/services/", body,
                                                    format="json")

    assert response.status_code == 400
    assert field in response.json()["fields"]
    assert Service.objects.count() == count


def test_a_service_places_offer_is_not_deleted(client_as, cy_place):
    nina = client_as("network_admin_nina")
    lockers = Service.objects.get(code="lockers")

    response = nina.delete(f"/api/v1/manage/services/{lockers.id}/")

    assert response.status_code == 400
    assert "1 lieu(x)" in response.json()["fields"]["code"][0]
    assert cy_place.services.filter(code="lockers").exists()
    unused = Service.objects.create(code="inutile", name_fr="Inutile", name_en="Unused",
                                    category="amenity")
    assert nina.delete(f"/api/v1/manage/services/{unused.id}/").status_code == 204


@pytest.mark.parametrize("role", ROLES)
def test_the_catalogue_is_managed_by_the_network(client_as, role):
    client = client_as(role)
    listed = client.get("/api/v1/manage/services/")
    created = client.post("/api/v1/manage/services/", {
        "code": "velo", "name_fr": "Vélos", "name_en": "Bikes", "category": "mobility"},
        format="json")

    assert listed.status_code == NETWORK_ONLY[role]
    assert created.status_code == {200: 201}.get(NETWORK_ONLY[role], NETWORK_ONLY[role])
    assert Service.objects.filter(code="velo").exists() is (NETWORK_ONLY[role] == 200)
