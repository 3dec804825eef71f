"""The journal over the whole cast: managers and network admins read it (scoped), nobody
else; nobody writes to it through the API, and a refused call changes nothing."""

import pytest

from ostal.audit.models import AuditEntry
from tests.conftest import ROLES, like_a_member
from tests.factories import PriceFactory, SpaceFactory

pytestmark = pytest.mark.django_db

URL = "/api/v1/audit/"
READ = like_a_member({"anonymous": 403, "member_ada": 403, "stranger_manager_dee": 200,
                      "manager_cy": 200, "network_admin_nina": 200})


@pytest.fixture
def cy_price(operator_cy, manager_cy, stranger_manager_dee, network_admin_nina):
    return PriceFactory(space=SpaceFactory(operator=operator_cy, name="La Ruche de Cy"))


@pytest.mark.parametrize("role", ROLES)
def test_reading_the_journal(client_as, role, cy_price):
    response = client_as(role).get(URL, {"category": "prices"})

    assert response.status_code == READ[role]
    if response.status_code == 200:
        names = [row["object"] for row in response.json()["results"]]
        assert names == ([] if role == "stranger_manager_dee" else [str(cy_price)])


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_nobody_writes_to_the_journal(client_as, role, method, cy_price):
    client = client_as(role)
    before = list(AuditEntry.objects.values_list("pk", "changes"))

    response = getattr(client, method)(URL, {"changes": {}}, format="json")

    assert response.status_code == (405 if READ[role] == 200 else 403)
    assert list(AuditEntry.objects.values_list("pk", "changes")) == before
