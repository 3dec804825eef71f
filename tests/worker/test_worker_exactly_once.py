"""Two workers dispatch the same due notifications; one is killed with SIGKILL in the middle
of a batch. Every due notification is delivered exactly once (counted per Message-ID at the
SMTP server), none is lost.

The kill is placed deterministically: the SMTP server holds one session at RCPT time (the
message is not delivered yet), the test kills the worker that owns that session, then lets
the server go on. Rows the dead worker had claimed stay `sending` until the sending timeout
(4 s here), then the surviving worker claims them again. The one window in which a kill
*would* duplicate a message (after the server accepted DATA, before the worker recorded it) is
a few milliseconds wide and is described in docs/adr/0007-due-work-and-notifications.md.
"""

import time
from collections import Counter

import pytest
from django.utils import timezone

from ostal.notifications.models import Kind, Notification
from tests.factories import UserFactory
from tests.worker.conftest import requires_shared_database

pytestmark = [requires_shared_database,
              pytest.mark.django_db(transaction=True)]

COUNT = 60


def test_each_due_notification_is_sent_exactly_once_when_a_worker_is_killed_mid_batch(
        start_worker, smtp, broker):
    env = {"NOTIFICATIONS_SENDING_TIMEOUT_SECONDS": "4", "NOTIFICATIONS_BATCH_SIZE": "10"}
    workers = [start_worker(f"w{n}", **env) for n in (1, 2)]
    by_pid = {w.pid: w for w in workers}
    users = UserFactory.create_batch(COUNT)
    now = timezone.now()
    Notification.objects.bulk_create(
        Notification(kind=Kind.PAYMENT_FAILED, user=user, dedupe_key=f"kill-test:{user.pk}",
                     send_after=now, payload={"amount": "10.00", "currency": "EUR"})
        for user in users)
    smtp.rcpt_delay = 0.02  # both workers are mid-batch most of the time
    smtp.hold_when(lambda delivered: delivered >= 15)
    app = broker.app()

    for _ in workers:
        app.send_task("notifications.dispatch_due")
    held_address = smtp.wait_held(timeout=20)
    held = Notification.objects.get(user__email=held_address)
    assert held.status == "sending"  # claimed, not delivered yet
    victim = by_pid[int(held.claimed_by.split(":")[1])]
    victim.kill()
    smtp.release()
    survivor = next(w for w in workers if w is not victim)

    deadline = time.monotonic() + 40
    while Notification.objects.exclude(status="sent").exists():
        assert time.monotonic() < deadline, survivor.output()[-3000:]
        app.send_task("notifications.dispatch_due")  # beat's job, faster
        time.sleep(0.5)

    delivered = Counter(d.message_id for d in smtp.deliveries)
    expected = {n.message_id for n in Notification.objects.all()}
    assert set(delivered) == expected
    assert [mid for mid, count in delivered.items() if count > 1] == []
    assert len(smtp.deliveries) == COUNT
    # The held row was claimed twice (dead worker, then survivor) and delivered once.
    held.refresh_from_db()
    assert held.attempts == 2
    assert str(survivor.pid) in held.claimed_by
    assert Notification.objects.filter(attempts=2).count() >= 1
