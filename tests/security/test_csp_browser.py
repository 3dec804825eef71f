"""Defect 7 of issue 14, in Chromium: the Content-Security-Policy Django sends breaks neither
the SPA it serves (directory with its map, a place page, log-in) nor the Django admin; any
violation Chromium reports fails the test (tests/browser/conftest.py does the same for every
browser test: the payment forms with Stripe.js, the employer pages...)."""

from typing import Any

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser


def _violations_recorded(page: Page) -> list[str]:
    return page.evaluate("window.__cspViolations || []")


@pytest.fixture
def watched_page(page: Page) -> Page:
    page.add_init_script("""
        window.__cspViolations = [];
        document.addEventListener('securitypolicyviolation',
            (e) => window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));
    """)
    return page


def test_the_spa_served_by_django_runs_under_the_policy(demo_site: str, watched_page: Page):
    page = watched_page
    response = page.goto(demo_site + "/")
    assert response is not None
    assert "default-src 'self'" in response.headers["content-security-policy"]
    expect(page.get_by_role("heading", name="Trouver un tiers-lieu", level=1)).to_be_visible()
    page.get_by_label("Département").select_option(label="Lozère")
    page.get_by_role("link", name="Le Camion des Causses").first.click()
    expect(page.get_by_role("heading", name="Le Camion des Causses", level=1)).to_be_visible()
    page.goto(demo_site + "/connexion")
    expect(page.get_by_label("Adresse e-mail")).to_be_visible()

    assert _violations_recorded(page) == []


def test_the_django_admin_runs_under_the_policy(live_server: Any, transactional_db: None,
                                                watched_page: Page):
    from ostal.accounts.models import User

    User.objects.create_superuser("nina@ostal.example", "un-mot-de-passe-solide-2026")
    page = watched_page
    response = page.goto(live_server.url + "/admin/login/")
    assert response is not None
    assert "frame-ancestors 'none'" in response.headers["content-security-policy"]
    page.locator("#id_username").fill("nina@ostal.example")
    page.locator("#id_password").fill("un-mot-de-passe-solide-2026")
    page.locator("input[type=submit]").click()
    expect(page.locator("#site-name")).to_be_visible()
    page.goto(live_server.url + "/admin/accounts/user/")
    expect(page.locator("#result_list")).to_be_visible()
    page.locator("#result_list tbody th a").first.click()
    expect(page.locator("form")).not_to_have_count(0)

    assert _violations_recorded(page) == []
