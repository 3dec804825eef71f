#!/usr/bin/env python3
"""Ostal on several hosts, simulated on this machine with network namespaces (`make
cluster-test`, as root), then a host of each kind killed under load.

Hosts (each a network namespace with its own address on a private bridge that lives in a
namespace of its own: no interface, route or address is added to the machine's own network):

    client ─► lb (HAProxy) ─► web1 / web2 (nginx ─► gunicorn) ─┬─► pgb (PgBouncer) ─► db1
                              worker (Celery worker + beat) ──┤   (transaction mode, primary)
                                                              ├─► db2 (streaming replica)
                                                              ├─► redis (broker, cache)
                                                              └─► mail (SMTP sink)

Everything is Debian's packages (PostgreSQL, PgBouncer, HAProxy, nginx, Redis) and the project's
own config (deploy/gunicorn.conf.py, deploy/nginx.conf.template, the settings from the
environment). Under a load of members booking and paying with credits (tests/cluster/load.py),
it kills web1, then the worker host, then the replica, each restarted after a while, and
asserts: no booking lost or doubled, every acknowledged payment in credits spent once, no gap
in invoice numbers, the load balancer routing around the dead web host within seconds, the
observatory answered (from the primary) while the replica is down and from the replica again
after, the worker's due work done after it returns with nothing sent twice. Then it measures
requests/s and p95 with one and two web hosts (docs/benchmarks/cluster.md), backs the primary
up and restores it into a fresh cluster, checking invoice numbers, ledger sums and bookings.

All traffic stays inside the namespaces made here. The run is bounded (TIME_LIMIT) and always
cleans up: processes, namespaces and files, also when a check fails.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(REPO), str(REPO / "backend")]

from tests.deploy.nginx import main_config  # noqa: E402
from tests.deploy.render import render_nginx  # noqa: E402

PY = str(REPO / ".venv" / "bin" / "python")
CELERY = str(REPO / ".venv" / "bin" / "celery")
GUNICORN = str(REPO / ".venv" / "bin" / "gunicorn")
SUBNET = "10.231.0"
ADDRESSES = {"lb": 10, "web1": 11, "web2": 12, "worker": 13, "db1": 21, "db2": 22, "pgb": 23,
             "redis": 24, "mail": 25, "client": 30, "monitor": 31}
TIME_LIMIT = int(os.environ.get("CLUSTER_TIME_LIMIT", "1200"))  # the whole run, seconds
LOAD_SECONDS = 600  # the most the scenario's load may last; it is stopped when done
WARM_UP, OUTAGE, PAUSE = 10, 20, 8  # seconds: before the first kill, each host down, between
BENCH_SECONDS = int(os.environ.get("CLUSTER_BENCH_SECONDS", "15"))
THREADS = int(os.environ.get("CLUSTER_THREADS", "12"))
MEMBERS = 60
LB_DETECTION_LIMIT = 5.0  # seconds for HAProxy to take a dead web host out
NS_PREFIX = "oc"


def pg_bin() -> Path:
    versions = sorted(Path("/usr/lib/postgresql").glob("*/bin/postgres"),
                      key=lambda p: int(p.parent.parent.name))
    if not versions:
        raise SystemExit("PostgreSQL server binaries not found (apt-get install postgresql)")
    return versions[-1].parent


def log(message: str) -> None:
    print(  # noqa: T201 (the run's progress, for the operator)
        f"[cluster {time.strftime('%H:%M:%S')}] {message}", flush=True)


class CheckFailed(AssertionError):
    pass


def check(condition: bool, message: str) -> None:
    if not condition:
        raise CheckFailed(message)
    log(f"ok: {message}")


class Cluster:
    def __init__(self, workdir: Path) -> None:
        self.workdir = workdir
        self.prefix = f"{NS_PREFIX}{os.getpid()}"
        self.created: list[str] = []
        self.pg = pg_bin()
        self.secret = secrets.token_urlsafe(40)
        (workdir / "logs").mkdir()

    # --- network --------------------------------------------------------------------------
    def ns(self, host: str) -> str:
        return f"{self.prefix}-{host}"

    @staticmethod
    def ip(host: str) -> str:
        return f"{SUBNET}.{ADDRESSES[host]}"

    def create_network(self) -> None:
        switch = self.ns("switch")
        self._netns_add(switch)
        run(["ip", "-n", switch, "link", "add", "br0", "type", "bridge"])
        run(["ip", "-n", switch, "link", "set", "br0", "up"])
        for index, host in enumerate(ADDRESSES):
            ns = self.ns(host)
            self._netns_add(ns)
            port = f"p{os.getpid() % 100000}x{index}"
            run(["ip", "link", "add", port, "netns", switch, "type", "veth", "peer", "name",
                 "eth0", "netns", ns])
            run(["ip", "-n", switch, "link", "set", port, "master", "br0", "up"])
            run(["ip", "-n", ns, "addr", "add", f"{self.ip(host)}/24", "dev", "eth0"])
            run(["ip", "-n", ns, "link", "set", "eth0", "up"])

    def _netns_add(self, ns: str) -> None:
        run(["ip", "netns", "add", ns])
        self.created.append(ns)
        run(["ip", "-n", ns, "link", "set", "lo", "up"])

    # --- processes --------------------------------------------------------------------------
    def start(self, host: str, name: str, argv: list[str], env: dict[str, str] | None = None,
              user: str | None = None, cwd: Path = REPO) -> subprocess.Popen[bytes]:
        command = ["ip", "netns", "exec", self.ns(host)]
        if user:
            command += ["runuser", "-u", user, "--"]
        out = (self.workdir / "logs" / f"{host}-{name}.log").open("ab")
        return subprocess.Popen(command + argv, env=env or base_env(self.workdir), cwd=cwd,
                                stdout=out, stderr=subprocess.STDOUT, start_new_session=True)

    def run_in(self, host: str, argv: list[str], env: dict[str, str] | None = None,
               timeout: float = 600, user: str | None = None) -> str:
        command = ["ip", "netns", "exec", self.ns(host)]
        if user:
            command += ["runuser", "-u", user, "--"]
        done = subprocess.run(command + argv, env=env or base_env(self.workdir), cwd=REPO,
                              capture_output=True, timeout=timeout, check=False)
        if done.returncode != 0:
            raise RuntimeError(f"{' '.join(argv[:3])} on {host} failed:\n"
                               f"{done.stdout.decode()[-2000:]}\n{done.stderr.decode()[-3000:]}")
        return done.stdout.decode()

    def pids(self, host: str) -> list[int]:
        out = subprocess.run(["ip", "netns", "pids", self.ns(host)], capture_output=True,
                             text=True, check=False).stdout
        return [int(pid) for pid in out.split()]

    def kill_host(self, host: str) -> None:
        """SIGKILL every process of the host, as a power cut would stop it."""
        deadline = time.monotonic() + 30
        while pids := self.pids(host):
            for pid in pids:
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGKILL)
            if time.monotonic() > deadline:
                raise RuntimeError(f"processes of {host} survive SIGKILL: {pids}")
            time.sleep(0.1)

    def destroy(self) -> None:
        for ns in reversed(self.created):
            host = ns.removeprefix(f"{self.prefix}-")
            try:
                self.kill_host(host)
            finally:
                subprocess.run(["ip", "netns", "del", ns], check=False)
        self.created.clear()

    def http(self, host: str, url: str, timeout: float = 3, session: str = "") -> tuple[int, str]:
        """(status, body) of a GET made from inside `host`; status 0 when nothing answered."""
        cookie = ["-b", f"sessionid={session}"] if session else []
        done = subprocess.run(["ip", "netns", "exec", self.ns(host), "curl", "-s", "-m",
                               str(timeout), "-H", "Host: ostal.test", *cookie, "-w",
                               "\n%{http_code}", url], capture_output=True, text=True,
                              check=False)
        body, _, code = done.stdout.rpartition("\n")
        return int(code or 0), body

    # --- services ---------------------------------------------------------------------------
    def pg_dir(self, name: str) -> Path:
        return self.workdir / name

    def pg_socket(self, name: str) -> str:
        return str(self.workdir / f"{name}-sock")

    def start_postgres(self, host: str, data: Path, *, listen: bool = True) -> None:
        socket_dir = Path(self.pg_socket(host))
        socket_dir.mkdir(exist_ok=True)
        shutil.chown(socket_dir, "postgres", "postgres")
        address = self.ip(host) if listen else ""  # no address: unix socket only
        self.start(host, "postgres", [
            str(self.pg / "postgres"), "-D", str(data), "-c", f"listen_addresses={address}",
            "-c", "port=5432", "-c", f"unix_socket_directories={socket_dir}",
            "-c", "max_connections=200", "-c", "fsync=off", "-c", "full_page_writes=off",
            "-c", "wal_keep_size=512MB", "-c", "hot_standby=on", "-c", "shared_buffers=64MB",
            "-c", "log_min_messages=warning"], user="postgres")
        wait_for(lambda: subprocess.run(
            [str(self.pg / "pg_isready"), "-q", "-h", str(socket_dir)], check=False
        ).returncode == 0, 60, f"PostgreSQL on {host}")

    def init_primary(self) -> None:
        data = self.pg_dir("db1-data")
        data.mkdir()
        shutil.chown(data, "postgres", "postgres")
        run(["runuser", "-u", "postgres", "--", str(self.pg / "initdb"), "-D", str(data),
             "-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8"], quiet=True)
        with (data / "pg_hba.conf").open("w") as hba:
            hba.write(f"local all all trust\nhost all all {SUBNET}.0/24 trust\n"
                      f"host replication all {SUBNET}.0/24 trust\n")
        self.start_postgres("db1", data)
        self.sql("db1", "CREATE DATABASE ostal", database="postgres")

    def init_replica(self) -> None:
        data = self.pg_dir("db2-data")
        data.mkdir(mode=0o700)
        shutil.chown(data, "postgres", "postgres")
        self.run_in("db2", [str(self.pg / "pg_basebackup"), "-h", self.ip("db1"), "-U",
                            "postgres", "-D", str(data), "-R", "-X", "stream",
                            "--checkpoint=fast"], user="postgres", env=base_env(self.workdir))
        self.start_postgres("db2", data)

    def sql(self, host: str, query: str, database: str = "ostal") -> str:
        """psql through the server's unix socket (a file, not the namespaces' network)."""
        done = subprocess.run([str(self.pg / "psql"), "-h", self.pg_socket(host), "-U",
                               "postgres", "-d", database, "-AtX", "-v", "ON_ERROR_STOP=1",
                               "-c", query], capture_output=True, text=True, check=False)
        if done.returncode != 0:
            raise RuntimeError(f"SQL on {host} failed: {done.stderr}")
        return done.stdout.strip()

    def start_pgbouncer(self) -> None:
        directory = self.workdir / "pgbouncer"
        directory.mkdir()
        (directory / "userlist.txt").write_text('"postgres" ""\n')
        (directory / "pgbouncer.ini").write_text(
            "[databases]\n"
            f"ostal = host={self.ip('db1')} port=5432 dbname=ostal user=postgres\n"
            "[pgbouncer]\n"
            f"listen_addr = {self.ip('pgb')}\nlisten_port = 6432\nunix_socket_dir =\n"
            "auth_type = trust\n"
            f"auth_file = {directory / 'userlist.txt'}\n"
            "pool_mode = transaction\nmax_client_conn = 1000\ndefault_pool_size = 40\n"
            "server_reset_query =\nignore_startup_parameters = extra_float_digits,options\n")
        shutil.chown(directory, "postgres", "postgres")
        self.start("pgb", "pgbouncer", ["pgbouncer", str(directory / "pgbouncer.ini")],
                   user="postgres")

    def start_redis(self) -> None:
        self.start("redis", "redis", ["redis-server", "--bind", self.ip("redis"), "--port",
                                      "6379", "--save", "", "--appendonly", "no",
                                      "--protected-mode", "no"])

    def start_mail(self) -> None:
        self.start("mail", "smtp", [PY, "tests/cluster/smtp_sink.py", self.ip("mail"), "2525",
                                    str(self.workdir / "mail.jsonl")])

    def app_env(self, host: str, **extra: str) -> dict[str, str]:
        env = base_env(self.workdir)
        env.update({
            "DEBUG": "false", "SECRET_KEY": self.secret, "ALLOWED_HOSTS": "ostal.test",
            "SECURE_SSL_REDIRECT": "false", "SITE_URL": "http://ostal.test",
            "DATABASE_URL": f"postgres://postgres@{self.ip('pgb')}:6432/ostal",
            "DATABASE_TRANSACTION_POOLING": "true",
            "DATABASE_REPLICA_URL": f"postgres://postgres@{self.ip('db2')}:5432/ostal",
            "DATABASE_REPLICA_CHECK_SECONDS": "2",
            "REDIS_URL": f"redis://{self.ip('redis')}:6379/0",
            "EMAIL_URL": f"smtp://{self.ip('mail')}:2525",
            "NOTIFICATIONS_MESSAGE_ID_DOMAIN": "ostal.test",
            # HAProxy, then nginx: two proxies append to X-Forwarded-For.
            "TRUSTED_PROXY_COUNT": "2",
            "METRICS_ENABLED": "true", "LOG_FORMAT": "json", "LOG_LEVEL": "INFO",
            "OSTAL_VAR_DIR": str(self.workdir / host / "var"),
            # Nothing here calls Stripe; a closed local port if something tried.
            "STRIPE_SECRET_KEY": "sk_test_cluster", "STRIPE_API_BASE": "http://127.0.0.1:9",
            # A production configuration names the network's SIRET (billing.W001): without it
            # the network's invoices cannot be issued as e-invoices.
            "NETWORK_SIRET": "13002592700018",
        })
        env.update(extra)
        return env

    def prepare_database(self) -> dict[str, Any]:
        direct = {"DATABASE_URL": f"postgres://postgres@{self.ip('db1')}:5432/ostal",
                  "DATABASE_TRANSACTION_POOLING": "false"}
        env = self.app_env("worker", **direct)
        (self.workdir / "worker").mkdir(exist_ok=True)
        # Migrations go straight to the primary (session features, long transactions).
        self.run_in("worker", [PY, "backend/manage.py", "migrate", "--noinput", "-v0"], env)
        self.run_in("worker", [PY, "backend/manage.py", "seed_demo", "--no-photos"], env)
        out = self.run_in("worker", [PY, "tests/cluster/seed.py", str(MEMBERS)], env)
        data = json.loads(out.strip().splitlines()[-1])
        (self.workdir / "seed.json").write_text(json.dumps(data))
        return data

    def start_web(self, host: str) -> None:
        home = self.workdir / host
        prom = home / "prometheus"
        shutil.rmtree(prom, ignore_errors=True)
        prom.mkdir(parents=True)
        env = self.app_env(host, GUNICORN_BIND="0.0.0.0:8000", WEB_CONCURRENCY="2",
                           FORWARDED_ALLOW_IPS="127.0.0.1", PROMETHEUS_MULTIPROC_DIR=str(prom))
        self.start(host, "gunicorn", [GUNICORN, "--config", "deploy/gunicorn.conf.py",
                                      "--no-control-socket", "config.wsgi:application"], env)
        nginx_dir = home / "nginx"
        nginx_dir.mkdir(exist_ok=True)
        (nginx_dir / "dist").mkdir(exist_ok=True)
        (nginx_dir / "dist" / "index.html").write_text("<!doctype html><title>Ostal</title>")
        server = nginx_dir / "ostal.conf"
        server.write_text(render_nginx({
            "OSTAL_LISTEN": f"{self.ip(host)}:80", "OSTAL_BACKEND": "http://127.0.0.1:8000",
            "OSTAL_RESOLVER": "127.0.0.1", "OSTAL_ROOT": str(nginx_dir / "dist"),
            "OSTAL_MEDIA": f"{home}/media/"}))
        (nginx_dir / "nginx.conf").write_text(main_config(nginx_dir, server))
        self.start(host, "nginx", ["nginx", "-c", str(nginx_dir / "nginx.conf"), "-e",
                                   str(nginx_dir / "error.log")])
        wait_for(lambda: self.http("monitor", f"http://{self.ip(host)}/readyz")[0] == 200, 120,
                 f"{host} ready behind its nginx")

    def start_worker(self) -> None:
        home = self.workdir / "worker"
        prom = home / "prometheus"
        shutil.rmtree(prom, ignore_errors=True)
        prom.mkdir(parents=True)
        env = self.app_env("worker", PROMETHEUS_MULTIPROC_DIR=str(prom),
                           WORKER_METRICS_PORT="9100")
        self.start("worker", "celery", [CELERY, "-A", "worker.app", "worker", "-l", "INFO",
                                        "--concurrency", "2", "-n", "worker@cluster"], env)
        self.start("worker", "beat", [CELERY, "-A", "worker.app", "beat", "-l", "INFO",
                                      "--schedule", str(home / "beat-schedule")], env)

    def start_lb(self) -> None:
        config = self.workdir / "haproxy.cfg"
        config.write_text(f"""
global
    stats socket {self.workdir}/haproxy.sock mode 600 level admin
    maxconn 4000
defaults
    mode http
    timeout connect 2s
    timeout client 60s
    timeout server 40s
    # A probe waits behind the requests a busy web host is serving: give it time, or a
    # loaded host is taken for a dead one (a dead one refuses the connection at once).
    timeout check 5s
    # A request whose connection to a web host fails goes to the other one; nothing that a
    # server may have started to process is retried (a booking is retried by its client).
    retries 3
    retry-on conn-failure
    option redispatch 1
frontend www
    bind {self.ip('lb')}:80
    # The edge: the client's address replaces whatever the client sent (nginx then appends
    # ours, hence TRUSTED_PROXY_COUNT=2).
    http-request set-header X-Forwarded-For %[src]
    default_backend web
backend web
    balance roundrobin
    option httpchk
    http-check send meth GET uri /readyz ver HTTP/1.1 hdr Host ostal.test
    http-check expect status 200
    default-server inter 1s fastinter 500ms downinter 1s fall 3 rise 2
    server web1 {self.ip('web1')}:80 check
    server web2 {self.ip('web2')}:80 check
""")
        self.start("lb", "haproxy", ["haproxy", "-db", "-f", str(config)])
        wait_for(lambda: self.lb_states() == {"web1": "UP", "web2": "UP"}, 60, "HAProxy up")

    def haproxy(self, command: str) -> str:
        with socket.socket(socket.AF_UNIX) as sock:
            sock.settimeout(5)
            sock.connect(str(self.workdir / "haproxy.sock"))
            sock.sendall(command.encode() + b"\n")
            chunks = []
            while chunk := sock.recv(65536):
                chunks.append(chunk)
        return b"".join(chunks).decode()

    def lb_states(self) -> dict[str, str]:
        try:
            stat = self.haproxy("show stat")
        except OSError:
            return {}
        rows = [line.split(",") for line in stat.splitlines() if line.startswith("web,web")]
        return {row[1]: row[17].split(" ")[0] for row in rows}


def run(argv: list[str], quiet: bool = False) -> None:
    done = subprocess.run(argv, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(argv)}: {done.stderr.strip()}")


def base_env(workdir: Path) -> dict[str, str]:
    return {"PATH": os.environ.get("PATH", "/usr/sbin:/usr/bin:/sbin:/bin"),
            "HOME": str(workdir), "LANG": "C.UTF-8", "PYTHONUNBUFFERED": "1",
            "PYTHONPATH": f"{REPO / 'backend'}:{REPO}",
            "DJANGO_SETTINGS_MODULE": "config.settings"}


def wait_for(condition: Callable[[], bool], timeout: float, what: str) -> float:
    """Seconds until `condition` holds; fails after `timeout`."""
    started = time.monotonic()
    while not condition():
        if time.monotonic() - started > timeout:
            raise CheckFailed(f"{what}: not reached within {timeout:.0f} s")
        time.sleep(0.2)
    return time.monotonic() - started


def remove_leftovers() -> None:
    """Namespaces of an earlier run of this script whose process is gone (killed before it
    could clean up): their processes are killed and the namespaces deleted."""
    names = subprocess.run(["ip", "netns", "list"], capture_output=True, text=True,
                           check=False).stdout.split()
    for name in names:
        match = re.fullmatch(rf"{NS_PREFIX}(\d+)-[a-z0-9]+", name)
        if not match or Path(f"/proc/{match.group(1)}").exists():
            continue
        pids = subprocess.run(["ip", "netns", "pids", name], capture_output=True, text=True,
                              check=False).stdout.split()
        for pid in pids:
            with contextlib.suppress(ProcessLookupError):
                os.kill(int(pid), signal.SIGKILL)
        subprocess.run(["ip", "netns", "del", name], check=False)
        log(f"removed the leftover namespace {name}")


# --- the scenario -------------------------------------------------------------------------

def scenario(cluster: Cluster) -> dict[str, Any]:
    """The load with three hosts killed and restarted, one after the other, each down for
    OUTAGE seconds; returns what the checks need."""
    out = cluster.workdir / "scenario.json"
    load = cluster.start("client", "load", [PY, "tests/cluster/load.py", "scenario",
                                            f"http://{cluster.ip('lb')}",
                                            str(cluster.workdir / "seed.json"),
                                            str(LOAD_SECONDS), str(THREADS), str(out)])
    events: dict[str, float] = {}
    time.sleep(WARM_UP)

    events["web1_killed"] = time.time()
    cluster.kill_host("web1")
    log("web1 killed")
    events["web1_detected_after"] = wait_for(
        lambda: cluster.lb_states().get("web1") == "DOWN", 30, "HAProxy marks web1 down")
    time.sleep(max(0.0, events["web1_killed"] + OUTAGE - time.time()))
    cluster.start_web("web1")
    wait_for(lambda: cluster.lb_states().get("web1") == "UP", 60, "web1 back in HAProxy")
    events["web1_back"] = time.time()
    log("web1 back")

    time.sleep(PAUSE)
    events["worker_killed"] = time.time()
    cluster.kill_host("worker")
    log("worker host killed")
    time.sleep(OUTAGE)
    events["worker_back"] = time.time()
    cluster.start_worker()
    log("worker host back")

    time.sleep(PAUSE)
    events["replica_killed"] = time.time()
    cluster.kill_host("db2")
    log("replica killed")
    time.sleep(OUTAGE)
    events["replica_restarted"] = time.time()
    cluster.start_postgres("db2", cluster.pg_dir("db2-data"))
    log("replica back")

    time.sleep(PAUSE)
    (cluster.workdir / "scenario.json.stop").touch()
    wait_for(lambda: load.poll() is not None, 300, "the load to finish")
    if load.returncode != 0:
        raise CheckFailed(f"the load failed (exit {load.returncode}): see "
                          f"{cluster.workdir}/logs/client-load.log")
    result = json.loads(out.read_text())
    result["events"] = events
    return result


def check_scenario(cluster: Cluster, result: dict[str, Any]) -> dict[str, Any]:
    events, bookings = result["events"], result["bookings"]
    summary: dict[str, Any] = {}

    # The load balancer routed around the dead web host.
    detected = events["web1_detected_after"]
    check(detected <= LB_DETECTION_LIMIT,
          f"HAProxy took web1 out {detected:.1f} s after it died (limit {LB_DETECTION_LIMIT} s)")
    unanswered = [b for b in bookings if b["status"] not in (200, 201, 400, 409)]
    check(not unanswered, f"every booking request got an answer in the end ({len(bookings)} "
                          f"requests; unanswered: {unanswered[:3]})")
    after_detection = [r for r in result["requests"]
                       if events["web1_killed"] + detected + 1 < r[0] < events["web1_back"]
                       and (not isinstance(r[2], int) or r[2] >= 500)]
    check(not after_detection, "no request failed once HAProxy had taken web1 out "
                               f"({len(after_detection)} failed)")
    window = [r for r in result["requests"] if events["web1_killed"] <= r[0]
              <= events["web1_killed"] + detected + 1]
    summary["failed_during_detection"] = sum(1 for r in window if not isinstance(r[2], int)
                                             or r[2] >= 500)
    summary["lb_detection_seconds"] = round(detected, 1)

    # No booking lost or doubled.
    created = {b["reference"]: b for b in bookings if b["booked"]}
    rows = cluster.sql("db1", "SELECT b.reference, b.status, b.idempotency_key, u.email "
                              "FROM bookings_booking b JOIN accounts_user u ON u.id = b.member_id "
                              "WHERE u.email LIKE 'charge%@ostal.test'")
    in_db = {ref: (status, key, email) for ref, status, key, email in
             (line.split("|") for line in rows.splitlines() if line)}
    check(set(created) == set(in_db),
          f"the {len(created)} bookings the clients were given are exactly the load's bookings "
          f"in the database ({len(in_db)})")
    keys = Counter(key for _, key, _ in in_db.values())
    check(all(count == 1 for count in keys.values()),
          "one booking per idempotency key, retries included "
          f"({sum(b['attempts'] > 1 for b in bookings)} requests were retried, "
          f"{sum(b['status'] == 200 for b in bookings)} answered by the replay of a booking "
          "made by an attempt whose answer was lost)")
    overlaps = cluster.sql("db1", """
        SELECT count(*) FROM bookings_booking a JOIN bookings_booking b
          ON a.resource_id = b.resource_id AND a.id < b.id
         AND tstzrange(a.start, a."end") && tstzrange(b.start, b."end")
         WHERE a.status IN ('held', 'confirmed', 'checked_in')
           AND b.status IN ('held', 'confirmed', 'checked_in')""")
    check(overlaps == "0", "no desk booked twice")

    # Every payment in credits spent once.
    paid = {b["reference"] for b in bookings if b.get("checkout") == 200}
    confirmed = {ref for ref, (status, _, _) in in_db.items() if status == "confirmed"}
    check(paid <= confirmed, f"the {len(paid)} bookings paid in credits are confirmed")
    nets = dict(line.split("|") for line in cluster.sql("db1", """
        SELECT reason_id, sum(delta) FROM memberships_creditledgerentry
         WHERE reason_type = 'booking' GROUP BY reason_id""").splitlines() if line)
    wrong = [ref for ref in created if int(nets.get(ref, 0)) !=
             (-100 if in_db[ref][0] == "confirmed" else 0)]
    check(not wrong, "each confirmed booking spent exactly one credit, the others none "
                     f"(wrong: {wrong[:3]})")

    # No gap in invoice numbers; every acknowledged order invoiced once.
    gaps = cluster.sql("db1", """
        SELECT count(*) FROM (SELECT seller_key, doc_type, year FROM billing_invoice
         GROUP BY seller_key, doc_type, year
        HAVING min(sequence) <> 1 OR max(sequence) <> count(*)
            OR count(DISTINCT sequence) <> count(*)) AS gap""")
    check(gaps == "0", "invoice numbers have no gap and no repeat, per seller, kind and year")
    acknowledged = [o[2] for o in result["orders"] if o[1] == 201]
    invoiced = set(cluster.sql("db1", """
        SELECT o.reference FROM employers_bundleorder o JOIN billing_invoice i
            ON i.source_key = 'bundle-order:' || o.reference""").splitlines())
    summary["orders"] = len(acknowledged)
    check(len(acknowledged) > 0 and set(acknowledged) <= invoiced,
          f"{len(acknowledged)} bundle orders acknowledged, each with its invoice")

    # Reads fell back to the primary while the replica was down.
    down = [d for d in result["dashboard"]
            if events["replica_killed"] < d[0] < events["replica_restarted"]]
    check(len(down) > 5 and all(d[1] == 200 for d in down),
          f"the observatory answered all {len(down)} requests while the replica was down")
    web_logs = "".join((cluster.workdir / "logs" / f"{h}-gunicorn.log").read_text(
        errors="replace") for h in ("web1", "web2"))
    check("read replica not used" in web_logs and "read replica usable" in web_logs,
          "the web hosts stopped reading from the replica when it died and went back to it")
    return summary


def check_due_work(cluster: Cluster, events: dict[str, float]) -> dict[str, Any]:
    def pending() -> int:
        return int(cluster.sql("db1", "SELECT count(*) FROM notifications_notification "
                                      "WHERE status = 'pending' AND send_after <= now()"))

    waited = wait_for(lambda: pending() == 0, 240, "every due notification sent")
    log(f"due mail all sent {waited:.0f} s after the load")
    # A message the killed worker was sending stays claimed until its lease ends
    # (NOTIFICATIONS_SENDING_TIMEOUT_SECONDS, 30 min): then it is sent, with the same
    # Message-ID. Only the dead worker's claims may be in that state.
    in_flight = cluster.sql("db1", "SELECT count(*), coalesce(max(claimed_at) < "
                                   f"to_timestamp({events['worker_killed']}), true) "
                                   "FROM notifications_notification WHERE status = 'sending'")
    count, all_before_kill = in_flight.split("|")
    check(all_before_kill == "t", f"only the killed worker's claims wait for their lease "
                                  f"({count} messages)")
    sent_during_outage = int(cluster.sql("db1", f"""
        SELECT count(*) FROM notifications_notification WHERE status = 'sent'
           AND created_at BETWEEN to_timestamp({events['worker_killed']})
                              AND to_timestamp({events['worker_back']})
           AND sent_at > to_timestamp({events['worker_back']})"""))
    check(sent_during_outage > 0,
          f"{sent_during_outage} mails due while the worker host was dead were sent after it "
          "came back")
    lines = (cluster.workdir / "mail.jsonl").read_text().splitlines()
    ids = Counter(json.loads(line)["message_id"] for line in lines)
    sent = int(cluster.sql("db1", "SELECT count(*) FROM notifications_notification "
                                  "WHERE status = 'sent'"))
    check(all(n == 1 for n in ids.values()), f"no mail sent twice ({len(lines)} received)")
    check(sent <= len(ids) <= sent + int(count),
          f"every sent notification reached the mail server ({sent}, and {len(ids) - sent} of "
          "the dead worker's last claims)")
    return {"mails": len(ids), "in_flight_at_kill": int(count)}


def check_replica_serves(cluster: Cluster, data: dict[str, Any]) -> None:
    wait_for(lambda: cluster.sql("db2", "SELECT count(*) FROM pg_stat_wal_receiver") == "1",
             60, "the replica streams again")
    before = int(cluster.sql("db2", "SELECT xact_commit FROM pg_stat_database "
                                    "WHERE datname = 'ostal'"))
    time.sleep(3)  # past the web hosts' replica check interval (2 s)
    codes = [cluster.http("client", f"http://{cluster.ip('lb')}/api/v1/analytics/network/"
                          "dashboard/", timeout=30, session=data["network_admin"])[0]
             for _ in range(6)]
    check(codes == [200] * 6, "the observatory answers")
    after = int(cluster.sql("db2", "SELECT xact_commit FROM pg_stat_database "
                                   "WHERE datname = 'ostal'"))
    check(after - before >= 6, f"observatory reads go to the replica again ({after - before} "
                               "transactions on it for 6 requests)")


def check_metrics(cluster: Cluster) -> None:
    code, body = cluster.http("monitor", f"http://{cluster.ip('web2')}:8000/metrics")
    check(code == 200 and "ostal_bookings{" in body and "django_http_requests_latency" in body,
          "Prometheus scrapes a web host directly")
    code, body = cluster.http("monitor", f"http://{cluster.ip('worker')}:9100/metrics")
    check(code == 200 and "ostal_task_runtime_seconds" in body,
          "Prometheus scrapes the worker's task timings")
    code, _ = cluster.http("client", f"http://{cluster.ip('lb')}/metrics")
    check(code == 404, "the public cannot read the metrics through the load balancer")


# --- throughput with one and two web hosts ------------------------------------------------

def benchmark(cluster: Cluster) -> list[dict[str, Any]]:
    blocks = []
    for index, hosts in enumerate((1, 2, 1, 2)):  # interleaved blocks
        cluster.haproxy(f"set server web/web2 state {'maint' if hosts == 1 else 'ready'}")
        wait_for(lambda h=hosts: (cluster.lb_states().get("web2") == "UP") == (h == 2), 30,
                 "web2 state")
        out = cluster.workdir / f"bench-{index}.json"
        cluster.run_in("client", [PY, "tests/cluster/load.py", "bench",
                                  f"http://{cluster.ip('lb')}",
                                  str(cluster.workdir / "seed.json"), str(BENCH_SECONDS),
                                  str(THREADS), str(out)], timeout=BENCH_SECONDS + 120)
        result = json.loads(out.read_text())
        done = [r for r in result["requests"] if isinstance(r[2], int) and r[2] < 500]
        seconds = result["stopped"] - result["started"]
        latencies = sorted(r[3] for r in done)
        bookings = sorted(r[3] for r in done if r[1] == "booking")
        blocks.append({"web_hosts": hosts, "requests": len(done), "seconds": round(seconds, 1),
                       "rps": round(len(done) / seconds, 1),
                       "p95_ms": round(1000 * percentile(latencies, 95)),
                       "booking_p95_ms": round(1000 * percentile(bookings, 95)),
                       "errors": len(result["requests"]) - len(done)})
        log(f"bench block {index}: {blocks[-1]}")
    cluster.haproxy("set server web/web2 state ready")
    return blocks


def percentile(values: list[float], p: int) -> float:
    if not values:
        return float("nan")
    return statistics.quantiles(values, n=100, method="inclusive")[p - 1] if len(values) > 1 \
        else values[0]


# --- backup and restore into a fresh cluster ----------------------------------------------

CHECKSUMS = {
    "invoice numbers": "SELECT md5(string_agg(number || ':' || total_gross, ',' ORDER BY number))"
                       " FROM billing_invoice",
    "ledger sums": "SELECT md5(string_agg(account_id || ':' || total, ',' ORDER BY account_id))"
                   " FROM (SELECT account_id, sum(delta) AS total"
                   " FROM memberships_creditledgerentry GROUP BY account_id) AS sums",
    "bookings": "SELECT md5(string_agg(reference::text || status || start::text, ','"
                " ORDER BY reference)) FROM bookings_booking",
    "invoice sequences": "SELECT string_agg(seller_key || doc_type || year || ':' || last_number,"
                         " ',' ORDER BY seller_key, doc_type, year) FROM billing_invoicesequence",
}


def backup_and_restore(cluster: Cluster) -> None:
    """scripts/backup.sh dumps the primary; scripts/restore.sh loads it into a cluster made
    fresh with initdb; the same figures must come out of both."""
    dump = cluster.workdir / "ostal.dump"
    env = {**base_env(cluster.workdir), "PGHOST": cluster.pg_socket("db1"), "PGUSER": "postgres",
           "PGDATABASE": "ostal"}
    subprocess.run(["scripts/backup.sh", str(dump)], env=env, cwd=REPO, check=True,
                   capture_output=True)
    fresh = cluster.pg_dir("restore-data")
    fresh.mkdir()
    shutil.chown(fresh, "postgres", "postgres")
    run(["runuser", "-u", "postgres", "--", str(cluster.pg / "initdb"), "-D", str(fresh),
         "-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8"])
    cluster._netns_add(cluster.ns("restore"))  # no network: the restore talks by socket
    cluster.start_postgres("restore", fresh, listen=False)
    cluster.sql("restore", "CREATE DATABASE ostal", database="postgres")
    restore_env = {**env, "PGHOST": cluster.pg_socket("restore")}
    subprocess.run(["scripts/restore.sh", str(dump)], env=restore_env, cwd=REPO, check=True,
                   capture_output=True)
    for name, query in CHECKSUMS.items():
        original, restored = cluster.sql("db1", query), cluster.sql("restore", query)
        check(original == restored and original != "",
              f"restore into a fresh cluster: {name} match")


def write_report(blocks: list[dict[str, Any]], summary: dict[str, Any], path: Path) -> None:
    def mean(hosts: int, key: str) -> float:
        return statistics.fmean(b[key] for b in blocks if b["web_hosts"] == hosts)

    rows = "\n".join(f"| {i} | {b['web_hosts']} | {b['requests']} | {b['rps']} | {b['p95_ms']} |"
                     f" {b['booking_p95_ms']} | {b['errors']} |" for i, b in enumerate(blocks))
    path.write_text(json.dumps({"blocks": blocks, "summary": summary,
                                "one_host_rps": mean(1, "rps"), "two_hosts_rps": mean(2, "rps"),
                                "ratio": mean(2, "rps") / mean(1, "rps")}, indent=1))
    log("\n| block | web hosts | requests | req/s | p95 ms | booking p95 ms | errors |\n"
        "|---|---|---|---|---|---|---|\n" + rows +
        f"\ntwo hosts / one host: {mean(2, 'rps') / mean(1, 'rps'):.2f}x")


def main() -> int:
    if os.geteuid() != 0:
        sys.stderr.write("The cluster test needs root (network namespaces).\n")
        return 2
    remove_leftovers()
    workdir = Path(tempfile.mkdtemp(prefix="ostal-cluster-"))
    workdir.chmod(0o755)
    cluster = Cluster(workdir)

    def on_alarm(*_: Any) -> None:
        raise TimeoutError(f"the cluster test ran over {TIME_LIMIT} s")

    signal.signal(signal.SIGALRM, on_alarm)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))
    signal.alarm(TIME_LIMIT)
    started = time.monotonic()
    ok = False
    try:
        log(f"work folder {workdir}")
        cluster.create_network()
        cluster.init_primary()
        cluster.start_redis()
        cluster.start_mail()
        cluster.init_replica()
        cluster.start_pgbouncer()
        log("primary, replica, PgBouncer, Redis and mail up; migrating and seeding")
        data = cluster.prepare_database()
        cluster.start_web("web1")
        cluster.start_web("web2")
        cluster.start_worker()
        cluster.start_lb()
        log(f"cluster up in {time.monotonic() - started:.0f} s; load and kills")
        result = scenario(cluster)
        summary = check_scenario(cluster, result)
        summary.update(check_due_work(cluster, result["events"]))
        check_replica_serves(cluster, data)
        check_metrics(cluster)
        blocks = benchmark(cluster)
        report = Path(os.environ.get("CLUSTER_REPORT", workdir / "report.json"))
        write_report(blocks, {**summary, "bookings": sum(
            b["booked"] for b in result["bookings"])}, report)
        backup_and_restore(cluster)
        ok = True
        log(f"all checks passed in {time.monotonic() - started:.0f} s")
    finally:
        signal.alarm(0)
        cluster.destroy()
        if ok or not os.environ.get("CLUSTER_KEEP_LOGS"):
            shutil.rmtree(workdir, ignore_errors=True)
        else:
            log(f"logs kept in {workdir}/logs")
    return 0


if __name__ == "__main__":
    sys.exit(main())
