"""The calendar fetcher: http(s) only, no private networks (SSRF), bounded in size and time.

Refusals of addresses happen after resolving the host name and *before* connecting: these
tests make `socket.create_connection` fail loudly, so a refused address provably sends no
traffic. The only server ever contacted is the test's own, on 127.0.0.1."""

import gzip
import socket

import pytest

from ostal.calendars import fetch
from ostal.calendars.errors import ImportErrorCode as E
from ostal.calendars.errors import ImportFailure
from tests.backend.calendars.conftest import ics

BODY = ics("UID:a\nDTSTART:20270105T090000Z\nDTEND:20270105T100000Z")


@pytest.fixture
def no_connections(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError(f"a connection was attempted: {args}")

    monkeypatch.setattr(socket, "create_connection", refuse)


def failure(url, **options) -> ImportFailure:
    with pytest.raises(ImportFailure) as caught:
        fetch.fetch_calendar(url, **options)
    return caught.value


@pytest.mark.parametrize("url", [
    "http://127.0.0.1:8000/admin/",
    "http://localhost/calendar.ics",
    "http://10.0.0.5:6379/",
    "http://172.16.3.4/x.ics",
    "http://192.168.1.1/x.ics",
    "http://169.254.169.254/latest/meta-data/",
    "http://100.64.0.1/x.ics",
    "http://0.0.0.0/x.ics",
    "http://[::1]/x.ics",
    "http://[::ffff:127.0.0.1]/x.ics",
    "http://[fd00::1]/x.ics",
    "https://[fe80::1]/x.ics",
    "http://224.0.0.1/x.ics",
])
def test_private_loopback_link_local_and_reserved_addresses_are_refused(url, no_connections):
    refused = failure(url, allow_private=False)

    assert refused.code == E.ADDRESS_NOT_ALLOWED


def test_a_public_name_that_resolves_to_a_private_address_is_refused(monkeypatch,
                                                                     no_connections):
    def resolve(host, port, *args, **kwargs):
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("81.250.1.10", port)),
                (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("10.1.2.3", port))]

    monkeypatch.setattr(socket, "getaddrinfo", resolve)

    refused = failure("https://calendar.example.org/x.ics", allow_private=False)

    assert refused.code == E.ADDRESS_NOT_ALLOWED
    assert "10.1.2.3" in refused.message


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.org/x.ics",
                                 "gopher://example.org/", "javascript:alert(1)", "x.ics",
                                 "http:///nohost"])
def test_only_http_and_https(url, no_connections):
    assert failure(url, allow_private=True).code == E.SCHEME_NOT_ALLOWED


def test_webcal_addresses_are_fetched_over_https():
    assert fetch.normalize_url("webcal://cal.example.org/a.ics") == "https://cal.example.org/a.ics"
    assert fetch.normalize_url(" WEBCAL://cal.example.org/a.ics") == \
        "https://cal.example.org/a.ics"


def test_fetches_a_calendar_with_validators(ics_server):
    url = ics_server.serve("/a.ics", BODY, headers={"ETag": '"v1"', "Content-Type":
                                                    "text/calendar"})

    result = fetch.fetch_calendar(url, allow_private=True)

    assert (result.status, result.body, result.etag) == (200, BODY, '"v1"')
    assert ics_server.requests[0][1]["Accept-Encoding"] == "identity"


def test_a_conditional_request_can_answer_unchanged(ics_server):
    url = ics_server.serve("/a.ics", status=304)

    result = fetch.fetch_calendar(url, etag='"v1"', last_modified="Tue, 01 Dec 2026 10:00:00 GMT",
                                  allow_private=True)

    assert result.status == 304
    assert ics_server.requests[0][1]["If-None-Match"] == '"v1"'
    assert ics_server.requests[0][1]["If-Modified-Since"] == "Tue, 01 Dec 2026 10:00:00 GMT"


def test_a_declared_length_over_the_cap_is_refused_before_reading(ics_server):
    url = ics_server.serve("/big.ics", b"x" * 5000)

    assert failure(url, max_bytes=4096, allow_private=True).code == E.TOO_LARGE


def test_an_undeclared_length_over_the_cap_is_cut_while_reading(ics_server):
    url = ics_server.serve("/big.ics", b"x" * 300_000, chunks=10)

    assert failure(url, max_bytes=100_000, allow_private=True).code == E.TOO_LARGE


def test_a_compressed_bomb_is_capped_too(ics_server):
    url = ics_server.serve("/bomb.ics", gzip.compress(b"x" * 1_000_000),
                           headers={"Content-Encoding": "gzip"})

    assert failure(url, max_bytes=100_000, allow_private=True).code == E.TOO_LARGE


def test_a_slow_server_times_out(ics_server):
    url = ics_server.serve("/slow.ics", BODY, delay=1.5)

    refused = failure(url, timeout=0.5, allow_private=True)

    assert refused.code == E.TIMEOUT


@pytest.mark.parametrize("status", [401, 403, 404, 500])
def test_http_errors_say_the_status(ics_server, status):
    url = ics_server.serve("/x.ics", status=status)

    refused = failure(url, allow_private=True)

    assert (refused.code, refused.detail) == (E.HTTP_ERROR, f"HTTP {status}")


def test_redirects_are_followed_a_few_times_only(ics_server):
    final = ics_server.serve("/final.ics", BODY)
    ics_server.serve("/r1", status=302, headers={"Location": "/final.ics"})
    for n in range(2, 6):
        ics_server.serve(f"/loop{n}", status=301, headers={"Location": f"/loop{n + 1}"})

    assert fetch.fetch_calendar(ics_server.base + "/r1", allow_private=True).url == final
    assert failure(ics_server.base + "/loop2", allow_private=True).code == E.TOO_MANY_REDIRECTS


def test_every_redirect_is_checked_again(ics_server, monkeypatch):
    """The first hop is 'public' (our loopback server, declared public for this test); its
    redirect to a private address is refused before any connection to it."""
    ics_server.serve("/hop", status=302, headers={"Location": "http://10.9.8.7/steal"})
    real = fetch.is_public_address
    monkeypatch.setattr(fetch, "is_public_address",
                        lambda address: address == "127.0.0.1" or real(address))

    refused = failure(ics_server.base + "/hop", allow_private=False)

    assert refused.code == E.ADDRESS_NOT_ALLOWED
    assert [path for path, _ in ics_server.requests] == ["/hop"]


def test_redirect_to_another_scheme_is_refused(ics_server):
    ics_server.serve("/hop", status=302, headers={"Location": "file:///etc/passwd"})

    assert failure(ics_server.base + "/hop", allow_private=True).code == E.SCHEME_NOT_ALLOWED


def test_an_unknown_host_is_a_dns_failure(monkeypatch, no_connections):
    def unknown(*args, **kwargs):
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", unknown)

    assert failure("https://no-such-host.example/", allow_private=False).code == E.DNS_FAILED


def test_a_closed_port_is_a_connection_failure():
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]

    assert failure(f"http://127.0.0.1:{port}/x.ics", allow_private=True).code == \
        E.CONNECTION_FAILED
