"""Who may read what, over the whole cast; a refused write changes nothing."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from rest_framework.test import APIClient

from ostal.analytics.models import OccupancyDaily
from ostal.spaces.models import Space
from tests.conftest import ROLES, like_a_member

pytestmark = pytest.mark.django_db

MANAGER = like_a_member({"anonymous": 403, "member_ada": 403, "stranger_manager_dee": 200,
                         "manager_cy": 200, "network_admin_nina": 200})
MANAGER_OF_FABRIQUE = {**MANAGER, "stranger_manager_dee": 404}
NETWORK = like_a_member({"anonymous": 403, "member_ada": 403, "stranger_manager_dee": 403,
                         "manager_cy": 403, "network_admin_nina": 200})


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("path", [
    "/api/v1/analytics/manager/dashboard/",
    "/api/v1/analytics/manager/today/",
    "/api/v1/analytics/manager/dashboard/series.csv",
])
def test_manager_endpoints(client_as: Callable[[str], APIClient], fabrique: Space, role: str,
                           path: str) -> None:
    assert client_as(role).get(path).status_code == MANAGER[role]
    scoped = client_as(role).get(f"{path}?space={fabrique.pk}")
    assert scoped.status_code == MANAGER_OF_FABRIQUE[role]


@pytest.mark.parametrize("role", ROLES)
def test_refresh_today(client_as: Callable[[str], APIClient], fabrique: Space, role: str
                       ) -> None:
    response = client_as(role).post("/api/v1/analytics/manager/refresh/",
                                    {"space": fabrique.pk}, format="json")

    assert response.status_code == MANAGER_OF_FABRIQUE[role]
    refreshed = OccupancyDaily.objects.filter(space=fabrique).exists()
    assert refreshed == (MANAGER_OF_FABRIQUE[role] == 200)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("path", ["/api/v1/analytics/network/dashboard/",
                                  "/api/v1/analytics/network/dashboard/departments.csv"])
def test_network_endpoints(client_as: Callable[[str], APIClient], fabrique: Space, role: str,
                           path: str) -> None:
    assert client_as(role).get(path).status_code == NETWORK[role]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("path", ["/api/v1/open-data/directory.csv",
                                  "/api/v1/open-data/directory.geojson",
                                  "/api/v1/open-data/occupancy-by-department.csv"])
def test_open_data_is_public(client_as: Callable[[str], APIClient], fabrique: Space, role: str,
                             path: str) -> None:
    assert client_as(role).get(path).status_code == 200


@pytest.mark.parametrize("role", ROLES)
def test_commute_declaration_is_for_logged_in_people(client_as: Callable[[str], APIClient],
                                                     role: str) -> None:
    expected = 403 if role == "anonymous" else 200
    assert client_as(role).get("/api/v1/me/commute/").status_code == expected


def test_a_manager_never_sees_who_is_in_elsewhere(client_as: Callable[[str], APIClient],
                                                  fabrique: Space, dee_place: Space) -> None:
    body = client_as("stranger_manager_dee").get("/api/v1/analytics/manager/today/").json()

    assert [place["space_name"] for place in body] == ["Chez Dee"]
