"""Reading an external calendar into the time spans it blocks.

Parsing is icalendar's; recurrence (RRULE, RDATE, EXDATE, RECURRENCE-ID overrides, Google's
X-WR-TIMEZONE) is recurring-ical-events', expanded over a bounded window only. What can go
wrong, and what we do:

- not a calendar at all (an HTML login page, an empty answer): the import fails as a whole
  with NOT_ICALENDAR, and the manager is told to use the calendar's .ics address;
- a calendar the parser rejects: MALFORMED, as a whole;
- one bad event (an unparseable RRULE or date): that event is left out and listed as a
  problem, the others are imported;
- a recurrence that explodes (FREQ=MINUTELY for months): more than `max_events` occurrences
  in the window, or more than `time_budget` seconds, fails the import as a whole rather than
  filling the database; the previous blocks stay.

Times: a DATE (all-day) covers whole local days of the place, DTEND exclusive; a floating time
(no TZID, no Z) is read in the place's time zone; everything ends up as aware UTC. Every event
that is not STATUS:CANCELLED blocks, whatever its TRANSP (free/busy): Google marks all-day
events "free" by default, and a town hall's closure days are exactly those.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import time
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

import icalendar
import recurring_ical_events

from ostal.calendars.errors import ImportErrorCode as E
from ostal.calendars.errors import ImportFailure, import_message

MAX_EVENTS = 5000
TIME_BUDGET_SECONDS = 20.0
EXTERNAL_UID_MAX = 255


@dataclass(frozen=True)
class ImportedEvent:
    """One occurrence to block. `key` is stable across fetches: the UID, plus the original
    start (RECURRENCE-ID) for occurrences of a recurring event — so a moved occurrence updates
    its block instead of deleting one and creating another."""

    key: str
    uid: str
    start: dt.datetime
    end: dt.datetime
    summary: str


@dataclass(frozen=True)
class Problem:
    """One event left out, and why (shown to the manager)."""

    uid: str
    start: str
    code: E
    detail: str = ""

    def as_dict(self) -> dict[str, str]:
        return {"uid": self.uid, "start": self.start, "code": str(self.code),
                "message": import_message(self.code, self.detail)}


@dataclass
class ParsedCalendar:
    events: list[ImportedEvent]
    problems: list[Problem]


def block_uid(calendar_id: int, key: str) -> str:
    """ResourceBlock.external_uid of an imported occurrence: `cal:<calendar id>:<key>`, the
    calendar prefix being how blocks are traced back to their calendar. Hashed when the key
    would not fit (Outlook UIDs run to hundreds of characters)."""
    uid = f"cal:{calendar_id}:{key}"
    if len(uid) <= EXTERNAL_UID_MAX:
        return uid
    return f"cal:{calendar_id}:sha256:{hashlib.sha256(key.encode()).hexdigest()}"


def block_uid_prefix(calendar_id: int) -> str:
    return f"cal:{calendar_id}:"


def _instant(value: Any) -> str:
    if isinstance(value, dt.datetime):
        if value.tzinfo is not None:
            return value.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
        return value.strftime("%Y%m%dT%H%M%S")
    if isinstance(value, dt.date):
        return value.strftime("%Y%m%d")
    return str(value)


def _aware(value: Any, tz: ZoneInfo) -> dt.datetime:
    """DATE → local midnight; floating → the place's zone; aware → as is; then UTC."""
    if isinstance(value, dt.datetime):
        if value.tzinfo is None or value.utcoffset() is None:
            value = value.replace(tzinfo=tz)
        return value.astimezone(dt.UTC)
    if isinstance(value, dt.date):
        return dt.datetime.combine(value, dt.time(), tzinfo=tz).astimezone(dt.UTC)
    raise TypeError(f"not a date or date-time: {value!r}")


def _sniff(data: bytes) -> None:
    head = data[:512].lstrip(b"\xef\xbb\xbf \t\r\n").upper()
    if head.startswith(b"BEGIN:VCALENDAR"):
        return
    if not head:
        raise ImportFailure(E.NOT_ICALENDAR, "réponse vide / empty answer")
    if head.startswith(b"<"):
        raise ImportFailure(E.NOT_ICALENDAR, "page HTML / HTML page")
    raise ImportFailure(E.NOT_ICALENDAR, repr(bytes(head[:30]))[2:-1])


def _recurring_uids(calendar: icalendar.Calendar) -> set[str]:
    uids = set()
    for component in calendar.walk("VEVENT"):
        if any(name in component for name in ("RRULE", "RDATE", "RECURRENCE-ID")):
            uids.add(str(component.get("UID", "")))
    return uids


def parse_calendar(data: bytes, *, tz: ZoneInfo, window_start: dt.datetime,
                   window_end: dt.datetime, max_events: int = MAX_EVENTS,
                   time_budget: float = TIME_BUDGET_SECONDS) -> ParsedCalendar:
    """The occurrences of `data` that overlap [window_start, window_end), and the events left
    out. Raises ImportFailure when the calendar cannot be used at all."""
    deadline = time.monotonic() + time_budget
    _sniff(data)
    try:
        calendar = icalendar.Calendar.from_ical(data)
        query = recurring_ical_events.of(calendar, skip_bad_series=True)
    except Exception as exc:  # the parsers raise ValueError, KeyError, their own errors...
        raise ImportFailure(E.MALFORMED, str(exc)[:200]) from exc

    problems: list[Problem] = []
    recurring = _recurring_uids(calendar)
    raw_uids = {str(c.get("UID", "")) for c in calendar.walk("VEVENT")}
    expanded_uids = {str(series.uid) for series in query.series}
    problems += [Problem(uid=uid[:200], start="", code=E.INVALID_EVENT, detail="RRULE / dates")
                 for uid in sorted(raw_uids - expanded_uids)]

    events: list[ImportedEvent] = []
    keys: set[str] = set()
    count = 0
    for series in query.series:
        uid = str(series.uid or "")
        found: list[ImportedEvent] = []
        try:
            for occurrence in series.between(window_start, window_end):
                count += 1
                if count > max_events:
                    raise ImportFailure(E.TOO_MANY_EVENTS, f"> {max_events}")
                if count % 100 == 0 and time.monotonic() > deadline:
                    raise ImportFailure(E.PROCESSING_TIMEOUT)
                component = occurrence.as_component(False)
                if str(component.get("STATUS", "")).upper() == "CANCELLED":
                    continue
                start = _aware(component.decoded("DTSTART"), tz)
                if "DTEND" in component:
                    end = _aware(component.decoded("DTEND"), tz)
                elif "DURATION" in component:
                    end = start + component.decoded("DURATION")
                elif not isinstance(component.decoded("DTSTART"), dt.datetime):
                    end = start + dt.timedelta(days=1)
                else:
                    end = start
                recurrence_id = component.get("RECURRENCE-ID")
                instant = _instant(recurrence_id.dt if recurrence_id is not None
                                   else component.decoded("DTSTART"))
                if end <= start:
                    problems.append(Problem(uid=uid[:200], start=instant, code=E.NO_DURATION))
                    continue
                key = f"{uid}@{instant}" if uid in recurring or not uid else uid
                if key in keys:  # the same UID twice without RECURRENCE-ID: keep both
                    key = f"{uid}@{instant}"
                    if key in keys:
                        continue
                keys.add(key)
                summary = str(component.get("SUMMARY", "")).strip()
                found.append(ImportedEvent(key=key, uid=uid, start=start, end=end,
                                           summary=summary))
        except ImportFailure:
            raise
        except Exception as exc:  # one broken series must not sink the others
            problems.append(Problem(uid=uid[:200], start="", code=E.INVALID_EVENT,
                                    detail=f"{type(exc).__name__}: {str(exc)[:150]}"))
            continue
        if time.monotonic() > deadline:
            raise ImportFailure(E.PROCESSING_TIMEOUT)
        events += found
    events.sort(key=lambda event: (event.start, event.key))
    return ParsedCalendar(events=events, problems=problems)
