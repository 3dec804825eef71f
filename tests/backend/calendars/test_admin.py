"""The calendars admin: feeds for network admins, without their token hash, revocable; imported
calendars scoped like the API, with their import outcome, "import now" and a delete that takes
the blocks along."""

import datetime as dt

import pytest

from ostal.bookings.models import ResourceBlock
from ostal.calendars.models import CalendarFeed, ExternalCalendar
from tests.backend.calendars.conftest import ics
from tests.factories import ResourceFactory, SpaceFactory
from tests.factories.calendars import CalendarFeedFactory, ExternalCalendarFactory

pytestmark = pytest.mark.django_db


def test_a_network_admin_sees_feeds_but_never_their_token_hash_and_revokes_them(
        client, network_admin_nina, member_ada):
    feed = CalendarFeedFactory(owner=member_ada)
    client.force_login(network_admin_nina)

    listing = client.get("/admin/calendars/calendarfeed/")
    page = client.get(f"/admin/calendars/calendarfeed/{feed.pk}/change/")

    assert listing.status_code == page.status_code == 200
    assert "ada@" in listing.text
    assert feed.token_hash not in listing.text + page.text
    assert feed.token not in listing.text + page.text
    assert client.get("/admin/calendars/calendarfeed/add/").status_code == 403

    done = client.post("/admin/calendars/calendarfeed/",
                       {"action": "revoke", "_selected_action": [feed.pk]}, follow=True)

    assert done.status_code == 200
    feed.refresh_from_db()
    assert feed.revoked_at is not None
    assert client.get(f"/ical/{feed.token}.ics").status_code == 404


def test_managers_and_members_do_not_see_feeds(client, manager_cy, member_ada):
    CalendarFeedFactory(owner=member_ada)
    client.force_login(manager_cy)
    assert client.get("/admin/calendars/calendarfeed/").status_code == 403


def test_a_manager_sees_the_import_outcome_of_their_places_only(client, manager_cy,
                                                                operator_cy, operator_dee):
    mine = ExternalCalendarFactory(
        space=SpaceFactory(operator=operator_cy), name="Salles Nextcloud",
        sync_status=ExternalCalendar.SyncStatus.ERROR,
        last_error="Le serveur a répondu 404. / The server answered 404.",
        problems=[{"uid": "evt-9", "start": "2026-06-02T09:00:00+02:00",
                   "code": "invalid_event", "message": "Événement illisible. / Unreadable."}])
    theirs = ExternalCalendarFactory(space=SpaceFactory(operator=operator_dee),
                                     name="Mairie de Dee")
    client.force_login(manager_cy)

    listing = client.get("/admin/calendars/externalcalendar/")
    page = client.get(f"/admin/calendars/externalcalendar/{mine.pk}/change/")

    assert "Salles Nextcloud" in listing.text
    assert "Mairie de Dee" not in listing.text
    assert "Le serveur a répondu 404." in listing.text
    assert "evt-9" in page.text
    assert "Événement illisible." in page.text
    assert client.get(
        f"/admin/calendars/externalcalendar/{theirs.pk}/change/").status_code in {302, 404}


def test_import_now_and_delete_go_through_the_services(client, network_admin_nina,
                                                       ics_server):
    space = SpaceFactory()
    ResourceFactory(space=space)
    day = dt.date.today() + dt.timedelta(days=10)
    url = ics_server.serve("/closures.ics", ics(
        f"UID:ferme-1\nDTSTAMP:20260101T000000Z\nDTSTART;VALUE=DATE:{day:%Y%m%d}\n"
        f"DTEND;VALUE=DATE:{day + dt.timedelta(days=1):%Y%m%d}\nSUMMARY:Fermé"))
    calendar = ExternalCalendarFactory(space=space, url=url)
    client.force_login(network_admin_nina)

    client.post("/admin/calendars/externalcalendar/",
                {"action": "import_now", "_selected_action": [calendar.pk]})
    calendar.refresh_from_db()

    assert (calendar.sync_status, calendar.events_imported) == (ExternalCalendar.SyncStatus.OK, 1)
    assert ResourceBlock.objects.filter(space=space).count() == 1

    client.post(f"/admin/calendars/externalcalendar/{calendar.pk}/delete/", {"post": "yes"})

    assert not ExternalCalendar.objects.filter(pk=calendar.pk).exists()
    assert not ResourceBlock.objects.filter(external_uid__startswith=f"cal:{calendar.pk}:")\
        .exists()


def test_feeds_kept_after_revocation(client, network_admin_nina, member_ada):
    CalendarFeedFactory(owner=member_ada, revoked_at="2026-01-01T00:00:00Z")
    client.force_login(network_admin_nina)
    assert CalendarFeed.objects.count() == 1
    assert client.get("/admin/calendars/calendarfeed/?active=no").status_code == 200
