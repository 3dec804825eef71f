"""Fixtures of tests/security: the booking tests' places and frozen clock, reused."""

from tests.backend.bookings.conftest import _frozen_now, figeac  # noqa: F401  (fixtures)
