"""`make demo` on another port (issue 16, item 12): the site, the links it sends (SITE_URL)
and the fake Stripe's webhooks follow PORT, the fake Stripe moves with LOCALSTRIPE_PORT, and
the start banner lists every demo account.

Runs scripts/run-demo.sh itself (embedded database and broker in a temporary folder, no
Stripe key: the fake Stripe starts) on two free ports asked of the system.
"""

from __future__ import annotations

import json
import re
import socket
import subprocess
import urllib.request
from pathlib import Path

from tests.deploy.test_demo_server import REPO, _embedded_env, _wait_for, stop_demo

# Every demo account, as the README lists them.
ACCOUNTS = ["admin@ostal.demo", "manager@ostal.demo", "membre@ostal.demo",
            "employeur@ostal.demo", "salarie@ostal.demo"]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def get(url: str) -> tuple[int, bytes]:
    with urllib.request.urlopen(url, timeout=30) as answer:
        return answer.status, answer.read()


def test_the_demo_follows_its_port_and_lists_every_account(tmp_path: Path) -> None:
    site_port, stripe_port = free_port(), free_port()
    env = _embedded_env(tmp_path)
    del env["STRIPE_SECRET_KEY"]
    env.pop("SITE_URL", None)
    env["LOCALSTRIPE_PORT"] = str(stripe_port)
    subprocess.run([str(REPO / ".venv/bin/python"), "backend/manage.py", "migrate",
                    "--noinput", "-v0"], cwd=REPO, env=env, check=True, timeout=600)
    log = tmp_path / "demo.log"
    process = subprocess.Popen(["scripts/run-demo.sh", str(site_port)], cwd=REPO, env=env,
                               stdout=log.open("wb"), stderr=subprocess.STDOUT,
                               start_new_session=True)
    site = f"http://127.0.0.1:{site_port}"
    try:
        _wait_for(log, re.compile(re.escape(f"Listening at: {site}")), 1, process, 120)
        fake = _wait_for(log, re.compile(r"Fake Stripe .* on (\S+) → webhooks to (\S+)"), 1,
                         process, 120)[0]
        status, body = get(f"{site}/api/v1/billing/config/")
        config = json.loads(body)
        js_status, _script = get(config["stripe_js_url"])
    finally:
        stop_demo(process)
    output = log.read_text(errors="replace")

    # The fake Stripe listens on its port and sends its webhooks to this site's port.
    assert fake == (f"http://127.0.0.1:{stripe_port}",
                    f"{site}/api/v1/billing/stripe/webhook/")
    # The browser loads the Stripe.js stand-in from there, and it is served.
    assert status == 200
    assert config["stripe_js_url"].startswith(f"http://127.0.0.1:{stripe_port}/")
    assert js_status == 200
    # The stand-in e-invoicing platform runs beside it, on its own port (ADR 0019).
    assert (f"Stand-in e-invoicing platform on http://127.0.0.1:{env['EINVOICING_LOCAL_PORT']}"
            in output)
    # The banner: this port, and all five demo accounts.
    assert f"Ostal runs on {site}/" in output
    assert f"Administration: {site}/admin/" in output
    missing = [email for email in ACCOUNTS if email not in output]
    assert not missing, output[:3000]
