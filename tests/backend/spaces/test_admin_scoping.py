"""The Django admin is scoped like the API."""

import pytest

from tests.factories import SpaceFactory

pytestmark = pytest.mark.django_db


def test_a_manager_sees_and_edits_only_their_places_in_the_admin(client, manager_cy, operator_cy,
                                                                  operator_dee):
    mine = SpaceFactory(operator=operator_cy, name="La Ruche de Cy")
    theirs = SpaceFactory(operator=operator_dee, name="Chez Dee")
    client.force_login(manager_cy)

    changelist = client.get("/admin/spaces/space/")
    assert changelist.status_code == 200
    assert "La Ruche de Cy" in changelist.text
    assert "Chez Dee" not in changelist.text
    assert client.get(f"/admin/spaces/space/{mine.pk}/change/").status_code == 200
    assert client.get(f"/admin/spaces/space/{theirs.pk}/change/").status_code in {302, 404}
    assert client.get("/admin/spaces/operator/add/").status_code == 403
    assert client.get("/admin/accounts/user/").status_code == 403


def test_a_network_admin_manages_everything_in_the_admin(client, network_admin_nina,
                                                          operator_dee):
    SpaceFactory(operator=operator_dee, name="Chez Dee")
    client.force_login(network_admin_nina)

    assert "Chez Dee" in client.get("/admin/spaces/space/").text
    assert client.get("/admin/spaces/service/").status_code == 200
    assert client.get("/admin/spaces/operator/add/").status_code == 200


def test_a_member_cannot_enter_the_admin(client, member_ada):
    client.force_login(member_ada)
    assert client.get("/admin/").status_code == 302


def test_only_the_network_decides_pass_acceptance_in_the_admin_too(
        client, manager_cy, operator_cy, network_admin_nina):
    space = SpaceFactory(operator=operator_cy, accepts_network_pass=False)
    url = f"/admin/spaces/space/{space.pk}/change/"

    client.force_login(manager_cy)
    assert 'name="accepts_network_pass"' not in client.get(url).text

    client.force_login(network_admin_nina)
    assert 'name="accepts_network_pass"' in client.get(url).text
