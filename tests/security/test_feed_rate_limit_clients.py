"""The calendar feeds' rate limit counts per real client behind the declared proxies
(settings.TRUSTED_PROXY_COUNT, as allauth's login limits and DRF's throttles): it used to
believe X-Real-IP from any private peer, a header no other limit read."""

import pytest
from django.core.cache import cache
from django.test import Client

pytestmark = pytest.mark.django_db

LIMIT = 5
NGINX = "172.18.0.5"


def _poll(client: Client, n: int, **headers: str) -> int:
    return client.get("/ical/" + f"{n:043d}" + ".ics", REMOTE_ADDR=NGINX, **headers).status_code


@pytest.fixture(autouse=True)
def _limits(settings):
    settings.CALENDAR_FEED_RATE_PER_IP = LIMIT
    settings.TRUSTED_PROXY_COUNT = 1
    cache.clear()


def test_one_client_behind_nginx_is_limited_while_another_is_not():
    client = Client()
    abuser = [_poll(client, n, HTTP_X_FORWARDED_FOR="81.250.1.7") for n in range(LIMIT + 1)]

    assert abuser == [404] * LIMIT + [429]
    assert _poll(client, 99, HTTP_X_FORWARDED_FOR="81.250.1.8") == 404


def test_a_client_cannot_choose_its_counter_with_forwarding_headers():
    client = Client()
    statuses = [_poll(client, n, HTTP_X_FORWARDED_FOR=f"203.0.113.{n}, 81.250.1.7",
                      HTTP_X_REAL_IP=f"198.51.100.{n}") for n in range(LIMIT + 1)]

    assert statuses == [404] * LIMIT + [429]


def test_with_no_proxy_declared_the_peer_is_the_client(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    client = Client()
    statuses = [_poll(client, n, HTTP_X_FORWARDED_FOR=f"203.0.113.{n}")
                for n in range(LIMIT + 1)]

    assert statuses == [404] * LIMIT + [429]
