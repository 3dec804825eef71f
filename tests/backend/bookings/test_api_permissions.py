"""Who gets what, for every booking endpoint and every member of the cast — and a refused
request changes nothing (every bookings table is compared before/after).

Members reach only their own rows (someone else's: 404); managers only their operators'
places (another operator's: 404; not a manager at all: 403); the front desk of Cy sees its
places' day and checks people in, and is refused every other manager call (403) like a
member; anonymous: 403 on anything personal; availability is public.
"""

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pytest
from rest_framework.test import APIClient

from ostal.bookings import services
from ostal.bookings.models import (
    Booking,
    BookingPolicy,
    BookingSeries,
    ResourceBlock,
    SpaceCheckInCode,
    WaitlistEntry,
)
from ostal.spaces.models import Space
from tests.backend.bookings.conftest import MONDAY, book, desks
from tests.conftest import ROLES, like_a_member
from tests.factories.bookings import (
    BookingPolicyFactory,
    ResourceBlockFactory,
    WaitlistEntryFactory,
    paris,
)

pytestmark = pytest.mark.django_db

PUBLIC = dict.fromkeys(ROLES, 200)
LOGGED_IN = {**dict.fromkeys(ROLES, 200), "anonymous": 403}
ANY_MEMBER_CREATES = {**dict.fromkeys(ROLES, 201), "anonymous": 403}
OWNER_ONLY = like_a_member({"anonymous": 403, "member_ada": 200, "stranger_manager_dee": 404,
                           "manager_cy": 404, "network_admin_nina": 404},
                          like="stranger_manager_dee")
MANAGERS = like_a_member({"anonymous": 403, "member_ada": 403, "stranger_manager_dee": 404,
                         "manager_cy": 200, "network_admin_nina": 200})

# The day and check-in: managers and the place's front desk.
STAFF = {**MANAGERS, "front_desk_fay": 200}


def managers(status: int) -> dict[str, int]:
    return {**MANAGERS, "manager_cy": status, "network_admin_nina": status}


@dataclass(frozen=True)
class Case:
    name: str
    method: str
    url: str
    expected: dict[str, int]
    data: dict[str, Any] | None = None


CASES = [
    Case("availability", "get", "/api/v1/availability/?date=2026-03-23", PUBLIC),
    Case("calendar", "get", "/api/v1/availability/spaces/{slug}/", PUBLIC),
    Case("my-bookings", "get", "/api/v1/bookings/", LOGGED_IN),
    Case("book", "post", "/api/v1/bookings/", ANY_MEMBER_CREATES,
         {"space": "{slug}", "date": "2026-03-25", "part": "day"}),
    Case("booking", "get", "/api/v1/bookings/{monday}/", OWNER_ONLY),
    Case("change", "patch", "/api/v1/bookings/{monday}/", OWNER_ONLY, {"part": "morning"}),
    Case("cancel", "post", "/api/v1/bookings/{monday}/cancel/", OWNER_ONLY),
    Case("qr", "get", "/api/v1/bookings/{monday}/qr.svg", OWNER_ONLY),
    Case("check-in", "post", "/api/v1/bookings/check-in/",  # others: nothing to check in
         {**dict.fromkeys(ROLES, 409), "anonymous": 403, "member_ada": 200},
         {"token": "{token}"}),
    Case("series-create", "post", "/api/v1/booking-series/", ANY_MEMBER_CREATES,
         {"space": "{slug}", "weekdays": [2], "start_date": "2026-04-01", "count": 1,
          "part": "day"}),
    Case("series", "get", "/api/v1/booking-series/{series}/", OWNER_ONLY),
    Case("series-cancel", "post", "/api/v1/booking-series/{series}/cancel/", OWNER_ONLY,
         {"from_date": "2026-03-24"}),
    Case("waitlist", "get", "/api/v1/waitlist/", LOGGED_IN),
    Case("waitlist-entry", "get", "/api/v1/waitlist/{entry}/", OWNER_ONLY),
    Case("waitlist-leave", "post", "/api/v1/waitlist/{entry}/leave/", OWNER_ONLY),
    Case("waitlist-accept", "post", "/api/v1/waitlist/{entry}/accept/",
         {**OWNER_ONLY, "member_ada": 409}),
    Case("day-view", "get", "/api/v1/manage/spaces/{figeac}/bookings/", STAFF),
    Case("book-for", "post", "/api/v1/manage/spaces/{figeac}/bookings/", managers(201),
         {"member_email": "ada@example.org", "date": "2026-03-26", "part": "day"}),
    Case("manage-booking", "get", "/api/v1/manage/bookings/{monday}/", STAFF),
    Case("manage-check-in", "post", "/api/v1/manage/bookings/{today}/check-in/", STAFF),
    Case("manage-no-show", "post", "/api/v1/manage/bookings/{today}/no-show/", MANAGERS),
    Case("manage-cancel", "post", "/api/v1/manage/bookings/{monday}/cancel/", MANAGERS),
    Case("scan", "post", "/api/v1/manage/check-in/", STAFF, {"code": "{code}"}),
    Case("blocks", "get", "/api/v1/manage/spaces/{figeac}/resource-blocks/", MANAGERS),
    Case("block-create", "post", "/api/v1/manage/spaces/{figeac}/resource-blocks/",
         managers(201), {"resource": "{desk}", "start": "2026-04-01T08:00:00Z",
                         "end": "2026-04-01T10:00:00Z"}),
    Case("block", "get", "/api/v1/manage/spaces/{figeac}/resource-blocks/{block}/", MANAGERS),
    Case("block-update", "patch", "/api/v1/manage/spaces/{figeac}/resource-blocks/{block}/",
         MANAGERS, {"reason": "Peinture"}),
    Case("block-delete", "delete", "/api/v1/manage/spaces/{figeac}/resource-blocks/{block}/",
         managers(204)),
    Case("policies", "get", "/api/v1/manage/spaces/{figeac}/booking-policies/", MANAGERS),
    Case("policy-create", "post", "/api/v1/manage/spaces/{figeac}/booking-policies/",
         managers(201), {"resource_kind": "meeting_room", "sale_unit": "hour"}),
    Case("policy-update", "patch",
         "/api/v1/manage/spaces/{figeac}/booking-policies/{policy}/", MANAGERS,
         {"max_advance_days": 10}),
    Case("policy-defaults", "get",
         "/api/v1/manage/spaces/{figeac}/booking-policies/defaults/", MANAGERS),
    Case("policy-delete", "delete",
         "/api/v1/manage/spaces/{figeac}/booking-policies/{policy}/", managers(204)),
    Case("check-in-code", "get", "/api/v1/manage/spaces/{figeac}/check-in-code/", MANAGERS),
    Case("check-in-code-rotate", "post",
         "/api/v1/manage/spaces/{figeac}/check-in-code/rotate/", MANAGERS),
    Case("check-in-code-svg", "get", "/api/v1/manage/spaces/{figeac}/check-in-code.svg",
         MANAGERS),
]


def snapshot() -> dict[str, list[Any]]:
    """Every row of every bookings table, with the fields a request could change."""
    return {
        "bookings": list(Booking.objects.order_by("pk").values_list(
            "pk", "status", "start", "end", "resource_id", "sequence", "checked_in_at",
            "cancelled_at")),
        "series": list(BookingSeries.objects.order_by("pk").values_list("pk",
                                                                        "cancelled_from")),
        "blocks": list(ResourceBlock.objects.order_by("pk").values_list("pk", "start", "end",
                                                                        "reason")),
        "policies": list(BookingPolicy.objects.order_by("pk").values()),
        "waitlist": list(WaitlistEntry.objects.order_by("pk").values_list("pk", "status")),
        "codes": list(SpaceCheckInCode.objects.order_by("pk").values_list("pk", "token")),
    }


@pytest.fixture
def world(figeac: Space, member_ada: Any, manager_cy: Any, stranger_manager_dee: Any,
          network_admin_nina: Any, front_desk_fay: Any) -> dict[str, Any]:
    """Ada's rows at Figeac (operator_cy), and the cast created up front so that creating
    a user is never mistaken for a change."""
    monday = book(member_ada, figeac, MONDAY)
    today = book(member_ada, figeac, dt.date(2026, 3, 20), part="morning")  # walk-up, now
    series = services.booking_series_create(
        member=member_ada, request=services.SeriesRequest(
            space=figeac, resource_kind="desk", weekdays=(1,), start_date=MONDAY, count=1,
            part="afternoon")).series
    return {
        "slug": figeac.slug, "figeac": figeac.pk, "monday": monday.pk, "today": today.pk,
        "series": series.pk, "desk": desks(figeac)[2].pk,
        "entry": WaitlistEntryFactory(space=figeac, member=member_ada, date=MONDAY).pk,
        "block": ResourceBlockFactory(resource=desks(figeac)[2], start=paris(2026, 3, 27, 9),
                                      end=paris(2026, 3, 27, 12)).pk,
        "policy": BookingPolicyFactory(space=figeac, resource_kind="phone_booth",
                                       sale_unit="30min").pk,
        "token": services.space_check_in_code_get_or_create(space=figeac).token,
        "code": services.booking_signed_code(today),
    }


def _fill(value: Any, world: dict[str, Any]) -> Any:
    if isinstance(value, str) and value.startswith("{") and value.endswith("}"):
        return world[value[1:-1]]
    return value


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_permissions(case: Case, role: str, world: dict[str, Any],
                     client_as: Any) -> None:
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
