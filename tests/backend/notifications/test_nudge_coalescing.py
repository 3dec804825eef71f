"""Under a burst of bookings the dispatcher is nudged once per dispatch run, not once per
booking (issue 13): a commit raises the queue's flag in the cache and sends a message only if
it was down; the dispatch that message starts lowers it before claiming. With coalescing off,
one message per transaction (never more)."""

import datetime as dt
from typing import Any

import pytest
from django.core.cache import cache

from ostal.accounts.models import User
from ostal.notifications import nudge
from ostal.notifications.dispatch import notifications_dispatch_due
from ostal.spaces.models import Space
from tests.backend.notifications.conftest import MONDAY, book
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)  # real commits: on-commit hooks run


@pytest.fixture
def sent(monkeypatch: pytest.MonkeyPatch, settings: Any) -> list[tuple[str, tuple[Any, ...]]]:
    settings.NOTIFICATIONS_NUDGE = True
    settings.CELERY_TASK_DEFAULT_QUEUE = "ostal-test-nudge"
    messages: list[tuple[str, tuple[Any, ...]]] = []
    monkeypatch.setattr(nudge, "send_task", lambda name, *args: messages.append((name, args)))
    cache.delete("notifications:nudge:ostal-test-nudge")
    return messages


def members(count: int) -> list[User]:
    return [UserFactory(email=f"rafale{n}@example.org") for n in range(count)]


def burst(figeac: Space, people: list[User]) -> None:
    for n, member in enumerate(people):  # each booking its own transaction, committed
        book(member, figeac, MONDAY + dt.timedelta(days=n % 3), part="morning")


def test_a_burst_of_bookings_sends_one_message_until_a_dispatch_starts(
        sent: list[Any], settings: Any, figeac: Space) -> None:
    settings.NOTIFICATIONS_NUDGE_COALESCE = True
    people = members(6)

    burst(figeac, people[:3])
    assert sent == [("notifications.dispatch_due", ("notifications:nudge:ostal-test-nudge",))]

    notifications_dispatch_due(nudge=sent[0][1][0])  # the worker runs it: flag lowered first
    burst(figeac, people[3:])
    assert len(sent) == 2


def test_without_coalescing_each_transaction_sends_one_message(
        sent: list[Any], figeac: Space) -> None:
    burst(figeac, members(3))

    assert sent == [("notifications.dispatch_due", ())] * 3
