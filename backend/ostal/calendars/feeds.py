"""What Ostal's calendars say, and their RFC 5545 text: feeds, single downloads, invitations.

Identity of an event, for the life of a booking: UID `booking-<reference>@<site domain>`
(the reference is a UUID that never changes, even when the booking moves) and SEQUENCE = the
booking's `sequence`, which the booking engine bumps on every change. Clients match updates and
cancellations by UID and keep the highest SEQUENCE, so neither may ever be derived from
something that can change (a database id reused after a restore, a date).

Times: stored instants are written as local wall-clock time with the place's TZID and a
VTIMEZONE (so an event shows at 09:00 in Toulouse for everyone, across DST changes), except a
wall-clock time that happens twice on the autumn change, written in UTC (clients disagree on
which of the two a TZID time means). Timed events only: a day booking runs from opening to
closing, an itinerary stop from its opening to its closing.

Privacy: member feeds, downloads and invitations go to the member themselves. Manager feeds
name people by first name and initial of the last name, as the manager's day view does, and
never carry an e-mail address. The public itinerary feed only carries stops.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from email.utils import parseaddr
from typing import TYPE_CHECKING, Any
from urllib.parse import urlparse
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone

from ostal.bookings.models import Booking, Part
from ostal.calendars import selectors
from ostal.calendars.ics import (
    CRLF,
    escape_text,
    fold,
    format_local,
    format_utc,
    is_ambiguous,
    param_value,
    vtimezone,
)
from ostal.spaces.models import Resource

if TYPE_CHECKING:
    from ostal.accounts.models import User
    from ostal.calendars.models import CalendarFeed
    from ostal.spaces.models import Space

PRODID = "-//Ostal//Calendriers 1.0//FR"
# How often subscribed clients should refresh (RFC 7986 REFRESH-INTERVAL; Outlook reads
# X-PUBLISHED-TTL). Google Calendar ignores both and polls on its own schedule (hours).
REFRESH_INTERVAL = "PT1H"

STATUS_MAP = {Booking.Status.HELD: "TENTATIVE", Booking.Status.CONFIRMED: "CONFIRMED",
              Booking.Status.CHECKED_IN: "CONFIRMED"}


@dataclass(frozen=True, slots=True)
class FeedEvent:
    """One VEVENT, in plain (unescaped) text; `extra` holds ready content lines."""

    uid: str
    start: dt.datetime
    end: dt.datetime
    stamp: dt.datetime
    tzid: str
    sequence: int
    status: str
    summary: str
    location: str = ""
    description: str = ""
    url: str = ""
    geo: tuple[float, float] | None = None
    extra: tuple[str, ...] = field(default=())


def site_domain() -> str:
    return urlparse(settings.SITE_URL).hostname or "ostal.localhost"


def booking_uid(reference: Any) -> str:
    """Stable for the life of the booking: its reference (UUID) and our domain."""
    return f"booking-{reference}@{site_domain()}"


def stop_uid(space_id: int, date: dt.date) -> str:
    """A place has at most one stop a day (UNIQUE (space, date)): the pair names it."""
    return f"stop-{space_id}-{date:%Y%m%d}@{site_domain()}"


def place_url(slug: str) -> str:
    return f"{settings.SITE_URL}/lieux/{slug}"


# --- rendering -----------------------------------------------------------------------------------


def render_calendar(*, name: str, events: Sequence[FeedEvent], method: str | None = None,
                    refresh: bool = False) -> bytes:
    """The iCalendar text of `events` (UTF-8, CRLF, folded, escaped) with one VTIMEZONE per
    TZID used, covering the local years of the events.

    Deterministic: the same events give the same bytes (the feed's ETag is their hash), so
    nothing here may depend on the clock — DTSTAMP comes from the events. Built for place
    feeds of thousands of events: content lines that repeat (a place's LOCATION, GEO, URL, a
    SUMMARY) are escaped and folded once per rendering, and each event is one f-string."""
    # First pass: local times and the years each time zone must cover.
    zones: dict[str, ZoneInfo] = {}
    years: dict[str, tuple[int, int]] = {}
    local_times: list[tuple[dt.datetime, dt.datetime]] = []
    for event in events:
        tz = zones.get(event.tzid)
        if tz is None:
            tz = zones[event.tzid] = ZoneInfo(event.tzid)
        start, end = event.start.astimezone(tz), event.end.astimezone(tz)
        local_times.append((start, end))
        low, high = years.get(event.tzid, (start.year, end.year))
        if start.year < low or end.year > high or event.tzid not in years:
            years[event.tzid] = (min(low, start.year), max(high, end.year))

    title = escape_text(name)
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", "CALSCALE:GREGORIAN"]
    if method:
        lines.append(f"METHOD:{method}")
    lines += [fold(f"NAME:{title}"), fold(f"X-WR-CALNAME:{title}")]
    if refresh:
        lines += [f"REFRESH-INTERVAL;VALUE=DURATION:{REFRESH_INTERVAL}",
                  f"X-PUBLISHED-TTL:{REFRESH_INTERVAL}"]
    transitions: dict[str, frozenset[dt.date]] = {}
    for tzid, (first, last) in sorted(years.items()):
        block = vtimezone(tzid, first, last)
        lines.append(block.text)
        transitions[tzid] = block.transition_dates

    memo: dict[tuple[str, object], str] = {}

    def once(kind: str, value: object) -> str:
        """The folded content line `kind` of `value`, built once per rendering."""
        line = memo.get((kind, value))
        if line is None:
            if kind == "GEO":
                assert isinstance(value, tuple)
                line = f"\r\nGEO:{value[0]:.6f};{value[1]:.6f}"
            elif kind in ("URL", "UID"):
                line = f"\r\n{fold(f'{kind}:{value}')}" if value else ""
            else:
                line = f"\r\n{fold(f'{kind}:{escape_text(str(value))}')}" if value else ""
            memo[(kind, value)] = line
        return line

    append = lines.append
    for event, (start, end) in zip(events, local_times, strict=True):
        tzid = event.tzid
        changes = transitions[tzid]
        if start.date() in changes and is_ambiguous(start):
            dtstart = f"DTSTART:{format_utc(start)}"
        else:
            dtstart = f"DTSTART;TZID={tzid}:{format_local(start)}"
        if end.date() in changes and is_ambiguous(end):
            dtend = f"DTEND:{format_utc(end)}"
        else:
            dtend = f"DTEND;TZID={tzid}:{format_local(end)}"
        uid = event.uid
        uid_line = f"UID:{uid}" if len(uid) <= 71 and uid.isascii() else fold(f"UID:{uid}")
        description = (f"\r\n{fold(f'DESCRIPTION:{escape_text(event.description)}')}"
                       if event.description else "")
        transp = "TRANSPARENT" if event.status == "CANCELLED" else "OPAQUE"
        append(f"BEGIN:VEVENT\r\n{uid_line}\r\nDTSTAMP:{format_utc(event.stamp)}\r\n"
               f"{dtstart}\r\n{dtend}\r\nSEQUENCE:{event.sequence}\r\n"
               f"STATUS:{event.status}{once('SUMMARY', event.summary)}"
               f"{once('LOCATION', event.location)}"
               f"{once('GEO', event.geo) if event.geo else ''}{description}"
               f"{once('URL', event.url)}\r\nTRANSP:{transp}")
        for line in event.extra:
            append(fold(line))
        append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return (CRLF.join(lines) + CRLF).encode()


# --- events of bookings ------------------------------------------------------------------------


def person_label(first_name: str, last_name: str, member_id: int) -> str:
    """"Ada L.": what a manager sees of a member (no e-mail, no full last name)."""
    first, initial = first_name.strip(), last_name.strip()[:1].upper()
    if first:
        return f"{first} {initial}." if initial else first
    return f"Membre n° {member_id}"


def _place_location(place: selectors.PlaceRow,
                    stop: selectors.StopRow | None) -> tuple[str, tuple[float, float]]:
    if stop is not None:
        parts = [stop.location_note, stop.commune]
        return ", ".join(p for p in parts if p), (stop.latitude, stop.longitude)
    town = f"{place.postal_code} {place.commune}".strip()
    return (", ".join(p for p in (place.address, town) if p),
            (place.latitude, place.longitude))


class _Labels:
    """Display labels, resolved once per rendering in the active language."""

    def __init__(self) -> None:
        self.kind = {value: str(label) for value, label in Resource.Kind.choices}
        self.part = {value: str(label) for value, label in Part.choices}
        self.status = {value: str(label) for value, label in Booking.Status.choices}


def booking_events(rows: Iterable[dict[str, Any]], *, for_manager: bool,
                   stamp: dt.datetime | None = None,
                   extra: tuple[str, ...] = ()) -> list[FeedEvent]:
    """FeedEvents of booking rows (`selectors.BOOKING_FIELDS`; with the member's name when
    `for_manager`). Two more queries whatever the number of rows: the places, and the stops
    of itinerant places on the days booked."""
    rows = list(rows)
    places = selectors.place_rows({row["space_id"] for row in rows})
    stops = selectors.stop_rows_for_days({(row["space_id"], row["local_date"]) for row in rows
                                          if places[row["space_id"]].is_itinerant})
    labels = _Labels()
    located: dict[tuple[int, dt.date | None], tuple[str, tuple[float, float]]] = {}
    events = []
    for row in rows:
        place = places[row["space_id"]]
        day: dt.date | None = row["local_date"] if place.is_itinerant else None
        where = located.get((place.id, day))
        if where is None:
            stop = stops.get((place.id, day)) if day is not None else None
            where = located[(place.id, day)] = _place_location(place, stop)
        status = STATUS_MAP.get(row["status"], "CANCELLED")
        what = f"{row['resource__name']} · {labels.part.get(row['part'], row['part'])}"
        state = f"Statut : {labels.status.get(row['status'], row['status'])}"
        reference = f"Référence : {row['reference']}"
        if for_manager:
            who = person_label(row["member__first_name"], row["member__last_name"],
                               row["member_id"])
            summary = f"{who} — {row['resource__name']}"
            description = f"{who}\n{what}\n{state}\n{reference}"
        else:
            summary = f"{labels.kind.get(row['resource_kind'], '')} — {place.name}"
            description = f"{what} — {place.name}\n{state}\n{reference}"
        events.append(FeedEvent(
            uid=booking_uid(row["reference"]), start=row["start"], end=row["end"],
            stamp=stamp or row["updated_at"], tzid=place.timezone, sequence=row["sequence"],
            status=status, summary=summary, location=where[0], geo=where[1],
            description=description, url=place_url(place.slug), extra=extra))
    return events


def feed_name(feed: CalendarFeed) -> str:
    if feed.kind == feed.Kind.MEMBER:
        return "Ostal — mes réservations"
    if feed.kind == feed.Kind.SPACE:
        assert feed.space is not None
        return f"Ostal — {feed.space.name} (occupation)"
    assert feed.space is not None
    assert feed.resource is not None
    return f"Ostal — {feed.space.name} — {feed.resource.name} (occupation)"


def feed_render(feed: CalendarFeed, *, now: dt.datetime | None = None) -> bytes:
    """The whole subscription feed: four queries (bookings, places, stops, none for
    VTIMEZONE) whatever its size."""
    now = now or timezone.now()
    rows = selectors.feed_booking_rows(feed, now=now)
    events = booking_events(rows, for_manager=feed.kind != feed.Kind.MEMBER)
    return render_calendar(name=feed_name(feed), events=events, refresh=True)


def public_stops_render(space: Space, *, now: dt.datetime | None = None) -> bytes:
    """The public schedule of an itinerant place: its stops (where, when), nothing else."""
    now = now or timezone.now()
    url = place_url(space.slug)
    events = []
    for stop in selectors.public_stop_rows(space, now=now):
        tz = ZoneInfo(space.timezone)
        where = ", ".join(p for p in (stop.location_note, stop.commune) if p)
        events.append(FeedEvent(
            uid=stop_uid(space.pk, stop.date),
            start=dt.datetime.combine(stop.date, stop.opens, tzinfo=tz),
            end=dt.datetime.combine(stop.date, stop.closes, tzinfo=tz),
            stamp=stop.updated_at, tzid=space.timezone, sequence=0, status="CONFIRMED",
            summary=f"{space.name} — {stop.commune}", location=where,
            geo=(stop.latitude, stop.longitude), url=url))
    return render_calendar(name=f"{space.name} — étapes", events=events, refresh=True)


# --- one booking: download and invitations -------------------------------------------------------


def _row_of(booking: Booking) -> dict[str, Any]:
    return {"id": booking.pk, "reference": booking.reference, "status": booking.status,
            "start": booking.start, "end": booking.end, "sequence": booking.sequence,
            "updated_at": booking.updated_at, "local_date": booking.local_date,
            "part": booking.part, "resource_kind": booking.resource_kind,
            "resource__name": booking.resource.name, "space_id": booking.space_id}


def booking_ics(booking: Booking, *, now: dt.datetime | None = None) -> bytes:
    """One booking as a file to open in a calendar app (METHOD:PUBLISH: "add this event").
    Same UID and SEQUENCE as the feed, so importing it and subscribing do not duplicate it."""
    now = now or timezone.now()
    events = booking_events([_row_of(booking)], for_manager=False, stamp=now)
    return render_calendar(name="Ostal", events=events, method="PUBLISH")


def organizer_address() -> str:
    """The network's no-reply address (DEFAULT_FROM_EMAIL): replies are not read."""
    return parseaddr(settings.DEFAULT_FROM_EMAIL)[1] or f"no-reply@{site_domain()}"


def _attendee_line(member: User) -> str:
    name = f"{member.first_name} {member.last_name}".strip() or member.email
    # The member booked it themselves: already accepted, no reply expected (RSVP=FALSE keeps
    # clients from offering to answer the no-reply organiser).
    return (f"ATTENDEE;CN={param_value(name)};CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;"
            f"PARTSTAT=ACCEPTED;RSVP=FALSE:mailto:{member.email}")


def booking_invitation(booking: Booking, method: str = "REQUEST", *,
                       now: dt.datetime | None = None) -> bytes:
    """The text/calendar part of a booking e-mail: METHOD:REQUEST adds or updates the event in
    the member's calendar, METHOD:CANCEL removes it.

    Send it as `text/calendar; method=<METHOD>; charset=UTF-8` (an alternative part of the
    message, plus an `invite.ics` attachment for clients that only look there). The event
    carries the booking's UID and SEQUENCE: a client applies a REQUEST or CANCEL only if its
    SEQUENCE is not lower than what it already has, so send after the booking engine has
    bumped it (it does on every change, cancellation included). A CANCEL of a booking that is
    still active is refused: it would remove an event the member still holds."""
    return bookings_invitation([booking], method, now=now)


def bookings_invitation(bookings: Sequence[Booking], method: str = "REQUEST", *,
                        now: dt.datetime | None = None) -> bytes:
    """`booking_invitation` for several bookings of one member in one e-mail (a booking
    series): one VEVENT per booking, each with its own UID and SEQUENCE, so a later change or
    cancellation of one occurrence updates just that event."""
    if method not in ("REQUEST", "CANCEL"):
        raise ValueError(f"method must be REQUEST or CANCEL, not {method!r}")
    if not bookings:
        raise ValueError("no booking to invite to")
    if method == "CANCEL" and any(booking.is_active for booking in bookings):
        raise ValueError("CANCEL for an active booking")
    now = now or timezone.now()
    organizer = f"ORGANIZER;CN={param_value(settings.NETWORK_LEGAL_NAME)}:mailto:" \
                f"{organizer_address()}"
    events = booking_events([_row_of(booking) for booking in bookings], for_manager=False,
                            stamp=now, extra=(organizer, _attendee_line(bookings[0].member)))
    if method == "CANCEL":
        events = [replace(event, status="CANCELLED") for event in events]
    return render_calendar(name="Ostal", events=events, method=method)
