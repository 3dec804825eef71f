"""The cluster's load: members booking desks and paying with credits through the load
balancer, bounded in time. Runs inside the "client" host's namespace; writes what every
client saw to a JSON file for the checks (tests/cluster/cluster.py).

Each booking carries an Idempotency-Key; a request that fails without an answer (connection
reset, 502/503 from the load balancer) is retried with the same key, as the app does, so a
dead web host may delay a booking but never lose or double it. In `scenario` mode a network
admin also polls the observatory (read from the replica) and an employer admin orders
bundles on invoice (gapless invoice numbers); those orders are not retried on an ambiguous
failure (an order has no idempotency key), only counted.

    python tests/cluster/load.py MODE TARGET DATA.json SECONDS THREADS OUT.json

It stops after SECONDS, or earlier once the file OUT.json.stop exists (the orchestrator's
signal that its scenario is over).
"""

from __future__ import annotations

import datetime as dt
import http.client
import itertools
import json
import os
import random
import secrets
import sys
import threading
import time
import uuid
from typing import Any
from urllib.parse import urlparse

HOST_HEADER = "ostal.test"
RETRYABLE = {502, 503, 504}
MAX_ATTEMPTS = 40


class Client:
    """One keep-alive connection through the load balancer with a member's session."""

    def __init__(self, target: str, session: str, log: list[list[Any]]) -> None:
        parsed = urlparse(target)
        self.host, self.port = parsed.hostname or "", parsed.port or 80
        self.csrf = secrets.token_hex(16)
        self.cookie = f"sessionid={session}; csrftoken={self.csrf}"
        self.log = log
        self.connection: http.client.HTTPConnection | None = None

    def request(self, kind: str, method: str, path: str, body: Any = None,
                headers: dict[str, str] | None = None) -> tuple[int | str, Any]:
        """(status, decoded JSON or None); status is the exception's name when no answer."""
        payload = json.dumps(body).encode() if body is not None else None
        all_headers = {"Host": HOST_HEADER, "Cookie": self.cookie, "X-CSRFToken": self.csrf,
                       "Accept": "application/json", **(headers or {})}
        if payload is not None:
            all_headers["Content-Type"] = "application/json"
        started = time.time()
        try:
            if self.connection is None:
                self.connection = http.client.HTTPConnection(self.host, self.port, timeout=30)
            self.connection.request(method, path, payload, all_headers)
            response = self.connection.getresponse()
            raw = response.read()
            status: int | str = response.status
            if response.getheader("Connection", "").lower() == "close":
                self._reset()
        except (OSError, http.client.HTTPException) as exc:
            self._reset()
            status, raw = type(exc).__name__, b""
        self.log.append([started, kind, status, time.time() - started])
        try:
            data = json.loads(raw) if raw else None
        except ValueError:
            data = None
        return status, data

    def _reset(self) -> None:
        if self.connection is not None:
            self.connection.close()
        self.connection = None


def _weekdays(count: int) -> list[str]:
    day, days = dt.date.today() + dt.timedelta(days=3), []
    while len(days) < count:
        if day.weekday() < 5:
            days.append(day.isoformat())
        day += dt.timedelta(days=1)
    return days


def _retrying(client: Client, deadline: float, kind: str, method: str, path: str,
              body: Any, headers: dict[str, str] | None = None) -> tuple[int | str, Any, int]:
    attempt = 0
    while True:
        attempt += 1
        status, data = client.request(kind, method, path, body, headers)
        answered = isinstance(status, int) and status not in RETRYABLE and status < 500
        if answered or attempt >= MAX_ATTEMPTS or time.time() > deadline:
            return status, data, attempt
        time.sleep(min(1.0, 0.1 * attempt))


class Stop:
    """The end of the load: a deadline, or the orchestrator's stop file."""

    def __init__(self, seconds: float, stop_file: str) -> None:
        self.deadline = time.time() + seconds
        self.stop_file = stop_file
        self.stopped = False

    def __call__(self) -> bool:
        if not self.stopped and (time.time() > self.deadline or os.path.exists(self.stop_file)):
            self.stopped = True
            self.deadline = min(self.deadline, time.time())
        return self.stopped


def member_loop(target: str, members: list[dict[str, str]], spaces: list[str], stop: Stop,
                log: list[list[Any]], bookings: list[dict[str, Any]], lock: threading.Lock
                ) -> None:
    clients = {m["email"]: Client(target, m["session"], log) for m in members}
    free_days = {m["email"]: _weekdays(60) for m in members}
    rng = random.Random()
    for member in itertools.cycle(members):
        if stop():
            return
        email, client = member["email"], clients[member["email"]]
        if not free_days[email]:
            continue
        day = rng.choice(free_days[email])
        space = rng.choice(spaces)
        key = str(uuid.uuid4())
        # Answers are awaited (retried) up to a minute after the load stops.
        answer_by = time.time() + 90
        status, data, attempts = _retrying(
            client, answer_by, "booking", "POST", "/api/v1/bookings/",
            {"space": space, "date": day, "part": "day"}, {"Idempotency-Key": key})
        # 201: booked; 200: a retry of a request that had booked (same Idempotency-Key).
        booked = status in (200, 201)
        record: dict[str, Any] = {"key": key, "member": email, "space": space, "date": day,
                                  "status": status, "attempts": attempts, "booked": booked,
                                  "code": None if booked else (data or {}).get("code")}
        if booked:
            free_days[email].remove(day)
            record["booking_id"], record["reference"] = data["id"], data["reference"]
            paid, paid_data, _ = _retrying(
                client, answer_by + 60, "checkout", "POST",
                f"/api/v1/billing/bookings/{data['id']}/checkout/", {"method": "credits"})
            record["checkout"] = paid
            record["checkout_code"] = (paid_data or {}).get("code") if paid != 200 else None
        if rng.random() < 0.5:
            client.request("directory", "GET", "/api/v1/directory/spaces/?department=31")
        with lock:
            bookings.append(record)


def dashboard_loop(target: str, session: str, stop: Stop, log: list[list[Any]],
                   seen: list[list[Any]]) -> None:
    client = Client(target, session, log)
    while not stop():
        started = time.time()
        status, _ = client.request("dashboard", "GET", "/api/v1/analytics/network/dashboard/")
        seen.append([started, status])
        time.sleep(0.5)


def order_loop(target: str, employer: dict[str, Any], stop: Stop, log: list[list[Any]],
               orders: list[list[Any]]) -> None:
    client = Client(target, employer["admin"], log)
    while not stop():
        started = time.time()
        status, data = client.request(
            "order", "POST", f"/api/v1/employers/{employer['id']}/orders/",
            {"plan": employer["plan"], "quantity": 1, "method": "transfer"})
        reference = ((data or {}).get("order") or {}).get("reference") if status == 201 else None
        orders.append([started, status, reference])
        time.sleep(1.0)


def main() -> None:
    mode, target, data_path, seconds, threads, out = sys.argv[1:7]
    with open(data_path, encoding="utf-8") as source:
        data = json.load(source)
    stop = Stop(float(seconds), f"{out}.stop")
    log: list[list[Any]] = []
    bookings: list[dict[str, Any]] = []
    dashboard: list[list[Any]] = []
    orders: list[list[Any]] = []
    lock = threading.Lock()
    members = data["members"]
    count = int(threads)
    workers = [threading.Thread(target=member_loop, args=(
        target, members[i::count], data["spaces"], stop, log, bookings, lock))
        for i in range(count)]
    if mode == "scenario":
        workers.append(threading.Thread(target=dashboard_loop, args=(
            target, data["network_admin"], stop, log, dashboard)))
        workers.append(threading.Thread(target=order_loop, args=(
            target, data["employer"], stop, log, orders)))
    started = time.time()
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    with open(out, "w", encoding="utf-8") as output:
        json.dump({"started": started, "stopped": stop.deadline, "requests": log,
                   "bookings": bookings, "dashboard": dashboard, "orders": orders}, output)


if __name__ == "__main__":
    main()
