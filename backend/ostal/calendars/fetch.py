"""Fetching a manager-given calendar address without becoming a proxy into our own network.

A calendar address is typed by a manager, so it is untrusted input that makes *our* server
send a request (SSRF): `http://169.254.169.254/...` (cloud metadata), `http://10.0.0.5:6379`
(our Redis), `http://localhost:8000/admin/`. The guard, in order, before any byte is sent:

1. only http and https (webcal:// is https by another name and is rewritten at registration);
2. the host is resolved here, and if *any* of its addresses is not globally routable
   (private, loopback, link-local, shared, reserved, multicast, IPv4-mapped forms of those)
   the fetch is refused — unless `settings.CALENDAR_IMPORT_ALLOW_PRIVATE` (development and
   tests only: the demo and the tests serve calendars from 127.0.0.1);
3. the connection goes to the address that was checked, not to a second DNS answer (a
   rebinding DNS server cannot swap in 127.0.0.1 after the check); Host and TLS SNI/certificate
   still use the host name;
4. every redirect is a new URL and goes through 1-3 again (at most MAX_REDIRECTS).

Bounded: a total deadline (not only per socket operation: a watchdog shuts the socket down
when the deadline passes, so a server dripping one byte a second, in the headers or the body,
cannot hold an import past it), a size cap checked on the declared
length and again while reading, identity encoding asked for (a gzip bomb is decompressed with
the same cap if a server sends one anyway). Conditional requests (ETag, Last-Modified) make
an unchanged calendar a 304.
"""

from __future__ import annotations

import contextlib
import http.client
import ipaddress
import socket
import ssl
import threading
import time
import zlib
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from django.conf import settings

from ostal.calendars.errors import ImportErrorCode as E
from ostal.calendars.errors import ImportFailure

TIMEOUT_SECONDS = 10.0
MAX_BYTES = 2 * 1024 * 1024
MAX_REDIRECTS = 3
_CHUNK = 64 * 1024


@dataclass(frozen=True)
class FetchResult:
    status: int  # 200, or 304 when the conditional request says "unchanged"
    body: bytes
    etag: str
    last_modified: str
    content_type: str
    url: str  # after redirects


def normalize_url(url: str) -> str:
    """The address as we fetch it: webcal(s):// becomes https://; anything but http(s) with a
    host name is refused (ImportFailure SCHEME_NOT_ALLOWED)."""
    url = url.strip()
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme in ("webcal", "webcals"):
        url = "https" + url[len(parts.scheme):]
        parts = urlsplit(url)
        scheme = "https"
    if scheme not in ("http", "https") or not parts.hostname:
        raise ImportFailure(E.SCHEME_NOT_ALLOWED, url[:100])
    return url


def is_public_address(address: str) -> bool:
    """Globally routable unicast only (IPv4-mapped IPv6 judged as the IPv4 it maps)."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


def resolve(host: str, port: int, *, allow_private: bool) -> list[tuple[int, str]]:
    """(family, address) pairs for `host`, refused as a whole if any is not public."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise ImportFailure(E.DNS_FAILED, host) from exc
    addresses: list[tuple[int, str]] = []
    for family, _type, _proto, _name, sockaddr in infos:
        address = str(sockaddr[0])
        if not allow_private and not is_public_address(address):
            raise ImportFailure(E.ADDRESS_NOT_ALLOWED, f"{host} → {address}")
        if (family, address) not in addresses:
            addresses.append((family, address))
    if not addresses:
        raise ImportFailure(E.DNS_FAILED, host)
    return addresses


class _Watchdog:
    """Shuts a socket down when the fetch's deadline passes.

    A socket timeout bounds each receive, not their sum: a server that sends one byte just
    before every timeout keeps a read going for ever. Shutting the socket down from a timer
    thread makes the blocked receive return at once, wherever http.client is (TLS handshake,
    status line, headers, body)."""

    def __init__(self, deadline: float) -> None:
        self.deadline = deadline
        self.fired = False
        self._sock: socket.socket | None = None
        self._lock = threading.Lock()
        self._timer = threading.Timer(max(0.0, deadline - time.monotonic()), self._fire)
        self._timer.daemon = True
        self._timer.start()

    def watch(self, sock: socket.socket) -> None:
        with self._lock:
            self._sock = sock
            if self.fired:
                self._shutdown()

    def _fire(self) -> None:
        with self._lock:
            self.fired = True
            self._shutdown()

    def _shutdown(self) -> None:
        if self._sock is not None:
            with contextlib.suppress(OSError):  # already closed
                self._sock.shutdown(socket.SHUT_RDWR)

    def cancel(self) -> None:
        self._timer.cancel()


class _PinnedHTTPConnection(http.client.HTTPConnection):
    """Connects to a checked address; Host header from the URL's host name."""

    def __init__(self, host: str, port: int, address: str, timeout: float,
                 watchdog: _Watchdog) -> None:
        super().__init__(host, port, timeout=timeout)
        self._address = address
        self._watchdog = watchdog

    def connect(self) -> None:
        self.sock = socket.create_connection((self._address, self.port), self.timeout)
        self._watchdog.watch(self.sock)


class _PinnedHTTPSConnection(http.client.HTTPSConnection):
    """Connects to a checked address; SNI and certificate checked against the host name."""

    def __init__(self, host: str, port: int, address: str, timeout: float,
                 watchdog: _Watchdog) -> None:
        self._pinned_context = ssl.create_default_context()
        super().__init__(host, port, timeout=timeout, context=self._pinned_context)
        self._address = address
        self._watchdog = watchdog

    def connect(self) -> None:
        sock = socket.create_connection((self._address, self.port), self.timeout)
        self._watchdog.watch(sock)  # the TLS handshake is bounded too
        self.sock = self._pinned_context.wrap_socket(sock, server_hostname=self.host)
        self._watchdog.watch(self.sock)


def _remaining(deadline: float, timeout: float) -> float:
    left = deadline - time.monotonic()
    if left <= 0:
        raise ImportFailure(E.TIMEOUT, f"{timeout:g}")
    return left


def _read_body(response: http.client.HTTPResponse, *, max_bytes: int, deadline: float,
               timeout: float) -> bytes:
    declared = response.getheader("Content-Length")
    if declared and declared.isdigit() and int(declared) > max_bytes:
        raise ImportFailure(E.TOO_LARGE, f"{max_bytes // 1024} Kio")
    chunks: list[bytes] = []
    size = 0
    while True:
        _remaining(deadline, timeout)
        chunk = response.read(_CHUNK)
        if not chunk:
            break
        size += len(chunk)
        if size > max_bytes:
            raise ImportFailure(E.TOO_LARGE, f"{max_bytes // 1024} Kio")
        chunks.append(chunk)
    body = b"".join(chunks)
    encoding = (response.getheader("Content-Encoding") or "").strip().lower()
    if encoding in ("gzip", "deflate", "x-gzip"):
        decompressor = zlib.decompressobj(wbits=47)  # gzip or zlib header, auto-detected
        try:
            body = decompressor.decompress(body, max_bytes + 1)
        except zlib.error as exc:
            raise ImportFailure(E.MALFORMED, "gzip") from exc
        if len(body) > max_bytes or decompressor.unconsumed_tail:
            raise ImportFailure(E.TOO_LARGE, f"{max_bytes // 1024} Kio")
    return body


def fetch_calendar(url: str, *, etag: str = "", last_modified: str = "",
                   timeout: float = TIMEOUT_SECONDS, max_bytes: int = MAX_BYTES,
                   allow_private: bool | None = None) -> FetchResult:
    """GET a calendar address under the guard above; ImportFailure on any refusal or error.

    Not retried here: the periodic task comes back later (with a backoff after failures)."""
    if allow_private is None:
        allow_private = bool(getattr(settings, "CALENDAR_IMPORT_ALLOW_PRIVATE", False))
    deadline = time.monotonic() + timeout
    current = normalize_url(url)
    for _hop in range(MAX_REDIRECTS + 1):
        parts = urlsplit(current)
        host = parts.hostname or ""
        https = parts.scheme.lower() == "https"
        try:
            port = parts.port or (443 if https else 80)
        except ValueError as exc:
            raise ImportFailure(E.SCHEME_NOT_ALLOWED, current[:100]) from exc
        addresses = resolve(host, port, allow_private=allow_private)
        path = parts.path or "/"
        if parts.query:
            path = f"{path}?{parts.query}"
        headers = {"User-Agent": f"Ostal-calendar-import/1.0 (+{settings.SITE_URL})",
                   "Accept": "text/calendar, text/plain;q=0.5, */*;q=0.1",
                   "Accept-Encoding": "identity"}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        connection_class = _PinnedHTTPSConnection if https else _PinnedHTTPConnection
        watchdog = _Watchdog(deadline)
        connection = connection_class(host, port, addresses[0][1],
                                      timeout=_remaining(deadline, timeout), watchdog=watchdog)
        try:
            connection.request("GET", path, headers=headers)
            response = connection.getresponse()
            status = response.status
            if status in (301, 302, 303, 307, 308):
                location = response.getheader("Location")
                if not location:
                    raise ImportFailure(E.HTTP_ERROR, f"HTTP {status}")
                current = normalize_url(urljoin(current, location))
                continue
            if status == 304:
                return FetchResult(304, b"", etag, last_modified, "", current)
            if status != 200:
                raise ImportFailure(E.HTTP_ERROR, f"HTTP {status}")
            body = _read_body(response, max_bytes=max_bytes, deadline=deadline,
                              timeout=timeout)
            if watchdog.fired:  # the shut-down socket read as an end of file: a cut body
                raise ImportFailure(E.TIMEOUT, f"{timeout:g}")
            return FetchResult(200, body, response.getheader("ETag") or "",
                               response.getheader("Last-Modified") or "",
                               response.getheader("Content-Type") or "", current)
        except TimeoutError as exc:
            raise ImportFailure(E.TIMEOUT, f"{timeout:g}") from exc
        except ssl.SSLError as exc:
            if watchdog.fired:
                raise ImportFailure(E.TIMEOUT, f"{timeout:g}") from exc
            raise ImportFailure(E.CONNECTION_FAILED, f"TLS: {exc.reason or exc}") from exc
        except (OSError, http.client.HTTPException) as exc:
            if watchdog.fired:
                raise ImportFailure(E.TIMEOUT, f"{timeout:g}") from exc
            raise ImportFailure(E.CONNECTION_FAILED, type(exc).__name__) from exc
        finally:
            watchdog.cancel()
            connection.close()
    raise ImportFailure(E.TOO_MANY_REDIRECTS, str(MAX_REDIRECTS))
