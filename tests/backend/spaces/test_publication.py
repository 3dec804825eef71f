"""The network publishes places: a draft (and its photos) is not public; a place cannot be
published while something a visitor needs is missing, and the refusal says what."""

import datetime as dt

import pytest
from django.utils import timezone

from ostal.spaces.models import Resource, Space
from ostal.spaces.services import space_photo_add
from tests.backend.spaces.test_place_setup import image_file
from tests.conftest import ROLES, like_a_member
from tests.factories import (
    ItineraryStopFactory,
    PriceFactory,
    ResourceFactory,
    SpaceFactory,
    commune,
)

pytestmark = pytest.mark.django_db

NETWORK_ONLY = like_a_member({"anonymous": 403, "member_ada": 403, "stranger_manager_dee": 403,
                              "manager_cy": 403, "network_admin_nina": 200})


def complete_place(**extra):
    """A draft that has everything a visitor needs."""
    values = {"description_fr": "Un coworking au cœur du bourg.", "address": "2 place du Foirail",
              "email": "bonjour@ruche.example", "accessibility_fr": "Plain-pied, toilettes PMR.",
              "is_published": False, **extra}
    place = SpaceFactory(**values)
    ResourceFactory(space=place, kind=Resource.Kind.DESK)
    PriceFactory(space=place, resource_kind=Resource.Kind.DESK)
    space_photo_add(space=place, image=image_file(), size=None, alt_fr="La salle commune")
    return place


@pytest.fixture
def cy_draft(operator_cy, manager_cy, stranger_manager_dee):
    return complete_place(operator=operator_cy, name="La Ruche de Cy")


def publish(client, place, **body):
    return client.post(f"/api/v1/network/spaces/{place.id}/publish/", body, format="json")


def test_an_empty_draft_says_everything_it_lacks(client_as, operator_cy):
    draft = SpaceFactory(operator=operator_cy, is_published=False, weekday_hours=False)

    response = publish(client_as("network_admin_nina"), draft)

    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "not_publishable"
    assert set(body["fields"]) == {"description_fr", "address", "email", "accessibility_fr",
                                   "resources", "opening_hours", "photos"}
    assert "Une description en français" in body["fields"]["description_fr"][0]
    draft.refresh_from_db()
    assert draft.is_published is False


def test_a_resource_kind_without_a_price_blocks_publication(client_as, cy_draft):
    ResourceFactory(space=cy_draft, kind=Resource.Kind.MEETING_ROOM, name="Salle Causse")

    response = publish(client_as("network_admin_nina"), cy_draft)

    assert response.status_code == 400
    assert set(response.json()["fields"]) == {"prices"}
    # an inactive room needs no price
    Resource.objects.filter(name="Salle Causse").update(is_active=False)
    assert publish(client_as("network_admin_nina"), cy_draft).status_code == 200


def test_the_truck_needs_an_upcoming_stop_not_an_address_or_hours(client_as, operator_cy):
    truck = complete_place(operator=operator_cy, kind=Space.Kind.ITINERANT, address="",
                           weekday_hours=False)
    ItineraryStopFactory(space=truck, date=timezone.localdate() - dt.timedelta(days=3))

    refused = publish(client_as("network_admin_nina"), truck)
    assert refused.status_code == 400
    assert set(refused.json()["fields"]) == {"stops"}

    ItineraryStopFactory(space=truck, date=timezone.localdate() + dt.timedelta(days=2),
                         commune=commune("48095"))
    assert publish(client_as("network_admin_nina"), truck).status_code == 200


def test_published_the_place_and_its_photos_are_public_until_unpublished(
        client_as, api_client, cy_draft):
    assert api_client.get(f"/api/v1/directory/spaces/{cy_draft.slug}/").status_code == 404

    response = publish(client_as("network_admin_nina"), cy_draft)

    assert response.status_code == 200, response.content
    assert response.json()["is_published"] is True
    assert response.json()["missing"] == []
    public = api_client.get(f"/api/v1/directory/spaces/{cy_draft.slug}/")
    assert public.status_code == 200
    assert [p["alt_fr"] for p in public.json()["photos"]] == ["La salle commune"]

    out = client_as("network_admin_nina").post(
        f"/api/v1/network/spaces/{cy_draft.id}/unpublish/", {}, format="json")

    assert out.status_code == 200
    assert api_client.get(f"/api/v1/directory/spaces/{cy_draft.slug}/").status_code == 404
    listing = api_client.get("/api/v1/directory/spaces/").json()["results"]
    assert cy_draft.slug not in {item["slug"] for item in listing}


def test_a_stale_version_is_a_409_with_the_current_place(client_as, cy_draft):
    client = client_as("network_admin_nina")
    read = client.get("/api/v1/network/spaces/?status=draft").json()["results"][0]
    client_as("manager_cy").patch(f"/api/v1/manage/spaces/{cy_draft.id}/",
                                  {"phone": "04 66 00 00 00", "version": read["version"]},
                                  format="json")

    response = publish(client, cy_draft, version=read["version"])

    assert response.status_code == 409
    assert response.json()["current"]["is_published"] is False
    cy_draft.refresh_from_db()
    assert cy_draft.is_published is False


def test_a_manager_neither_publishes_nor_unpublishes(client_as, cy_draft):
    client = client_as("manager_cy")

    response = client.patch(f"/api/v1/manage/spaces/{cy_draft.id}/", {"is_published": True},
                            format="json")

    assert response.status_code == 400
    assert "is_published" in response.json()["fields"]
    cy_draft.refresh_from_db()
    assert cy_draft.is_published is False


def test_a_place_a_manager_creates_is_a_draft(client_as, operator_cy, manager_cy):
    response = client_as("manager_cy").post("/api/v1/manage/spaces/", {
        "operator": operator_cy.id, "name": "Le Nouveau Lieu", "slug": "le-nouveau-lieu",
        "kind": "coworking", "setting": "rural", "commune": "48095", "latitude": 44.52,
        "longitude": 3.5}, format="json")

    assert response.status_code == 201, response.content
    assert Space.objects.get(slug="le-nouveau-lieu").is_published is False


def test_the_network_publishes_through_the_place_form_too_with_the_same_check(
        client_as, operator_cy):
    draft = SpaceFactory(operator=operator_cy, is_published=False)

    response = client_as("network_admin_nina").patch(f"/api/v1/manage/spaces/{draft.id}/",
                                                     {"is_published": True, "phone": "0466"},
                                                     format="json")

    assert response.status_code == 400
    assert "photos" in response.json()["fields"]
    draft.refresh_from_db()
    assert (draft.is_published, draft.phone) == (False, "")  # nothing written


def test_the_list_filters_and_searches(client_as, cy_draft, operator_dee):
    SpaceFactory(operator=operator_dee, name="Le Fablab de Dee")
    client = client_as("network_admin_nina")

    drafts = client.get("/api/v1/network/spaces/?status=draft").json()["results"]
    found = client.get("/api/v1/network/spaces/?q=dee").json()["results"]
    bad = client.get("/api/v1/network/spaces/?status=perhaps")

    assert [row["name"] for row in drafts] == ["La Ruche de Cy"]
    assert [row["name"] for row in found] == ["Le Fablab de Dee"]
    assert bad.status_code == 400
    assert "status" in bad.json()["fields"]


def test_the_list_runs_a_fixed_number_of_queries(client_as, operator_cy,
                                                 django_assert_max_num_queries):
    for _ in range(12):
        SpaceFactory(operator=operator_cy, is_published=False)
    client = client_as("network_admin_nina")

    with django_assert_max_num_queries(4):  # count, page (with the checks), + auth
        response = client.get("/api/v1/network/spaces/")

    assert response.json()["count"] == 12
    assert all(row["missing"] for row in response.json()["results"])


# --- role matrix ------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_reading_the_networks_places(client_as, role, cy_draft):
    assert client_as(role).get("/api/v1/network/spaces/").status_code == NETWORK_ONLY[role]


@pytest.mark.parametrize("role", ROLES)
def test_publishing(client_as, api_client, role, cy_draft):
    response = publish(client_as(role), cy_draft)

    assert response.status_code == NETWORK_ONLY[role]
    cy_draft.refresh_from_db()
    assert cy_draft.is_published is (NETWORK_ONLY[role] == 200)


@pytest.mark.parametrize("role", ROLES)
def test_unpublishing(client_as, role, cy_draft):
    Space.objects.filter(pk=cy_draft.pk).update(is_published=True)

    response = client_as(role).post(f"/api/v1/network/spaces/{cy_draft.id}/unpublish/", {},
                                    format="json")

    assert response.status_code == NETWORK_ONLY[role]
    cy_draft.refresh_from_db()
    assert cy_draft.is_published is (NETWORK_ONLY[role] != 200)
