"""Managers set up their place: details, services, photos; a stale save is a 409, never a
silent overwrite.

Every new write is tried by the whole cast; a refused call changes nothing.
"""

import io
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from PIL import Image

from ostal.spaces.models import Service, Space, SpacePhoto
from ostal.spaces.photos import MAX_PHOTOS_PER_PLACE
from ostal.spaces.services import space_update, version_of
from tests.backend.billing.concurrency import requires_postgres, run_concurrently
from tests.conftest import ROLES, like_a_member
from tests.factories import SpaceFactory

pytestmark = pytest.mark.django_db

# who may write to a place of operator_cy (a stranger manager does not even see it)
ON_CY_PLACE = like_a_member({"anonymous": 403, "member_ada": 403, "stranger_manager_dee": 404,
                             "manager_cy": 200, "network_admin_nina": 200})


@pytest.fixture
def cy_place(operator_cy, manager_cy, stranger_manager_dee):
    return SpaceFactory(operator=operator_cy, name="La Ruche de Cy")


def image_file(size=(800, 600), fmt="JPEG", name="salle.jpg", exif_gps=False, mode="RGB"):
    buffer = io.BytesIO()
    picture = Image.new(mode, size, (200, 120, 40) if mode == "RGB" else (200, 120, 40, 128))
    kwargs = {}
    if exif_gps:
        exif = Image.Exif()
        exif[0x010F] = "CameraMaker"           # Make
        exif[0x8825] = {2: (43.0, 36.0, 0.0)}  # GPSInfo: a latitude
        kwargs["exif"] = exif
    picture.save(buffer, format=fmt, **kwargs)
    buffer.seek(0)
    buffer.name = name
    return buffer


def upload(client, place, **kwargs):
    alt = kwargs.pop("alt_fr", "La grande salle, vue de l'entrée")
    return client.post(f"/api/v1/manage/spaces/{place.id}/photos/",
                       {"image": image_file(**kwargs), "alt_fr": alt,
                        "alt_en": "The main room"}, format="multipart")


def stored_path(photo):
    return Path(settings.MEDIA_ROOT) / photo.image.name


# --- details and services, with the version precondition ------------------------------------


def test_a_manager_edits_details_descriptions_accessibility_and_services(client_as, cy_place):
    client = client_as("manager_cy")
    read = client.get(f"/api/v1/manage/spaces/{cy_place.id}/").json()

    response = client.patch(f"/api/v1/manage/spaces/{cy_place.id}/", {
        "version": read["version"], "description_fr": "Un lieu au cœur du village.",
        "description_en": "A place in the heart of the village.",
        "accessibility_fr": "Entrée de plain-pied, toilettes adaptées.",
        "accessibility_en": "Step-free entrance, accessible toilets.",
        "wheelchair_accessible": True, "services": ["fibre", "badge_access", "lockers"],
    }, format="json")

    assert response.status_code == 200, response.content
    cy_place.refresh_from_db()
    assert cy_place.description_en == "A place in the heart of the village."
    assert cy_place.wheelchair_accessible is True
    assert sorted(cy_place.services.values_list("code", flat=True)) == [
        "badge_access", "fibre", "lockers"]
    assert response.json()["version"] != read["version"]


def test_the_second_of_two_managers_saving_from_the_same_version_gets_409_with_current_values(
        client_as, cy_place):
    client = client_as("manager_cy")
    version = client.get(f"/api/v1/manage/spaces/{cy_place.id}/").json()["version"]
    first = client.patch(f"/api/v1/manage/spaces/{cy_place.id}/",
                         {"version": version, "phone": "04 66 00 00 01"}, format="json")

    second = client_as("network_admin_nina").patch(
        f"/api/v1/manage/spaces/{cy_place.id}/",
        {"version": version, "phone": "04 66 99 99 99", "name": "Écrasé"}, format="json")

    assert first.status_code == 200
    assert second.status_code == 409
    body = second.json()
    assert body["code"] == "stale_version"
    assert "Quelqu'un d'autre" in body["message"]
    assert body["current"]["phone"] == "04 66 00 00 01"
    assert body["current"]["version"] == first.json()["version"]
    cy_place.refresh_from_db()
    assert (cy_place.phone, cy_place.name) == ("04 66 00 00 01", "La Ruche de Cy")


def test_an_unreadable_version_is_a_400_on_the_field(client_as, cy_place):
    response = client_as("manager_cy").patch(f"/api/v1/manage/spaces/{cy_place.id}/",
                                             {"version": "hier", "phone": "1"}, format="json")

    assert response.status_code == 400
    assert "version" in response.json()["fields"]
    cy_place.refresh_from_db()
    assert cy_place.phone != "1"


def test_an_unknown_service_is_a_400_and_changes_nothing(client_as, cy_place):
    cy_place.services.set([Service.objects.get(code="fibre")])

    response = client_as("manager_cy").patch(f"/api/v1/manage/spaces/{cy_place.id}/",
                                             {"services": ["fibre", "teleporter"]},
                                             format="json")

    assert response.status_code == 400
    assert "services" in response.json()["fields"]
    assert list(cy_place.services.values_list("code", flat=True)) == ["fibre"]


@requires_postgres
@pytest.mark.django_db(transaction=True)
def test_racing_saves_from_one_version_let_exactly_one_through(operator_cy, manager_cy):
    place = SpaceFactory(operator=operator_cy)
    version = version_of(place)

    results = run_concurrently(4, lambda i: space_update(
        actor=manager_cy, space=Space.objects.get(pk=place.pk),
        data={"phone": f"04 66 00 00 0{i}"}, version=version))

    saved = [r for r in results if isinstance(r, Space)]
    conflicts = [r for r in results if getattr(r, "code", None) == "stale_version"]
    assert (len(saved), len(conflicts)) == (1, 3), results
    place.refresh_from_db()
    assert place.phone == saved[0].phone


# --- photos -----------------------------------------------------------------------------------


def test_an_upload_is_reencoded_as_a_jpeg_without_metadata_under_a_random_name(client_as,
                                                                                cy_place):
    response = upload(client_as("manager_cy"), cy_place, size=(4000, 3000), fmt="JPEG",
                      name="maison-de-mme-martin.jpg", exif_gps=True)

    assert response.status_code == 201, response.content
    photo = SpacePhoto.objects.get(space=cy_place)
    assert "martin" not in photo.image.name
    assert photo.image.name.startswith("spaces/")
    assert photo.image.name.endswith(".jpg")
    with Image.open(stored_path(photo)) as stored:
        assert stored.format == "JPEG"
        assert max(stored.size) == 2000
        assert stored.size == (2000, 1500)
        assert len(stored.getexif()) == 0
    assert response.json()["url"] == f"/media/{photo.image.name}"
    assert "image" not in response.json()


def test_a_transparent_png_is_flattened_on_white(client_as, cy_place):
    response = upload(client_as("manager_cy"), cy_place, fmt="PNG", name="logo.png", mode="RGBA")

    assert response.status_code == 201, response.content
    with Image.open(stored_path(SpacePhoto.objects.get(space=cy_place))) as stored:
        assert stored.mode == "RGB"


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"fmt": "GIF", "name": "anim.gif"}, "JPEG, PNG ou WebP"),
    ({"fmt": "BMP", "name": "scan.bmp"}, "JPEG, PNG ou WebP"),
    ({"size": (8000, 6000), "fmt": "PNG", "name": "huge.png"}, "40 mégapixels"),
])
def test_refused_uploads_say_why_on_the_image_field(client_as, cy_place, kwargs, message):
    response = upload(client_as("manager_cy"), cy_place, **kwargs)

    assert response.status_code == 400
    assert message in response.json()["fields"]["image"][0]
    assert not SpacePhoto.objects.exists()
    assert not list(Path(settings.MEDIA_ROOT).rglob("*.*"))


def test_a_file_over_five_megabytes_is_refused(client_as, cy_place):
    big = io.BytesIO(image_file().getvalue() + b"\0" * (5 * 1024 * 1024))
    big.name = "big.jpg"

    response = client_as("manager_cy").post(f"/api/v1/manage/spaces/{cy_place.id}/photos/",
                                            {"image": big, "alt_fr": "Salle"},
                                            format="multipart")

    assert response.status_code == 400
    assert "5 Mo" in response.json()["fields"]["image"][0]
    assert not SpacePhoto.objects.exists()


def test_a_truncated_image_is_refused(client_as, cy_place):
    broken = io.BytesIO(image_file().getvalue()[:400])
    broken.name = "broken.jpg"

    response = client_as("manager_cy").post(f"/api/v1/manage/spaces/{cy_place.id}/photos/",
                                            {"image": broken, "alt_fr": "Salle"},
                                            format="multipart")

    assert response.status_code == 400
    assert "image" in response.json()["fields"]


def test_a_photo_needs_an_alternative_text(client_as, cy_place):
    response = upload(client_as("manager_cy"), cy_place, alt_fr="   ")

    assert response.status_code == 400
    assert "alt_fr" in response.json()["fields"]
    assert not SpacePhoto.objects.exists()


def test_a_place_has_at_most_twelve_photos(client_as, cy_place):
    client = client_as("manager_cy")
    for _ in range(MAX_PHOTOS_PER_PLACE):
        assert upload(client, cy_place, size=(64, 48)).status_code == 201

    response = upload(client, cy_place, size=(64, 48))

    assert response.status_code == 400
    assert "12 photos" in response.json()["fields"]["image"][0]
    assert SpacePhoto.objects.filter(space=cy_place).count() == MAX_PHOTOS_PER_PLACE


def test_photos_are_reordered_and_the_first_is_the_public_cover(client_as, api_client,
                                                                cy_place):
    client = client_as("manager_cy")
    ids = [upload(client, cy_place, alt_fr=f"Photo {n}").json()["id"] for n in (1, 2, 3)]

    response = client.post(f"/api/v1/manage/spaces/{cy_place.id}/photos/reorder/",
                           {"order": [ids[2], ids[0], ids[1]]}, format="json")

    assert response.status_code == 200, response.content
    assert [p["alt_fr"] for p in response.json()] == ["Photo 3", "Photo 1", "Photo 2"]
    public = api_client.get(f"/api/v1/directory/spaces/{cy_place.slug}/").json()["photos"]
    assert [p["alt_fr"] for p in public] == ["Photo 3", "Photo 1", "Photo 2"]


@pytest.mark.parametrize("order", ["zero", "missing", "twice"])
def test_an_order_that_does_not_name_every_photo_once_is_refused(client_as, cy_place, order):
    client = client_as("manager_cy")
    ids = [upload(client, cy_place, alt_fr=f"Photo {n}").json()["id"] for n in (1, 2)]
    order = {"zero": [0], "missing": [ids[1]], "twice": [ids[1], ids[1], ids[0]]}[order]

    response = client.post(f"/api/v1/manage/spaces/{cy_place.id}/photos/reorder/",
                           {"order": order}, format="json")

    assert response.status_code == 400
    assert "order" in response.json()["fields"]
    assert list(SpacePhoto.objects.order_by("position").values_list("pk", flat=True)) == ids


def test_alt_texts_change_with_the_version_precondition(client_as, cy_place):
    client = client_as("manager_cy")
    photo = upload(client, cy_place).json()
    url = f"/api/v1/manage/spaces/{cy_place.id}/photos/{photo['id']}/"
    first = client.patch(url, {"version": photo["version"], "alt_fr": "Salle lumineuse"},
                         format="json")

    second = client.patch(url, {"version": photo["version"], "alt_fr": "Autre texte"},
                          format="json")

    assert first.status_code == 200
    assert second.status_code == 409
    assert second.json()["current"]["alt_fr"] == "Salle lumineuse"
    assert SpacePhoto.objects.get().alt_fr == "Salle lumineuse"


def test_removing_a_photo_removes_its_file(client_as, cy_place, django_capture_on_commit_callbacks):
    client = client_as("manager_cy")
    photo_id = upload(client, cy_place).json()["id"]
    path = stored_path(SpacePhoto.objects.get())
    assert path.exists()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.delete(f"/api/v1/manage/spaces/{cy_place.id}/photos/{photo_id}/")

    assert response.status_code == 204
    assert not SpacePhoto.objects.exists()
    assert not path.exists()


def test_a_draft_places_photos_are_not_public(client_as, api_client, cy_place):
    cy_place.is_published = False
    cy_place.save()
    upload(client_as("manager_cy"), cy_place)

    detail = api_client.get(f"/api/v1/directory/spaces/{cy_place.slug}/")
    listing = api_client.get("/api/v1/directory/spaces/").json()["results"]

    assert detail.status_code == 404
    assert cy_place.slug not in {item["slug"] for item in listing}
    managed = client_as("manager_cy").get(f"/api/v1/manage/spaces/{cy_place.id}/photos/")
    assert len(managed.json()) == 1


# --- role matrix of the photo endpoints ------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_uploading_a_photo(client_as, role, cy_place):
    response = upload(client_as(role), cy_place)

    expected = {200: 201}.get(ON_CY_PLACE[role], ON_CY_PLACE[role])
    assert response.status_code == expected
    assert SpacePhoto.objects.count() == (1 if expected == 201 else 0)
    assert bool(list(Path(settings.MEDIA_ROOT).rglob("*.jpg"))) == (expected == 201)


@pytest.fixture
def two_photos(client_as, cy_place):
    client = client_as("manager_cy")
    return [upload(client, cy_place, alt_fr=f"Photo {n}").json() for n in (1, 2)]


@pytest.mark.parametrize("role", ROLES)
def test_reordering_photos(client_as, role, cy_place, two_photos):
    response = client_as(role).post(f"/api/v1/manage/spaces/{cy_place.id}/photos/reorder/",
                                    {"order": [two_photos[1]["id"], two_photos[0]["id"]]},
                                    format="json")

    assert response.status_code == ON_CY_PLACE[role]
    first = SpacePhoto.objects.order_by("position").first()
    assert first.alt_fr == ("Photo 2" if ON_CY_PLACE[role] == 200 else "Photo 1")


@pytest.mark.parametrize("role", ROLES)
def test_changing_a_photos_text(client_as, role, cy_place, two_photos):
    response = client_as(role).patch(
        f"/api/v1/manage/spaces/{cy_place.id}/photos/{two_photos[0]['id']}/",
        {"alt_fr": "Changé", "version": two_photos[0]["version"]}, format="json")

    assert response.status_code == ON_CY_PLACE[role]
    changed = SpacePhoto.objects.filter(alt_fr="Changé").exists()
    assert changed == (ON_CY_PLACE[role] == 200)


@pytest.mark.parametrize("role", ROLES)
def test_removing_a_photo(client_as, role, cy_place, two_photos):
    response = client_as(role).delete(
        f"/api/v1/manage/spaces/{cy_place.id}/photos/{two_photos[0]['id']}/")

    expected = {200: 204}.get(ON_CY_PLACE[role], ON_CY_PLACE[role])
    assert response.status_code == expected
    assert SpacePhoto.objects.count() == (1 if expected == 204 else 2)


# --- query counts ----------------------------------------------------------------------------


def test_the_photo_list_costs_the_same_for_two_or_ten_photos(client_as, cy_place,
                                                             django_assert_max_num_queries):
    client = client_as("manager_cy")
    url = f"/api/v1/manage/spaces/{cy_place.id}/photos/"
    for _ in range(2):
        upload(client, cy_place, size=(64, 48))
    with CaptureQueriesContext(connection) as few:
        assert len(client.get(url).json()) == 2
    few_count = len(few)  # read now: the next request resets the connection's query log
    assert few_count <= 6
    for _ in range(8):
        upload(client, cy_place, size=(64, 48))

    with django_assert_max_num_queries(few_count):
        assert len(client.get(url).json()) == 10


def test_the_managed_places_list_costs_the_same_for_one_or_five_places(
        client_as, cy_place, operator_cy, django_assert_max_num_queries):
    client = client_as("manager_cy")
    with CaptureQueriesContext(connection) as few:
        assert client.get("/api/v1/manage/spaces/").json()["count"] == 1
    few_count = len(few)
    assert few_count <= 8
    for n in range(4):
        SpaceFactory(operator=operator_cy, name=f"Annexe {n}").services.set(
            Service.objects.all()[:3])

    with django_assert_max_num_queries(few_count):
        assert client.get("/api/v1/manage/spaces/").json()["count"] == 5
