from collections.abc import Iterator

import pytest

from ostal.spaces.demo import demo_network_create, demo_network_delete


@pytest.fixture(scope="module")
def demo_network(django_db_setup: None, django_db_blocker: pytest.FixtureRequest) -> Iterator[None]:
    """The full demo network (120 places), created once per module and removed afterwards."""
    with django_db_blocker.unblock():  # type: ignore[attr-defined]
        demo_network_create(photos=False)
    yield
    with django_db_blocker.unblock():  # type: ignore[attr-defined]
        demo_network_delete()
