"""Debian's nginx with the project's own config (deploy/nginx.conf.template), rendered for a
free port on 127.0.0.1 and proxying to a given backend.

Clients then reach it from different loopback addresses (127.x.y.z: Linux routes all of
127.0.0.0/8 to the loopback interface), so nginx sees several real clients.
"""

from __future__ import annotations

import os
import random
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import requests
from requests.adapters import HTTPAdapter

from tests.deploy.render import render_nginx

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"


def nginx_missing() -> str | None:
    if not os.access(NGINX, os.X_OK):
        return "needs Debian's nginx: `apt-get install nginx-light` (.ci/run installs it)"
    return None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def main_config(directory: Path, server: Path) -> str:
    user = "user root root;\n" if os.geteuid() == 0 else ""
    return (f"{user}worker_processes 1;\ndaemon off;\npid {directory}/nginx.pid;\n"
            f"error_log {directory}/error.log warn;\nevents {{ worker_connections 512; }}\n"
            f"http {{\n  include /etc/nginx/mime.types;\n"
            f"  access_log {directory}/access.log;\n"
            f"  client_body_temp_path {directory}/body; proxy_temp_path {directory}/proxy;\n"
            f"  fastcgi_temp_path {directory}/fastcgi; uwsgi_temp_path {directory}/uwsgi;\n"
            f"  scgi_temp_path {directory}/scgi;\n  include {server};\n}}\n")


@contextmanager
def running_nginx(directory: Path, backend: str) -> Iterator[str]:
    """nginx on a free port in front of `backend` ("http://127.0.0.1:PORT"); yields its URL.
    A port taken between choosing and binding is retried with another."""
    root = directory / "dist"
    root.mkdir(parents=True, exist_ok=True)
    (root / "index.html").write_text("<!doctype html><title>Ostal</title>")
    for _attempt in range(5):
        port = _free_port()
        server = directory / "ostal.conf"
        server.write_text(render_nginx({
            "OSTAL_LISTEN": f"127.0.0.1:{port}", "OSTAL_BACKEND": backend,
            "OSTAL_RESOLVER": "127.0.0.1", "OSTAL_ROOT": str(root),
            "OSTAL_MEDIA": f"{directory}/media/"}))
        main = directory / "nginx.conf"
        main.write_text(main_config(directory, server))
        log = (directory / "nginx.out").open("wb")
        process = subprocess.Popen([NGINX, "-c", str(main), "-e", str(directory / "error.log")],
                                   stdout=log, stderr=subprocess.STDOUT)
        if _wait_listening(port, process):
            try:
                yield f"http://127.0.0.1:{port}"
            finally:
                process.terminate()
                process.wait(timeout=30)
            return
        process.kill()
        process.wait()
    raise AssertionError("nginx did not start:\n" + (directory / "error.log").read_text())


def _wait_listening(port: int, process: subprocess.Popen[bytes]) -> bool:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            return False
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return True
        except OSError:
            time.sleep(0.05)
    return False


class _SourceAddressAdapter(HTTPAdapter):
    def __init__(self, address: str, **kwargs: Any) -> None:
        self.address = address
        super().__init__(**kwargs)

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        kwargs["source_address"] = (self.address, 0)
        super().init_poolmanager(*args, **kwargs)


def client_from(address: str) -> requests.Session:
    """An HTTP session whose connections leave from `address` (a 127.x.y.z address)."""
    session = requests.Session()
    adapter = _SourceAddressAdapter(address)
    session.mount("http://", adapter)
    return session


def fresh_addresses(count: int) -> list[str]:
    """Loopback addresses no earlier run used: rate-limit counters live in a shared cache."""
    a, b = random.randrange(1, 255), random.randrange(1, 255)
    return [f"127.{a}.{b}.{n}" for n in range(1, count + 1)]
