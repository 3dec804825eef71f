"""The directory list costs the same number of queries for 3 places as for 30 (no N+1)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import PriceFactory, SpaceFactory

pytestmark = pytest.mark.django_db


def make_places(count: int) -> None:
    for _ in range(count):
        space = SpaceFactory(services=["fibre", "wifi", "parking"])
        PriceFactory(space=space)


def queries_for(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize(("url", "expected"), [
    # count, then the page with its services, day price and photo (PostgreSQL: one statement)
    ("/api/v1/directory/spaces/", 2),
    # + the services and the commune named in the filters
    ("/api/v1/directory/spaces/?services=fibre,wifi&base_set=false&near_commune=31555", 4),
    # no pagination: no count
    ("/api/v1/directory/spaces.geojson", 4),
])
def test_query_count_does_not_grow_with_places(api_client, url, expected):
    make_places(3)
    few = queries_for(api_client, url)
    make_places(27)
    many = queries_for(api_client, url)

    assert many == few
    assert few <= expected  # the socle de base is part of the main query, not a COUNT of its own
