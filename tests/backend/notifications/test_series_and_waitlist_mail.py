"""A booking series is confirmed by one e-mail (every date listed, one .ics with one event per
occurrence); a waiting-list offer that lapses tells its person they are off the list."""

import datetime as dt

import pytest

from ostal.bookings import services
from ostal.bookings.models import Booking, BookingSeries
from ostal.notifications.models import Kind, Notification
from tests.backend.notifications.conftest import MONDAY, book, dispatch, outbox
from tests.backend.notifications.test_booking_notifications import ics_of, rows
from tests.factories import UserFactory
from tests.factories.bookings import paris

pytestmark = pytest.mark.django_db
MON, WED = 0, 2


def book_series(member, space, *, count=4, key="") -> BookingSeries:
    """Mondays and Wednesdays from 23 March 2026: 23, 25, 30 March, 1 April."""
    return services.booking_series_create(
        member=member, idempotency_key=key, request=services.SeriesRequest(
            space=space, resource_kind="desk", weekdays=(MON, WED), start_date=MONDAY,
            count=count, part="day")).series


def occurrences(series: BookingSeries) -> list[Booking]:
    return list(series.bookings.order_by("start"))


def test_a_series_is_confirmed_by_one_mail_listing_its_dates_with_one_event_each(
        figeac, ada, nudges, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        series = book_series(ada, figeac, key="k1")
    bookings = occurrences(series)

    confirmation, = Notification.objects.filter(kind=Kind.SERIES_CONFIRMED)
    assert confirmation.dedupe_key == f"series_confirmed:{series.reference}"
    assert not Notification.objects.filter(kind=Kind.BOOKING_CONFIRMED).exists()
    assert all(len(rows(b, Kind.BOOKING_REMINDER)) == 1 for b in bookings)
    assert nudges == ["notifications.dispatch_due"]
    # A replayed request (same key) queues nothing more.
    book_series(ada, figeac, key="k1")
    assert Notification.objects.filter(kind=Kind.SERIES_CONFIRMED).count() == 1

    assert dispatch().sent == 1
    message, = outbox()
    assert message.subject == ("4 réservations confirmées : La Fabrique, "
                               "à partir du lundi 23 mars")
    for day in ("lundi 23 mars 2026", "mercredi 25 mars 2026", "lundi 30 mars 2026",
                "mercredi 1 avril 2026"):
        assert f"- {day} (journée), 09:00\u201318:00" in message.body
    calendar = ics_of(message)
    assert str(calendar["METHOD"]) == "REQUEST"
    events = calendar.walk("VEVENT")
    assert [str(e["UID"]) for e in events] == [
        f"booking-{b.reference}@ostal.example.org" for b in bookings]
    assert [e.decoded("DTSTART") for e in events] == [paris(2026, 3, d, 9) if d > 20 else
                                                      paris(2026, 4, d, 9)
                                                      for d in (23, 25, 30, 1)]
    assert "List-Unsubscribe" not in message.message()
    assert confirmation.message_id == message.message()["Message-ID"]


def test_the_series_mail_is_in_the_members_language(figeac, grace):
    book_series(grace, figeac, count=2)
    dispatch()
    message, = outbox()
    assert message.subject == "2 bookings confirmed: La Fabrique, from Monday 23 March"
    assert "- Wednesday 25 March 2026 (full day), 09:00\u201318:00" in message.body


def test_an_occurrence_cancelled_before_the_mail_is_left_out_and_not_told_twice(figeac, ada):
    series = book_series(ada, figeac)
    first, second, *_ = occurrences(series)
    services.booking_cancel(booking=second, actor=ada)
    assert rows(second, Kind.BOOKING_CANCELLED) == []  # never told about it: no cancellation

    dispatch()
    message, = outbox()
    assert message.subject.startswith("3 réservations confirmées")
    assert "mercredi 25 mars" not in message.body
    assert len(ics_of(message).walk("VEVENT")) == 3

    # Once the series mail went out, cancelling an occurrence is told (METHOD:CANCEL).
    services.booking_cancel(booking=first, actor=ada)
    dispatch()
    cancelled = outbox()[-1]
    assert cancelled.subject.startswith("Réservation annulée")
    assert str(ics_of(cancelled)["METHOD"]) == "CANCEL"


def test_a_change_of_an_occurrence_is_told_only_once_the_series_mail_went_out(figeac, ada):
    series = book_series(ada, figeac)
    first, second, *_ = occurrences(series)
    services.booking_change(booking=first, actor=ada,
                            change=services.BookingChange(date=dt.date(2026, 3, 24)))
    assert rows(first, Kind.BOOKING_CHANGED) == []
    dispatch()
    assert "- mardi 24 mars 2026" in outbox()[0].body  # the series mail tells the new date

    services.booking_change(booking=second, actor=ada,
                            change=services.BookingChange(date=dt.date(2026, 3, 26)))
    dispatch()
    changed = outbox()[-1]
    assert changed.subject.startswith("Réservation modifiée")
    assert str(ics_of(changed).walk("VEVENT")[0]["UID"]).startswith(f"booking-{second.reference}")


def test_a_series_with_every_date_cancelled_before_sending_sends_nothing(figeac, ada):
    series = book_series(ada, figeac, count=2)
    services.booking_series_cancel(series=series, actor=ada, from_date=MONDAY)

    assert dispatch().sent == 0
    assert Notification.objects.get(kind=Kind.SERIES_CONFIRMED).last_error == \
        "no occurrence left"


def full_monday_with_offer_to(grace, figeac, ada):
    others = [book(ada, figeac, MONDAY)] + [
        book(UserFactory(email=f"m{i}@example.org"), figeac, MONDAY) for i in range(2)]
    entry = services.waitlist_join(member=grace, space=figeac, resource_kind="desk",
                                   date=MONDAY, part="day")
    services.booking_cancel(booking=others[1], actor=others[1].member)
    entry.refresh_from_db()
    assert entry.status == "offered"
    return entry


@pytest.mark.parametrize("sweep", ["waitlist_expire_offers", "booking_release_expired_holds"])
def test_a_lapsed_offer_tells_its_person_they_are_off_the_list(figeac, ada, grace, travel,
                                                               sweep):
    entry = full_monday_with_offer_to(grace, figeac, ada)
    dispatch()  # the offer (Friday 11:00 deadline) is mailed
    travel(paris(2026, 3, 20, 11, 1))

    getattr(services, sweep)()
    getattr(services, sweep)()  # a second run queues nothing more

    entry.refresh_from_db()
    assert entry.status == "expired"
    lapsed, = Notification.objects.filter(kind=Kind.WAITLIST_OFFER_LAPSED)
    assert lapsed.user == grace
    assert lapsed.dedupe_key == f"waitlist_lapsed:{entry.pk}"
    dispatch()
    message = outbox()[-1]
    assert message.to == ["grace@example.org"]
    assert message.subject == "Offer expired: La Fabrique, Monday 23 March"
    assert "you are no longer on the waiting list and the place has passed to the next " \
           "person in line" in " ".join(message.body.split())
    assert "List-Unsubscribe" not in message.message()  # transactional: about their request


def test_an_offer_that_was_never_mailed_lapses_silently(figeac, ada, grace, travel):
    full_monday_with_offer_to(grace, figeac, ada)
    travel(paris(2026, 3, 20, 11, 1))  # the offer's mail never went out

    services.waitlist_expire_offers()

    assert not Notification.objects.filter(kind=Kind.WAITLIST_OFFER_LAPSED).exists()
    assert Notification.objects.get(kind=Kind.WAITLIST_OFFER).status == "cancelled"
