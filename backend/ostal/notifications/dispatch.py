"""The dispatcher: claim due notifications, re-check them, send, mark them sent.

Guarantees and their limits (docs/adr/0007-due-work-and-notifications.md):

- **Claim.** A short transaction selects due rows with SELECT ... FOR UPDATE SKIP LOCKED and
  moves them to `sending`, stamped with a claim token unique to this run (`claimed_by`) and
  `claimed_at`. Concurrent dispatchers (any number of workers, overlapping runs) therefore claim
  disjoint rows: a row is handed to exactly one claimant at a time. On SQLite the whole claim
  runs under BEGIN IMMEDIATE (the database is locked for writes), which gives the same result.
- **Send outside the transaction**, one message at a time, then mark it `sent` at once with a
  conditional UPDATE (`WHERE status='sending' AND claimed_by=<token>`), committed durably
  (on PostgreSQL by a companion thread, so the WAL flush overlaps the next message: `_Marks`):
  no lock is held while talking to the SMTP server, and the window in which a crash loses the
  knowledge that a message went out is the millisecond or so between the server's "250 OK"
  and that commit.
- **At most once per claim.** A row is only re-claimed if it stayed `sending` longer than
  NOTIFICATIONS_SENDING_TIMEOUT_SECONDS (its worker died). That re-claim is what makes the
  system lose nothing; it is also the only way to send twice: if the worker died inside the
  window above, the message was delivered and will be delivered again. The duplicate carries
  the same Message-ID (derived from the dedupe key), so it is detectable. The timeout is kept
  well above any live attempt (SMTP timeout x batch), so a slow worker is never overtaken.
- **Re-check before sending.** A claimed row is sent only if it still applies (booking still
  confirmed and at the same sequence, offer still open, credits still unspent, person still
  active and still wanting that category, not past its late cutoff); otherwise it is
  `cancelled` with the reason in `last_error`.
- **Retries.** A transient SMTP failure (connection refused, 4xx) puts the row back to
  `pending` with an exponential delay; a permanent refusal (5xx recipient/sender) or
  NOTIFICATIONS_MAX_ATTEMPTS attempts ends in `failed`.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import queue
import smtplib
import socket
import threading
import time
import uuid
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.mail import get_connection
from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone

from ostal.notifications.kinds import spec_for
from ostal.notifications.models import Kind, Notification, NotificationPreference
from ostal.notifications.nudge import nudge_received
from ostal.notifications.rendering import NotApplicable, build_message, load_context
from ostal.notifications.services import preferences_for

logger = logging.getLogger(__name__)
Status = Notification.Status


@dataclass
class DispatchStats:
    claimed: int = 0
    sent: int = 0
    cancelled: int = 0
    retried: int = 0
    failed: int = 0
    reasons: dict[str, int] = field(default_factory=dict)


def claim_token() -> str:
    """Who claims: host, process and a random part (a new one per dispatch run)."""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"[:120]


def notifications_claim(*, token: str, limit: int, now: dt.datetime) -> list[int]:
    """Claim up to `limit` rows: first stale `sending` rows (a dead worker's claim, older than
    the sending timeout), then due `pending` ones, oldest first. Returns their ids.

    One short transaction; rows locked by another claimant are skipped, not waited for.
    Stale rows that already used every attempt are marked failed instead of re-sent."""
    stale_before = now - dt.timedelta(seconds=settings.NOTIFICATIONS_SENDING_TIMEOUT_SECONDS)
    max_attempts = settings.NOTIFICATIONS_MAX_ATTEMPTS
    with transaction.atomic():
        stale = list(Notification.objects.select_for_update(skip_locked=True)
                     .filter(status=Status.SENDING, claimed_at__lt=stale_before)
                     .order_by("claimed_at", "id").values_list("id", "attempts")[:limit])
        exhausted = [pk for pk, attempts in stale if attempts >= max_attempts]
        if exhausted:
            Notification.objects.filter(id__in=exhausted).update(
                status=Status.FAILED, last_error="worker lost while sending; attempts exhausted")
        ids = [pk for pk, attempts in stale if attempts < max_attempts]
        if len(ids) < limit:
            ids += list(Notification.objects.select_for_update(skip_locked=True)
                        .filter(status=Status.PENDING, send_after__lte=now)
                        .order_by("send_after", "id")
                        .values_list("id", flat=True)[:limit - len(ids)])
        if ids:
            Notification.objects.filter(id__in=ids).update(
                status=Status.SENDING, claimed_at=now, claimed_by=token,
                attempts=F("attempts") + 1)
    return ids


def _finish(row: Notification, token: str, status: str, *, error: str = "",
            send_after: dt.datetime | None = None) -> bool:
    """Leave `sending` for `status`, only if this claim still owns the row (a conditional
    UPDATE; False when another claimant took the row over). Written in SQL: it runs once per
    message, right after the SMTP server accepted it, and the ORM's query building would be
    a third of its cost (docs/benchmarks/reminders.md)."""
    assignments = ["status = %s", "last_error = %s"]
    params: list[Any] = [status, error[:500]]
    if status == Status.SENT:
        assignments.append("sent_at = %s")
        params.append(connection.ops.adapt_datetimefield_value(timezone.now()))
    if send_after is not None:
        assignments.append("send_after = %s")
        params.append(connection.ops.adapt_datetimefield_value(send_after))
    sql = (f"UPDATE {Notification._meta.db_table} SET {', '.join(assignments)} "  # noqa: S608
           f"WHERE id = %s AND status = %s AND claimed_by = %s")
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, row.pk, Status.SENDING, token])
        return cursor.rowcount == 1


def _is_permanent(exc: Exception) -> bool:
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _ in exc.recipients.values()]
        return bool(codes) and all(500 <= code < 600 for code in codes)
    if isinstance(exc, smtplib.SMTPResponseException):
        return 500 <= exc.smtp_code < 600
    return False


def _retry_delay(attempts: int) -> dt.timedelta:
    return dt.timedelta(seconds=min(3600, 30 * 2 ** max(0, attempts - 1)))


def _open_connection() -> Any:
    """One SMTP session per batch (Django's backend would otherwise open one per message). A
    server that is down fails here silently and then per message, as a transient error."""
    connection = get_connection()
    try:
        connection.open()
    except Exception:
        logger.warning("e-mail server unreachable", exc_info=True)
    return connection


def _deliver_batch(ids: Iterable[int], *, token: str, now: dt.datetime,
                   stats: DispatchStats, marks: _Marks) -> None:
    connection = _open_connection()
    try:
        _deliver_rows(ids, token=token, now=now, stats=stats, connection=connection,
                      marks=marks)
    finally:
        connection.close()


def _deliver_rows(ids: Iterable[int], *, token: str, now: dt.datetime,
                  stats: DispatchStats, connection: Any, marks: _Marks) -> None:
    rows = list(Notification.objects.filter(id__in=list(ids), status=Status.SENDING,
                                            claimed_by=token)
                .select_related("user", "booking__space__commune", "booking__resource")
                .order_by("send_after", "id"))
    prefs = preferences_for({row.user_id for row in rows})
    for row in rows:
        pref: NotificationPreference = prefs[row.user_id]
        try:
            context = load_context(row, pref=pref, now=now)
            message = build_message(row, context, connection=connection)
        except NotApplicable as exc:
            _finish(row, token, Status.CANCELLED, error=str(exc))
            stats.cancelled += 1
            stats.reasons[str(exc)] = stats.reasons.get(str(exc), 0) + 1
            continue
        except Exception as exc:  # a rendering bug: keep the row for a fix, don't loop on it
            logger.exception("notification %s could not be rendered", row.pk)
            _finish(row, token, Status.FAILED, error=f"render: {type(exc).__name__}: {exc}")
            stats.failed += 1
            continue
        try:
            connection.send_messages([message])
        except Exception as exc:
            permanent = _is_permanent(exc)
            if permanent or row.attempts >= settings.NOTIFICATIONS_MAX_ATTEMPTS:
                _finish(row, token, Status.FAILED, error=f"{type(exc).__name__}: {exc}")
                stats.failed += 1
            else:
                _finish(row, token, Status.PENDING, error=f"{type(exc).__name__}: {exc}",
                        send_after=now + _retry_delay(row.attempts))
                stats.retried += 1
            logger.warning("notification %s not sent (%s)", row.pk,
                           "permanent" if permanent else "will retry", exc_info=True)
            connection.close()  # a broken SMTP session is reopened for the next message
            try:
                connection.open()
            except Exception:
                logger.warning("e-mail server unreachable", exc_info=True)
            continue
        # Sent: record it at once (the window a crash could turn into a duplicate): a durable
        # commit, made by the marking thread while this one renders the next message.
        marks.sent(row, token)
        stats.sent += 1


def notifications_dispatch_due(*, batch_size: int | None = None, time_budget: float | None = None,
                               now: dt.datetime | None = None,
                               nudge: str | None = None) -> DispatchStats:
    """Send every due notification, batch after batch, until none is due or the time budget
    (NOTIFICATIONS_DISPATCH_BUDGET_SECONDS) is spent; safe to run on any number of workers at
    once (see the module docstring). One SMTP session per batch. Returns counts. `nudge`: the
    coalesced nudge's flag, lowered before the first claim (ostal.notifications.nudge)."""
    if nudge:
        nudge_received(nudge)
    batch_size = batch_size or settings.NOTIFICATIONS_BATCH_SIZE
    budget = settings.NOTIFICATIONS_DISPATCH_BUDGET_SECONDS if time_budget is None else time_budget
    deadline = time.monotonic() + budget
    token = claim_token()
    stats = DispatchStats()
    with _Marks.open() as marks:
        while True:
            at = now or timezone.now()
            ids = notifications_claim(token=token, limit=batch_size, now=at)
            if not ids:
                break
            stats.claimed += len(ids)
            _deliver_batch(ids, token=token, now=at, stats=stats, marks=marks)
            if time.monotonic() >= deadline:
                break
    return stats


_STOP = object()


class _Marks:
    """Where "sent" marks are written: inline (`_finish`, one durable commit per message), or,
    on PostgreSQL outside any transaction, by a companion thread on its own connection.

    Why a thread: a durable commit waits for PostgreSQL's WAL flush (about a millisecond
    here), and waiting for it inline would cost half the throughput
    (docs/benchmarks/reminders.md). The thread takes each mark as soon as the SMTP server has
    accepted the message, and commits it durably (synchronous_commit stays on) while the
    dispatcher renders and sends the next one. Marks that queued up while a commit was in
    flight are committed together; the queue holds at most NOTIFICATIONS_MARK_QUEUE marks
    (the dispatcher waits beyond that), so the window in which a killed worker leaves an
    accepted message unmarked stays one commit long, as with inline marks, and a *database*
    crash loses no acknowledged mark (unlike `synchronous_commit=off`, which could lose the
    last fraction of a second of them and send those messages twice). Each mark is still a
    conditional UPDATE on the claim token. Not used inside a transaction (tests): the thread's
    connection would not see, and would wait for, the uncommitted claim.
    """

    def __init__(self, threaded: bool) -> None:
        self.threaded = threaded
        self.queue: queue.Queue[Any] = queue.Queue(maxsize=settings.NOTIFICATIONS_MARK_QUEUE)
        self.error: BaseException | None = None
        self.thread: threading.Thread | None = None
        if threaded:
            self.thread = threading.Thread(target=self._run, name="notification-marks",
                                           daemon=True)
            self.thread.start()

    @classmethod
    @contextmanager
    def open(cls) -> Iterator[_Marks]:
        threaded = (settings.NOTIFICATIONS_BACKGROUND_MARKS
                    and connection.vendor == "postgresql" and not connection.in_atomic_block)
        marks = cls(threaded)
        try:
            yield marks
        except BaseException:
            marks.close(report=False)  # the dispatcher's own error is the one to surface
            raise
        marks.close()

    def sent(self, row: Notification, token: str) -> None:
        if not self.threaded:
            _finish(row, token, Status.SENT)
            return
        if self.error is not None:
            raise RuntimeError("notification marks failed") from self.error
        self.queue.put((row, token))

    def close(self, *, report: bool = True) -> None:
        """Wait until every queued mark is committed (or the thread failed)."""
        if self.thread is None:
            return
        self.queue.put(_STOP)
        self.thread.join()
        if report and self.error is not None:
            raise RuntimeError("notification marks failed") from self.error

    def _run(self) -> None:
        from django.db import connection as thread_connection

        stop = False
        try:
            while not stop:
                pending = [self.queue.get()]
                with suppress(queue.Empty):
                    while len(pending) < settings.NOTIFICATIONS_MARK_QUEUE + 1:
                        pending.append(self.queue.get_nowait())
                stop = pending[-1] is _STOP
                rows = [item for item in pending if item is not _STOP]
                if rows and self.error is None:
                    with transaction.atomic():
                        for row, token in rows:
                            _finish(row, token, Status.SENT)
        except BaseException as exc:  # kept for the dispatcher: rows stay `sending`
            logger.exception("notification marks failed")
            self.error = exc
            while not stop:  # drain, so the dispatcher never blocks on a full queue
                stop = self.queue.get() is _STOP
        finally:
            thread_connection.close()


def spec_is_transactional(kind: str) -> bool:
    return spec_for(kind).category is None


__all__ = ["DispatchStats", "Kind", "notifications_claim", "notifications_dispatch_due"]
