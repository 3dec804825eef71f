"""`space_create` / `space_update`: who may put a place under an operator, and who decides that
a place accepts the network pass (the rules the management API and any other edge share)."""

import pytest

from ostal.spaces.errors import SpaceError
from ostal.spaces.models import Commune, Service, Space
from ostal.spaces.services import space_create, space_update
from tests.factories import SpaceFactory

pytestmark = pytest.mark.django_db


def new_place(operator, **extra):
    return {"operator": operator, "name": "Le Relais", "slug": "le-relais", "kind": "coworking",
            "setting": "rural", "commune": Commune.objects.get(pk="48095"), "latitude": 44.52,
            "longitude": 3.5, **extra}


def test_a_manager_creates_places_for_their_own_operator_only(manager_cy, operator_cy,
                                                              operator_dee):
    with pytest.raises(SpaceError) as refused:
        space_create(actor=manager_cy, data=new_place(operator_dee))
    assert refused.value.code == "operator_not_managed"
    assert "operator" in refused.value.fields
    assert not Space.objects.exists()

    space = space_create(actor=manager_cy, data=new_place(
        operator_cy, services=list(Service.objects.filter(code="wifi"))))

    assert space.department_code == "48"
    assert list(space.services.values_list("code", flat=True)) == ["wifi"]


def test_a_manager_cannot_move_a_place_away(manager_cy, operator_cy, operator_dee):
    space = SpaceFactory(operator=operator_cy)

    with pytest.raises(SpaceError):
        space_update(actor=manager_cy, space=space, data={"operator": operator_dee,
                                                          "name": "Ailleurs"})

    space.refresh_from_db()
    assert (space.operator, space.name) == (operator_cy, space.name)


@pytest.mark.parametrize(("role", "allowed"), [("manager_cy", False),
                                               ("network_admin_nina", True)])
def test_only_the_network_switches_the_pass_on(request, role, allowed, operator_cy):
    space = SpaceFactory(operator=operator_cy, accepts_network_pass=False)
    actor = request.getfixturevalue(role)

    if allowed:
        space_update(actor=actor, space=space, data={"accepts_network_pass": True})
    else:
        with pytest.raises(SpaceError) as refused:
            space_update(actor=actor, space=space, data={"accepts_network_pass": True})
        assert "accepts_network_pass" in refused.value.fields

    space.refresh_from_db()
    assert space.accepts_network_pass is allowed


def test_a_manager_may_resend_the_current_pass_setting(manager_cy, operator_cy):
    space = SpaceFactory(operator=operator_cy, accepts_network_pass=True)

    space_update(actor=manager_cy, space=space, data={"accepts_network_pass": True,
                                                      "name": "Renommé"})

    space.refresh_from_db()
    assert (space.accepts_network_pass, space.name) == (True, "Renommé")
    with pytest.raises(SpaceError):
        space_create(actor=manager_cy, data=new_place(operator_cy, accepts_network_pass=True))
