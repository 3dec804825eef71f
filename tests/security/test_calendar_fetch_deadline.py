"""Defect 3 of issue 14: the calendar import's deadline bounds the whole fetch.

A server that sends one byte at a time, each just before the socket timeout would fire, used
to hold an import long past its deadline (a socket timeout bounds each receive, not their
sum). These servers drip for about 30 seconds; the fetch, given a 1-second deadline, must give
up with a timeout long before that. The bound asserted is generous (a loaded machine may be
slow to schedule the fetch), yet far from what the drip would take."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator

import pytest

from ostal.calendars import fetch
from ostal.calendars.errors import ImportErrorCode as E
from ostal.calendars.errors import ImportFailure

DRIP_SECONDS = 30.0
DRIP_INTERVAL = 0.25
DEADLINE = 1.0
GENEROUS_BOUND = DRIP_SECONDS / 2


class DripServer:
    """Accepts connections on 127.0.0.1 and sends `head` at once, then `drip` one byte every
    DRIP_INTERVAL seconds (until the drip ends or the client goes away)."""

    def __init__(self, head: bytes, drip: bytes) -> None:
        self.head, self.drip = head, drip
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        self.listener.settimeout(0.2)
        while not self.stop.is_set():
            try:
                conn, _ = self.listener.accept()
            except TimeoutError:
                continue
            threading.Thread(target=self._drip, args=(conn,), daemon=True).start()

    def _drip(self, conn: socket.socket) -> None:
        with conn:
            try:
                conn.recv(65536)  # the request
                conn.sendall(self.head)
                for byte in self.drip:
                    if self.stop.wait(DRIP_INTERVAL):
                        return
                    conn.sendall(bytes([byte]))
            except OSError:
                return  # the client hung up: what we want

    def close(self) -> None:
        self.stop.set()
        self.listener.close()


def _drip_length() -> int:
    return int(DRIP_SECONDS / DRIP_INTERVAL)


@pytest.fixture
def servers() -> Iterator[list[DripServer]]:
    started: list[DripServer] = []
    yield started
    for server in started:
        server.close()


def _fetch_until_refused(server: DripServer) -> tuple[ImportFailure, float]:
    began = time.monotonic()
    with pytest.raises(ImportFailure) as caught:
        fetch.fetch_calendar(f"http://127.0.0.1:{server.port}/cal.ics", timeout=DEADLINE,
                             allow_private=True)
    return caught.value, time.monotonic() - began


def test_a_body_dripped_one_byte_at_a_time_is_cut_at_the_deadline(servers):
    body = b"x" * _drip_length()
    head = (b"HTTP/1.1 200 OK\r\nContent-Type: text/calendar\r\n"
            b"Content-Length: " + str(len(body)).encode() + b"\r\n\r\n")
    servers.append(server := DripServer(head, body))

    refused, elapsed = _fetch_until_refused(server)

    assert refused.code == E.TIMEOUT
    assert elapsed < GENEROUS_BOUND


def test_a_body_without_a_length_is_not_taken_as_complete_when_cut(servers):
    """Without Content-Length, the end of the body is the end of the connection: a socket shut
    at the deadline must not pass for a complete (truncated) calendar."""
    head = b"HTTP/1.1 200 OK\r\nContent-Type: text/calendar\r\nConnection: close\r\n\r\n"
    servers.append(server := DripServer(head, b"B" * _drip_length()))

    refused, elapsed = _fetch_until_refused(server)

    assert refused.code == E.TIMEOUT
    assert elapsed < GENEROUS_BOUND


def test_headers_dripped_one_byte_at_a_time_are_cut_at_the_deadline(servers):
    headers = b"HTTP/1.1 200 OK\r\nX-Padding: " + b"p" * _drip_length() + b"\r\n\r\n"
    servers.append(server := DripServer(b"", headers))

    refused, elapsed = _fetch_until_refused(server)

    assert refused.code == E.TIMEOUT
    assert elapsed < GENEROUS_BOUND


def test_a_fast_server_is_unaffected_by_the_watchdog(servers):
    body = b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"
    head = (b"HTTP/1.1 200 OK\r\nContent-Type: text/calendar\r\n"
            b"Content-Length: " + str(len(body)).encode() + b"\r\n\r\n")
    servers.append(server := DripServer(head + body, b""))

    result = fetch.fetch_calendar(f"http://127.0.0.1:{server.port}/cal.ics", timeout=30,
                                  allow_private=True)

    assert (result.status, result.body) == (200, body)
