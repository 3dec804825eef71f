"""Sign up, verify the e-mail, log in and out, reset a password — through allauth headless,
as the single-page app does it."""

import re
from urllib.parse import unquote

import pytest
from allauth.account.models import EmailAddress
from django.core import mail

from ostal.accounts.models import User

pytestmark = pytest.mark.django_db
AUTH = "/_allauth/browser/v1/auth"


def link_key(body: str, path: str) -> str:
    match = re.search(rf"{path}/([^\s/]+)", body)
    assert match, body
    return unquote(match.group(1))  # the SPA route decodes it the same way


def test_sign_up_verify_and_log_in(client):
    response = client.post(f"{AUTH}/signup", {"email": "lea@example.org",
                                              "password": "des-causses-2026!"},
                           content_type="application/json", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 401  # logged in only once the address is verified
    pending = [f["id"] for f in response.json()["data"]["flows"] if f.get("is_pending")]
    assert pending == ["verify_email"]
    assert client.get("/api/v1/me/").status_code == 403

    assert len(mail.outbox) == 1
    key = link_key(mail.outbox[0].body, "/account/verify-email")
    assert mail.outbox[0].to == ["lea@example.org"]

    verified = client.post(f"{AUTH}/email/verify", {"key": key},
                           content_type="application/json")
    assert verified.status_code == 200
    me = client.get("/api/v1/me/").json()
    assert me["email"] == "lea@example.org"
    assert me["language"] == "en"

    assert client.delete(f"{AUTH}/session").status_code == 401
    assert client.get("/api/v1/me/").status_code == 403
    login = client.post(f"{AUTH}/login", {"email": "lea@example.org",
                                          "password": "des-causses-2026!"},
                        content_type="application/json")
    assert login.status_code == 200
    assert client.get("/api/v1/me/").json()["email"] == "lea@example.org"


def test_unverified_accounts_cannot_use_the_api(client):
    client.post(f"{AUTH}/signup", {"email": "max@example.org", "password": "des-causses-2026!"},
                content_type="application/json")

    login = client.post(f"{AUTH}/login", {"email": "max@example.org",
                                          "password": "des-causses-2026!"},
                        content_type="application/json")

    assert login.status_code == 401
    assert client.get("/api/v1/me/").status_code == 403


def test_bad_signups_are_refused_with_a_reason(client, member_ada):
    weak = client.post(f"{AUTH}/signup", {"email": "x@example.org", "password": "1234"},
                       content_type="application/json")
    taken = client.post(f"{AUTH}/signup", {"email": "ada@example.org",
                                           "password": "des-causses-2026!"},
                        content_type="application/json")
    garbage = client.post(f"{AUTH}/signup", "{not json", content_type="application/json")

    assert weak.status_code == 400
    assert weak.json()["errors"][0]["param"] == "password"
    # An address already taken is not revealed: the same answer as a new signup, and its
    # owner gets an e-mail instead (allauth's enumeration prevention).
    assert taken.status_code == 401
    assert mail.outbox[-1].to == ["ada@example.org"]
    assert User.objects.filter(email="ada@example.org").count() == 1
    assert garbage.status_code == 400


def test_reset_a_forgotten_password(client, member_ada):
    EmailAddress.objects.create(user=member_ada, email=member_ada.email, verified=True,
                                primary=True)
    request = client.post(f"{AUTH}/password/request", {"email": "ada@example.org"},
                          content_type="application/json")
    assert request.status_code == 200
    key = link_key(mail.outbox[-1].body, "/account/reset-password")

    reset = client.post(f"{AUTH}/password/reset", {"key": key, "password": "nouveau-mot-2026!"},
                        content_type="application/json")
    assert reset.status_code in {200, 401}

    client.delete(f"{AUTH}/session")
    old = client.post(f"{AUTH}/login", {"email": "ada@example.org",
                                        "password": "correct horse battery staple"},
                      content_type="application/json")
    new = client.post(f"{AUTH}/login", {"email": "ada@example.org",
                                        "password": "nouveau-mot-2026!"},
                      content_type="application/json")
    assert old.status_code == 400
    assert new.status_code == 200


@pytest.mark.parametrize("role", ["anonymous", "member_ada", "manager_cy", "network_admin_nina"])
def test_me_tells_each_role_what_it_is(client_as, role, operator_cy):
    response = client_as(role).get("/api/v1/me/")

    if role == "anonymous":
        assert response.status_code == 403
        return
    body = response.json()
    assert body["is_network_admin"] == (role == "network_admin_nina")
    assert body["managed_operator_ids"] == ([operator_cy.id] if role == "manager_cy" else [])


def test_me_updates_language_and_rejects_unknown_ones(client_as, member_ada):
    client = client_as("member_ada")
    assert client.patch("/api/v1/me/", {"language": "en"}, format="json").json()["language"] == "en"
    bad = client.patch("/api/v1/me/", {"language": "de"}, format="json")
    assert bad.status_code == 400
    assert "language" in bad.json()["fields"]
    member_ada.refresh_from_db()
    assert member_ada.language == "en"
