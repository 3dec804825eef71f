"""Open data downloads and the member's commute declaration."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable

import pytest
from rest_framework.test import APIClient

from ostal.accounts.models import CommuteDeclaration, User
from ostal.spaces.models import Space

pytestmark = pytest.mark.django_db


def test_directory_csv(api_client: APIClient, fabrique: Space) -> None:
    response = api_client.get("/api/v1/open-data/directory.csv")

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert [(r["name"], r["insee_code"], r["department_code"]) for r in rows] == [
        ("La Fabrique", "46102", "46")]


def test_directory_geojson(api_client: APIClient, fabrique: Space) -> None:
    response = api_client.get("/api/v1/open-data/directory.geojson")

    assert response["Content-Type"] == "application/geo+json"
    feature = response.json()["features"][0]
    assert feature["geometry"]["coordinates"] == [fabrique.longitude, fabrique.latitude]


def test_occupancy_csv_header(api_client: APIClient) -> None:
    response = api_client.get("/api/v1/open-data/occupancy-by-department.csv")

    assert b"".join(response.streaming_content).decode().splitlines() == [
        "month,department_code,department_name,places,open_hours,booked_hours,"
        "occupancy_rate,members"]


def test_declare_change_and_withdraw_commute(client_as: Callable[[str], APIClient],
                                             member_ada: User) -> None:
    client = client_as("member_ada")

    saved = client.put("/api/v1/me/commute/", {"home_commune": "48095",
                                               "workplace_commune": "34172"}, format="json")
    assert saved.status_code == 200
    assert saved.json()["home_commune"] == {"insee_code": "48095", "name": "Mende",
                                            "department_code": "48"}
    client.put("/api/v1/me/commute/", {"home_commune": "46102", "workplace_commune": None},
               format="json")
    declaration = CommuteDeclaration.objects.get(user=member_ada)
    assert (declaration.home_commune_id, declaration.workplace_commune_id) == ("46102", None)

    assert client.delete("/api/v1/me/commute/").status_code == 204
    assert not CommuteDeclaration.objects.exists()
    assert client.get("/api/v1/me/commute/").json()["home_commune"] is None


def test_unknown_commune_is_refused(client_as: Callable[[str], APIClient]) -> None:
    response = client_as("member_ada").put(
        "/api/v1/me/commute/", {"home_commune": "99999", "workplace_commune": None},
        format="json")

    assert response.status_code == 400
    assert "home_commune" in response.json()["fields"]
