"""The whole beat schedule in one place; one comment per entry.

Periodic sweeps are the safety net that makes due work happen even if an on-commit nudge was
lost (broker down, worker killed): every entry claims due rows from the database.
"""

from typing import Any

BEAT_SCHEDULE: dict[str, dict[str, Any]] = {}
