import pytest

from ostal.spaces.models import Operator, Space
from tests.factories import SpaceFactory


@pytest.fixture
def space_cy(operator_cy: Operator) -> Space:
    """A place of Coopérative Cy that accepts the network pass."""
    return SpaceFactory(operator=operator_cy, name="La Grange Cy", slug="la-grange-cy",
                        accepts_network_pass=True)


@pytest.fixture
def space_dee(operator_dee: Operator) -> Space:
    """A place of Association Dee that does not accept the network pass."""
    return SpaceFactory(operator=operator_dee, name="Le Fournil Dee", slug="le-fournil-dee",
                        accepts_network_pass=False)
