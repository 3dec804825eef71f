"""Searches that find nothing are counted as unmet demand; ones that find places are not."""

import pytest

from ostal.analytics.models import SearchLog
from tests.factories import SpaceFactory

pytestmark = pytest.mark.django_db


def test_an_empty_directory_search_is_logged_and_a_fruitful_one_is_not(api_client):
    SpaceFactory(kind="coworking")

    api_client.get("/api/v1/directory/spaces/?kind=coworking")
    api_client.get("/api/v1/directory/spaces/?kind=fablab&department=48")

    logged = list(SearchLog.objects.values("source", "space_kind", "department_code",
                                           "results"))
    assert logged == [{"source": "directory", "space_kind": "fablab", "department_code": "48",
                       "results": 0}]


def test_an_availability_search_with_nothing_free_is_logged(api_client):
    response = api_client.get("/api/v1/availability/?date=2026-12-02&kind=desk"
                              "&near_commune=48095&radius_km=5")

    assert response.status_code == 200
    assert response.json()["count"] == 0
    assert SearchLog.objects.filter(source="availability", resource_kind="desk",
                                    department_code="48").count() == 1


def test_a_refused_search_logs_nothing(api_client):
    assert api_client.get("/api/v1/directory/spaces/?kind=boat").status_code == 400
    assert not SearchLog.objects.exists()
