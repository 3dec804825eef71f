"""The whole beat schedule in one place; one comment per entry.

Periodic sweeps are the safety net that makes due work happen even if an on-commit nudge was
lost (broker down, worker killed): every entry claims due rows from the database.
"""

from typing import Any

from celery.schedules import crontab

BEAT_SCHEDULE: dict[str, dict[str, Any]] = {
    # Unpaid holds and unaccepted waiting-list offers free their desk: every minute
    # (https://crontab.guru/#*_*_*_*_*).
    "bookings-release-expired-holds": {
        "task": "bookings.release_expired_holds",
        "schedule": crontab(),
    },
    # Desks not checked in after the place's grace period are released as no-shows: every
    # minute (https://crontab.guru/#*_*_*_*_*).
    "bookings-release-no-shows": {
        "task": "bookings.release_no_shows",
        "schedule": crontab(),
    },
    # Lapsed waiting-list offers pass to the next in line: every minute
    # (https://crontab.guru/#*_*_*_*_*).
    "bookings-expire-waitlist-offers": {
        "task": "bookings.expire_waitlist_offers",
        "schedule": crontab(),
    },
    # Stripe events whose processing message was lost, and failed ones with attempts left:
    # every minute (https://crontab.guru/#*_*_*_*_*).
    "billing-process-pending-stripe-events": {
        "task": "billing.process_pending_stripe_events",
        "schedule": crontab(),
    },
    # Refunds recorded but not yet executed at Stripe: every 5 minutes
    # (https://crontab.guru/#*/5_*_*_*_*).
    "billing-execute-pending-refunds": {
        "task": "billing.execute_pending_refunds",
        "schedule": crontab(minute="*/5"),
    },
}
