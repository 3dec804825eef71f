"""Retention periods applied nightly (docs/privacy.md): each kind of record is deleted once
past its period, nothing earlier, and records the law keeps are never touched."""

import datetime as dt

import pytest
from allauth.account.models import EmailAddress
from django.utils import timezone

from ostal.accounts.models import CommuteDeclaration, User
from ostal.analytics.models import SearchLog
from ostal.employers.models import AdminInvitation, Employment
from ostal.notifications.models import Notification
from ostal.privacy.models import DataExport
from ostal.privacy.retention import retention_apply
from tests.factories import UserFactory, commune
from tests.factories.bookings import BookingFactory

pytestmark = pytest.mark.django_db

NOW = timezone.now()


def days_ago(days: int) -> dt.datetime:
    return NOW - dt.timedelta(days=days)


def test_each_record_goes_after_its_period_and_not_before(employer_acme, member_ada):
    # Unverified accounts: never logged in, 31 days old → deleted; 29 days → kept; verified
    # or holding a booking → kept.
    stale = UserFactory(email="stale@example.org", date_joined=days_ago(31))
    fresh = UserFactory(email="fresh@example.org", date_joined=days_ago(29))
    verified = UserFactory(email="verified@example.org", date_joined=days_ago(400))
    EmailAddress.objects.create(user=verified, email=verified.email, verified=True,
                                primary=True)
    booked = UserFactory(email="booked@example.org", date_joined=days_ago(400))
    BookingFactory(member=booked)
    # Exports: expired → emptied; still valid → kept.
    old_export = DataExport.objects.create(user=member_ada, requested_at=days_ago(9),
                                           status="ready", expires_at=days_ago(1),
                                           payload={"profile": []}, summary="x")
    new_export = DataExport.objects.create(user=member_ada, requested_at=days_ago(1),
                                           status="ready", expires_at=NOW + dt.timedelta(days=6),
                                           payload={"profile": []}, summary="x")
    # Invitations.
    AdminInvitation.objects.create(employer=employer_acme, email="a@example.org",
                                   token_hash="a" * 64, expires_at=days_ago(1))
    AdminInvitation.objects.create(employer=employer_acme, email="b@example.org",
                                   token_hash="b" * 64, expires_at=NOW + dt.timedelta(days=1))
    Employment.objects.create(employer=employer_acme, email="old@acme.example",
                              invited_at=days_ago(91))
    Employment.objects.create(employer=employer_acme, email="new@acme.example",
                              invited_at=days_ago(89))
    # Notifications and logs.
    for n, created in enumerate((days_ago(396), days_ago(394))):
        notification = Notification.objects.create(user=member_ada, kind="booking_confirmed",
                                                   send_after=created, status="sent",
                                                   dedupe_key=f"retention:{n}")
        Notification.objects.filter(pk=notification.pk).update(created_at=created)
    for created in (days_ago(761), days_ago(759)):
        log = SearchLog.objects.create(source="directory", department_code="48")
        SearchLog.objects.filter(pk=log.pk).update(created_at=created)
    # Commute: Ada has not booked for 13 months → deleted; Eve booked last month → kept.
    gone = CommuteDeclaration.objects.create(user=member_ada, home_commune=commune("48095"),
                                             workplace_commune=commune("34172"))
    CommuteDeclaration.objects.filter(pk=gone.pk).update(updated_at=days_ago(400))
    active = UserFactory(email="active@example.org", last_login=NOW)
    kept = CommuteDeclaration.objects.create(user=active, home_commune=commune("48095"),
                                             workplace_commune=commune("34172"))
    CommuteDeclaration.objects.filter(pk=kept.pk).update(updated_at=days_ago(400))
    BookingFactory(member=active, start=days_ago(30), end=days_ago(30) + dt.timedelta(hours=2))

    result = retention_apply(now=NOW)

    assert result.as_dict() == {"exports_emptied": 1, "admin_invitations": 1,
                                "employee_invitations": 1, "notifications": 1,
                                "search_logs": 1, "commute_declarations": 1,
                                "unverified_accounts": 1, "audit_addresses_cleared": 0,
                                "audit_entries": 0}
    assert not User.objects.filter(pk=stale.pk).exists()
    assert User.objects.filter(pk__in=[fresh.pk, verified.pk, booked.pk]).count() == 3
    old_export.refresh_from_db()
    new_export.refresh_from_db()
    assert (old_export.status, old_export.payload, old_export.summary) == ("expired", None, "")
    assert new_export.payload == {"profile": []}
    assert list(AdminInvitation.objects.values_list("email", flat=True)) == ["b@example.org"]
    assert not Employment.objects.filter(email="old@acme.example").exists()
    assert CommuteDeclaration.objects.filter(user=active).exists()
    assert not CommuteDeclaration.objects.filter(user=member_ada).exists()
    assert retention_apply(now=NOW).as_dict() == dict.fromkeys(result.as_dict(), 0)
