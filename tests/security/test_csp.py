"""Defect 7 of issue 14 (headers): a Content-Security-Policy on every Django response — the
SPA's pages served by Django (the embedded default), the admin, the API, errors — same origin
only, no inline script, never framed; Stripe's origin (or the local fake Stripe's) allowed for
Stripe.js alone."""

import pytest

pytestmark = pytest.mark.django_db


def _directives(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in header.split(";") if part.strip()}


@pytest.mark.parametrize("path", [
    "/",                                  # the SPA's index (WhiteNoise or the fallback view)
    "/reserver/la-fabrique",              # a client-side route of the SPA
    "/admin/login/",                      # the Django admin
    "/api/v1/directory/spaces/",          # the API
    "/api/v1/nope/",                      # an error
    "/ical/" + "0" * 43 + ".ics",         # a calendar feed
    "/_allauth/browser/v1/auth/session",  # allauth's headless API
])
def test_every_kind_of_response_carries_the_policy(client, path):
    response = client.get(path)

    directives = _directives(response)
    assert directives["default-src"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert "'unsafe-inline'" not in directives["script-src"]
    assert "'unsafe-eval'" not in directives["script-src"]


def test_stripe_js_comes_from_the_configured_stripe_only(client, settings):
    settings.STRIPE_USES_LOCALSTRIPE = False

    directives = _directives(client.get("/admin/login/"))

    assert "https://js.stripe.com" in directives["script-src"]
    assert "https://api.stripe.com" in directives["connect-src"]
    assert "http://127.0.0.1:8420" not in directives["script-src"]


def test_the_local_fake_stripe_is_allowed_where_it_runs(client, settings):
    settings.STRIPE_USES_LOCALSTRIPE = True
    settings.STRIPE_API_BASE = "http://127.0.0.1:45678"

    directives = _directives(client.get("/"))

    assert "http://127.0.0.1:45678" in directives["script-src"]
    assert "https://js.stripe.com" not in directives["script-src"]
