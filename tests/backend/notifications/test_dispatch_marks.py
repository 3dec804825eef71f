"""Durable "sent" marks committed by the dispatcher's companion thread (PostgreSQL, outside a
transaction, as on a worker): every accepted message is marked, and when the thread cannot
write, the rows stay `sending` (re-sent after the timeout, like a dead worker's) and the
dispatcher fails loudly. On SQLite, or inside a transaction, marks are written inline."""

from typing import Any

import pytest
from django.core import mail
from django.db import connection

from ostal.notifications import dispatch as d
from ostal.notifications.models import Notification
from tests.backend.notifications.test_dispatch import queue

pytestmark = pytest.mark.django_db(transaction=True)
postgres_only = pytest.mark.skipif(connection.vendor != "postgresql",
                                   reason="the marking thread is used on PostgreSQL only")


@postgres_only
def test_every_accepted_message_is_marked_sent_by_the_thread(monkeypatch):
    used: list[bool] = []
    original = d._Marks.__init__

    def spy(self: Any, threaded: bool) -> None:
        used.append(threaded)
        original(self, threaded)

    monkeypatch.setattr(d._Marks, "__init__", spy)
    queue(25)

    stats = d.notifications_dispatch_due(batch_size=10, time_budget=30)

    assert used == [True]
    assert stats.sent == 25
    assert len(mail.outbox) == 25
    assert set(Notification.objects.values_list("status", flat=True)) == {"sent"}


@postgres_only
def test_when_the_thread_cannot_write_the_rows_stay_sending(monkeypatch):
    queue(3)

    def broken(*args: Any, **kwargs: Any) -> bool:
        raise RuntimeError("database gone")

    monkeypatch.setattr(d, "_finish", broken)
    with pytest.raises(RuntimeError, match="notification marks failed"):
        d.notifications_dispatch_due(batch_size=10, time_budget=30)

    assert set(Notification.objects.values_list("status", flat=True)) == {"sending"}


def test_marks_are_inline_when_the_thread_is_off(settings):
    settings.NOTIFICATIONS_BACKGROUND_MARKS = False
    queue(4)

    stats = d.notifications_dispatch_due(batch_size=3, time_budget=30)

    assert stats.sent == 4
    assert set(Notification.objects.values_list("status", flat=True)) == {"sent"}
