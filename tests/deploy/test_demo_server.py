"""`make demo` serves with gunicorn (deploy/gunicorn.conf.py), still on SQLite: 50 clients at
once are all answered, none reset (Django's development server reset them), and each web
process froze the loaded application for the garbage collector.

Runs the demo's own command, scripts/run-demo.sh, on a free port (port 0; the port is read
from gunicorn's "Listening at" line) with the embedded default: no DATABASE_URL, no
REDIS_URL, a SQLite database and broker in a temporary folder.
"""

from __future__ import annotations

import http.client
import os
import re
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
CLIENTS = 50
LISTENING = re.compile(r"Listening at: http://127\.0\.0\.1:(\d+)")
FROZEN = re.compile(r"gc\.freeze\(\): (\d+) objects frozen")


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _embedded_env(var_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if k not in {"DATABASE_URL", "REDIS_URL", "CELERY_BROKER_URL", "SQLITE_PATH",
                        "SQLITE_TEST_DB", "CELERY_TASK_DEFAULT_QUEUE"}}
    env.update({"OSTAL_VAR_DIR": str(var_dir), "PYTHONPATH": f"{REPO / 'backend'}:{REPO}",
                "DJANGO_SETTINGS_MODULE": "config.settings",
                # A key, so the script does not start the fake Stripe on its fixed port.
                "STRIPE_SECRET_KEY": "sk_test_unused_by_this_test",
                # The stand-in e-invoicing platform on a free port, not its fixed one.
                "EINVOICING_LOCAL_PORT": str(_free_port())})
    return env


def _wait_for(log: Path, pattern: re.Pattern[str], count: int, process: subprocess.Popen[bytes],
              timeout: float) -> list[str]:
    deadline = time.monotonic() + timeout
    while True:
        found = pattern.findall(log.read_text(errors="replace"))
        if len(found) >= count:
            return found
        if process.poll() is not None or time.monotonic() > deadline:
            raise AssertionError(f"no {pattern.pattern!r} in the demo's output:\n"
                                 f"{log.read_text(errors='replace')[-3000:]}")
        time.sleep(0.2)


def stop_demo(process: subprocess.Popen[bytes]) -> None:
    """Stop the demo's process group (web, worker, fake Stripe): politely, then firmly."""
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=60)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def test_the_demo_server_answers_50_simultaneous_clients(tmp_path: Path) -> None:
    env = _embedded_env(tmp_path)
    subprocess.run([sys.executable, "backend/manage.py", "migrate", "--noinput", "-v0"],
                   cwd=REPO, env=env, check=True, timeout=600)
    log = tmp_path / "demo.log"
    process = subprocess.Popen(["scripts/run-demo.sh", "0"], cwd=REPO, env=env,
                               stdout=log.open("wb"), stderr=subprocess.STDOUT,
                               start_new_session=True)
    try:
        port = int(_wait_for(log, LISTENING, 1, process, timeout=120)[0])
        frozen = _wait_for(log, FROZEN, 2, process, timeout=120)  # both web processes
        results = _simultaneous_requests(port, "/api/v1/directory/spaces/", CLIENTS)
    finally:
        stop_demo(process)

    assert Counter(results) == Counter({"200 gunicorn": CLIENTS})
    # The application (every view, serializer and selector) was imported before gc.freeze():
    # a loaded worker holds about 150,000 objects; frozen before loading, about 20,000 were.
    assert all(int(count) > 100_000 for count in frozen), frozen


def _simultaneous_requests(port: int, path: str, clients: int) -> list[str]:
    """`clients` connections opened and sent at the same moment; each result is
    "<status> <Server header>" or the error's class name (ConnectionResetError...)."""
    barrier = threading.Barrier(clients)
    results: list[str] = []
    lock = threading.Lock()

    def client() -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        try:
            barrier.wait(timeout=60)
            connection.request("GET", path)
            response = connection.getresponse()
            response.read()
            outcome = f"{response.status} {response.getheader('Server', '').split('/')[0]}"
        except Exception as exc:  # the failure itself is the result
            outcome = type(exc).__name__
        finally:
            connection.close()
        with lock:
            results.append(outcome)

    threads = [threading.Thread(target=client) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    return results
