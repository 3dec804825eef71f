"""Importing external calendars as blocked times: upsert, removal, whole-place calendars,
conflicts with bookings, failures that keep the previous blocks, the periodic claim."""

import datetime as dt

import pytest
from django.db import connection

from ostal.bookings.models import Booking, ResourceBlock
from ostal.calendars import services
from ostal.calendars.errors import ImportErrorCode as E
from ostal.calendars.models import ExternalCalendar
from tests.backend.calendars.conftest import ics
from tests.factories import ResourceFactory
from tests.factories.bookings import BookingFactory, paris
from tests.factories.calendars import ExternalCalendarFactory

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 5, 4, 6, tzinfo=dt.UTC)  # Monday 08:00 in Mende

MEETINGS = ics(
    "UID:weekly@nextcloud\nDTSTART;TZID=Europe/Paris:20260505T140000\n"
    "DTEND;TZID=Europe/Paris:20260505T160000\nRRULE:FREQ=WEEKLY;COUNT=3\nSUMMARY:Club photo",
    "UID:once@nextcloud\nDTSTART:20260507T080000Z\nDTEND:20260507T100000Z\nSUMMARY:AG")


def blocks(calendar=None):
    queryset = ResourceBlock.objects.order_by("resource_id", "start")
    if calendar is not None:
        queryset = queryset.filter(external_uid__startswith=f"cal:{calendar.pk}:")
    return list(queryset.values_list("resource__name", "start", "end", "reason", "source"))


def sync(calendar, now=NOW):
    return services.external_calendar_sync(calendar=calendar, now=now)


@pytest.fixture
def rooms_calendar(ics_server, room):
    url = ics_server.serve("/rooms.ics", MEETINGS, headers={"ETag": '"v1"'})
    return ExternalCalendarFactory(space=room.space, resource=room, url=url,
                                   name="Salles (Nextcloud)", next_sync_at=NOW)


def test_events_become_blocks_of_the_resource(rooms_calendar):
    calendar = sync(rooms_calendar)

    assert (calendar.sync_status, calendar.events_imported, calendar.last_error) == ("ok", 4, "")
    assert calendar.next_sync_at == NOW + dt.timedelta(minutes=15)
    assert calendar.etag == '"v1"'
    assert blocks() == [
        ("Salle Causse", paris(2026, 5, 5, 14), paris(2026, 5, 5, 16),
         "Salles (Nextcloud) : Club photo", "calendar"),
        ("Salle Causse", dt.datetime(2026, 5, 7, 8, tzinfo=dt.UTC),
         dt.datetime(2026, 5, 7, 10, tzinfo=dt.UTC), "Salles (Nextcloud) : AG", "calendar"),
        ("Salle Causse", paris(2026, 5, 12, 14), paris(2026, 5, 12, 16),
         "Salles (Nextcloud) : Club photo", "calendar"),
        ("Salle Causse", paris(2026, 5, 19, 14), paris(2026, 5, 19, 16),
         "Salles (Nextcloud) : Club photo", "calendar"),
    ]


def test_a_second_import_of_the_same_file_changes_nothing(rooms_calendar, ics_server):
    sync(rooms_calendar)
    before = list(ResourceBlock.objects.order_by("pk").values_list("pk", "updated_at"))
    ics_server.routes["/rooms.ics"].headers = {}  # no ETag: a full read again

    sync(rooms_calendar, now=NOW + dt.timedelta(minutes=15))

    assert list(ResourceBlock.objects.order_by("pk").values_list("pk", "updated_at")) == before


def test_moved_and_removed_events_follow_the_file(rooms_calendar, ics_server):
    sync(rooms_calendar)
    first_ids = dict(ResourceBlock.objects.values_list("external_uid", "pk"))
    ics_server.serve("/rooms.ics", ics(
        "UID:weekly@nextcloud\nDTSTART;TZID=Europe/Paris:20260505T140000\n"
        "DTEND;TZID=Europe/Paris:20260505T160000\nRRULE:FREQ=WEEKLY;COUNT=3\n"
        "SUMMARY:Club photo",
        "UID:weekly@nextcloud\nRECURRENCE-ID;TZID=Europe/Paris:20260512T140000\n"
        "DTSTART;TZID=Europe/Paris:20260513T100000\nDTEND;TZID=Europe/Paris:20260513T120000\n"
        "SUMMARY:Club photo (mercredi)"))

    calendar = sync(rooms_calendar, now=NOW + dt.timedelta(hours=1))

    assert calendar.events_imported == 3
    assert [(b[1], b[3]) for b in blocks()] == [
        (paris(2026, 5, 5, 14), "Salles (Nextcloud) : Club photo"),
        (paris(2026, 5, 13, 10), "Salles (Nextcloud) : Club photo (mercredi)"),
        (paris(2026, 5, 19, 14), "Salles (Nextcloud) : Club photo"),
    ]
    moved = ResourceBlock.objects.get(start=paris(2026, 5, 13, 10))
    assert first_ids[moved.external_uid] == moved.pk  # the same block, moved


def test_a_whole_place_calendar_blocks_every_active_resource(ics_server, desk, room):
    ResourceFactory(space=desk.space, name="Poste retiré", is_active=False)
    url = ics_server.serve("/mairie.ics", ics(
        "UID:ferie-1\nDTSTART;VALUE=DATE:20260514\nSUMMARY:Ascension"))
    calendar = ExternalCalendarFactory(space=desk.space, url=url, name="Mairie")

    sync(calendar)

    assert blocks() == [("Poste Fenêtre", paris(2026, 5, 14), paris(2026, 5, 15),
                         "Mairie : Ascension", "calendar"),
                        ("Salle Causse", paris(2026, 5, 14), paris(2026, 5, 15),
                         "Mairie : Ascension", "calendar")]


def test_an_event_over_an_active_booking_is_reported_not_forced(rooms_calendar, room):
    booking = BookingFactory(resource=room, start=paris(2026, 5, 12, 15),
                             end=paris(2026, 5, 12, 17))

    calendar = sync(rooms_calendar)

    assert calendar.sync_status == "partial"
    assert calendar.events_imported == 3
    assert [p["code"] for p in calendar.problems] == ["overlaps_bookings"]
    assert calendar.problems[0]["uid"] == "weekly@nextcloud"
    assert f"n° {booking.pk}" in calendar.problems[0]["message"]
    assert "événement(s) non importé(s)" in calendar.last_error
    assert Booking.objects.get(pk=booking.pk).status == "confirmed"
    assert len(blocks()) == 3


@pytest.mark.parametrize(("route", "code"), [
    ({"status": 500}, E.HTTP_ERROR),
    ({"body": b"<html>Se connecter</html>"}, E.NOT_ICALENDAR),
    ({"body": b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"}, E.MALFORMED),
])
def test_a_failed_import_keeps_the_previous_blocks_and_says_why(rooms_calendar, ics_server,
                                                               route, code):
    sync(rooms_calendar)
    before = blocks()
    ics_server.serve("/rooms.ics", **route)

    calendar = sync(rooms_calendar, now=NOW + dt.timedelta(hours=1))

    assert (calendar.sync_status, calendar.last_error_code) == ("error", code)
    assert " / " in calendar.last_error
    assert blocks() == before
    assert calendar.last_success_at == NOW
    assert calendar.consecutive_failures == 1
    assert calendar.next_sync_at == NOW + dt.timedelta(hours=1, minutes=15)


def test_failures_back_off_up_to_a_day(rooms_calendar, ics_server):
    ics_server.serve("/rooms.ics", status=503)
    delays = []
    for attempt in range(9):
        calendar = sync(rooms_calendar, now=NOW + dt.timedelta(days=attempt))
        delays.append(calendar.next_sync_at - (NOW + dt.timedelta(days=attempt)))

    assert delays[:4] == [dt.timedelta(minutes=m) for m in (15, 30, 60, 120)]
    assert delays[-1] == dt.timedelta(hours=24)


def test_a_refused_address_is_an_error_without_any_request(rooms_calendar, ics_server,
                                                          settings):
    settings.CALENDAR_IMPORT_ALLOW_PRIVATE = False

    calendar = sync(rooms_calendar)

    assert calendar.last_error_code == E.ADDRESS_NOT_ALLOWED
    assert ics_server.requests == []


def test_an_unchanged_calendar_is_not_read_again(rooms_calendar, ics_server):
    sync(rooms_calendar)
    ics_server.serve("/rooms.ics", status=304)

    calendar = sync(rooms_calendar, now=NOW + dt.timedelta(minutes=15))

    assert ics_server.requests[-1][1]["If-None-Match"] == '"v1"'
    assert (calendar.sync_status, calendar.events_imported) == ("ok", 4)
    assert len(blocks()) == 4
    # A day later the window has moved: the file is read in full again.
    ics_server.serve("/rooms.ics", MEETINGS)
    sync(rooms_calendar, now=NOW + dt.timedelta(days=1, minutes=30))
    assert "If-None-Match" not in ics_server.requests[-1][1]


def test_deleting_a_calendar_removes_its_blocks_only(rooms_calendar, room):
    sync(rooms_calendar)
    manual = ResourceBlock.objects.create(space=room.space, resource=room,
                                          start=paris(2026, 6, 1), end=paris(2026, 6, 2))

    removed = services.external_calendar_delete(calendar=rooms_calendar)

    assert removed == 4
    assert list(ResourceBlock.objects.values_list("pk", flat=True)) == [manual.pk]
    assert not ExternalCalendar.objects.exists()


def test_two_calendars_of_a_place_do_not_touch_each_others_blocks(rooms_calendar, ics_server,
                                                                  room):
    url = ics_server.serve("/other.ics", ics(
        "UID:once@nextcloud\nDTSTART:20260508T080000Z\nDTEND:20260508T100000Z"))
    other = ExternalCalendarFactory(space=room.space, resource=room, url=url)
    sync(rooms_calendar)

    sync(other)
    ics_server.serve("/other.ics", ics())
    sync(other, now=NOW + dt.timedelta(hours=1))

    assert len(blocks(rooms_calendar)) == 4
    assert blocks(other) == []


def test_the_periodic_run_claims_due_calendars_one_by_one(ics_server, room, monkeypatch):
    url = ics_server.serve("/a.ics", MEETINGS)
    due = ExternalCalendarFactory(space=room.space, resource=room, url=url,
                                  next_sync_at=NOW - dt.timedelta(minutes=1))
    later = ExternalCalendarFactory(space=room.space, resource=room, url=url + "?later",
                                    next_sync_at=NOW + dt.timedelta(hours=1))
    monkeypatch.setattr(services.timezone, "now", lambda: NOW)

    done = services.external_calendars_sync_due()

    assert done == 1
    due.refresh_from_db()
    later.refresh_from_db()
    assert (due.sync_status, later.sync_status) == ("ok", "never")
    assert services.external_calendars_sync_due() == 0


def test_a_claimed_calendar_is_leased(room):
    calendar = ExternalCalendarFactory(space=room.space, next_sync_at=NOW)

    claimed = services.external_calendar_claim_due(now=NOW)

    assert claimed is not None
    assert claimed.pk == calendar.pk
    assert services.external_calendar_claim_due(now=NOW) is None
    again = services.external_calendar_claim_due(now=NOW + dt.timedelta(minutes=11))
    assert again is not None
    assert again.pk == calendar.pk


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SKIP LOCKED needs PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_two_workers_never_claim_the_same_calendar(room):
    import threading

    from django.db import connections

    for _ in range(6):
        ExternalCalendarFactory(space=room.space, next_sync_at=NOW)
    claimed: list[int] = []
    barrier = threading.Barrier(3)

    def work():
        try:
            barrier.wait()
            while (calendar := services.external_calendar_claim_due(now=NOW)) is not None:
                claimed.append(calendar.pk)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=work) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(claimed) == sorted(ExternalCalendar.objects.values_list("pk", flat=True))
