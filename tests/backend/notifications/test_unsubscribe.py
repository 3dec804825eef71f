"""Unsubscribe links: a signed token, a confirmation page on GET, the change on POST (the
page's button or an RFC 8058 one-click request); transactional mail has none."""

import pytest
from django.test import Client

from ostal.notifications.models import Kind, Notification, NotificationPreference
from ostal.notifications.services import notification_enqueue, unsubscribe_token
from tests.backend.notifications.conftest import NOW, dispatch

pytestmark = pytest.mark.django_db


def test_get_shows_a_confirmation_and_changes_nothing(member_ada):
    token = unsubscribe_token(user_id=member_ada.pk, category="booking_reminders")

    answer = Client().get(f"/u/{token}")

    assert answer.status_code == 200
    assert "Ne plus envoyer <strong>les rappels de réservation</strong>" in answer.content.decode()
    assert not NotificationPreference.objects.filter(user=member_ada).exists()


def test_the_pages_button_unsubscribes_and_cancels_queued_mail(member_ada):
    row = notification_enqueue(kind=Kind.BOOKING_REMINDER, user_id=member_ada.pk,
                               dedupe_key="r", send_after=NOW, payload={})
    token = unsubscribe_token(user_id=member_ada.pk, category="booking_reminders")

    answer = Client(enforce_csrf_checks=True).post(f"/u/{token}", {"confirm": "1"})

    assert answer.status_code == 200
    assert "Votre désabonnement est enregistré" in answer.content.decode()
    pref = NotificationPreference.objects.get(user=member_ada)
    assert pref.booking_reminders is False
    assert pref.credits_expiring is True
    row.refresh_from_db()
    assert row.status == "cancelled"


def test_rfc8058_one_click_post_needs_no_cookie_nor_csrf_token(member_ada):
    token = unsubscribe_token(user_id=member_ada.pk, category="all")

    answer = Client(enforce_csrf_checks=True).post(
        f"/u/{token}", "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded")

    assert answer.status_code == 200
    pref = NotificationPreference.objects.get(user=member_ada)
    assert not (pref.booking_reminders)
    assert not (pref.credits_expiring)
    assert not (pref.renewal_upcoming)
    assert not (pref.admin_summaries)


@pytest.mark.parametrize("token", ["not-a-token-at-all", "eyJ1IjoxLCJjIjoiYWxsIn0:forged:sig"])
def test_a_forged_or_damaged_token_changes_nothing(member_ada, token):
    answer = Client().post(f"/u/{token}")
    assert answer.status_code == 400
    assert "Ce lien n'est pas valide" in answer.content.decode()
    assert not NotificationPreference.objects.exists()


def test_the_link_in_a_reminder_works_end_to_end(member_ada, settings):
    settings.NOTIFICATIONS_LATE_CUTOFF_HOURS = 10_000
    member_ada.is_network_admin = True
    member_ada.save()
    notification_enqueue(kind=Kind.RECONCILIATION_SUMMARY, user_id=member_ada.pk,
                         dedupe_key="s1", payload={"date": "2026-03-19"})
    dispatch()
    from django.core import mail

    link = mail.outbox[0].extra_headers["List-Unsubscribe"].strip("<>")
    path = link.removeprefix(settings.SITE_URL)

    assert Client().post(path).status_code == 200

    notification_enqueue(kind=Kind.RECONCILIATION_SUMMARY, user_id=member_ada.pk,
                         dedupe_key="s2", payload={"date": "2026-03-20"})
    dispatch()
    assert len(mail.outbox) == 1
    assert Notification.objects.get(dedupe_key="s2").status == "cancelled"


def test_unknown_categories_cannot_be_signed(member_ada):
    with pytest.raises(ValueError, match="unknown unsubscribe category"):
        unsubscribe_token(user_id=member_ada.pk, category="booking_confirmed")
