"""Who gets what on every calendars endpoint, for every member of the cast — and a refused
request changes nothing (feeds, imported calendars and blocks compared before/after).

Feeds and downloads are personal: someone else's is a 404. Place and resource feeds are for
that place's managers (or network admins): anyone else creating one gets 403 and nothing is
created. Imported calendars are managers' business: 403 for non-managers, 404 for another
operator's place.
"""

from dataclasses import dataclass
from typing import Any

import pytest
from rest_framework.test import APIClient

from ostal.bookings.models import ResourceBlock
from ostal.calendars.models import CalendarFeed, ExternalCalendar
from tests.backend.calendars.conftest import ics
from tests.conftest import ROLES
from tests.factories.bookings import BookingFactory, paris
from tests.factories.calendars import CalendarFeedFactory, ExternalCalendarFactory

pytestmark = pytest.mark.django_db

# The employers' cast (an employee, an employer's admin) and the front desk manage no place: for
# calendars they are members like any other, with feeds and bookings of their own only.
EMPLOYER_ROLES = ("employee_eve", "employer_admin_ed", "front_desk_fay")


def cast(expected: dict[str, int], *, like: str) -> dict[str, int]:
    return {**expected, **dict.fromkeys(EMPLOYER_ROLES, expected[like])}


LOGGED_IN = {**dict.fromkeys(ROLES, 200), "anonymous": 403}
ANY_MEMBER_CREATES = {**dict.fromkeys(ROLES, 201), "anonymous": 403}
OWNER_ONLY = cast({"anonymous": 403, "member_ada": 200, "stranger_manager_dee": 404,
                   "manager_cy": 404, "network_admin_nina": 404}, like="stranger_manager_dee")
CY_ONLY = cast({"anonymous": 403, "member_ada": 404, "stranger_manager_dee": 404,
                "manager_cy": 200, "network_admin_nina": 404}, like="member_ada")
PLACE_MANAGERS_CREATE = cast({"anonymous": 403, "member_ada": 403, "stranger_manager_dee": 403,
                              "manager_cy": 201, "network_admin_nina": 201}, like="member_ada")
MANAGERS = cast({"anonymous": 403, "member_ada": 403, "stranger_manager_dee": 404,
                 "manager_cy": 200, "network_admin_nina": 200}, like="member_ada")


def only(expected: dict[str, int], status: int) -> dict[str, int]:
    return {role: status if code in (200, 201) else code for role, code in expected.items()}


@dataclass(frozen=True)
class Case:
    name: str
    method: str
    url: str
    expected: dict[str, int]
    data: dict[str, Any] | None = None


CASES = [
    Case("feeds", "get", "/api/v1/calendar-feeds/", LOGGED_IN),
    Case("feed-member", "post", "/api/v1/calendar-feeds/", ANY_MEMBER_CREATES,
         {"kind": "member"}),
    Case("feed-space", "post", "/api/v1/calendar-feeds/", PLACE_MANAGERS_CREATE,
         {"kind": "space", "space": "{space}"}),
    Case("feed-resource", "post", "/api/v1/calendar-feeds/", PLACE_MANAGERS_CREATE,
         {"kind": "resource", "resource": "{desk}"}),
    Case("feed-regenerate", "post", "/api/v1/calendar-feeds/{ada_feed}/regenerate/",
         OWNER_ONLY),
    Case("feed-revoke", "delete", "/api/v1/calendar-feeds/{ada_feed}/", only(OWNER_ONLY, 204)),
    Case("place-feed-regenerate", "post", "/api/v1/calendar-feeds/{cy_feed}/regenerate/",
         CY_ONLY),
    Case("place-feed-revoke", "delete", "/api/v1/calendar-feeds/{cy_feed}/",
         only(CY_ONLY, 204)),
    Case("booking-ics", "get", "/api/v1/bookings/{booking}/ics/", OWNER_ONLY),
    Case("calendars", "get", "/api/v1/manage/spaces/{space}/external-calendars/", MANAGERS),
    Case("calendar-create", "post", "/api/v1/manage/spaces/{space}/external-calendars/",
         only(MANAGERS, 201), {"name": "Mairie", "url": "https://mairie.example.org/f.ics"}),
    Case("calendar", "get", "/api/v1/manage/spaces/{space}/external-calendars/{calendar}/",
         MANAGERS),
    Case("calendar-update", "patch",
         "/api/v1/manage/spaces/{space}/external-calendars/{calendar}/", MANAGERS,
         {"name": "Salles (Nextcloud)"}),
    Case("calendar-delete", "delete",
         "/api/v1/manage/spaces/{space}/external-calendars/{calendar}/", only(MANAGERS, 204)),
    Case("calendar-sync", "post",
         "/api/v1/manage/spaces/{space}/external-calendars/{calendar}/sync/", MANAGERS),
]


def snapshot() -> dict[str, list[Any]]:
    return {
        "feeds": list(CalendarFeed.objects.order_by("pk").values_list(
            "pk", "token_hash", "revoked_at")),
        "calendars": list(ExternalCalendar.objects.order_by("pk").values_list(
            "pk", "name", "url", "resource_id", "sync_status", "last_fetched_at")),
        "blocks": list(ResourceBlock.objects.order_by("pk").values_list(
            "pk", "start", "end", "reason")),
    }


@pytest.fixture
def world(desk: Any, member_ada: Any, manager_cy: Any, stranger_manager_dee: Any,
          network_admin_nina: Any, ics_server: Any) -> dict[str, Any]:
    url = ics_server.serve("/rooms.ics", ics(
        "UID:evt-1\nDTSTAMP:20260101T000000Z\nDTSTART:20270105T090000Z\n"
        "DTEND:20270105T100000Z\nSUMMARY:Réunion"))
    calendar = ExternalCalendarFactory(space=desk.space, resource=desk, url=url)
    return {
        "space": desk.space.pk, "desk": desk.pk,
        "booking": BookingFactory(member=member_ada, resource=desk,
                                  start=paris(2027, 1, 4, 9), end=paris(2027, 1, 4, 18)).pk,
        "ada_feed": CalendarFeedFactory(owner=member_ada).pk,
        "cy_feed": CalendarFeedFactory(owner=manager_cy, kind="space", space=desk.space).pk,
        "calendar": calendar.pk,
    }


def _fill(value: Any, world: dict[str, Any]) -> Any:
    if isinstance(value, str) and value.startswith("{") and value.endswith("}"):
        return world[value[1:-1]]
    return value


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_permissions(case: Case, role: str, world: dict[str, Any], client_as: Any) -> None:
    client: APIClient = client_as(role)
    url = case.url.format(**world)
    data = {k: _fill(v, world) for k, v in (case.data or {}).items()}
    before = snapshot()

    response = getattr(client, case.method)(url, data, format="json") if case.method != "get" \
        else client.get(url)

    expected = case.expected[role]
    assert response.status_code == expected, (role, case.name, response.content[:300])
    if expected >= 400:
        assert snapshot() == before, f"{case.name} refused to {role} but changed rows"
        assert set(response.json()) == {"code", "message", "fields"}
