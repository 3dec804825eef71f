"""Browser tests: the built SPA served by a live Django server, driven in Debian's Chromium.

One browser per test run (pytest-playwright's session-scoped `browser`); each test gets a new
context and page. Playwright never downloads a browser here: it launches /usr/bin/chromium.
"""

import datetime as dt
import os
import shutil
from collections.abc import Callable
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.utils import timezone
from playwright.sync_api import Page, expect

# Playwright's sync API runs an event loop in the test thread; the ORM calls the tests make
# around it (seeding, assertions) are synchronous and safe here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run",
                 "--disable-quic"],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    return {**browser_context_args, "locale": "fr-FR", "timezone_id": "Europe/Paris"}


@pytest.fixture(autouse=True)
def _no_csp_violations(request: pytest.FixtureRequest) -> Any:
    """Every browser test fails on a Content-Security-Policy violation (issue 14): the policy
    Django sends must never break a page the tests walk through."""
    if "page" not in request.fixturenames:
        yield
        return
    page = request.getfixturevalue("page")
    violations: list[str] = []
    page.on("console", lambda message: violations.append(message.text)
            if "Content Security Policy" in message.text else None)
    yield
    assert not violations, violations


@pytest.fixture(autouse=True)
def _built_frontend() -> None:
    index = settings.FRONTEND_DIST_DIR / "index.html"
    if not index.is_file():
        pytest.fail("frontend/dist is missing: `make test` builds it (or `make frontend`).")


@pytest.fixture
def demo_site(live_server: Any, transactional_db: None) -> str:
    """The live server with the demo network in its database (the reference data of the
    migrations is put back before each test by tests/conftest.py)."""
    from ostal.spaces.demo import demo_network_create

    demo_network_create(photos=False)
    return str(live_server.url)


PASSWORD = "un-mot-de-passe-solide-2026"
PARIS = ZoneInfo("Europe/Paris")


@pytest.fixture
def make_member(transactional_db: None) -> Callable[..., Any]:
    """make_member(email) → an active account with a verified e-mail (it can log in)."""
    from allauth.account.models import EmailAddress

    from ostal.accounts.models import User

    def make(email: str, first_name: str = "Léa", last_name: str = "Martin") -> User:
        user = User.objects.create_user(email, PASSWORD, first_name=first_name,
                                        last_name=last_name)
        EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
        return user

    return make


def log_in(page: Page, base_url: str, email: str, password: str = PASSWORD) -> None:
    """Log in through the UI; done once back on the directory with the account in the header."""
    page.goto(base_url + "/connexion")
    page.get_by_label("Adresse e-mail").fill(email)
    page.get_by_label("Mot de passe").fill(password)
    page.get_by_role("button", name="Se connecter").click()
    expect(page.get_by_role("heading", name="Trouver un tiers-lieu", level=1)).to_be_visible()
    expect(page.get_by_role("link", name=f"Mon compte : {email}")).to_be_visible()


def paris_today() -> dt.date:
    return timezone.now().astimezone(PARIS).date()


def next_weekday(day: dt.date) -> dt.date:
    """`day`, or the Monday after it on a weekend (demo places open Monday to Friday)."""
    while day.weekday() >= 5:
        day += dt.timedelta(days=1)
    return day


@pytest.fixture
def no_task_broker(monkeypatch: pytest.MonkeyPatch, settings: Any) -> list[tuple[str, Any]]:
    """Tasks enqueued after commit (billing work, notification nudges) are recorded instead
    of reaching a broker (the default one is a file under var/)."""
    sent: list[tuple[str, Any]] = []
    monkeypatch.setattr("ostal.billing.tasks._send", lambda name, args: sent.append((name, args)))
    monkeypatch.setattr("ostal.notifications.nudge.send_task",
                        lambda name, *args: sent.append((name, args)), raising=False)
    settings.NOTIFICATIONS_NUDGE = False
    return sent


@pytest.fixture
def stripe_settings(stripe_server: Any, settings: Any) -> Any:
    """The live server (same process) talks to the emptied localstripe; the browser loads
    its Stripe.js stand-in from it (billing/config gives the URL)."""
    stripe_server.reset()
    settings.STRIPE_API_BASE = stripe_server.url
    settings.STRIPE_SECRET_KEY = "sk_test_local"
    settings.STRIPE_PUBLISHABLE_KEY = "pk_test_local"
    settings.STRIPE_USES_LOCALSTRIPE = True
    settings.STRIPE_WEBHOOK_SECRET = "whsec_test"
    return stripe_server
