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
    # E-invoices queued for the accredited platform whose nudge was lost, or due for another
    # attempt after the platform was down: every minute (https://crontab.guru/#*_*_*_*_*).
    "billing-einvoice-submit-due": {
        "task": "billing.einvoice_submit_due",
        "schedule": crontab(),
    },
    # Lifecycle statuses of transmitted e-invoices (received, refused, cashed...): every 5
    # minutes (https://crontab.guru/#*/5_*_*_*_*).
    "billing-einvoice-fetch-lifecycle": {
        "task": "billing.einvoice_fetch_lifecycle",
        "schedule": crontab(minute="*/5"),
    },
    # Imported external calendars (room bookings elsewhere, closures) that are due are fetched
    # and turned into blocked times, one by one: every 15 minutes
    # (https://crontab.guru/#*/15_*_*_*_*).
    "calendars-sync-external": {
        "task": "calendars.sync_external",
        "schedule": crontab(minute="*/15"),
    },
    # Due notifications (confirmations, reminders, offers, billing notices...): every minute
    # (https://crontab.guru/#*_*_*_*_*). Mail due now is also nudged right after commit; this
    # sweep is the safety net, and the only trigger for mail due later (no ETA tasks).
    "notifications-dispatch-due": {
        "task": "notifications.dispatch_due",
        "schedule": crontab(),
    },
    # Mail to applicants to join the network whose after-commit nudge was lost: every 5
    # minutes (https://crontab.guru/#*/5_*_*_*_*).
    "joining-send-messages": {
        "task": "joining.send_messages",
        "schedule": crontab(minute="*/5"),
    },
    # Payment reconciliation with Stripe, from the saved cursor: hourly at :17
    # (https://crontab.guru/#17_*_*_*_*).
    "billing-reconcile-payments": {
        "task": "billing.reconcile_payments",
        "schedule": crontab(minute="17"),
    },
    # Yesterday's reconciliation summary to network admins: daily at 06:30 UTC
    # (https://crontab.guru/#30_6_*_*_*).
    "billing-reconciliation-summary": {
        "task": "billing.reconciliation_summary",
        "schedule": crontab(minute="30", hour="6"),
    },
    # Settlements: recompute last month's draft statements, close those past review: daily
    # at 04:45 UTC (https://crontab.guru/#45_4_*_*_*).
    "billing-run-settlements": {
        "task": "billing.run_settlements",
        "schedule": crontab(minute="45", hour="4"),
    },
    # Dashboard rollups: yesterday and the last week for every place, plus every day changed
    # in the last 26 hours, plus the months' member activity; nightly at 02:10 UTC
    # (https://crontab.guru/#10_2_*_*_*). Idempotent: a rerun rewrites the same rows.
    "analytics-rebuild-rollups": {
        "task": "analytics.rebuild_rollups",
        "schedule": crontab(minute="10", hour="2"),
    },
    # People's data exports whose nudge was lost, or whose worker died (after a 10-minute
    # lease): every minute (https://crontab.guru/#*_*_*_*_*).
    "privacy-build-pending-exports": {
        "task": "privacy.build_pending_exports",
        "schedule": crontab(),
    },
    # Retention periods (expired exports emptied, expired invitations, old notifications and
    # search logs, commute declarations of people who left, unverified accounts): nightly at
    # 03:20 UTC (https://crontab.guru/#20_3_*_*_*). Idempotent.
    "privacy-apply-retention": {
        "task": "privacy.apply_retention",
        "schedule": crontab(minute="20", hour="3"),
    },
    # The network's figures of last month are published (merged small groups, noise; never
    # changed after): on the 3rd at 03:40 UTC, after the nightly rollups closed the month
    # (https://crontab.guru/#40_3_3_*_*). A month read before is published by that read.
    "analytics-publish-closed-months": {
        "task": "analytics.publish_closed_months",
        "schedule": crontab(minute="40", hour="3", day_of_month="3"),
    },
    # Today's rollups of every place, so charts include today between nightly runs (managers
    # can also refresh on demand): every 15 minutes (https://crontab.guru/#*/15_*_*_*_*).
    "analytics-rebuild-today": {
        "task": "analytics.rebuild_today",
        "schedule": crontab(minute="*/15"),
    },
    # Employers' invoices of credits used beyond their bundle, for last month: daily at 05:30
    # UTC on the first five days of the month (https://crontab.guru/#30_5_1-5_*_*); idempotent,
    # so the later runs only catch up what a failed run missed.
    "employers-invoice-overage": {
        "task": "employers.invoice_overage",
        "schedule": crontab(minute="30", hour="5", day_of_month="1-5"),
    },
}
