"""A small RFC 5545 writer: text escaping, line folding, date-times, VTIMEZONE.

Why not serialise `icalendar.Calendar` objects: a place feed holds thousands of events and is
fetched by every subscribed client; building one icalendar component per event costs about ten
times a plain string join (docs/benchmarks/calendars.md), while everything our events contain
fits a handful of content lines. The icalendar library stays our *parser* (imports, tests) and
Mozilla's ical.js checks the output independently (tests/ical_js). See docs/adr/0006-calendars.md.

Why not icalendar's `Timezone.from_tzinfo` for VTIMEZONE: in icalendar 7.3 it writes the onset
of daylight time in the *new* offset (Europe/Paris: DTSTART 03:00 instead of 02:00 local
standard time), so a parser that reads the VTIMEZONE (Outlook, ical.js) puts local times between
03:00 and 04:00 on the March change one hour off. `vtimezone()` derives the transitions from
zoneinfo itself and writes each onset in the offset in force before it, as RFC 5545 §3.6.5 says.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from zoneinfo import ZoneInfo

CRLF = "\r\n"
UTC = dt.UTC

# Text values (RFC 5545 §3.3.11): backslash, semicolon, comma and newline are escaped; other
# control characters are not allowed in content lines and are dropped (tab is kept).
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def escape_text(value: str) -> str:
    """Escape a TEXT value; CRLF and lone CR count as one newline. (Chained str.replace
    behind `in` tests: several times faster than str.translate on typical short texts.)"""
    if "\\" in value:
        value = value.replace("\\", "\\\\")
    if ";" in value:
        value = value.replace(";", "\\;")
    if "," in value:
        value = value.replace(",", "\\,")
    if not value.isprintable():  # newlines, control characters (or unprintable Unicode)
        value = value.replace("\r\n", "\n").replace("\r", "\n")
        value = _CONTROL.sub("", value).replace("\n", "\\n")
    return value


def param_value(value: str) -> str:
    """A parameter value (CN=...): quoted when it holds ':', ';' or ','; DQUOTE and control
    characters cannot be represented and are dropped (RFC 5545 §3.1, no RFC 6868 here)."""
    cleaned = "".join(ch for ch in value if ch != '"' and (ch == "\t" or ord(ch) >= 32))
    if any(ch in cleaned for ch in ":;,"):
        return f'"{cleaned}"'
    return cleaned


def fold(line: str) -> str:
    """Fold a content line to at most 75 octets per physical line (RFC 5545 §3.1), never
    cutting a UTF-8 sequence in two; continuation lines start with one space."""
    if len(line) <= 75 and line.isascii():
        return line
    raw = line.encode()
    if len(raw) <= 75:
        return line
    parts: list[str] = []
    start, limit, size = 0, 75, len(raw)
    while start < size:
        end = min(start + limit, size)
        while end < size and (raw[end] & 0xC0) == 0x80:  # a UTF-8 continuation byte
            end -= 1
        parts.append(raw[start:end].decode())
        start, limit = end, 74
    return "\r\n ".join(parts)


def format_utc(value: dt.datetime) -> str:
    """DATE-TIME in UTC form: 20260329T070000Z."""
    v = value.astimezone(UTC)
    return f"{v.year:04d}{v.month:02d}{v.day:02d}T{v.hour:02d}{v.minute:02d}{v.second:02d}Z"


def format_local(value: dt.datetime) -> str:
    """DATE-TIME as local wall-clock time (for a TZID parameter): 20260329T090000."""
    v = value
    return f"{v.year:04d}{v.month:02d}{v.day:02d}T{v.hour:02d}{v.minute:02d}{v.second:02d}"


def format_date(value: dt.date) -> str:
    return f"{value.year:04d}{value.month:02d}{value.day:02d}"


def _format_offset(offset: dt.timedelta) -> str:
    seconds = int(offset.total_seconds())
    sign = "-" if seconds < 0 else "+"
    hours, rest = divmod(abs(seconds), 3600)
    minutes, secs = divmod(rest, 60)
    return f"{sign}{hours:02d}{minutes:02d}" + (f"{secs:02d}" if secs else "")


@dataclass(frozen=True)
class TimezoneBlock:
    """A VTIMEZONE as CRLF-joined lines, and the local dates on which its offset changes
    (where a wall-clock time may be ambiguous or skipped)."""

    text: str
    transition_dates: frozenset[dt.date]


def _transitions(tz: ZoneInfo, start: dt.datetime,
                 end: dt.datetime) -> list[tuple[dt.datetime, dt.timedelta, dt.timedelta]]:
    """(instant UTC, offset before, offset after) of each offset change in [start, end).

    Scans day by day, then bisects to the second: zone rules never change offset twice in a
    day, and the scan over a few years costs about a millisecond (cached by the caller)."""
    found = []
    day = dt.timedelta(days=1)
    lower = start
    lower_offset = lower.astimezone(tz).utcoffset()
    assert lower_offset is not None
    while lower < end:
        upper = min(lower + day, end)
        upper_offset = upper.astimezone(tz).utcoffset()
        assert upper_offset is not None
        if upper_offset != lower_offset:
            low, high = lower, upper
            while high - low > dt.timedelta(seconds=1):
                middle = low + (high - low) / 2
                if middle.astimezone(tz).utcoffset() == lower_offset:
                    low = middle
                else:
                    high = middle
            instant = high.replace(microsecond=0)
            found.append((instant, lower_offset, upper_offset))
        lower, lower_offset = upper, upper_offset
    return found


@lru_cache(maxsize=256)
def vtimezone(tzid: str, first_year: int, last_year: int) -> TimezoneBlock:
    """VTIMEZONE for `tzid` valid from 1 January of `first_year` to the end of `last_year`
    (local time), from the zoneinfo database.

    One observance for the offset in force on 1 January (so times before the first change are
    covered), then one STANDARD or DAYLIGHT per change, with its onset as DTSTART in local time
    of the offset in force *before* the change (TZOFFSETFROM), as RFC 5545 §3.6.5 requires.

    One observance per change, with neither RRULE nor RDATE: exact for the years asked
    whatever the zone's rules did in between, and read alike by every client. (Grouping the
    changes as DTSTART + RDATE is valid RFC 5545, but ical.js 2.2 — Thunderbird's parser —
    drops the DTSTART of an observance that has RDATEs and so misplaces a whole summer; the
    cross-parser tests caught it.)"""
    tz = ZoneInfo(tzid)
    start = dt.datetime(first_year, 1, 1, tzinfo=tz).astimezone(UTC)
    end = dt.datetime(last_year + 1, 1, 1, tzinfo=tz).astimezone(UTC)
    initial = start.astimezone(tz)
    initial_offset = initial.utcoffset()
    assert initial_offset is not None
    lines = ["BEGIN:VTIMEZONE", f"TZID:{tzid}"]
    kind = "DAYLIGHT" if initial.dst() else "STANDARD"
    lines += [f"BEGIN:{kind}", f"DTSTART:{format_local(initial.replace(tzinfo=None))}",
              f"TZOFFSETFROM:{_format_offset(initial_offset)}",
              f"TZOFFSETTO:{_format_offset(initial_offset)}"]
    if name := initial.tzname():
        lines.append(f"TZNAME:{escape_text(name)}")
    lines.append(f"END:{kind}")

    dates: set[dt.date] = set()
    for instant, before, after in _transitions(tz, start, end):
        local_after = instant.astimezone(tz)
        kind = "DAYLIGHT" if local_after.dst() else "STANDARD"
        onset = (instant + before).replace(tzinfo=None)  # wall clock just before the change
        dates.add(onset.date())
        dates.add((instant + after).date())
        lines += [f"BEGIN:{kind}", f"DTSTART:{format_local(onset)}",
                  f"TZOFFSETFROM:{_format_offset(before)}",
                  f"TZOFFSETTO:{_format_offset(after)}"]
        if name := local_after.tzname():
            lines.append(f"TZNAME:{escape_text(name)}")
        lines.append(f"END:{kind}")
    lines.append("END:VTIMEZONE")
    return TimezoneBlock(text=CRLF.join(fold(line) for line in lines),
                         transition_dates=frozenset(dates))


def is_ambiguous(local: dt.datetime) -> bool:
    """A wall-clock time that happens twice (the autumn change): RFC 5545 reads such a TZID
    time as the first occurrence, and clients differ, so callers write these in UTC."""
    other = local.replace(fold=1 - local.fold)
    return other.utcoffset() != local.utcoffset()
