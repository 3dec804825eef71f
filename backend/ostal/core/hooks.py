"""How a lower app tells a higher one that something happened, without importing it.

The apps stack in layers (docs/adr/0011-checkout-and-layers.md): a lower app never imports a
higher one. When a lower app needs a higher one to act — a booking closed (the checkout settles
its money, notifications tell the member), a card payment for a booking succeeded (the checkout
confirms it) — it declares a hook in its own `hooks.py` and calls it; the higher app connects
its receiver in `AppConfig.ready()`.

Two kinds, both typed by the event (a frozen dataclass the lower app declares):
- `Hook[E]`: an announcement; every connected receiver runs, in the order they connected
  (INSTALLED_APPS order, which is the layer order), synchronously, in the caller's transaction.
  An exception in a receiver propagates to the caller (and rolls its transaction back), exactly
  as a direct call would.
- `Port[E, R]`: a question or an order exactly one higher app answers (a payment's fulfilment, a
  summary to mail). Calling a port nobody connected raises `HookNotConnected`: money must never
  be taken with nobody to fulfil it.

Unlike Django signals, receivers are typed, ordered, never weakly referenced, and the list of
hooks of an app is one file a reader can open.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

E = TypeVar("E")
R = TypeVar("R")


class HookNotConnected(LookupError):
    """A port was called before (or without) its app's `ready()` connecting it."""


class Hook(Generic[E]):
    """An announcement every connected receiver hears (see the module docstring)."""

    def __init__(self, name: str) -> None:
        self.name = name
        self._receivers: list[Callable[[E], object]] = []

    def __repr__(self) -> str:
        return f"<Hook {self.name}: {len(self._receivers)} receiver(s)>"

    def connect(self, receiver: Callable[[E], object]) -> None:
        """Add `receiver` (idempotent: `ready()` may run twice in tests)."""
        if receiver not in self._receivers:
            self._receivers.append(receiver)

    @property
    def receivers(self) -> tuple[Callable[[E], object], ...]:
        return tuple(self._receivers)

    def send(self, event: E) -> None:
        for receiver in self._receivers:
            receiver(event)


class Port(Generic[E, R]):
    """A call exactly one higher app answers (see the module docstring)."""

    def __init__(self, name: str) -> None:
        self.name = name
        self._handler: Callable[[E], R] | None = None

    def __repr__(self) -> str:
        return f"<Port {self.name}: {'connected' if self._handler else 'not connected'}>"

    def connect(self, handler: Callable[[E], R]) -> None:
        """Set the handler; a second, different one is a programming error."""
        if self._handler is not None and self._handler != handler:
            raise ValueError(f"{self.name} is already connected to {self._handler!r}")
        self._handler = handler

    @property
    def is_connected(self) -> bool:
        return self._handler is not None

    def __call__(self, event: E) -> R:
        if self._handler is None:
            raise HookNotConnected(f"nothing is connected to {self.name}")
        return self._handler(event)
