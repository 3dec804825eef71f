"""GET / PATCH /api/v1/notifications/preferences/."""

import pytest

from tests.conftest import ROLES

pytestmark = pytest.mark.django_db
URL = "/api/v1/notifications/preferences/"


def test_defaults_then_a_change(client_as):
    client = client_as("member_ada")

    assert client.get(URL).json() == {
        "booking_reminders": True, "day_reminder": "evening_before", "day_reminder_hours": 24,
        "room_reminder_minutes": 60, "credits_expiring": True, "renewal_upcoming": True,
        "admin_summaries": True}
    answer = client.patch(URL, {"day_reminder": "hours_before", "day_reminder_hours": 2,
                                "credits_expiring": False}, format="json")

    assert answer.status_code == 200, answer.content
    assert client.get(URL).json()["day_reminder_hours"] == 2
    assert client.get(URL).json()["credits_expiring"] is False


def test_out_of_range_values_are_refused(client_as):
    answer = client_as("member_ada").patch(URL, {"room_reminder_minutes": 1}, format="json")
    assert answer.status_code == 400
    assert "room_reminder_minutes" in answer.json()["fields"]


@pytest.mark.parametrize("role", ROLES)
def test_everyone_logged_in_has_their_own_and_anonymous_none(client_as, role):
    answer = client_as(role).get(URL)
    assert answer.status_code == (403 if role == "anonymous" else 200)
