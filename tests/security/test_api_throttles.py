"""Defect 7 of issue 14 (limits): every API endpoint is throttled, per client address for
anonymous callers (behind the declared proxies) and per account once logged in, on the real
cache (Redis in CI). The rates are lowered here so that a test reaches them quickly; the
shipped rates are checked to be the documented ones."""

import uuid

import pytest
from django.conf import settings as django_settings
from django.core.cache import cache
from rest_framework import throttling

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _real_cache_low_rates(monkeypatch, settings):
    monkeypatch.setattr(throttling.SimpleRateThrottle, "cache", cache)
    monkeypatch.setattr(throttling.SimpleRateThrottle, "THROTTLE_RATES",
                        {"anon": "5/min", "user": "8/min"})
    settings.TRUSTED_PROXY_COUNT = 1
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "NUM_PROXIES": 1}


def _anon_get(api_client, address):
    return api_client.get("/api/v1/directory/spaces/", REMOTE_ADDR="172.18.0.5",
                          HTTP_X_FORWARDED_FOR=address)


def _fresh_address() -> str:
    return f"198.51.100.{uuid.uuid4().int % 250 + 1}"


def test_the_shipped_rates_are_throttles_that_are_enabled():
    classes = django_settings.REST_FRAMEWORK["DEFAULT_THROTTLE_CLASSES"]
    assert classes == ["rest_framework.throttling.AnonRateThrottle",
                       "rest_framework.throttling.UserRateThrottle"]
    assert django_settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"] == {
        "anon": "600/min", "user": "1200/min"}


def test_an_anonymous_client_is_limited_per_address(api_client):
    address, other = _fresh_address(), "203.0.113.77"
    cache.delete_many([f"throttle_anon_{address}", f"throttle_anon_{other}"])

    statuses = [_anon_get(api_client, address).status_code for _ in range(6)]

    assert statuses == [200] * 5 + [429]
    refused = _anon_get(api_client, address)
    assert refused.json()["code"] == "throttled"
    assert int(refused["Retry-After"]) > 0
    assert _anon_get(api_client, other).status_code == 200


def test_a_spoofed_forwarding_header_does_not_escape_the_limit(api_client):
    address = _fresh_address()
    cache.delete(f"throttle_anon_{address}")

    statuses = [api_client.get("/api/v1/directory/spaces/", REMOTE_ADDR="172.18.0.5",
                               HTTP_X_FORWARDED_FOR=f"10.9.9.{n}, {address}").status_code
                for n in range(6)]

    assert statuses == [200] * 5 + [429]


def test_a_member_is_limited_per_account_not_per_address(client_as, member_ada):
    cache.delete(f"throttle_user_{member_ada.pk}")
    client = client_as("member_ada")

    statuses = [client.get("/api/v1/bookings/", REMOTE_ADDR="172.18.0.5",
                           HTTP_X_FORWARDED_FOR=f"198.51.100.{n}").status_code
                for n in range(9)]

    assert statuses == [200] * 8 + [429]
