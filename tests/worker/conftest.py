"""Real Celery workers and a real SMTP server for the worker tests.

- `smtp`: an aiosmtpd server on 127.0.0.1 (free port) recording every delivery, with a hook
  that can hold a session at RCPT time (to kill a worker at a known point).
- `start_worker(...)`: a `celery -A worker.app worker --pool=solo` subprocess on its own
  queue, pointed at pytest's test database (committed rows only: the tests are
  transactional), the SMTP server, and the broker of this run: Redis when REDIS_URL is set
  (CI), else the embedded SQLite broker (kombu's sqla transport) in a temporary file.
- On SQLite the test database must be a file a worker process can open: run with
  SQLITE_TEST_DB=/tmp/ostal-test.sqlite3 (settings.py then uses it as the test database);
  with the default in-memory test database these tests are skipped.
"""

from __future__ import annotations

import asyncio
import email
import email.policy
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from email.message import Message
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from celery import Celery
from django.conf import settings
from django.db import connection

from config.queues import all_queues

REPO = Path(__file__).resolve().parents[2]
IS_SQLITE = "sqlite" in settings.DATABASES["default"]["ENGINE"]


def _skip_reason() -> str | None:
    if IS_SQLITE and not os.environ.get("SQLITE_TEST_DB"):
        return ("a worker process cannot see pytest's in-memory SQLite test database: run "
                "with SQLITE_TEST_DB=/tmp/ostal-test.sqlite3, or on PostgreSQL (DATABASE_URL)")
    return None


requires_shared_database = pytest.mark.skipif(_skip_reason() is not None,
                                              reason=_skip_reason() or "")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Delivery:
    mail_from: str
    rcpt_tos: list[str]
    message: Message

    @property
    def message_id(self) -> str:
        return str(self.message["Message-ID"])


@dataclass
class Recorder:
    """aiosmtpd handler: records deliveries; `hold_when(pred)` holds the RCPT of the first
    recipient for which pred(count of deliveries so far) is true, until `release()`."""

    port: int = 0
    deliveries: list[Delivery] = field(default_factory=list)
    rcpt_delay: float = 0.0
    _hold: Callable[[int], bool] | None = None
    held: list[str] = field(default_factory=list)
    _held_event: threading.Event = field(default_factory=threading.Event)
    _release: threading.Event = field(default_factory=threading.Event)
    lock: threading.Lock = field(default_factory=threading.Lock)

    async def handle_RCPT(self, server: Any, session: Any, envelope: Any, address: str,
                          rcpt_options: list[str]) -> str:
        if self.rcpt_delay:
            await asyncio.sleep(self.rcpt_delay)
        if self._hold is not None and not self.held and self._hold(len(self.deliveries)):
            self.held.append(address)
            self._held_event.set()
            while not self._release.is_set():
                await asyncio.sleep(0.01)
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        with self.lock:
            self.deliveries.append(Delivery(envelope.mail_from, list(envelope.rcpt_tos),
                                            email.message_from_bytes(
                envelope.content, policy=email.policy.default)))
        return "250 Message accepted for delivery"

    def hold_when(self, predicate: Callable[[int], bool]) -> None:
        self._hold = predicate

    def wait_held(self, timeout: float) -> str:
        assert self._held_event.wait(timeout), "no SMTP session reached the hold point"
        return self.held[0]

    def release(self) -> None:
        self._release.set()

    def wait_for(self, count: int, timeout: float = 20) -> list[Delivery]:
        deadline = time.monotonic() + timeout
        while len(self.deliveries) < count:
            assert time.monotonic() < deadline, (
                f"{len(self.deliveries)} deliveries after {timeout}s, expected {count}")
            time.sleep(0.05)
        return list(self.deliveries)


@pytest.fixture(autouse=True)
def _same_site_as_the_workers(settings: Any) -> None:
    settings.SITE_URL = "https://ostal.example.org"
    settings.NOTIFICATIONS_MESSAGE_ID_DOMAIN = "ostal.example.org"


@pytest.fixture
def smtp() -> Iterator[Recorder]:
    recorder = Recorder(port=free_port())
    controller = Controller(recorder, hostname="127.0.0.1", port=recorder.port)
    controller.start()
    try:
        yield recorder
    finally:
        recorder.release()
        controller.stop()


@dataclass
class Broker:
    url: str
    queue: str

    def app(self) -> Celery:
        app = Celery("ostal-tests", broker=self.url)
        app.conf.task_default_queue = self.queue
        app.conf.broker_connection_retry_on_startup = True
        return app


@pytest.fixture
def broker(tmp_path: Path, settings: Any) -> Iterator[Broker]:
    """The broker of this test and its own queue; the backend's after-commit nudges of this
    test go there too."""
    queue = f"ostal-test-{uuid.uuid4().hex[:8]}"
    redis_url = os.environ.get("REDIS_URL")
    url = redis_url or f"sqla+sqlite:///{tmp_path / 'broker.sqlite3'}"
    settings.CELERY_BROKER_URL = url
    settings.CELERY_TASK_DEFAULT_QUEUE = queue
    settings.NOTIFICATIONS_NUDGE = True
    found = Broker(url, queue)
    app = found.app()
    yield found
    if redis_url:  # leave nothing behind in the shared Redis database
        with app.connection_for_write() as conn:
            client = conn.default_channel.client
            client.delete(queue, f"_kombu.binding.{queue}", f"_kombu.binding_permanent.{queue}")
            for tag, raw in client.hscan_iter("unacked"):  # a killed worker's acks_late task
                if json.loads(raw)[-1] == queue:
                    client.hdel("unacked", tag)
                    client.zrem("unacked_index", tag)
    app.close()


@dataclass
class WorkerProcess:
    name: str
    process: subprocess.Popen[bytes]
    log: Path

    @property
    def pid(self) -> int:
        return self.process.pid

    def kill(self) -> None:
        os.kill(self.pid, signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self) -> None:
        """At teardown: the test is over and its queue is thrown away, so nothing is left
        to finish; SIGKILL saves the 1.5 s of a cold shutdown per worker."""
        if self.process.poll() is None:
            self.kill()

    def output(self) -> str:
        return self.log.read_text(errors="replace")


def _database_env() -> dict[str, str]:
    db = connection.settings_dict
    if IS_SQLITE:
        return {"SQLITE_PATH": str(db["NAME"])}
    user = db["USER"] or "postgres"
    password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
    return {"DATABASE_URL": f"postgres://{user}{password}@{db['HOST'] or '127.0.0.1'}:"
                            f"{db['PORT'] or 5432}/{db['NAME']}"}


@pytest.fixture
def start_worker(smtp: Recorder, broker: Broker, tmp_path: Path,
                 ) -> Iterator[Callable[..., WorkerProcess]]:
    """start_worker(name, **env) → a running worker (waits until it is ready). Tests using
    it are `django_db(transaction=True)`: the worker only sees
    committed rows, and the reference data (communes, tariffs) is restored afterwards."""
    started: list[WorkerProcess] = []
    port = smtp.port

    def start(name: str = "w1", **extra_env: str) -> WorkerProcess:
        env = {k: v for k, v in os.environ.items()
               if k not in ("DATABASE_URL", "SQLITE_TEST_DB", "REDIS_URL")}
        env.update(_database_env())
        env.update({
            "PYTHONPATH": f"{REPO / 'backend'}{os.pathsep}{REPO}",
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "CELERY_BROKER_URL": broker.url,
            "CELERY_TASK_DEFAULT_QUEUE": broker.queue,
            "EMAIL_URL": f"smtp://127.0.0.1:{port}",
            "SITE_URL": "https://ostal.example.org",
            "DEFAULT_FROM_EMAIL": "Ostal <no-reply@ostal.example.org>",
            "NOTIFICATIONS_MESSAGE_ID_DOMAIN": "ostal.example.org",
            "OSTAL_VAR_DIR": str(tmp_path / f"var-{name}"),
            "LOG_LEVEL": "WARNING",
        })
        if os.environ.get("REDIS_URL"):
            env["REDIS_URL"] = broker.url
        env.update(extra_env)
        log = tmp_path / f"{name}.log"
        process = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "worker.app", "worker", "--pool=solo",
             "-Q", ",".join(q.name for q in all_queues(broker.queue)), "-n", f"{name}@%h",
             "--without-gossip", "--without-mingle",
             "--without-heartbeat", "--loglevel=INFO"],
            cwd=REPO, env=env, stdout=log.open("wb"), stderr=subprocess.STDOUT)
        worker = WorkerProcess(name, process, log)
        started.append(worker)
        deadline = time.monotonic() + 30
        while "ready." not in worker.output():
            if process.poll() is not None or time.monotonic() > deadline:
                raise AssertionError(f"worker {name} did not start:\n{worker.output()[-3000:]}")
            time.sleep(0.1)
        return worker

    yield start
    for worker in started:
        worker.stop()
