"""HTTP: manager endpoints — day view, check-in, no-shows, blocks, policies, book for someone."""

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from rest_framework.test import APIClient

from ostal.accounts.models import User
from ostal.bookings import services
from ostal.bookings.models import Booking, BookingPolicy, ResourceBlock
from ostal.spaces.models import Space
from tests.backend.bookings.conftest import MONDAY, book, desks, refused
from tests.factories.bookings import paris

pytestmark = pytest.mark.django_db


@pytest.fixture
def cy(client_as: Callable[[str], APIClient]) -> APIClient:
    return client_as("manager_cy")


def post(client: APIClient, url: str, data: dict[str, Any] | None = None) -> Any:
    return client.post(url, data or {}, format="json")


def test_day_view_shows_who_is_in(cy: APIClient, figeac: Space, member_ada: User,
                                  make_member: Callable[[str], User],
                                  travel: Callable[..., None]) -> None:
    ada = book(member_ada, figeac, MONDAY, part="morning")
    bob = book(make_member("Bob"), figeac, MONDAY)
    cancelled = book(make_member("Cleo"), figeac, MONDAY)
    services.booking_cancel(booking=cancelled, actor=cancelled.member)
    book(make_member("Dan"), figeac, dt.date(2026, 3, 24))
    travel(paris(2026, 3, 23, 9, 5))
    services.booking_check_in(booking=bob, actor=bob.member)

    response = cy.get(f"/api/v1/manage/spaces/{figeac.pk}/bookings/")

    assert response.status_code == 200
    body = response.json()
    assert body["date"] == "2026-03-23"  # today, local
    assert body["summary"] == {"active": 2, "checked_in": 1, "no_show": 0, "cancelled": 1}
    rows = {(b["member"]["first_name"], b["resource"]["name"], b["status"])
            for b in body["bookings"]}
    assert rows == {("Ada", ada.resource.name, "confirmed"),
                    ("Bob", bob.resource.name, "checked_in"),
                    ("Cleo", cancelled.resource.name, "cancelled")}


def test_manager_books_a_walk_up_for_someone(cy: APIClient, figeac: Space,
                                             member_ada: User, manager_cy: User) -> None:
    response = post(cy, f"/api/v1/manage/spaces/{figeac.pk}/bookings/",
                    {"member_email": "ADA@example.org", "walk_up": True, "part": "day"})
    unknown = post(cy, f"/api/v1/manage/spaces/{figeac.pk}/bookings/",
                   {"member_email": "nobody@example.org", "date": "2026-03-23", "part": "day"})

    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["member"]["email"], body["booked_by"]["email"]) == ("ada@example.org",
                                                                     "cy@example.org")
    assert body["booked_by_manager"] is True
    assert (body["start"], body["source"]) == ("2026-03-20T09:00:00Z", "manager")
    assert (unknown.status_code, unknown.json()["code"]) == (400, "unknown_member")


def test_check_in_by_scanning_the_member_code(cy: APIClient, figeac: Space,
                                              member_ada: User,
                                              travel: Callable[..., None]) -> None:
    booking = book(member_ada, figeac, MONDAY)
    code = services.booking_signed_code(booking)
    travel(paris(2026, 3, 23, 8, 50))

    response = post(cy, "/api/v1/manage/check-in/", {"code": code})
    forged = post(cy, "/api/v1/manage/check-in/", {"code": "abc:def"})

    assert response.status_code == 200
    assert (response.json()["status"], response.json()["member"]["first_name"]) == (
        "checked_in", "Ada")
    assert (forged.status_code, forged.json()["code"]) == (400, "check_in_invalid_code")


def test_no_show_check_in_and_cancel_by_id(cy: APIClient, figeac: Space, member_ada: User,
                                           make_member: Callable[[str], User],
                                           travel: Callable[..., None]) -> None:
    absent = book(member_ada, figeac, MONDAY)
    present = book(make_member("Bob"), figeac, MONDAY)
    later = book(make_member("Cleo"), figeac, dt.date(2026, 3, 24))
    travel(paris(2026, 3, 23, 9, 45))

    no_show = post(cy, f"/api/v1/manage/bookings/{absent.pk}/no-show/")
    checked = post(cy, f"/api/v1/manage/bookings/{present.pk}/check-in/")
    cancelled = post(cy, f"/api/v1/manage/bookings/{later.pk}/cancel/")
    too_early = post(cy, f"/api/v1/manage/bookings/{later.pk}/no-show/")

    assert (no_show.status_code, no_show.json()["status"]) == (200, "no_show")
    assert (checked.status_code, checked.json()["status"]) == (200, "checked_in")
    assert (cancelled.status_code, cancelled.json()["status"]) == (200, "cancelled")
    assert (too_early.status_code, too_early.json()["code"]) == (409, "not_active")


def test_blocks_crud_and_conflicts(cy: APIClient, figeac: Space, member_ada: User) -> None:
    d1 = desks(figeac)[0]
    book(member_ada, figeac, MONDAY, resource_id=d1.pk)
    url = f"/api/v1/manage/spaces/{figeac.pk}/resource-blocks/"

    conflict = post(cy, url, {"resource": d1.pk, "start": "2026-03-23T10:00:00Z",
                              "end": "2026-03-23T12:00:00Z", "reason": "Écran cassé"})
    created = post(cy, url, {"resource": d1.pk, "start": "2026-03-24T00:00:00+01:00",
                             "end": "2026-03-25T00:00:00+01:00", "reason": "Écran cassé"})
    block_id = created.json()["id"]
    listed = cy.get(url, {"date_from": "2026-03-24", "date_to": "2026-03-24"})
    moved = cy.patch(f"{url}{block_id}/", {"end": "2026-03-26T00:00:00+01:00"}, format="json")
    deleted = cy.delete(f"{url}{block_id}/")

    assert conflict.status_code == 409
    assert conflict.json()["code"] == "block_overlaps_bookings"
    assert conflict.json()["fields"]["bookings"] == [str(Booking.objects.get().pk)]
    assert created.status_code == 201, created.json()
    assert created.json()["start"] == "2026-03-23T23:00:00Z"
    assert [b["id"] for b in listed.json()] == [block_id]
    assert (moved.status_code, moved.json()["end"]) == (200, "2026-03-25T23:00:00Z")
    assert deleted.status_code == 204
    assert ResourceBlock.objects.count() == 0


def test_policies_crud(cy: APIClient, figeac: Space, member_ada: User) -> None:
    url = f"/api/v1/manage/spaces/{figeac.pk}/booking-policies/"

    created = post(cy, url, {"resource_kind": "desk", "sale_unit": "day",
                             "no_show_grace_minutes": 45})
    duplicate = post(cy, url, {"resource_kind": "desk", "sale_unit": "half_day"})
    inconsistent = post(cy, url, {"resource_kind": "meeting_room", "sale_unit": "hour",
                                  "min_duration_minutes": 120, "max_duration_minutes": 60})

    assert created.status_code == 201, created.json()
    assert duplicate.status_code == 400
    assert inconsistent.status_code == 400
    assert BookingPolicy.objects.get().space == figeac
    with refused("part_not_sold"):  # the policy now applies
        book(member_ada, figeac, MONDAY, part="morning")


def test_check_in_code_and_its_qr(cy: APIClient, figeac: Space, settings: Any) -> None:
    settings.SITE_URL = "https://ostal.example"

    first = cy.get(f"/api/v1/manage/spaces/{figeac.pk}/check-in-code/").json()
    again = cy.get(f"/api/v1/manage/spaces/{figeac.pk}/check-in-code/").json()
    svg = cy.get(first["qr_svg_url"])
    rotated = post(cy, f"/api/v1/manage/spaces/{figeac.pk}/check-in-code/rotate/").json()

    assert first == again
    assert first["url"] == f"https://ostal.example/checkin/{first['token']}"
    assert (svg.status_code, svg["Content-Type"]) == (200, "image/svg+xml")
    assert rotated["token"] != first["token"]
