"""Browser tests: the built SPA served by a live Django server, driven in Debian's Chromium.

One browser per test run (pytest-playwright's session-scoped `browser`); each test gets a new
context and page. Playwright never downloads a browser here: it launches /usr/bin/chromium.
"""

import os
import shutil
from typing import Any

import pytest
from django.conf import settings

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
def _built_frontend() -> None:
    index = settings.FRONTEND_DIST_DIR / "index.html"
    if not index.is_file():
        pytest.fail("frontend/dist is missing: `make test` builds it (or `make frontend`).")


@pytest.fixture
def demo_site(live_server: Any, transactional_db: None) -> str:
    """The live server with the demo network in its database."""
    from ostal.spaces.demo import demo_network_create

    demo_network_create(photos=False)
    return str(live_server.url)
