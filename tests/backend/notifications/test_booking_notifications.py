"""Booking changes queue the right outbox rows, in the same transaction, with reminders in
the place's time zone; the dispatcher re-checks them before sending."""

import datetime as dt

import pytest
from icalendar import Calendar

from ostal.bookings import services
from ostal.bookings.models import Booking
from ostal.notifications.models import Kind, Notification
from ostal.notifications.services import PreferenceChange, notification_preferences_update
from tests.backend.notifications.conftest import MONDAY, NOW, book, dispatch, outbox
from tests.factories import UserFactory
from tests.factories.bookings import paris

pytestmark = pytest.mark.django_db
UTC = dt.UTC


def rows(booking: Booking, kind: str | None = None) -> list[Notification]:
    found = Notification.objects.filter(booking=booking).order_by("id")
    return list(found.filter(kind=kind) if kind else found)


def ics_of(message) -> Calendar:
    part = next(p for p in message.message().walk()
                if p.get_content_type() == "text/calendar" and p.get_filename() == "invite.ics")
    return Calendar.from_ical(part.get_payload(decode=True))


def test_a_confirmed_booking_queues_its_confirmation_now_and_a_reminder_the_evening_before(
        figeac, ada, nudges, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        booking = book(ada, figeac, MONDAY)

    confirmation, = rows(booking, Kind.BOOKING_CONFIRMED)
    reminder, = rows(booking, Kind.BOOKING_REMINDER)
    assert confirmation.status == "pending"
    assert confirmation.send_after == NOW
    # Sunday 22 March, 18:00 in Paris (CET, UTC+1) = 17:00 UTC.
    assert reminder.send_after == dt.datetime(2026, 3, 22, 17, 0, tzinfo=UTC)
    assert reminder.dedupe_key == f"booking_reminder:{booking.reference}:{booking.sequence}"
    assert nudges == ["notifications.dispatch_due"]  # one nudge, for the mail due now


def test_the_evening_reminder_follows_the_daylight_saving_change(figeac, ada, travel):
    # Summer time starts on Sunday 29 March 2026: 18:00 that day is UTC+2.
    booking = book(ada, figeac, dt.date(2026, 3, 30))
    reminder, = rows(booking, Kind.BOOKING_REMINDER)
    assert reminder.send_after == dt.datetime(2026, 3, 29, 16, 0, tzinfo=UTC)

    # And back on Sunday 25 October: 18:00 that day is UTC+1 again.
    travel(paris(2026, 10, 20, 10))
    booking = book(ada, figeac, dt.date(2026, 10, 26))
    reminder, = rows(booking, Kind.BOOKING_REMINDER)
    assert reminder.send_after == dt.datetime(2026, 10, 25, 17, 0, tzinfo=UTC)


def test_a_room_booking_is_reminded_an_hour_before_and_choices_move_pending_reminders(
        figeac, ada):
    booking = book(ada, figeac, MONDAY, resource_kind="meeting_room",
                   start_time=dt.time(14), end_time=dt.time(16))
    assert rows(booking, Kind.BOOKING_REMINDER)[0].send_after == paris(2026, 3, 23, 13)

    notification_preferences_update(user=ada, change=PreferenceChange(room_reminder_minutes=30))
    pending, = [r for r in rows(booking, Kind.BOOKING_REMINDER) if r.status == "pending"]
    assert pending.send_after == paris(2026, 3, 23, 13, 30)

    notification_preferences_update(user=ada, change=PreferenceChange(booking_reminders=False))
    assert [r.status for r in rows(booking, Kind.BOOKING_REMINDER)] == ["cancelled"]

    notification_preferences_update(user=ada, change=PreferenceChange(booking_reminders=True))
    assert [r.status for r in rows(booking, Kind.BOOKING_REMINDER)] == ["pending"]


def test_a_day_booking_can_be_reminded_hours_before_instead(figeac, ada):
    notification_preferences_update(user=ada, change=PreferenceChange(
        day_reminder="hours_before", day_reminder_hours=3))
    booking = book(ada, figeac, MONDAY)
    assert rows(booking, Kind.BOOKING_REMINDER)[0].send_after == paris(2026, 3, 23, 6)


def test_no_reminder_when_its_time_has_already_passed(figeac, ada, travel):
    travel(paris(2026, 3, 22, 20))  # Sunday evening, for Monday
    booking = book(ada, figeac, MONDAY)
    assert rows(booking, Kind.BOOKING_REMINDER) == []
    assert len(rows(booking, Kind.BOOKING_CONFIRMED)) == 1


def test_the_confirmation_carries_the_booking_as_an_invitation_in_the_members_language(
        figeac, ada, grace):
    fr = book(ada, figeac, MONDAY)
    en = book(grace, figeac, MONDAY, part="morning")

    stats = dispatch()

    assert stats.sent == 2
    by_to = {m.to[0]: m for m in outbox()}
    french, english = by_to["ada@example.org"], by_to["grace@example.org"]
    assert french.subject == "Réservation confirmée : La Fabrique, lundi 23 mars"
    assert "Votre réservation est confirmée." in french.body
    assert "lundi 23 mars 2026 (journée), 09:00\u201318:00" in french.body
    assert english.subject == "Booking confirmed: La Fabrique, Monday 23 March"
    assert "Monday 23 March 2026 (morning), 09:00\u2013" in english.body
    html = {mime: body for body, mime in french.alternatives}
    assert "<strong>confirmée</strong>" in next(v for k, v in html.items() if k == "text/html")
    raw = french.message()
    assert raw["Message-ID"] == Notification.objects.get(booking=fr, kind="booking_confirmed"
                                                         ).message_id
    assert "List-Unsubscribe" not in raw  # transactional
    assert "ne peut pas être désactivé" in french.body
    content_types = [p.get("Content-Type") for p in raw.walk()]
    assert any(ct.startswith("text/calendar") and 'method="REQUEST"' in ct.replace(
        "method=REQUEST", 'method="REQUEST"') for ct in content_types)
    calendar = ics_of(french)
    event = calendar.walk("VEVENT")[0]
    assert str(calendar["METHOD"]) == "REQUEST"
    assert str(event["UID"]).startswith(f"booking-{fr.reference}")
    assert int(event["SEQUENCE"]) == fr.sequence
    assert event.decoded("DTSTART") == paris(2026, 3, 23, 9)
    assert en.pk != fr.pk
    assert set(Notification.objects.filter(kind="booking_confirmed").values_list(
        "status", flat=True)) == {"sent"}


def test_a_change_sends_the_same_uid_with_a_higher_sequence_and_moves_the_reminder(
        figeac, ada):
    booking = book(ada, figeac, MONDAY)
    dispatch()
    first = ics_of(outbox()[0]).walk("VEVENT")[0]

    changed = services.booking_change(booking=booking, actor=ada,
                                      change=services.BookingChange(date=dt.date(2026, 3, 24)))

    reminders = rows(changed, Kind.BOOKING_REMINDER)
    assert [r.status for r in reminders] == ["cancelled", "pending"]
    assert reminders[1].send_after == paris(2026, 3, 23, 18)
    dispatch()
    message = outbox()[-1]
    assert message.subject.startswith("Réservation modifiée")
    event = ics_of(message).walk("VEVENT")[0]
    assert event["UID"] == first["UID"]
    assert int(event["SEQUENCE"]) > int(first["SEQUENCE"])
    assert event.decoded("DTSTART") == paris(2026, 3, 24, 9)


def test_a_change_before_the_confirmation_went_out_is_told_by_the_confirmation(figeac, ada):
    booking = book(ada, figeac, MONDAY)
    services.booking_change(booking=booking, actor=ada,
                            change=services.BookingChange(date=dt.date(2026, 3, 24)))

    assert rows(booking, Kind.BOOKING_CHANGED) == []
    dispatch()
    message, = outbox()
    assert "mardi 24 mars" in message.body


def test_a_cancellation_cancels_pending_mail_and_sends_method_cancel(figeac, ada):
    booking = book(ada, figeac, MONDAY)
    dispatch()

    services.booking_cancel(booking=booking, actor=ada)

    assert rows(booking, Kind.BOOKING_REMINDER)[0].status == "cancelled"
    dispatch()
    message = outbox()[-1]
    assert message.subject.startswith("Réservation annulée")
    assert "Votre annulation est enregistrée." in message.body
    calendar = ics_of(message)
    assert str(calendar["METHOD"]) == "CANCEL"
    assert str(calendar.walk("VEVENT")[0]["STATUS"]) == "CANCELLED"


def test_a_booking_cancelled_before_its_confirmation_went_out_sends_nothing(figeac, ada):
    booking = book(ada, figeac, MONDAY)
    services.booking_cancel(booking=booking, actor=ada)

    assert {r.status for r in rows(booking)} == {"cancelled"}
    assert dispatch().sent == 0
    assert outbox() == []


def test_a_reminder_whose_booking_was_cancelled_meanwhile_is_not_sent(figeac, ada, travel):
    booking = book(ada, figeac, MONDAY)
    dispatch()
    reminder = rows(booking, Kind.BOOKING_REMINDER)[0]
    # Simulate a race: the row is still pending when the booking is closed behind its back.
    Booking.objects.filter(pk=booking.pk).update(status="cancelled")
    travel(paris(2026, 3, 22, 18, 1))

    stats = dispatch()

    reminder.refresh_from_db()
    assert reminder.status == "cancelled"
    assert reminder.last_error == "booking cancelled"
    assert stats.sent == 0


def test_the_reminder_goes_out_at_its_time_in_the_members_language(figeac, grace, travel):
    book(grace, figeac, MONDAY)
    dispatch()
    travel(paris(2026, 3, 22, 17, 59))
    assert dispatch().sent == 0
    travel(paris(2026, 3, 22, 18, 0))

    assert dispatch().sent == 1

    message = outbox()[-1]
    assert message.subject == "Reminder: La Fabrique, Monday 23 March at 09:00"
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert message.extra_headers["List-Unsubscribe"].startswith("<https://ostal.example.org/u/")
    assert "Unsubscribe: https://ostal.example.org/u/" in message.body


def test_a_no_show_is_told(figeac, ada, travel):
    booking = book(ada, figeac, MONDAY)
    dispatch()
    travel(paris(2026, 3, 23, 9, 16))

    assert services.booking_release_no_shows() == 1

    dispatch()
    assert outbox()[-1].subject == "Absence constatée : La Fabrique, lundi 23 mars"
    assert rows(booking, Kind.NO_SHOW)[0].status == "sent"


def test_a_waiting_list_offer_is_sent_while_open_and_dropped_once_expired(
        figeac, ada, grace, travel):
    others = [book(ada, figeac, MONDAY)] + [
        book(UserFactory(email=f"m{i}@example.org"), figeac, MONDAY) for i in range(2)]
    entry = services.waitlist_join(member=grace, space=figeac, resource_kind="desk",
                                   date=MONDAY, part="day")
    services.booking_cancel(booking=others[1], actor=others[1].member)
    entry.refresh_from_db()
    assert entry.status == "offered"
    offer, = Notification.objects.filter(kind=Kind.WAITLIST_OFFER)
    assert offer.user == grace
    assert offer.booking == entry.offered_booking

    dispatch()
    message = next(m for m in outbox() if m.to == ["grace@example.org"])
    assert message.subject == "A place is free for you: La Fabrique, Monday 23 March"
    assert "held for you until Friday 20 March at 11:00" in message.body

    travel(paris(2026, 3, 20, 11, 1))  # the offer lapsed before a retry could send it
    offer.refresh_from_db()
    Notification.objects.filter(pk=offer.pk).update(status="pending")
    dispatch()
    offer.refresh_from_db()
    assert offer.status == "cancelled"
    assert offer.last_error == "offer no longer open"
