"""The hook registry lower apps use to tell higher ones what happened (ostal.core.hooks)."""

from dataclasses import dataclass

import pytest

from ostal.core.hooks import Hook, HookNotConnected, Port


@dataclass(frozen=True)
class Happened:
    what: str


def test_every_receiver_hears_an_announcement_in_the_order_it_connected():
    heard = []
    hook: Hook[Happened] = Hook("test.happened")
    hook.connect(lambda event: heard.append(("first", event.what)))
    hook.connect(lambda event: heard.append(("second", event.what)))

    hook.send(Happened("booking closed"))

    assert heard == [("first", "booking closed"), ("second", "booking closed")]


def test_connecting_the_same_receiver_twice_runs_it_once():
    heard = []

    def receiver(event: Happened) -> None:
        heard.append(event.what)

    hook: Hook[Happened] = Hook("test.happened")
    hook.connect(receiver)
    hook.connect(receiver)  # AppConfig.ready() may run again
    hook.send(Happened("x"))

    assert heard == ["x"]


def test_a_failing_receiver_fails_the_caller_and_stops_the_others():
    heard = []
    hook: Hook[Happened] = Hook("test.happened")

    def broken(event: Happened) -> None:
        raise RuntimeError("refund refused")

    hook.connect(broken)
    hook.connect(lambda event: heard.append(event.what))

    with pytest.raises(RuntimeError, match="refund refused"):
        hook.send(Happened("x"))
    assert heard == []


def test_a_port_answers_through_its_one_handler():
    port: Port[Happened, int] = Port("test.count")
    port.connect(lambda event: len(event.what))

    assert port(Happened("four")) == 4


def test_a_port_nobody_connected_refuses_instead_of_doing_nothing():
    port: Port[Happened, None] = Port("test.fulfil")

    with pytest.raises(HookNotConnected, match=r"test\.fulfil"):
        port(Happened("paid"))


def test_a_port_refuses_a_second_handler():
    port: Port[Happened, None] = Port("test.fulfil")
    port.connect(print)
    port.connect(print)  # the same one again is fine

    with pytest.raises(ValueError, match="already connected"):
        port.connect(lambda event: None)
