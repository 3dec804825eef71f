"""The dispatcher's claims, retries and failure handling (no worker process: the service)."""

import datetime as dt
import smtplib
from typing import Any

import pytest
from django.core import mail

from ostal.notifications import dispatch as d
from ostal.notifications.models import Kind, Notification, message_id_for
from ostal.notifications.services import notification_enqueue
from tests.backend.notifications.conftest import NOW
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def queue(n: int, *, due: dt.datetime = NOW, kind: str = Kind.PAYMENT_FAILED) -> list[int]:
    users = [UserFactory(email=f"p{i}@example.org") for i in range(n)]
    return [notification_enqueue(kind=kind, user_id=u.pk, dedupe_key=f"test:{u.pk}",
                                 send_after=due, payload={"amount": "12.00",
                                                          "currency": "EUR"}).pk
            for u in users]


def test_enqueue_is_idempotent_on_the_dedupe_key(member_ada):
    first = notification_enqueue(kind=Kind.PAYMENT_FAILED, user_id=member_ada.pk,
                                 dedupe_key="billing:x", payload={"a": 1})
    again = notification_enqueue(kind=Kind.PAYMENT_FAILED, user_id=member_ada.pk,
                                 dedupe_key="billing:x", payload={"a": 2})
    assert again.pk == first.pk
    assert again.payload == {"a": 1}
    assert Notification.objects.count() == 1


def test_claims_are_disjoint_and_only_take_due_rows():
    due = queue(5)
    queue(1, due=NOW + dt.timedelta(minutes=1))  # not due yet

    first = d.notifications_claim(token="a", limit=3, now=NOW)
    second = d.notifications_claim(token="b", limit=10, now=NOW)

    assert len(first) == 3
    assert len(second) == 2
    assert set(first) | set(second) == set(due)
    assert not set(first) & set(second)
    assert Notification.objects.filter(claimed_by="a", status="sending", attempts=1).count() == 3


def test_a_dead_workers_claim_is_taken_over_only_after_the_timeout(settings):
    settings.NOTIFICATIONS_SENDING_TIMEOUT_SECONDS = 600
    ids = queue(2)
    d.notifications_claim(token="dead", limit=10, now=NOW)

    assert d.notifications_claim(token="b", limit=10, now=NOW + dt.timedelta(seconds=599)) == []
    taken = d.notifications_claim(token="b", limit=10, now=NOW + dt.timedelta(seconds=601))

    assert sorted(taken) == sorted(ids)
    assert set(Notification.objects.values_list("attempts", flat=True)) == {2}


def test_a_claim_taken_over_is_not_marked_by_its_former_owner():
    ids = queue(1)
    d.notifications_claim(token="slow", limit=1, now=NOW)
    Notification.objects.filter(pk=ids[0]).update(claimed_by="other")
    row = Notification.objects.get(pk=ids[0])

    assert d._finish(row, "slow", "sent") is False
    assert Notification.objects.get(pk=ids[0]).status == "sending"


def test_stale_claims_with_no_attempts_left_fail(settings):
    settings.NOTIFICATIONS_MAX_ATTEMPTS = 2
    ids = queue(1)
    Notification.objects.filter(pk=ids[0]).update(status="sending", attempts=2,
                                                  claimed_at=NOW - dt.timedelta(days=1))
    assert d.notifications_claim(token="x", limit=5, now=NOW) == []
    assert Notification.objects.get(pk=ids[0]).status == "failed"


class FlakyConnection:
    """An e-mail connection that refuses the first `failures` messages with `error`."""

    def __init__(self, error: Exception, failures: int) -> None:
        self.error, self.failures, self.sent = error, failures, []

    def open(self) -> None:
        return None

    def close(self) -> None:
        return None

    def send_messages(self, messages: list[Any]) -> int:
        if self.failures:
            self.failures -= 1
            raise self.error
        self.sent.extend(messages)
        return len(messages)


def test_a_transient_smtp_error_is_retried_later(monkeypatch):
    flaky = FlakyConnection(smtplib.SMTPServerDisconnected("gone"), failures=1)
    monkeypatch.setattr(d, "get_connection", lambda: flaky)
    ids = queue(1)

    stats = d.notifications_dispatch_due(now=NOW)

    row = Notification.objects.get(pk=ids[0])
    assert (stats.retried, row.status, row.attempts) == (1, "pending", 1)
    assert row.send_after == NOW + dt.timedelta(seconds=30)
    assert "SMTPServerDisconnected" in row.last_error
    assert d.notifications_dispatch_due(now=NOW + dt.timedelta(seconds=31)).sent == 1
    assert Notification.objects.get(pk=ids[0]).status == "sent"


def test_a_refused_recipient_fails_for_good(monkeypatch):
    refused = smtplib.SMTPRecipientsRefused({"p@example.org": (550, b"no such user")})
    monkeypatch.setattr(d, "get_connection", lambda: FlakyConnection(refused, failures=1))
    ids = queue(1)

    assert d.notifications_dispatch_due(now=NOW).failed == 1
    assert Notification.objects.get(pk=ids[0]).status == "failed"


def test_every_due_row_is_sent_once_with_a_message_id_from_its_dedupe_key(settings):
    settings.NOTIFICATIONS_BATCH_SIZE = 3
    ids = queue(7)

    stats = d.notifications_dispatch_due(now=NOW)

    assert (stats.claimed, stats.sent) == (7, 7)
    assert sorted(m.extra_headers["Message-ID"] for m in mail.outbox) == sorted(
        message_id_for(f"test:{n.user_id}") for n in Notification.objects.filter(id__in=ids))
    assert d.notifications_dispatch_due(now=NOW).claimed == 0


def test_non_transactional_mail_past_its_late_cutoff_is_dropped(settings, member_ada):
    settings.NOTIFICATIONS_LATE_CUTOFF_HOURS = 36
    row = notification_enqueue(kind=Kind.RECONCILIATION_SUMMARY, user_id=member_ada.pk,
                               dedupe_key="summary", send_after=NOW - dt.timedelta(hours=37),
                               payload={})
    member_ada.is_network_admin = True
    member_ada.save()

    d.notifications_dispatch_due(now=NOW)

    row.refresh_from_db()
    assert (row.status, row.last_error) == ("cancelled", "too late")


def test_a_render_bug_fails_the_row_without_stopping_the_batch(monkeypatch):
    ids = queue(2)
    real = d.build_message

    def broken(row: Notification, *args: Any, **kwargs: Any) -> Any:
        if row.pk == ids[0]:
            raise KeyError("oops")
        return real(row, *args, **kwargs)

    monkeypatch.setattr(d, "build_message", broken)
    stats = d.notifications_dispatch_due(now=NOW)

    assert (stats.failed, stats.sent) == (1, 1)
    assert Notification.objects.get(pk=ids[0]).last_error.startswith("render: KeyError")
