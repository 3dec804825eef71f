"""Managing places: network admins everything, managers their operators' places only.

Every write is tried by every actor of the cast; a refused request must change nothing and
reveal nothing (404 for rows outside one's scope, not 403).
"""

import datetime as dt

import pytest

from ostal.spaces.models import (
    Closure,
    ItineraryStop,
    Operator,
    Price,
    Resource,
    Service,
    Space,
)
from tests.conftest import NOT_MANAGERS, ROLES, like_a_member
from tests.factories import SpaceFactory

pytestmark = pytest.mark.django_db

# who may write to a place of operator_cy, and the status each gets
EXPECTED_ON_CY_PLACE = like_a_member({"anonymous": 403, "member_ada": 403,
                                      "stranger_manager_dee": 404, "manager_cy": 201,
                                      "network_admin_nina": 201})


@pytest.fixture
def cy_place(operator_cy, manager_cy, stranger_manager_dee):
    return SpaceFactory(operator=operator_cy, name="La Ruche de Cy")


@pytest.mark.parametrize("role", ROLES)
def test_adding_a_resource(client_as, role, cy_place):
    before = Resource.objects.count()

    response = client_as(role).post(f"/api/v1/manage/spaces/{cy_place.id}/resources/",
                                    {"kind": "meeting_room", "name": "Salle Causse",
                                     "capacity": 8}, format="json")

    assert response.status_code == EXPECTED_ON_CY_PLACE[role]
    created = Resource.objects.count() - before
    assert created == (1 if response.status_code == 201 else 0)
    if response.status_code == 404:
        assert "Salle" not in response.content.decode()
        assert "Cy" not in response.content.decode()


@pytest.mark.parametrize("role", ROLES)
def test_editing_a_place(client_as, role, cy_place):
    response = client_as(role).patch(f"/api/v1/manage/spaces/{cy_place.id}/",
                                     {"name": "Renamed"}, format="json")

    expected = {201: 200}.get(EXPECTED_ON_CY_PLACE[role], EXPECTED_ON_CY_PLACE[role])
    assert response.status_code == expected
    cy_place.refresh_from_db()
    assert (cy_place.name == "Renamed") == (expected == 200)


@pytest.mark.parametrize("role", ROLES)
def test_listing_managed_places_shows_only_ones_own(client_as, role, cy_place, operator_dee):
    dee_place = SpaceFactory(operator=operator_dee, name="Chez Dee")

    response = client_as(role).get("/api/v1/manage/spaces/")

    if role in NOT_MANAGERS:
        assert response.status_code == 403
        return
    listed = {item["name"] for item in response.json()["results"]}
    assert listed == {"manager_cy": {cy_place.name}, "stranger_manager_dee": {dee_place.name},
                      "network_admin_nina": {cy_place.name, dee_place.name}}[role]


def test_a_manager_cannot_move_a_place_to_another_operator(client_as, cy_place, operator_dee):
    response = client_as("manager_cy").patch(f"/api/v1/manage/spaces/{cy_place.id}/",
                                             {"operator": operator_dee.id}, format="json")

    assert response.status_code == 400
    assert "operator" in response.json()["fields"]
    cy_place.refresh_from_db()
    assert cy_place.operator.name == "Coopérative Cy"


def test_a_manager_creates_a_place_for_their_operator(client_as, operator_cy, manager_cy):
    response = client_as("manager_cy").post("/api/v1/manage/spaces/", {
        "operator": operator_cy.id, "name": "Le Nouveau Lieu", "slug": "le-nouveau-lieu",
        "kind": "coworking", "setting": "rural", "commune": "48095", "latitude": 44.52,
        "longitude": 3.5, "services": ["fibre", "wifi"]}, format="json")

    assert response.status_code == 201, response.content
    space = Space.objects.get(slug="le-nouveau-lieu")
    assert space.department_code == "48"
    assert sorted(space.services.values_list("code", flat=True)) == ["fibre", "wifi"]


@pytest.mark.parametrize(("path", "payload", "field"), [
    ("opening-hours", {"weekday": 0, "opens": "18:00", "closes": "09:00"}, "closes"),
    ("opening-hours", {"weekday": 9, "opens": "09:00", "closes": "18:00"}, "weekday"),
    ("closures", {"start_date": "2026-12-26", "end_date": "2026-12-24"}, "end_date"),
    ("prices", {"resource_kind": "desk", "unit": "day", "amount": "-5", "currency": "EUR"},
     "amount"),
    ("prices", {"resource_kind": "desk", "unit": "day", "amount": "12", "currency": "USD"},
     "currency"),
    ("prices", {"resource_kind": "desk", "unit": "day", "amount": "douze"}, "amount"),
    ("resources", {"kind": "desk", "name": "P1", "capacity": 0}, "capacity"),
    ("stops", {"date": "2026-12-01", "commune": "00000", "opens": "09:00", "closes": "17:00"},
     "commune"),
])
def test_bad_input_is_a_400_with_the_field(client_as, cy_place, path, payload, field):
    response = client_as("manager_cy").post(f"/api/v1/manage/spaces/{cy_place.id}/{path}/",
                                            payload, format="json")

    assert response.status_code == 400
    assert field in response.json()["fields"]


def test_duplicates_are_refused_cleanly(client_as, cy_place):
    client = client_as("manager_cy")
    url = f"/api/v1/manage/spaces/{cy_place.id}/prices/"
    payload = {"resource_kind": "desk", "unit": "day", "amount": "12.00", "currency": "EUR"}

    assert client.post(url, payload, format="json").status_code == 201
    second = client.post(url, payload, format="json")

    assert second.status_code == 400
    assert Price.objects.filter(space=cy_place).count() == 1


def test_a_stop_defaults_to_its_communes_coordinates(client_as, cy_place):
    response = client_as("manager_cy").post(
        f"/api/v1/manage/spaces/{cy_place.id}/stops/",
        {"date": "2026-12-02", "commune": "48080", "opens": "09:00", "closes": "16:00",
         "location_note": "Place du Champ de Foire"}, format="json")

    assert response.status_code == 201, response.content
    stop = ItineraryStop.objects.get(space=cy_place)
    assert (stop.latitude, stop.longitude) == (stop.commune.latitude, stop.commune.longitude)
    assert stop.commune.name == "Langogne"


def test_closures_show_on_the_public_page(client_as, api_client, cy_place):
    next_week = dt.date.today() + dt.timedelta(days=7)
    client_as("manager_cy").post(f"/api/v1/manage/spaces/{cy_place.id}/closures/",
                                 {"start_date": next_week.isoformat(),
                                  "end_date": next_week.isoformat(), "reason": "Travaux"},
                                 format="json")

    body = api_client.get(f"/api/v1/directory/spaces/{cy_place.slug}/").json()

    assert body["closures"] == [{"start_date": next_week.isoformat(),
                                 "end_date": next_week.isoformat(), "reason": "Travaux"}]
    assert Closure.objects.count() == 1


def test_a_manager_uploads_a_photo(client_as, cy_place):
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 120, 40)).save(buffer, format="PNG")
    buffer.seek(0)
    buffer.name = "salle.png"

    response = client_as("manager_cy").post(
        f"/api/v1/manage/spaces/{cy_place.id}/photos/",
        {"image": buffer, "alt_fr": "La grande salle", "alt_en": "The main room"},
        format="multipart")

    assert response.status_code == 201, response.content
    photos = client_as("anonymous").get(
        f"/api/v1/directory/spaces/{cy_place.slug}/").json()["photos"]
    assert photos[0]["alt_fr"] == "La grande salle"
    assert photos[0]["url"].startswith("/media/spaces/")


def test_a_non_image_upload_is_refused(client_as, cy_place):
    import io

    fake = io.BytesIO(b"not an image at all")
    fake.name = "virus.png"

    response = client_as("manager_cy").post(f"/api/v1/manage/spaces/{cy_place.id}/photos/",
                                            {"image": fake, "alt_fr": "x"}, format="multipart")

    assert response.status_code == 400
    assert "image" in response.json()["fields"]


# --- operators and services: network admins ---------------------------------------------------

VALID_SIRET = "55203253400646"  # Danone SA head office (public register)


@pytest.mark.parametrize("role", ROLES)
def test_creating_an_operator(client_as, role, operator_cy, manager_cy, stranger_manager_dee):
    before = Operator.objects.count()

    response = client_as(role).post("/api/v1/manage/operators/", {
        "name": "Communauté de communes du Haut-Allier", "legal_form": "intercommunality",
        "carrier_kind": "public", "vat_status": "public_body"}, format="json")

    assert response.status_code == (201 if role == "network_admin_nina" else 403)
    assert Operator.objects.count() - before == (1 if role == "network_admin_nina" else 0)


@pytest.mark.parametrize(("siret", "vat", "field"), [
    ("55203253400647", "", "siret"),       # wrong check digit
    ("5520325340064", "", "siret"),        # 13 digits
    (VALID_SIRET, "FR00552032534", "vat_number"),  # wrong VAT key
    (VALID_SIRET, "FR83404833048", "vat_number"),  # the tax office's example: another SIREN
])
def test_operator_identifiers_are_validated(client_as, network_admin_nina, siret, vat, field):
    response = client_as("network_admin_nina").post("/api/v1/manage/operators/", {
        "name": "Test SA", "legal_form": "company", "carrier_kind": "private",
        "siret": siret, "vat_number": vat}, format="json")

    assert response.status_code == 400
    assert field in response.json()["fields"]
    assert not Operator.objects.filter(name="Test SA").exists()


def test_a_valid_operator_identity_is_accepted(client_as, network_admin_nina):
    response = client_as("network_admin_nina").post("/api/v1/manage/operators/", {
        "name": "Danone", "legal_form": "company", "carrier_kind": "private",
        "siret": VALID_SIRET, "vat_number": "FR27552032534"}, format="json")

    assert response.status_code == 201, response.content


@pytest.mark.parametrize("role", ["member_ada", "manager_cy", "network_admin_nina"])
def test_only_the_network_changes_the_base_set(client_as, role):
    childcare = Service.objects.get(code="childcare")

    response = client_as(role).patch(f"/api/v1/manage/services/{childcare.id}/",
                                     {"is_base": True}, format="json")

    childcare.refresh_from_db()
    assert response.status_code == (200 if role == "network_admin_nina" else 403)
    assert childcare.is_base == (role == "network_admin_nina")


def test_managers_read_only_their_own_operator(client_as, operator_cy, operator_dee, manager_cy):
    listed = client_as("manager_cy").get("/api/v1/manage/operators/").json()["results"]
    assert [o["name"] for o in listed] == ["Coopérative Cy"]
    assert client_as("manager_cy").get(
        f"/api/v1/manage/operators/{operator_dee.id}/").status_code == 404


@pytest.mark.parametrize(("role", "allowed"), [("manager_cy", False), ("network_admin_nina", True)])
def test_only_the_network_decides_which_places_accept_the_pass(client_as, role, allowed,
                                                               cy_place):
    response = client_as(role).patch(f"/api/v1/manage/spaces/{cy_place.id}/",
                                     {"accepts_network_pass": True}, format="json")

    cy_place.refresh_from_db()
    assert response.status_code == (200 if allowed else 400)
    assert cy_place.accepts_network_pass is allowed
