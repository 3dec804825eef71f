"""Shared fixtures: the cast of actors, API clients, settings for tests.

The cast (every permission test runs over all of them):
- anonymous            nobody logged in
- member_ada           a teleworker with an account
- manager_cy           manages operator "Coopérative Cy" (and its places)
- stranger_manager_dee manages another operator, "Association Dee"
- network_admin_nina   the regional network's staff
Employer roles join the cast with the employers app.
"""

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from rest_framework.test import APIClient

from ostal.accounts.models import User
from ostal.spaces.models import Operator
from tests.factories import OperatorFactory, UserFactory
from tests.reference_data import ensure_reference_data


@pytest.fixture(autouse=True)
def _test_settings(settings: Any, tmp_path: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.SECURE_SSL_REDIRECT = False
    settings.NOTIFICATIONS_NUDGE = False  # the worker tests turn the on-commit nudge back on


@pytest.fixture(autouse=True)
def _reference_data_after_flush(request: pytest.FixtureRequest) -> None:
    """Transactional tests see the data migrations' rows even after an earlier flush."""
    marker = request.node.get_closest_marker("django_db")
    transactional = bool(marker and marker.kwargs.get("transaction")) or any(
        name in request.fixturenames for name in ("transactional_db", "live_server"))
    if transactional:
        request.getfixturevalue("transactional_db")
        ensure_reference_data()


@pytest.fixture(scope="session")
def stripe_server() -> Iterator[Any]:
    """localstripe (the fake Stripe of tests/stripe_server.py), once per test session for the
    billing and the browser tests alike: its aiohttp app is a module-level singleton, so a
    second server in the same process fails ("initialized with different loop")."""
    from tests.stripe_server import start_local_stripe

    server = start_local_stripe()
    yield server
    server.stop()


@pytest.fixture
def member_ada(db: None) -> User:
    return UserFactory(email="ada@example.org", first_name="Ada")


@pytest.fixture
def operator_cy(db: None) -> Operator:
    return OperatorFactory(name="Coopérative Cy", legal_form=Operator.LegalForm.COOPERATIVE)


@pytest.fixture
def operator_dee(db: None) -> Operator:
    return OperatorFactory(name="Association Dee")


@pytest.fixture
def manager_cy(operator_cy: Operator) -> User:
    user = UserFactory(email="cy@example.org", is_staff=True)
    operator_cy.managers.add(user)
    return user


@pytest.fixture
def stranger_manager_dee(operator_dee: Operator) -> User:
    user = UserFactory(email="dee@example.org", is_staff=True)
    operator_dee.managers.add(user)
    return user


@pytest.fixture
def network_admin_nina(db: None) -> User:
    return UserFactory(email="nina@example.org", is_network_admin=True, is_staff=True)


ROLES = ["anonymous", "member_ada", "stranger_manager_dee", "manager_cy", "network_admin_nina"]


@pytest.fixture
def client_as(request: pytest.FixtureRequest) -> Callable[[str], APIClient]:
    """client_as("manager_cy") → an APIClient logged in as that actor (anonymous: none)."""

    def make(role: str) -> APIClient:
        client = APIClient()
        if role != "anonymous":
            client.force_authenticate(request.getfixturevalue(role))
        return client

    return make


@pytest.fixture
def api_client() -> APIClient:
    return APIClient()
