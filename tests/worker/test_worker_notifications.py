"""A real worker on the run's broker sends the right e-mails through a real SMTP server: in
the member's language and the place's time zone, with the booking's invitation; due work of
the booking engine (holds, no-shows) runs on it too."""

import datetime as dt
from email.message import Message
from zoneinfo import ZoneInfo

import pytest
from django.test import Client
from django.utils import timezone
from icalendar import Calendar

from ostal.bookings import services
from ostal.bookings.models import Booking
from ostal.notifications.models import Kind, Notification, NotificationPreference
from ostal.spaces.models import Resource
from tests.factories import ResourceFactory, SpaceFactory, UserFactory
from tests.factories.bookings import BookingFactory, BookingPolicyFactory
from tests.worker.conftest import requires_shared_database

pytestmark = [requires_shared_database,
              pytest.mark.django_db(transaction=True)]


def next_weekday(days_ahead: int = 4) -> dt.date:
    day = timezone.localdate() + dt.timedelta(days=days_ahead)
    while day.weekday() >= 5:
        day += dt.timedelta(days=1)
    return day


def calendar_of(message: Message) -> tuple[str, Calendar]:
    """(Content-Type of the invite.ics attachment, the parsed calendar)."""
    part = next(p for p in message.walk() if p.get_filename() == "invite.ics")
    return part["Content-Type"], Calendar.from_ical(part.get_payload(decode=True))


def subject(message: Message) -> str:
    return str(message["Subject"]).strip()


def text_of(message: Message) -> str:
    part = next(p for p in message.walk() if p.get_content_type() == "text/plain")
    return part.get_payload(decode=True).decode()


def test_confirmation_and_cancellation_arrive_with_their_invitations(start_worker, smtp):
    start_worker("w1")
    paris_place = SpaceFactory(name="La Fabrique", timezone="Europe/Paris")
    island_place = SpaceFactory(name="Coworking Fort-de-France", timezone="America/Martinique")
    for place in (paris_place, island_place):
        ResourceFactory(space=place, kind=Resource.Kind.DESK, name="D1")
    ada = UserFactory(email="ada@example.org", first_name="Ada", language="fr")
    grace = UserFactory(email="grace@example.org", first_name="Grace", language="en")
    day = next_weekday()

    booked = {}
    for member, place in ((ada, paris_place), (grace, island_place)):
        request = services.BookingRequest(space=place, resource_kind="desk", date=day,
                                          part="day")
        booked[member.email] = services.booking_create(member=member, request=request).booking

    # No task was sent by the test: the after-commit nudge started the work.
    deliveries = {d.rcpt_tos[0]: d.message for d in smtp.wait_for(2)}
    french, english = deliveries["ada@example.org"], deliveries["grace@example.org"]
    assert subject(french).startswith("Réservation confirmée : La Fabrique, ")
    assert subject(english).startswith("Booking confirmed: Coworking Fort-de-France, ")
    assert "(full day), 09:00\u201318:00" in text_of(english)  # the place's local time
    assert "(journée), 09:00\u201318:00" in text_of(french)
    for address, message in deliveries.items():
        content_type, calendar = calendar_of(message)
        assert content_type.startswith("text/calendar")
        assert "method=" in content_type
        assert "REQUEST" in content_type
        event = calendar.walk("VEVENT")[0]
        assert str(calendar["METHOD"]) == "REQUEST"
        booking = booked[address]
        assert event.decoded("DTSTART") == dt.datetime.combine(
            day, dt.time(9), tzinfo=ZoneInfo(booking.space.timezone))
        assert message["Message-ID"] == Notification.objects.get(
            booking=booking, kind=Kind.BOOKING_CONFIRMED).message_id
    alternatives = [p.get_content_type() for p in french.walk()]
    assert {"text/plain", "text/html", "text/calendar"} <= set(alternatives)

    services.booking_cancel(booking=booked["ada@example.org"], actor=ada)

    cancellation = smtp.wait_for(3)[-1].message
    assert subject(cancellation).startswith("Réservation annulée : La Fabrique")
    content_type, calendar = calendar_of(cancellation)
    assert "CANCEL" in content_type
    assert str(calendar["METHOD"]) == "CANCEL"
    first_uid = calendar_of(french)[1].walk("VEVENT")[0]["UID"]
    event = calendar.walk("VEVENT")[0]
    assert event["UID"] == first_uid
    assert int(event["SEQUENCE"]) > 0


def test_a_due_reminder_is_sent_by_the_sweep_and_its_unsubscribe_link_works(
        start_worker, smtp, broker):
    start_worker("w1")
    member = UserFactory(email="lin@example.org", first_name="Lin", language="en")
    start = timezone.now() + dt.timedelta(hours=20)
    booking = BookingFactory(member=member, start=start, end=start + dt.timedelta(hours=2),
                             part="custom")
    # Written directly (no nudge): only the periodic sweep can find it.
    Notification.objects.create(kind=Kind.BOOKING_REMINDER, user=member, booking=booking,
                                dedupe_key=f"booking_reminder:{booking.reference}:0",
                                send_after=timezone.now() - dt.timedelta(minutes=1),
                                payload={"sequence": 0})

    broker.app().send_task("notifications.dispatch_due")  # what beat sends every minute

    message = smtp.wait_for(1)[0].message
    assert subject(message).startswith("Reminder: ")
    assert str(message["List-Unsubscribe-Post"]).strip() == "List-Unsubscribe=One-Click"
    link = str(message["List-Unsubscribe"]).strip().strip("<>").removeprefix("https://ostal.example.org")
    assert Client().post(link, "List-Unsubscribe=One-Click",
                         content_type="application/x-www-form-urlencoded").status_code == 200
    assert NotificationPreference.objects.get(user=member).booking_reminders is False


def test_holds_and_no_shows_are_released_on_the_worker_and_the_no_show_is_told(
        start_worker, smtp, broker):
    start_worker("w1")
    now = timezone.now()
    desk = ResourceFactory(kind=Resource.Kind.DESK)
    BookingPolicyFactory(space=desk.space, no_show_grace_minutes=15)
    held = BookingFactory(resource=desk, status=Booking.Status.HELD,
                          start=now + dt.timedelta(days=2), end=now + dt.timedelta(days=2, hours=3),
                          expires_at=now - dt.timedelta(minutes=1))
    member = UserFactory(email="noshow@example.org", first_name="Sam")
    late = BookingFactory(resource=desk, member=member, start=now - dt.timedelta(minutes=30),
                          end=now + dt.timedelta(hours=2),
                          no_show_due_at=now - dt.timedelta(minutes=15), part="custom")

    app = broker.app()
    app.send_task("bookings.release_expired_holds")
    app.send_task("bookings.release_no_shows")

    message = smtp.wait_for(1)[0].message  # nudged by the worker's own commit
    assert subject(message).startswith("Absence constatée")
    held.refresh_from_db()
    late.refresh_from_db()
    assert (held.status, late.status) == (Booking.Status.EXPIRED, Booking.Status.NO_SHOW)


def test_a_booking_series_arrives_as_one_mail_with_one_event_per_date(start_worker, smtp):
    start_worker("w1")
    place = SpaceFactory(name="La Fabrique", timezone="Europe/Paris")
    ResourceFactory(space=place, kind=Resource.Kind.DESK, name="D1")
    ada = UserFactory(email="ada@example.org", first_name="Ada", language="fr")
    first = next_weekday()

    series = services.booking_series_create(member=ada, request=services.SeriesRequest(
        space=place, resource_kind="desk", weekdays=(first.weekday(),), start_date=first,
        count=3, part="day")).series

    delivery, = smtp.wait_for(1)
    message = delivery.message
    assert subject(message).startswith("3 réservations confirmées : La Fabrique")
    _, calendar = calendar_of(message)
    assert str(calendar["METHOD"]) == "REQUEST"
    bookings = list(series.bookings.order_by("start"))
    events = calendar.walk("VEVENT")
    assert [e.decoded("DTSTART") for e in events] == [b.start for b in bookings]
    assert len({str(e["UID"]) for e in events}) == 3
    assert not Notification.objects.filter(kind=Kind.BOOKING_CONFIRMED).exists()
    assert message["Message-ID"] == Notification.objects.get(
        kind=Kind.SERIES_CONFIRMED).message_id
