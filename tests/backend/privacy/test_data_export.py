"""A person downloads everything Ostal holds on them (GDPR art. 15 and 20; issue 14): asked
from their account, built by the worker with its progress, mailed as a link (French then
English) valid 7 days, JSON plus a readable summary, nobody else's."""

import datetime as dt
import json

import pytest
import time_machine
from django.core import mail
from django.utils import timezone

from ostal.accounts.models import CommuteDeclaration
from ostal.notifications.models import Notification
from ostal.privacy.models import DataExport
from ostal.privacy.services import export_build, export_build_pending
from tests.factories import commune
from tests.factories.bookings import BookingFactory
from tests.factories.calendars import CalendarFeedFactory

pytestmark = pytest.mark.django_db

BASE = "/api/v1/me/data-exports/"
SECTIONS = {"profile", "bookings", "waiting_lists", "payments", "refunds", "invoices",
            "credits", "subscriptions", "calendar_feeds", "commute", "employer",
            "employer_bookings", "notifications", "preferences"}


@pytest.fixture
def eve_with_data(employee_eve):
    BookingFactory(member=employee_eve)
    feed = CalendarFeedFactory(owner=employee_eve)
    CommuteDeclaration.objects.create(user=employee_eve, home_commune=commune("48095"),
                                      workplace_commune=commune("34172"))
    Notification.objects.create(user=employee_eve, kind="booking_confirmed",
                                send_after=timezone.now(), dedupe_key="test:eve:1")
    return employee_eve, feed


def test_an_export_is_built_with_every_section_and_mailed(client_as, eve_with_data,
                                                          django_capture_on_commit_callbacks):
    _, feed = eve_with_data
    client = client_as("employee_eve")

    with django_capture_on_commit_callbacks(execute=False):
        asked = client.post(BASE)
    assert asked.status_code == 202, asked.content
    assert (asked.json()["status"], asked.json()["progress"]) == ("pending", 0)
    export = DataExport.objects.get()
    early = client.get(f"{BASE}{export.reference}/download/")
    assert (early.status_code, early.json()["code"]) == (409, "export_not_ready")

    assert export_build(export.pk) is True
    assert export_build(export.pk) is False  # a duplicated message does nothing

    shown = client.get(f"{BASE}{export.reference}/").json()
    assert (shown["status"], shown["progress"]) == ("ready", 100)
    download = client.get(f"{BASE}{export.reference}/download/")
    assert download["Content-Type"] == "application/json"
    assert "attachment" in download["Content-Disposition"]
    data = json.loads(download.content)
    assert set(data) >= SECTIONS
    assert data["profile"][0]["email"] == "eve@acme.example"
    assert len(data["bookings"]) == 1
    assert data["commute"][0]["home_commune_id"] == "48095"
    assert data["employer"][0]["employer_name"] == "Acme Occitanie"
    assert data["notifications"][0]["kind"] == "booking_confirmed"
    assert len(data["calendar_feeds"]) == 1
    assert feed.token not in download.content.decode()
    assert "token_hash" not in download.content.decode()
    summary = client.get(f"{BASE}{export.reference}/summary/").content.decode()
    assert "Réservations / Bookings : 1" in summary
    assert "eve@acme.example" in summary
    message = mail.outbox[-1]
    assert message.to == ["eve@acme.example"]
    assert message.body.index("Bonjour") < message.body.index("Hello")
    assert "/compte/donnees" in message.body


def test_the_link_expires_after_seven_days(client_as, eve_with_data):
    client = client_as("employee_eve")
    client.post(BASE)
    export = DataExport.objects.get()
    export_build(export.pk)

    with time_machine.travel(timezone.now() + dt.timedelta(days=7, minutes=1), tick=False):
        late = client.get(f"{BASE}{export.reference}/download/")

    assert (late.status_code, late.json()["code"]) == (410, "export_expired")


def test_one_export_at_a_time_and_the_sweep_builds_a_lost_one(client_as, eve_with_data):
    client = client_as("employee_eve")
    assert client.post(BASE).status_code == 202
    again = client.post(BASE)
    assert (again.status_code, again.json()["code"]) == (409, "export_in_progress")
    assert DataExport.objects.count() == 1

    assert export_build_pending() == 1  # the nudge was lost: the sweep builds it
    assert DataExport.objects.get().status == "ready"
    assert client.post(BASE).status_code == 202  # a new one once the last is done


def test_an_export_abandoned_by_a_dead_worker_is_taken_over_after_the_lease(eve_with_data):
    eve, _ = eve_with_data
    now = timezone.now()
    export = DataExport.objects.create(user=eve, requested_at=now, status="running",
                                       started_at=now - dt.timedelta(minutes=3))

    assert export_build_pending(now=now) == 0  # still leased to the worker building it
    assert export_build_pending(now=now + dt.timedelta(minutes=10)) == 1
    export.refresh_from_db()
    assert export.status == "ready"


@pytest.mark.parametrize("role", ["anonymous", "member_ada", "employer_admin_ed",
                                  "stranger_manager_dee", "manager_cy", "network_admin_nina"])
def test_nobody_else_reads_an_export(role, request, client_as, eve_with_data):
    request.getfixturevalue("network_admin_nina")
    client_as("employee_eve").post(BASE)
    export = DataExport.objects.get()
    export_build(export.pk)
    client = client_as(role)

    for suffix in ("", "download/", "summary/"):
        answer = client.get(f"{BASE}{export.reference}/{suffix}")
        assert answer.status_code in ((401, 403) if role == "anonymous" else (404,)), suffix
        assert b"eve@acme.example" not in answer.content
    listed = client.get(BASE)
    if role != "anonymous":
        assert listed.json() == []
