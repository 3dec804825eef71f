"""Login limits count per real client behind the shipped nginx (issue 14, defect 1).

Django runs behind Debian's nginx started with the project's config (deploy/nginx.conf.template
rendered for a free port). Clients connect from different loopback addresses, as people on
different networks would. With TRUSTED_PROXY_COUNT=1 (the compose setting: nginx is the one
proxy), one client failing logins is refused, while another logs in; a client writing its own
X-Forwarded-For does not escape its counter. With 0 (every client is nginx's address), the one
abuser locks everyone out: the defect this setting fixes.
"""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

import pytest
import requests
from allauth.account.models import EmailAddress

from tests.deploy.nginx import client_from, fresh_addresses, nginx_missing, running_nginx
from tests.factories import UserFactory

pytestmark = [pytest.mark.skipif(nginx_missing() is not None, reason=nginx_missing() or ""),
              pytest.mark.django_db(transaction=True)]

AUTH = "/_allauth/browser/v1/auth"
PASSWORD = "des-causses-2026!"
# allauth's failed-login limit per client address: 10 a minute; beyond it, every login from
# that address (right password or not) is refused with this code.
FAILED_LOGINS_PER_MINUTE = 10
LOCKED = "400 too_many_login_attempts"
WRONG = "400 email_password_mismatch"


def _login(session: requests.Session, base: str, email: str, password: str,
           headers: dict[str, str] | None = None) -> str:
    """"200", or the status and allauth's error code ("400 too_many_login_attempts")."""
    if "csrftoken" not in session.cookies:
        session.get(f"{base}{AUTH}/session", timeout=30)  # Django sets the CSRF cookie
    response = session.post(f"{base}{AUTH}/login", json={"email": email, "password": password},
                            headers={"X-CSRFToken": session.cookies["csrftoken"],
                                     **(headers or {})}, timeout=30)
    if response.status_code == 200:
        return "200"
    codes = [error.get("code", "") for error in response.json().get("errors", [])]
    return f"{response.status_code} {','.join(codes)}"


def _fail_logins_until_refused(session: requests.Session, base: str, *,
                               spoof: bool = False) -> list[str]:
    statuses = []
    for attempt in range(FAILED_LOGINS_PER_MINUTE + 1):
        # A new e-mail each time: only the per-address limit can refuse these.
        headers = {"X-Forwarded-For": f"203.0.113.{attempt}"} if spoof else None
        statuses.append(_login(session, base, f"nobody-{uuid.uuid4().hex[:8]}@example.org",
                               "wrong-password", headers))
    return statuses


@pytest.fixture
def nginx(live_server: Any, tmp_path: Path) -> Any:
    # An address, not a name: nginx resolves names in a variable proxy_pass with its resolver.
    backend = live_server.url.replace("//localhost:", "//127.0.0.1:")
    with running_nginx(tmp_path / "nginx", backend) as url:
        yield url


@pytest.fixture
def verified_member(db: None) -> Any:
    user = UserFactory(email=f"lea-{uuid.uuid4().hex[:6]}@example.org", password=PASSWORD)
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


def test_one_client_failing_logins_does_not_lock_out_another(nginx: str, settings: Any,
                                                             verified_member: Any) -> None:
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1  # compose.yaml: nginx is the one proxy
    abuser_address, member_address = fresh_addresses(2)
    abuser, member = client_from(abuser_address), client_from(member_address)

    statuses = _fail_logins_until_refused(abuser, nginx)

    assert statuses == [WRONG] * FAILED_LOGINS_PER_MINUTE + [LOCKED]
    assert _login(member, nginx, verified_member.email, PASSWORD) == "200"
    assert member.get(f"{nginx}/api/v1/me/", timeout=30).json()["email"] == verified_member.email


def test_a_client_cannot_pick_its_address_with_x_forwarded_for(nginx: str, settings: Any,
                                                               verified_member: Any) -> None:
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    (abuser_address,) = fresh_addresses(1)
    abuser = client_from(abuser_address)

    statuses = _fail_logins_until_refused(abuser, nginx, spoof=True)

    assert statuses[-1] == LOCKED
    # Refused with the right password too, whatever address it claims: its counter is full.
    assert _login(abuser, nginx, verified_member.email, PASSWORD,
                  {"X-Forwarded-For": "198.51.100.7"}) == LOCKED


def test_without_trusting_nginx_one_abuser_locks_everyone_out(nginx: str, settings: Any,
                                                              verified_member: Any) -> None:
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 0  # the defect: everyone is nginx's 127.0.0.1
    abuser_address, member_address = fresh_addresses(2)

    statuses = _fail_logins_until_refused(client_from(abuser_address), nginx)

    assert statuses[-1] == LOCKED
    assert _login(client_from(member_address), nginx, verified_member.email,
                  PASSWORD) == LOCKED
