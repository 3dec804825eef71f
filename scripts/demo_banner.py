"""The banner `make demo` prints: where Ostal runs and every demo account with its role.

The accounts come from the demo's own lists (ostal.spaces.demo, ostal.employers.demo), so an
account added to the demo is listed here too. Run by scripts/run-demo.sh:
`python scripts/demo_banner.py http://127.0.0.1:8000`.
"""

from __future__ import annotations

import sys

# What each demo account is for (the keys of the demo's account lists); an account without a
# line here is still listed, with its key.
ROLES = {
    "admin": "administration du réseau / network admin",
    "manager": "gère « Le Camion des Causses » / manager of a place",
    "member": "membre / member",
    "employer": "employeur « Garrigue Logiciels », 20 crédits / employer admin",
    "employee": "salarié, réservations payées par l'employeur / employee",
}


def demo_accounts() -> dict[str, str]:
    """Role key → e-mail of every demo account, in the order the demo creates them."""
    from ostal.employers.demo import DEMO_EMPLOYER_ACCOUNTS
    from ostal.spaces.demo import DEMO_ACCOUNTS

    return {**DEMO_ACCOUNTS, **DEMO_EMPLOYER_ACCOUNTS}


def banner(site_url: str) -> str:
    from ostal.spaces.demo import DEMO_PASSWORD

    lines = [
        "",
        f"  Ostal runs on {site_url}/ (once gunicorn says \"Listening at\")",
        f"  Administration: {site_url}/admin/",
        f"  Demo accounts (password: {DEMO_PASSWORD}):",
        *(f"    {email:<24} {ROLES.get(key, key)}" for key, email in demo_accounts().items()),
        "  E-mails (sign-up verification, password reset) are printed below.",
        "",
    ]
    return "\n".join(lines)


def main() -> None:
    import django

    django.setup()
    print(banner(sys.argv[1].rstrip("/")), flush=True)  # noqa: T201


if __name__ == "__main__":
    main()
