"""Reading external calendars: recurrences, exceptions, time zones, all-day events, and
input that is broken in every way a real server manages."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from ostal.calendars.errors import ImportErrorCode as E
from ostal.calendars.errors import ImportFailure
from ostal.calendars.importer import block_uid, parse_calendar
from tests.backend.calendars.conftest import ics

PARIS = ZoneInfo("Europe/Paris")
UTC = dt.UTC
START = dt.datetime(2026, 3, 22, 23, tzinfo=UTC)  # local midnight, 2026-03-23
END = dt.datetime(2026, 9, 19, 22, tzinfo=UTC)


def parse(data: bytes, **options):
    return parse_calendar(data, tz=PARIS, window_start=START, window_end=END, **options)


def spans(parsed):
    return [(e.start.isoformat(), e.end.isoformat()) for e in parsed.events]


def local(*args):
    return dt.datetime(*args, tzinfo=PARIS).astimezone(UTC).isoformat()


def test_a_weekly_meeting_with_an_exdate_and_a_moved_occurrence():
    data = ics(
        "UID:weekly@example.org\nDTSTAMP:20260101T000000Z\n"
        "DTSTART;TZID=Europe/Paris:20260323T140000\nDTEND;TZID=Europe/Paris:20260323T160000\n"
        "RRULE:FREQ=WEEKLY;COUNT=4\nEXDATE;TZID=Europe/Paris:20260330T140000\nSUMMARY:Conseil",
        "UID:weekly@example.org\nDTSTAMP:20260101T000000Z\n"
        "RECURRENCE-ID;TZID=Europe/Paris:20260406T140000\n"
        "DTSTART;TZID=Europe/Paris:20260407T090000\nDTEND;TZID=Europe/Paris:20260407T100000\n"
        "SUMMARY:Conseil (déplacé)")

    parsed = parse(data)

    assert spans(parsed) == [
        (local(2026, 3, 23, 14), local(2026, 3, 23, 16)),   # CET, before the change
        (local(2026, 4, 7, 9), local(2026, 4, 7, 10)),      # the moved one, CEST
        (local(2026, 4, 13, 14), local(2026, 4, 13, 16)),   # CEST: still 14:00 local
    ]
    assert [e.key for e in parsed.events] == ["weekly@example.org@20260323T130000Z",
                                              "weekly@example.org@20260406T120000Z",
                                              "weekly@example.org@20260413T120000Z"]
    assert parsed.events[1].summary == "Conseil (déplacé)"
    assert parsed.problems == []


def test_a_cancelled_occurrence_is_left_out():
    data = ics(
        "UID:daily\nDTSTART:20260324T080000Z\nDTEND:20260324T090000Z\nRRULE:FREQ=DAILY;COUNT=3",
        "UID:daily\nRECURRENCE-ID:20260325T080000Z\nDTSTART:20260325T080000Z\n"
        "DTEND:20260325T090000Z\nSTATUS:CANCELLED")

    assert [e.start.day for e in parse(data).events] == [24, 26]


def test_only_the_window_is_expanded_and_an_endless_rule_is_fine():
    data = ics("UID:forever\nDTSTART:20200106T080000Z\nDTEND:20200106T090000Z\n"
               "RRULE:FREQ=WEEKLY;BYDAY=MO")

    events = parse(data).events

    assert events[0].start == dt.datetime(2026, 3, 23, 8, tzinfo=UTC)
    assert events[-1].start < END
    assert len(events) == 26


def test_all_day_closures_cover_whole_local_days_with_an_exclusive_end():
    data = ics("UID:ferie\nDTSTART;VALUE=DATE:20260714\nSUMMARY:Fête nationale",
               "UID:travaux\nDTSTART;VALUE=DATE:20260803\nDTEND;VALUE=DATE:20260806\n"
               "TRANSP:TRANSPARENT")

    assert spans(parse(data)) == [(local(2026, 7, 14), local(2026, 7, 15)),
                                  (local(2026, 8, 3), local(2026, 8, 6))]


def test_time_zones_utc_floating_custom_and_google_x_wr_timezone():
    outlook_zone = (
        "BEGIN:VTIMEZONE\nTZID:Romance Standard Time\nBEGIN:STANDARD\n"
        "DTSTART:16010101T030000\nTZOFFSETFROM:+0200\nTZOFFSETTO:+0100\n"
        "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10\nEND:STANDARD\nBEGIN:DAYLIGHT\n"
        "DTSTART:16010101T020000\nTZOFFSETFROM:+0100\nTZOFFSETTO:+0200\n"
        "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3\nEND:DAYLIGHT\nEND:VTIMEZONE")
    data = ics("UID:utc\nDTSTART:20260601T070000Z\nDTEND:20260601T080000Z",
               "UID:floating\nDTSTART:20260602T090000\nDTEND:20260602T100000",
               "UID:outlook\nDTSTART;TZID=Romance Standard Time:20260603T090000\n"
               "DTEND;TZID=Romance Standard Time:20260603T100000",
               "UID:ny\nDTSTART;TZID=America/New_York:20260604T090000\nDURATION:PT2H",
               extra=outlook_zone)
    google = ics("UID:g\nDTSTART:20260605T090000\nDTEND:20260605T100000",
                 extra="X-WR-TIMEZONE:America/New_York")

    assert spans(parse(data)) == [
        ("2026-06-01T07:00:00+00:00", "2026-06-01T08:00:00+00:00"),
        (local(2026, 6, 2, 9), local(2026, 6, 2, 10)),  # floating: the place's zone
        (local(2026, 6, 3, 9), local(2026, 6, 3, 10)),  # the file's own VTIMEZONE
        ("2026-06-04T13:00:00+00:00", "2026-06-04T15:00:00+00:00"),
    ]
    assert spans(parse(google)) == [("2026-06-05T13:00:00+00:00",
                                     "2026-06-05T14:00:00+00:00")]


def test_a_recurrence_across_the_october_change_keeps_its_local_time():
    data = ics("UID:r\nDTSTART;TZID=Europe/Paris:20260923T090000\n"
               "DTEND;TZID=Europe/Paris:20260923T100000\nRRULE:FREQ=WEEKLY;COUNT=6")

    parsed = parse_calendar(data, tz=PARIS, window_start=START,
                            window_end=dt.datetime(2026, 12, 1, tzinfo=UTC))

    assert [e.start.astimezone(PARIS).hour for e in parsed.events] == [9] * 6
    assert [e.start.hour for e in parsed.events] == [7, 7, 7, 7, 7, 8]


@pytest.mark.parametrize(("data", "code"), [
    (b"", E.NOT_ICALENDAR),
    (b"<!doctype html><html><body>Connexion requise</body></html>", E.NOT_ICALENDAR),
    (b'{"error": "not found"}', E.NOT_ICALENDAR),
    (b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\n", E.MALFORMED),
    (b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nthis is not a content line\r\nEND:VCALENDAR\r\n",
     E.MALFORMED),
    (b"BEGIN:VCALENDAR\r\nCALSCALE:ETHIOPIC\r\nEND:VCALENDAR\r\n", E.MALFORMED),
])
def test_unusable_input_fails_as_a_whole_with_a_reason(data, code):
    with pytest.raises(ImportFailure) as caught:
        parse(data)

    assert caught.value.code == code
    assert " / " in caught.value.message  # French / English


def test_one_broken_event_is_listed_and_the_others_imported():
    data = ics("UID:good\nDTSTART:20260601T080000Z\nDTEND:20260601T090000Z",
               "UID:bad-rule\nDTSTART:20260601T080000Z\nDTEND:20260601T090000Z\n"
               "RRULE:FREQ=SOMETIMES",
               "UID:bad-date\nDTSTART:tomorrow\nDTEND:20260601T090000Z",
               "UID:instant\nDTSTART:20260601T080000Z")

    parsed = parse(data)

    assert [e.key for e in parsed.events] == ["good"]
    assert sorted((p.uid, p.code) for p in parsed.problems) == [
        ("bad-date", E.INVALID_EVENT), ("bad-rule", E.INVALID_EVENT),
        ("instant", E.NO_DURATION)]
    assert all(p.as_dict()["message"] for p in parsed.problems)


def test_an_exploding_recurrence_fails_the_import_instead_of_filling_the_database():
    data = ics("UID:spam\nDTSTART:20260401T000000Z\nDTEND:20260401T000100Z\n"
               "RRULE:FREQ=MINUTELY")

    with pytest.raises(ImportFailure) as caught:
        parse(data, max_events=500)

    assert caught.value.code == E.TOO_MANY_EVENTS


def test_the_same_uid_twice_without_recurrence_is_read_without_failing():
    data = ics("UID:dup\nDTSTART:20260601T080000Z\nDTEND:20260601T090000Z",
               "UID:dup\nDTSTART:20260602T080000Z\nDTEND:20260602T090000Z")

    parsed = parse(data)

    assert len(parsed.events) == 1  # one event per UID, as calendar apps read it
    assert parsed.events[0].key == "dup"


def test_block_uids_fit_the_column_and_name_their_calendar():
    assert block_uid(7, "abc@google.com") == "cal:7:abc@google.com"
    long = block_uid(7, "x" * 400 + "@20260601T080000Z")
    assert len(long) <= 255
    assert long.startswith("cal:7:sha256:")
