"""Shared fixtures: the cast of actors, API clients, settings for tests.

The cast (every permission test runs over all of them):
- anonymous            nobody logged in
- member_ada           a teleworker with an account
- manager_cy           manages operator "Coopérative Cy" (and its places)
- stranger_manager_dee manages another operator, "Association Dee"
- network_admin_nina   the regional network's staff
- front_desk_fay       at the front desk of "Coopérative Cy": sees its places' day and checks
                       people in; changes no price, rule or place (a member elsewhere)
- employer_admin_ed    administers the employer "Acme Occitanie" (an employer account)
- employee_eve         an employee of Acme, whose bookings Acme's bundle pays
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
    settings.NOTIFICATIONS_NUDGE_COALESCE = False  # one nudge per transaction, unless a test asks


@pytest.fixture(autouse=True)
def _fresh_api_throttles(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test starts with its own API throttle counters (an in-process cache of its own):
    the suite makes thousands of calls a minute from 127.0.0.1, which real clients do not.
    tests/security/test_api_throttles.py checks the limits on the real cache."""
    import uuid

    from django.core.cache.backends.locmem import LocMemCache
    from rest_framework import throttling

    monkeypatch.setattr(throttling.SimpleRateThrottle, "cache",
                        LocMemCache(f"throttle-{uuid.uuid4().hex}", {}))


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup: None, django_db_blocker: Any) -> None:
    """The reference data is there from the first test, also with `--reuse-db`: a kept test
    database was flushed by the previous run's last transactional test, and pytest-django does
    not re-run the data migrations of a database it reuses (Commune.DoesNotExist before)."""
    with django_db_blocker.unblock():
        ensure_reference_data()


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


EINVOICE_PLATFORM_TOKEN = "test-platform-token"


@pytest.fixture(scope="session")
def einvoice_platform_server() -> Iterator[Any]:
    """The stand-in accredited e-invoicing platform (tests/einvoice_platform.py), once per
    test session, on a free port of 127.0.0.1."""
    from tests.einvoice_platform import start_local_platform

    server = start_local_platform(token=EINVOICE_PLATFORM_TOKEN)
    yield server
    server.stop()


@pytest.fixture
def einvoice_platform(einvoice_platform_server: Any, settings: Any) -> Any:
    """E-invoices of this test go to the (emptied) stand-in platform."""
    einvoice_platform_server.reset()
    settings.EINVOICING_PLATFORM_URL = einvoice_platform_server.url
    settings.EINVOICING_PLATFORM_TOKEN = EINVOICE_PLATFORM_TOKEN
    settings.EINVOICING_PLATFORM_NAME = "stand-in"
    return einvoice_platform_server


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
def front_desk_fay(operator_cy: Operator) -> User:
    user = UserFactory(email="fay@example.org", first_name="Fay")
    operator_cy.front_desk.add(user)
    return user


@pytest.fixture
def network_admin_nina(db: None) -> User:
    return UserFactory(email="nina@example.org", is_network_admin=True, is_staff=True)


@pytest.fixture
def employer_admin_ed(db: None) -> User:
    return UserFactory(email="ed@acme.example", first_name="Ed")


@pytest.fixture
def employer_acme(employer_admin_ed: User) -> Any:
    from ostal.employers.services.employers import employer_create

    return employer_create(actor=employer_admin_ed, data={
        "name": "Acme Occitanie", "legal_name": "ACME OCCITANIE SAS", "siret": "73282932000074",
        "vat_number": "FR44732829320", "address_line1": "3 rue Alsace-Lorraine",
        "postal_code": "31000", "city": "Toulouse", "invoice_email": "compta@acme.example",
        "email_domain": "acme.example"})


@pytest.fixture
def employee_eve(employer_acme: Any) -> User:
    from ostal.employers.models import Employment

    user = UserFactory(email="eve@acme.example", first_name="Eve")
    Employment.objects.create(employer=employer_acme, user=user, email=user.email,
                              status=Employment.Status.ACTIVE)
    return user


ROLES = ["anonymous", "member_ada", "employee_eve", "employer_admin_ed", "stranger_manager_dee",
         "manager_cy", "network_admin_nina", "front_desk_fay"]
# The employer roles manage no place: outside the employers app they are members like Ada.
EMPLOYER_ROLES = ("employee_eve", "employer_admin_ed")
# The front desk manages nothing either: outside a place's day and check-in, a member too.
FRONT_DESK = "front_desk_fay"
NOT_MANAGERS = ("anonymous", "member_ada", *EMPLOYER_ROLES, FRONT_DESK)


def like_a_member(expected: dict[str, Any], *, like: str = "member_ada") -> dict[str, Any]:
    """`expected` (per role) completed for the employer roles and the front desk (unless
    given): they answer like `like`."""
    return {**dict.fromkeys((*EMPLOYER_ROLES, FRONT_DESK), expected[like]), **expected}


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
