"""Opening hours of a place on a local date, and the UTC spans of its slots.

All wall-clock arithmetic happens in the place's IANA time zone (zoneinfo), then each bound is
converted to UTC on its own: on a DST day, 09:00-18:00 local is still 9 hours of wall clock but
starts one hour earlier or later in UTC than the day before. A day's hours come from, in order:
a closure (closed), the itinerary stop of that date for an itinerant place (no stop: closed),
the exceptional hours of that date, the weekly hours of that weekday.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from ostal.bookings.models import DayPart
from ostal.spaces.models import Closure, ItineraryStop, OpeningHours, Space, SpecialOpening

MIDDAY = dt.time(13, 0)
UTC = dt.UTC


@dataclass(frozen=True, order=True)
class Span:
    """A half-open UTC interval [start, end)."""

    start: dt.datetime
    end: dt.datetime

    def overlaps(self, other_start: dt.datetime, other_end: dt.datetime) -> bool:
        return self.start < other_end and other_start < self.end

    @property
    def minutes(self) -> int:
        return int((self.end - self.start).total_seconds() // 60)


def local_to_utc(day: dt.date, at: dt.time, tz: ZoneInfo) -> dt.datetime:
    return dt.datetime.combine(day, at, tzinfo=tz).astimezone(UTC)


AMBIGUOUS = "ambiguous"
NONEXISTENT = "nonexistent"


def wall_clock_problem(day: dt.date, at: dt.time, tz: ZoneInfo) -> str | None:
    """Whether a local time exists exactly once on `day` in `tz`.

    AMBIGUOUS when the clocks go back over it (02:30 on the last Sunday of October in Paris
    happens twice: summer time, then winter time); NONEXISTENT when they jump over it (02:30 on
    the last Sunday of March never happens). `local_to_utc` would silently pick the first
    reading of an ambiguous time and shift a missing one by an hour: a member's request must be
    refused instead (`bookings.rules.resolve_slot`)."""
    first = dt.datetime.combine(day, at, tzinfo=tz)
    if first.utcoffset() == first.replace(fold=1).utcoffset():
        return None
    back = first.astimezone(UTC).astimezone(tz)
    return AMBIGUOUS if back.replace(tzinfo=None) == first.replace(tzinfo=None) else NONEXISTENT


def _minutes(at: dt.time) -> int:
    return at.hour * 60 + at.minute


def _time(minutes: int) -> dt.time:
    return dt.time(minutes // 60, minutes % 60)


@dataclass(frozen=True)
class DayHours:
    """Opening of one place on one local date. `closed_reason` is "closed" or "no_stop" when
    the place cannot be booked that day (then `windows` is empty)."""

    date: dt.date
    tz: ZoneInfo
    windows: tuple[tuple[dt.time, dt.time], ...]
    closed_reason: str | None = None
    stop: ItineraryStop | None = None

    @property
    def is_open(self) -> bool:
        return bool(self.windows)

    @property
    def opens(self) -> dt.time | None:
        return self.windows[0][0] if self.windows else None

    @property
    def closes(self) -> dt.time | None:
        return self.windows[-1][1] if self.windows else None

    def utc(self, at: dt.time) -> dt.datetime:
        return local_to_utc(self.date, at, self.tz)

    def day_span(self) -> Span | None:
        if not self.windows:
            return None
        return Span(self.utc(self.windows[0][0]), self.utc(self.windows[-1][1]))

    def part_span(self, part: str) -> Span | None:
        """Day = opening → closing; morning = opening → 13:00; afternoon = 13:00 → closing.
        None when the place is closed or the part is empty (e.g. opens after 13:00)."""
        if not self.windows:
            return None
        opens, closes = self.windows[0][0], self.windows[-1][1]
        if part == DayPart.DAY:
            return Span(self.utc(opens), self.utc(closes))
        if part == DayPart.MORNING:
            return Span(self.utc(opens), self.utc(min(MIDDAY, closes))) if opens < MIDDAY else None
        if part == DayPart.AFTERNOON:
            return Span(self.utc(max(MIDDAY, opens)), self.utc(closes)) if closes > MIDDAY else None
        raise ValueError(part)

    def parts(self) -> dict[str, Span]:
        spans = {part: self.part_span(part) for part in DayPart.values}
        return {part: span for part, span in spans.items() if span is not None}

    def contains(self, start: dt.datetime, end: dt.datetime) -> bool:
        """True when [start, end) lies inside a single opening window."""
        return any(self.utc(opens) <= start and end <= self.utc(closes)
                   for opens, closes in self.windows)

    def time_slots(self, step: int) -> list[Span]:
        """Consecutive `step`-minute slots aligned on the clock (:00, :30) inside each window."""
        slots: list[Span] = []
        for opens, closes in self.windows:
            first = -(-_minutes(opens) // step) * step
            for begin in range(first, _minutes(closes) - step + 1, step):
                span = Span(self.utc(_time(begin)), self.utc(_time(begin + step)))
                if span.end > span.start:  # skips a wall-clock slot swallowed by a DST gap
                    slots.append(span)
        return slots

    def local(self, instant: dt.datetime) -> dt.datetime:
        return instant.astimezone(self.tz)


Weekly = tuple[int, dt.time, dt.time]          # weekday, opens, closes
Special = tuple[dt.date, dt.time, dt.time]       # date, opens, closes
ClosedDays = tuple[dt.date, dt.date]             # first and last closed date


class SpaceSchedule:
    """The hours data of one place over some dates, from rows already in memory (plain tuples:
    the availability search builds thousands of them per call)."""

    def __init__(self, space: Space, *, weekly: Iterable[Weekly], specials: Iterable[Special],
                 closures: Iterable[ClosedDays], stops: Iterable[ItineraryStop]) -> None:
        self.space = space
        self.tz = ZoneInfo(space.timezone)
        self._weekly: dict[int, list[tuple[dt.time, dt.time]]] = defaultdict(list)
        for weekday, opens, closes in weekly:
            self._weekly[weekday].append((opens, closes))
        self._specials: dict[dt.date, list[tuple[dt.time, dt.time]]] = defaultdict(list)
        for date, opens, closes in specials:
            self._specials[date].append((opens, closes))
        self._closures = list(closures)
        self._stops = {stop.date: stop for stop in stops}

    @classmethod
    def load(cls, space: Space, date_from: dt.date, date_to: dt.date) -> SpaceSchedule:
        """Three or four queries, whatever the number of dates."""
        return cls(
            space,
            weekly=OpeningHours.objects.filter(space=space)
            .values_list("weekday", "opens", "closes"),
            specials=SpecialOpening.objects.filter(space=space, date__range=(date_from, date_to))
            .values_list("date", "opens", "closes"),
            closures=Closure.objects.filter(space=space, start_date__lte=date_to,
                                            end_date__gte=date_from)
            .values_list("start_date", "end_date"),
            stops=ItineraryStop.objects.filter(space=space, date__range=(date_from, date_to))
            .select_related("commune") if space.is_itinerant else [],
        )

    def day(self, date: dt.date) -> DayHours:
        if any(start <= date <= end for start, end in self._closures):
            return DayHours(date, self.tz, (), closed_reason="closed")
        if self.space.is_itinerant:
            stop = self._stops.get(date)
            if stop is None:
                return DayHours(date, self.tz, (), closed_reason="no_stop")
            return DayHours(date, self.tz, ((stop.opens, stop.closes),), stop=stop)
        windows = self._specials.get(date) or self._weekly.get(date.weekday(), [])
        if not windows:
            return DayHours(date, self.tz, (), closed_reason="closed")
        return DayHours(date, self.tz, tuple(sorted(windows)))


def local_date_of(instant: dt.datetime, tz: ZoneInfo) -> dt.date:
    return instant.astimezone(tz).date()
