"""What the feeds say: identity, status, texts, privacy, window — and that the text is valid
RFC 5545 as two independent parsers read it."""

import datetime as dt
import re

from ostal.bookings.models import Booking
from ostal.calendars import feeds
from ostal.calendars.models import CalendarFeed
from tests.factories import (
    ItineraryStopFactory,
    ResourceFactory,
    SpaceFactory,
    UserFactory,
    commune,
)
from tests.factories.bookings import BookingFactory, paris
from tests.factories.calendars import CalendarFeedFactory

NOW = paris(2026, 6, 1, 8)


def render(feed, now=NOW):
    return feeds.feed_render(feed, now=now)


def test_member_feed_names_each_booking_by_kind_and_place(member_ada, desk, parse_both):
    booking = BookingFactory(member=member_ada, resource=desk, start=paris(2026, 6, 2, 9),
                             end=paris(2026, 6, 2, 18), sequence=2)
    feed = CalendarFeedFactory(owner=member_ada)

    parsed = parse_both(render(feed))

    uid = f"booking-{booking.reference}@ostal.example.org"
    event = parsed.python_events()[uid]
    assert str(event["SUMMARY"]) == "Poste de travail — La Ruche de Mende"
    assert str(event["LOCATION"]) == "2, rue de l'Ange; bâtiment B, 48000 Mende"
    assert str(booking.reference) in str(event["DESCRIPTION"])
    assert event["SEQUENCE"] == 2
    assert str(event["STATUS"]) == "CONFIRMED"
    assert str(event["URL"]) == "https://ostal.example.org/lieux/la-ruche-de-mende"
    js = parsed.js_events()[uid]
    assert js["summary"] == "Poste de travail — La Ruche de Mende"
    assert js["location"] == "2, rue de l'Ange; bâtiment B, 48000 Mende"
    assert (js["sequence"], js["status"]) == (2, "CONFIRMED")
    assert parsed.js["name"] == "Ostal — mes réservations"
    assert parsed.js["refresh_interval"] == "PT1H"


def test_texts_with_commas_semicolons_and_newlines_survive_both_parsers(member_ada, parse_both):
    space = SpaceFactory(name="Tiers-lieu « L'Atelier », Florac; Cévennes\\Lozère",
                         commune=commune("48061"), address="Place du Marché,\nFlorac")
    BookingFactory(member=member_ada, resource=ResourceFactory(space=space),
                   start=paris(2026, 6, 2, 9), end=paris(2026, 6, 2, 12))
    data = render(CalendarFeedFactory(owner=member_ada))

    parsed = parse_both(data)

    summary = "Poste de travail — Tiers-lieu « L'Atelier », Florac; Cévennes\\Lozère"
    assert [str(e["SUMMARY"]) for e in parsed.python.walk("VEVENT")] == [summary]
    assert [e["summary"] for e in parsed.js["events"]] == [summary]
    assert next(e["location"] for e in parsed.js["events"]).startswith("Place du Marché,\nFlorac")
    assert b"L'Atelier \xc2\xbb\\, Florac\\; C" in data


def test_output_is_crlf_with_lines_of_at_most_75_octets(member_ada, desk):
    for day in range(1, 20):
        BookingFactory(member=member_ada, resource=desk, start=paris(2026, 6, day, 9),
                       end=paris(2026, 6, day, 18))

    data = render(CalendarFeedFactory(owner=member_ada))

    assert data.endswith(b"\r\n")
    assert b"\n" not in data.replace(b"\r\n", b"")
    lines = data.split(b"\r\n")[:-1]
    assert max(len(line) for line in lines) <= 75
    assert any(line.startswith(b" ") for line in lines)  # long DESCRIPTIONs were folded
    assert lines[0] == b"BEGIN:VCALENDAR"
    assert lines[-1] == b"END:VCALENDAR"


def test_every_event_has_dtstamp_uid_and_a_vtimezone_for_its_tzid(member_ada, desk, parse_both):
    cayenne = SpaceFactory(timezone="America/Cayenne")
    BookingFactory(member=member_ada, resource=desk, start=paris(2026, 6, 2, 9),
                   end=paris(2026, 6, 2, 18))
    BookingFactory(member=member_ada, resource=ResourceFactory(space=cayenne),
                   start=dt.datetime(2026, 6, 3, 12, tzinfo=dt.UTC),
                   end=dt.datetime(2026, 6, 3, 20, tzinfo=dt.UTC))

    parsed = parse_both(render(CalendarFeedFactory(owner=member_ada)))

    assert parsed.python.get_missing_tzids() == set()
    assert sorted(parsed.js["timezones"]) == ["America/Cayenne", "Europe/Paris"]
    for event in parsed.python.walk("VEVENT"):
        assert "DTSTAMP" in event
        assert "UID" in event
    assert sorted(e["start_zone"] for e in parsed.js["events"]) == ["America/Cayenne",
                                                                    "Europe/Paris"]
    assert [e["start"] for e in parsed.js["events"]] == ["2026-06-02T07:00:00Z",
                                                         "2026-06-03T12:00:00Z"]


def test_statuses_map_to_icalendar_and_cancelled_ones_stay_for_30_days(member_ada, desk):
    made = {}
    for day, status in enumerate(["held", "confirmed", "checked_in", "cancelled", "no_show",
                                  "expired"], start=2):
        made[status] = BookingFactory(member=member_ada, resource=desk, status=status,
                                      start=paris(2026, 6, day, 9), end=paris(2026, 6, day, 18))
    old_cancel = BookingFactory(member=member_ada, resource=desk, status="cancelled",
                                start=paris(2026, 6, 20, 9), end=paris(2026, 6, 20, 18))
    Booking.objects.filter(pk=old_cancel.pk).update(updated_at=NOW - dt.timedelta(days=31))

    data = render(CalendarFeedFactory(owner=member_ada)).decode()

    statuses = dict(re.findall(r"UID:booking-([0-9a-f-]+)@.*?STATUS:(\w+)", data, re.S))
    assert statuses == {str(made["held"].reference): "TENTATIVE",
                        str(made["confirmed"].reference): "CONFIRMED",
                        str(made["checked_in"].reference): "CONFIRMED",
                        str(made["cancelled"].reference): "CANCELLED",
                        str(made["no_show"].reference): "CANCELLED",
                        str(made["expired"].reference): "CANCELLED"}
    assert "TRANSP:TRANSPARENT" in data  # cancelled ones no longer show as busy


def test_member_feed_starts_30_days_back_and_shows_only_their_bookings(member_ada, desk):
    BookingFactory(member=member_ada, resource=desk, start=NOW - dt.timedelta(days=29),
                   end=NOW - dt.timedelta(days=29) + dt.timedelta(hours=8))
    BookingFactory(member=member_ada, resource=desk, start=NOW - dt.timedelta(days=31),
                   end=NOW - dt.timedelta(days=31) + dt.timedelta(hours=8))
    BookingFactory(resource=desk, start=paris(2026, 6, 3, 9), end=paris(2026, 6, 3, 18))

    data = render(CalendarFeedFactory(owner=member_ada))

    assert data.count(b"BEGIN:VEVENT") == 1


def test_manager_feed_shows_first_name_and_initial_never_emails(manager_cy, desk, room,
                                                                parse_both):
    ada = UserFactory(email="ada.lovelace@example.org", first_name="Ada",
                      last_name="lovelace")
    nameless = UserFactory(email="nobody@example.org")
    BookingFactory(member=ada, resource=desk, start=paris(2026, 6, 2, 9),
                   end=paris(2026, 6, 2, 18))
    BookingFactory(member=nameless, resource=room, start=paris(2026, 6, 2, 14),
                   end=paris(2026, 6, 2, 16))
    BookingFactory(start=paris(2026, 6, 2, 9), end=paris(2026, 6, 2, 18))  # another place
    feed = CalendarFeedFactory(owner=manager_cy, kind=CalendarFeed.Kind.SPACE,
                               space=desk.space)

    data = render(feed)

    assert b"@example.org" not in data
    parsed = parse_both(data)
    assert [e["summary"] for e in parsed.js["events"]] == [
        "Ada L. — Poste Fenêtre", f"Membre n° {nameless.pk} — Salle Causse"]
    assert parsed.js["name"] == "Ostal — La Ruche de Mende (occupation)"


def test_resource_feed_shows_only_that_resource(manager_cy, desk, room):
    BookingFactory(resource=desk, start=paris(2026, 6, 2, 9), end=paris(2026, 6, 2, 18))
    BookingFactory(resource=room, start=paris(2026, 6, 2, 9), end=paris(2026, 6, 2, 18))
    feed = CalendarFeedFactory(owner=manager_cy, kind=CalendarFeed.Kind.RESOURCE,
                               space=desk.space, resource=room)

    data = render(feed)

    assert data.count(b"BEGIN:VEVENT") == 1
    assert b"Salle Causse" in data


def test_itinerant_bookings_are_located_at_that_days_stop(member_ada, parse_both):
    truck = SpaceFactory(kind="itinerant", name="Le Camion des Causses", weekday_hours=False)
    stop = ItineraryStopFactory(space=truck, date=dt.date(2026, 6, 2),
                                commune=commune("48061"), location_note="Place de la mairie")
    BookingFactory(member=member_ada, resource=ResourceFactory(space=truck),
                   start=paris(2026, 6, 2, 9), end=paris(2026, 6, 2, 17))

    parsed = parse_both(render(CalendarFeedFactory(owner=member_ada)))

    event = parsed.python.walk("VEVENT")[0]
    assert str(event["LOCATION"]) == f"Place de la mairie, {stop.commune.name}"
    assert event["GEO"].latitude == round(stop.latitude, 6)


def test_rendering_is_deterministic(member_ada, desk):
    BookingFactory(member=member_ada, resource=desk, start=paris(2026, 6, 2, 9),
                   end=paris(2026, 6, 2, 18))
    feed = CalendarFeedFactory(owner=member_ada)

    assert render(feed) == render(feed, now=NOW + dt.timedelta(minutes=5))


def test_feed_queries_do_not_grow_with_events(member_ada, desk, django_assert_num_queries):
    truck = SpaceFactory(kind="itinerant", weekday_hours=False)
    for day in range(2, 12):
        BookingFactory(member=member_ada, resource=desk, start=paris(2026, 6, day, 9),
                       end=paris(2026, 6, day, 18))
        BookingFactory(member=member_ada, resource=ResourceFactory(space=truck),
                       start=paris(2026, 6, day, 9), end=paris(2026, 6, day, 12))
    feed = CalendarFeedFactory(owner=member_ada)

    with django_assert_num_queries(3):  # bookings, places, stops
        render(feed)
