"""Every periodic entry names a task the worker registers (a typo would silently never run)."""

from worker.app import app
from worker.schedule import BEAT_SCHEDULE


def test_every_beat_entry_points_at_a_registered_task():
    app.loader.import_default_modules()
    registered = set(app.tasks)

    missing = {name: entry["task"] for name, entry in BEAT_SCHEDULE.items()
               if entry["task"] not in registered}

    assert missing == {}
    assert "core.ping" in registered


def test_tasks_are_named_explicitly_after_their_app():
    app.loader.import_default_modules()
    ours = [name for name in app.tasks if not name.startswith("celery.")]
    assert all(name.count(".") == 1 and name.split(".")[0] in
               {"core", "bookings", "billing", "memberships", "notifications", "calendars",
                "analytics", "employers", "privacy", "joining"} for name in ours), ours
