"""Bringing the existing census in: CSV, XLSX and GeoJSON; every row checked; a preview,
then the import; a report of what was created, updated and refused; a second import of the
same file updates instead of duplicating; imported places unpublished, managers invited."""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook
from rest_framework.test import APIClient

from ostal.joining.models import CensusImport, CensusKey
from ostal.spaces.models import Operator, Space
from ostal.teams.models import TeamInvitation
from tests.factories import SpaceFactory, commune

pytestmark = pytest.mark.django_db
URL = "/api/v1/network/census-imports/"

HEADER = ["Identifiant", "Structure", "Forme juridique", "Nature", "SIRET", "Lieu", "Type",
          "Code INSEE", "Latitude", "Longitude", "Services", "Email gestionnaires"]
GOOD = ["CAUSSES-1", "Les Causses Connectées", "association", "privé", "73282932000074",
        "La Grange numérique", "Lieu multiservice rural", "48095", "44,52", "3,50",
        "fibre, wifi", "lea@causses.example"]
SECOND = ["CAUSSES-2", "Les Causses Connectées", "association", "privé", "73282932000074",
          "Le Fournil", "coworking", "48095", "", "", "", "lea@causses.example"]


def csv_bytes(rows: list[list[str]], delimiter: str = ";") -> bytes:
    lines = [delimiter.join(HEADER)] + [delimiter.join(row) for row in rows]
    return ("\n".join(lines) + "\n").encode("utf-8-sig")


def xlsx_bytes(rows: list[list[Any]]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def geojson_bytes(rows: list[list[str]]) -> bytes:
    features = []
    for row in rows:
        properties = dict(zip(HEADER, row, strict=True))
        lat, lon = properties.pop("Latitude"), properties.pop("Longitude")
        features.append({"type": "Feature", "properties": properties, "geometry": {
            "type": "Point", "coordinates": [float(lon.replace(",", ".")),
                                             float(lat.replace(",", "."))]}})
    return json.dumps({"type": "FeatureCollection", "features": features}).encode()


def upload(client: APIClient, name: str, data: bytes) -> Any:
    return client.post(URL, {"file": SimpleUploadedFile(name, data)}, format="multipart")


@pytest.fixture
def nina(client_as: Callable[[str], APIClient]) -> APIClient:
    return client_as("network_admin_nina")


def test_preview_then_import_creates_unpublished_places_and_invites(nina: APIClient) -> None:
    preview = upload(nina, "recensement.csv", csv_bytes([GOOD, SECOND]))

    assert preview.status_code == 201
    body = preview.json()
    assert body["status"] == "checked"
    assert [(row["row"], row["action"]) for row in body["rows"]] == [(2, "create"),
                                                                    (3, "create")]
    assert body["rows"][1]["warnings"][0].startswith("sans coordonnées : centre de Mende")
    assert Space.objects.count() == 0  # a preview writes no place

    applied = nina.post(f"{URL}{body['id']}/apply/")

    assert applied.status_code == 200
    report = applied.json()
    assert (report["status"], report["created_count"], report["updated_count"],
            report["refused_count"]) == ("applied", 2, 0, 0)
    operator = Operator.objects.get()
    assert operator.siret == "73282932000074"
    grange = Space.objects.get(name="La Grange numérique")
    assert grange.is_published is False
    assert grange.kind == "rural_multiservice"
    assert (round(grange.latitude, 2), round(grange.longitude, 2)) == (44.52, 3.5)
    assert sorted(grange.services.values_list("code", flat=True)) == ["fibre", "wifi"]
    fournil = Space.objects.get(name="Le Fournil")
    assert (fournil.latitude, fournil.longitude) == (commune("48095").latitude,
                                                     commune("48095").longitude)
    # One invitation for the operator's manager, not one per place.
    assert list(TeamInvitation.objects.values_list("email", "role")) == [
        ("lea@causses.example", "manager")]


def test_a_second_import_of_the_same_file_updates(nina: APIClient) -> None:
    first = upload(nina, "recensement.csv", csv_bytes([GOOD])).json()
    nina.post(f"{URL}{first['id']}/apply/")
    Space.objects.update(is_published=True)  # the network published it meanwhile
    renamed = [*GOOD[:5], "La Grange numérique (Mende)", *GOOD[6:]]

    second = upload(nina, "recensement.csv", csv_bytes([renamed])).json()
    assert [row["action"] for row in second["rows"]] == ["update"]
    report = nina.post(f"{URL}{second['id']}/apply/").json()

    assert (report["created_count"], report["updated_count"]) == (0, 1)
    space = Space.objects.get()
    assert space.name == "La Grange numérique (Mende)"
    assert space.is_published is True  # an update does not unpublish
    assert CensusKey.objects.get().space == space
    assert TeamInvitation.objects.count() == 1  # not invited again


@pytest.mark.parametrize(("column", "value", "reason"), [
    ("SIRET", "73282932000075", "SIRET 73282932000075 invalide"),
    ("Code INSEE", "99999", "commune « 99999 » inconnue"),
    ("Latitude", "43,60", "coordonnées à"),           # Toulouse's latitude, Mende's commune
    ("Type", "château", "type de lieu « château » inconnu"),
    ("Services", "fibre, téléportation", "service « téléportation » inconnu"),
    ("Forme juridique", "SARL?", "forme juridique"),
    ("Email gestionnaires", "lea@", "e-mail « lea@ » invalide"),
])
def test_every_row_is_checked(nina: APIClient, column: str, value: str, reason: str) -> None:
    bad = list(GOOD)
    bad[HEADER.index(column)] = value

    body = upload(nina, "recensement.csv", csv_bytes([bad, SECOND])).json()

    first, second = body["rows"]
    assert first["action"] == "refuse"
    assert any(text.startswith(reason) for text in first["reasons"]), first["reasons"]
    assert second["action"] == "create"
    report = nina.post(f"{URL}{body['id']}/apply/").json()
    assert (report["created_count"], report["refused_count"]) == (1, 1)
    assert list(Space.objects.values_list("name", flat=True)) == ["Le Fournil"]


def test_duplicates_of_existing_places_and_within_the_file_are_refused(nina: APIClient) -> None:
    SpaceFactory(name="La Grange Numerique", commune=commune("48095"))
    body = upload(nina, "recensement.csv", csv_bytes([GOOD, SECOND, SECOND])).json()

    actions = [(row["action"], row["reasons"][:1]) for row in body["rows"]]
    assert actions[0][0] == "refuse"
    assert actions[0][1][0].startswith("doublon probable d'un lieu existant")
    assert actions[1] == ("create", [])
    assert actions[2][0] == "refuse"
    assert actions[2][1][0].startswith("même lieu qu'à la ligne 3")


def test_xlsx_and_geojson_are_read_like_csv(nina: APIClient) -> None:
    xlsx_row: list[Any] = [*GOOD[:4], 73282932000074, *GOOD[5:8], 44.52, 3.5, *GOOD[10:]]
    from_xlsx = upload(nina, "recensement.xlsx", xlsx_bytes([xlsx_row])).json()
    from_geojson = upload(nina, "recensement.geojson", geojson_bytes([GOOD])).json()

    for body in (from_xlsx, from_geojson):
        assert [row["action"] for row in body["rows"]] == ["create"], body["rows"]
        assert body["rows"][0]["key"] == "id:causses 1"


@pytest.mark.parametrize(("name", "data", "message"), [
    ("recensement.txt", b"a;b", "Formats acceptés"),
    ("recensement.xlsx", b"not a workbook", "classeur XLSX illisible"),
    ("recensement.geojson", b"{\"type\": \"Feature\"}", "une FeatureCollection est attendue"),
    ("recensement.csv", ";".join(HEADER).encode(), "Aucune ligne"),
])
def test_an_unreadable_file_is_a_field_error_and_stores_nothing(
        nina: APIClient, name: str, data: bytes, message: str) -> None:
    response = upload(nina, name, data)

    assert response.status_code == 400
    assert message in response.json()["fields"]["file"][0]
    assert CensusImport.objects.count() == 0


def test_applying_twice_applies_once(nina: APIClient) -> None:
    body = upload(nina, "recensement.csv", csv_bytes([GOOD])).json()

    assert nina.post(f"{URL}{body['id']}/apply/").status_code == 200
    again = nina.post(f"{URL}{body['id']}/apply/")

    assert again.status_code == 409
    assert Space.objects.count() == 1


def test_large_files_go_to_the_worker(nina: APIClient, settings: Any,
                                      monkeypatch: pytest.MonkeyPatch,
                                      django_capture_on_commit_callbacks: Any) -> None:
    sent: list[tuple[str, tuple[Any, ...]]] = []
    monkeypatch.setattr("ostal.joining.census.services.send_task",
                        lambda name, *args: sent.append((name, args)))
    settings.CENSUS_INLINE_ROWS = 1
    with django_capture_on_commit_callbacks(execute=True):
        body = upload(nina, "recensement.csv", csv_bytes([GOOD, SECOND])).json()

    assert body["status"] == "checking"
    assert sent == [("joining.census_check", (body["id"],))]
    from ostal.joining.census.services import census_apply, census_check

    census_check(census_id=body["id"])
    assert nina.get(f"{URL}{body['id']}/").json()["status"] == "checked"
    with django_capture_on_commit_callbacks(execute=True):
        assert nina.post(f"{URL}{body['id']}/apply/").json()["status"] == "applying"
    assert sent[-1] == ("joining.census_apply", (body["id"],))
    census_apply(census_id=body["id"])
    report = nina.get(f"{URL}{body['id']}/").json()
    assert (report["status"], report["rows_done"], report["created_count"]) == ("applied", 2, 2)


def test_the_import_list_takes_a_fixed_number_of_queries(
        nina: APIClient, django_assert_max_num_queries: Any) -> None:
    for _ in range(3):
        upload(nina, "recensement.csv", csv_bytes([GOOD]))

    with django_assert_max_num_queries(3):
        response = nina.get(URL)
    assert len(response.json()) == 3
