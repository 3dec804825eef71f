"""Managers' imported calendars over HTTP: registration checks, the outcome of imports."""

import pytest

from ostal.calendars.models import ExternalCalendar
from tests.backend.calendars.conftest import ics
from tests.factories import ResourceFactory, SpaceFactory
from tests.factories.calendars import ExternalCalendarFactory

pytestmark = pytest.mark.django_db


def base(space):
    return f"/api/v1/manage/spaces/{space.pk}/external-calendars/"


def test_register_then_import_now_and_read_the_outcome(client_as, manager_cy, room, ics_server):
    client = client_as("manager_cy")
    url = ics_server.serve("/rooms.ics", ics(
        "UID:ok\nDTSTART:20990105T090000Z\nDTEND:20990105T100000Z",
        "UID:bad\nDTSTART:20990105T090000Z\nRRULE:FREQ=NEVER"))

    created = client.post(base(room.space), {"name": "Salles", "url": url,
                                             "resource": room.pk}, format="json")
    calendar = created.json()
    synced = client.post(f"{base(room.space)}{calendar['id']}/sync/").json()

    assert created.status_code == 201
    assert (calendar["sync_status"], calendar["resource"]) == ("never",
                                                                {"id": room.pk,
                                                                 "name": "Salle Causse"})
    assert synced["sync_status"] == "partial"
    assert synced["problems"] == [{"uid": "bad", "start": "", "code": "invalid_event",
                                   "message": synced["problems"][0]["message"]}]
    assert synced["last_error_code"] == ""
    listed = client.get(base(room.space)).json()
    assert [c["id"] for c in listed] == [calendar["id"]]


def test_webcal_addresses_are_stored_as_https(client_as, manager_cy, ruche):
    response = client_as("manager_cy").post(base(ruche), {
        "name": "Google", "url": "webcal://calendar.example.org/basic.ics"}, format="json")

    assert response.json()["url"] == "https://calendar.example.org/basic.ics"


@pytest.mark.parametrize(("url", "field"), [
    ("file:///etc/passwd", "scheme"),
    ("ftp://example.org/cal.ics", "scheme"),
    ("http://10.0.0.1/cal.ics", "private"),
    ("http://169.254.169.254/latest/", "private"),
    ("https://exa mple.org/cal.ics", "invalid"),
])
def test_bad_addresses_are_refused_at_registration(client_as, manager_cy, ruche, settings,
                                                   url, field):
    settings.CALENDAR_IMPORT_ALLOW_PRIVATE = False

    response = client_as("manager_cy").post(base(ruche), {"name": "X", "url": url},
                                            format="json")

    assert response.status_code == 400
    assert (response.json()["code"], response.json()["fields"]) == ("calendar_url_invalid",
                                                                    {"url": [field]})
    assert not ExternalCalendar.objects.exists()


def test_the_same_address_twice_is_refused(client_as, manager_cy, ruche):
    ExternalCalendarFactory(space=ruche, url="https://cal.example.org/a.ics")

    response = client_as("manager_cy").post(base(ruche), {
        "name": "Encore", "url": "https://cal.example.org/a.ics"}, format="json")

    assert (response.status_code, response.json()["code"]) == (409,
                                                                "calendar_already_registered")


def test_a_resource_of_another_place_is_refused(client_as, manager_cy, ruche):
    elsewhere = ResourceFactory(space=SpaceFactory(operator=ruche.operator))

    response = client_as("manager_cy").post(base(ruche), {
        "name": "X", "url": "https://cal.example.org/a.ics", "resource": elsewhere.pk},
        format="json")

    assert response.json()["code"] == "calendar_resource_not_in_space"


def test_changing_the_address_makes_it_due_and_forgets_validators(client_as, manager_cy,
                                                                  ruche):
    calendar = ExternalCalendarFactory(space=ruche, etag='"old"', next_sync_at=None)

    response = client_as("manager_cy").patch(f"{base(ruche)}{calendar.pk}/", {
        "url": "https://cal.example.org/new.ics"}, format="json")

    calendar.refresh_from_db()
    assert response.status_code == 200
    assert (calendar.url, calendar.etag) == ("https://cal.example.org/new.ics", "")
    assert calendar.next_sync_at is not None


def test_a_calendar_of_another_place_is_404(client_as, manager_cy, ruche):
    mine_too = SpaceFactory(operator=ruche.operator)
    calendar = ExternalCalendarFactory(space=mine_too)

    assert client_as("manager_cy").get(f"{base(ruche)}{calendar.pk}/").status_code == 404


def test_the_worker_task_runs_the_due_imports(monkeypatch):
    from worker import calendars as worker_calendars

    calls = []
    monkeypatch.setattr("ostal.calendars.services.external_calendars_sync_due",
                        lambda: calls.append(1) or 3)

    assert worker_calendars.sync_external_calendars() == 3
    assert calls == [1]
