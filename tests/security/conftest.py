"""Fixtures of tests/security: the booking tests' places and frozen clock, and the browser
tests' Chromium, live demo site and CSP watch, reused."""

from tests.backend.bookings.conftest import _frozen_now, figeac  # noqa: F401  (fixtures)
from tests.browser.conftest import (  # noqa: F401  (fixtures)
    _no_csp_violations,
    browser_context_args,
    browser_type_launch_args,
    demo_site,
)
