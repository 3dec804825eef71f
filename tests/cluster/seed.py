"""Data of the cluster run, written on the primary after `migrate` and `seed_demo`.

Creates MEMBERS members with network credits and a logged-in session each (a session row, as
a login writes: the load then spends its CPU on bookings, not on password hashing), and
prints, as JSON, what the load needs: sessions, the places to book, the network admin's and
the employer admin's sessions, the employer and the bundle plan.
"""

from __future__ import annotations

import datetime as dt
import json
import sys

import django

django.setup()

from allauth.account.models import EmailAddress  # noqa: E402
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY  # noqa: E402
from django.contrib.sessions.backends.db import SessionStore  # noqa: E402
from django.db.models import Count, Q  # noqa: E402
from django.utils import timezone  # noqa: E402

from ostal.accounts.models import User  # noqa: E402
from ostal.employers.models import Employer  # noqa: E402
from ostal.memberships.models import CreditLot, Plan  # noqa: E402
from ostal.memberships.services.credits import credit_grant  # noqa: E402
from ostal.spaces.models import Space  # noqa: E402

MEMBERS = int(sys.argv[1]) if len(sys.argv) > 1 else 60
CREDITS = 500 * 100  # units: 500 desk-days each, far more than a run books


def session_for(user: User) -> str:
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    assert session.session_key
    return session.session_key


def main() -> None:
    now = timezone.now()
    members = []
    for n in range(MEMBERS):
        user, created = User.objects.get_or_create(email=f"charge{n}@ostal.test")
        if created:
            user.set_password("ostal-cluster-2026")
            user.save()
            EmailAddress.objects.create(user=user, email=user.email, verified=True,
                                        primary=True)
            credit_grant(user=user, units=CREDITS, scope=CreditLot.Scope.NETWORK, space=None,
                         valid_from=now - dt.timedelta(days=1),
                         expires_at=now + dt.timedelta(days=365),
                         source=CreditLot.Source.ADJUSTMENT, source_key=f"cluster:{user.pk}",
                         vat_treatment=CreditLot.VatTreatment.MULTI_PURPOSE)
        members.append({"email": user.email, "session": session_for(user)})
    spaces = list(Space.objects.filter(accepts_network_pass=True, is_published=True)
                  .annotate(desks=Count("resources", filter=Q(resources__kind="desk")))
                  .filter(desks__gte=8).order_by("-desks", "slug")
                  .values_list("slug", flat=True)[:6])
    employer = Employer.objects.get(name="Garrigue Logiciels")
    employer_admin = employer.admins.order_by("pk").first()
    plan = Plan.objects.filter(kind=Plan.Kind.NETWORK_CARNET, is_active=True).order_by("pk")[0]
    json.dump({
        "members": members, "spaces": spaces,
        "network_admin": session_for(User.objects.get(email="admin@ostal.demo")),
        "employer": {"id": employer.pk, "plan": plan.pk, "admin": session_for(employer_admin)},
    }, sys.stdout)


main()
