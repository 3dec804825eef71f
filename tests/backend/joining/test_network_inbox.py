"""The network's home page: what waits for it (applications, draft places, census files)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from rest_framework.test import APIClient

from tests.backend.joining.conftest import make_application
from tests.backend.joining.test_census_import import GOOD, csv_bytes, upload
from tests.backend.spaces.test_publication import complete_place
from tests.conftest import ROLES, like_a_member
from tests.factories import SpaceFactory

pytestmark = pytest.mark.django_db
URL = "/api/v1/network/inbox/"

NETWORK_ONLY = like_a_member({"anonymous": 403, "member_ada": 403, "stranger_manager_dee": 403,
                              "manager_cy": 403, "network_admin_nina": 200})


@pytest.fixture
def nina(client_as: Callable[[str], APIClient]) -> APIClient:
    return client_as("network_admin_nina")


def test_an_empty_network_has_nothing_waiting(nina: APIClient) -> None:
    body = nina.get(URL).json()

    assert (body["applications_new"], body["applications_in_review"], body["drafts"],
            body["census_waiting"]) == (0, 0, 0, 0)
    assert body["applications"] == body["draft_places"] == body["census_imports"] == []


def test_what_waits_is_listed(nina: APIClient, operator_cy: Any) -> None:
    first = make_application(place_name="La Grange")
    make_application(place_name="Le Moulin", status="in_review")
    make_application(place_name="Refusée", status="refused")
    SpaceFactory(operator=operator_cy, name="A incomplet", is_published=False)
    complete_place(operator=operator_cy, name="B complet")
    SpaceFactory(operator=operator_cy, name="Publié")
    upload(nina, "recensement.csv", csv_bytes([GOOD]))  # checked, not imported yet

    body = nina.get(URL).json()

    assert (body["applications_new"], body["applications_in_review"]) == (1, 1)
    assert [a["place_name"] for a in body["applications"]] == ["La Grange", "Le Moulin"]
    assert body["applications"][0]["id"] == first.pk
    assert (body["drafts"], body["drafts_ready"]) == (2, 1)
    # the ready draft first: publishing it is one click
    assert [p["name"] for p in body["draft_places"]] == ["B complet", "A incomplet"]
    assert body["draft_places"][0]["missing"] == []
    assert "photos" in {m["field"] for m in body["draft_places"][1]["missing"]}
    assert body["census_waiting"] == 1
    assert body["census_imports"][0]["original_name"] == "recensement.csv"


def test_the_inbox_runs_a_fixed_number_of_queries(
        nina: APIClient, operator_cy: Any, django_assert_max_num_queries: Any) -> None:
    for n in range(8):
        make_application(place_name=f"Projet {n}")
        SpaceFactory(operator=operator_cy, is_published=False, services=["lockers"])
        SpaceFactory(operator=operator_cy)  # published, charter not recorded

    # applications (2), drafts (1), census (2), security features (2), charter (1)
    with django_assert_max_num_queries(8):
        response = nina.get(URL)

    body = response.json()
    assert (body["drafts"], body["security_to_verify"], body["charter_missing"]) == (8, 8, 8)


@pytest.mark.parametrize("role", ROLES)
def test_the_inbox_is_for_the_network(client_as: Callable[[str], APIClient],
                                      role: str) -> None:
    assert client_as(role).get(URL).status_code == NETWORK_ONLY[role]
