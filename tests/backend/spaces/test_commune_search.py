"""The commune search box (directory "near a commune", commute declaration): anyone can search,
accents and case do not matter, names are matched from the start of a word, INSEE codes from
their start; bad input answers 400 with a message on the field."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.conftest import ROLES

pytestmark = pytest.mark.django_db
URL = "/api/v1/directory/communes/"


def found(client, q: str) -> list[str]:
    response = client.get(URL, {"q": q})
    assert response.status_code == 200, response.content
    return [commune["name"] for commune in response.json()]


@pytest.mark.parametrize("role", ROLES)
def test_every_role_can_search(client_as, role):
    response = client_as(role).get(URL, {"q": "figeac"})

    assert response.status_code == 200
    assert response.json() == [{"insee_code": "46102", "name": "Figeac", "department_code": "46",
                                "latitude": 44.60894, "longitude": 2.03155}]


@pytest.mark.parametrize("q", ["beziers", "BEZIERS", "Béziers", "bÉziers", "  béz  ",
                               "be\u0301ziers"])  # the last one typed with a combining accent
def test_ignores_accents_case_and_spaces(api_client, q):
    assert found(api_client, q)[0] == "Béziers"


def test_names_starting_with_the_search_come_first_then_later_words_by_population(api_client):
    assert found(api_client, "toulouse") == ["Toulouse", "Vieille-Toulouse"]
    assert found(api_client, "beziers") == [
        "Béziers", "Cazouls-lès-Béziers", "Villeneuve-lès-Béziers", "Thézan-lès-Béziers",
        "Murviel-lès-Béziers", "Lieuran-lès-Béziers"]


def test_matches_from_the_start_of_a_word_only(api_client):
    assert found(api_client, "ouse") == []
    assert "Saint-Gaudens" in found(api_client, "gaudens")


@pytest.mark.parametrize("q", ["saint gaudens", "Saint-Gaudens", "st gaudens", "ST-GAUD"])
def test_hyphens_and_saint_abbreviation(api_client, q):
    assert found(api_client, q) == ["Saint-Gaudens"]


@pytest.mark.parametrize(("q", "name"), [("coeur de", "Cœur de Causse"),
                                         ("escorneboeuf", "Escornebœuf"),
                                         ("ales", "Alès")])
def test_ligatures_and_grave_accents(api_client, q, name):
    assert found(api_client, q)[0] == name


def test_digits_match_the_start_of_the_insee_code(api_client):
    assert found(api_client, "31555") == ["Toulouse"]
    codes = [c["insee_code"] for c in api_client.get(URL, {"q": "312"}).json()]
    assert codes
    assert all(code.startswith("312") for code in codes)


def test_at_most_twenty_in_one_query(api_client):
    with CaptureQueriesContext(connection) as captured:
        names = found(api_client, "sa")

    assert len(names) == 20
    assert len(captured) == 1


@pytest.mark.parametrize("params", [{}, {"q": ""}, {"q": "f"}, {"q": " - ' "}, {"q": "x" * 61}])
def test_bad_search_answers_400_with_a_field_message(api_client, params):
    response = api_client.get(URL, params)

    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid"
    assert body["fields"]["q"]
    assert body["message"] == body["fields"]["q"][0]
