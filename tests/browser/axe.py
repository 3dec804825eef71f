"""Accessibility checks in browser tests with axe-core (Deque's engine, the frontend's pinned
dev dependency): inject it into the page and list the serious and critical violations."""

from pathlib import Path
from typing import Any

from django.conf import settings
from playwright.sync_api import Page

AXE_JS = Path(settings.REPO_DIR) / "frontend" / "node_modules" / "axe-core" / "axe.min.js"


def serious_violations(page: Page, *, include: str = "main") -> list[dict[str, Any]]:
    """Run axe on `include` (WCAG 2.0/2.1 A and AA rules) and return the violations rated
    serious or critical, each with its rule id and the selectors of the offending nodes."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        # Through the DevTools protocol, not a <script> tag: the page's Content-Security-Policy
        # (no inline script) rightly refuses an injected one.
        session = page.context.new_cdp_session(page)
        session.send("Runtime.evaluate", {"expression": AXE_JS.read_text()})
        session.detach()
    result = page.evaluate(
        """async (include) => {
            const r = await window.axe.run(include, {runOnly: {type: 'tag',
                values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}});
            return r.violations.map(v => ({id: v.id, impact: v.impact,
                nodes: v.nodes.map(n => n.target.join(' '))}));
        }""", include)
    return [v for v in result if v["impact"] in ("serious", "critical")]


def assert_accessible(page: Page, *, include: str = "main") -> None:
    """No serious or critical violation in `include` (the page's main content by default) as
    it is now, with what axe found and where."""
    found = serious_violations(page, include=include)
    assert not found, f"axe: {found}"
