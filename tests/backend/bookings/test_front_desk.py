"""The front desk of an operator sees its places' day and checks people in; it changes no
price, rule or place (every such call is refused and changes nothing), and sees nothing of
another operator's places."""

import datetime as dt
from decimal import Decimal

import pytest

from ostal.bookings.models import Booking, BookingPolicy
from ostal.spaces.models import Price, Space
from tests.backend.bookings.conftest import MONDAY, book
from tests.conftest import ROLES

pytestmark = pytest.mark.django_db


def test_the_front_desk_sees_the_day_and_checks_in(client_as, figeac, member_ada,
                                                   front_desk_fay):
    today = book(member_ada, figeac, dt.date(2026, 3, 20), part="morning")
    client = client_as("front_desk_fay")

    day = client.get(f"/api/v1/manage/spaces/{figeac.pk}/bookings/")
    assert day.status_code == 200
    assert [b["id"] for b in day.json()["bookings"]] == [today.pk]

    checked = client.post(f"/api/v1/manage/bookings/{today.pk}/check-in/")
    assert checked.status_code == 200, checked.content
    today.refresh_from_db()
    assert (today.status, today.checked_in_by) == (Booking.Status.CHECKED_IN, front_desk_fay)


def test_another_operators_place_is_not_found(client_as, truck, member_ada, front_desk_fay):
    assert client_as("front_desk_fay").get(
        f"/api/v1/manage/spaces/{truck.pk}/bookings/").status_code == 404


@pytest.mark.parametrize(("method", "url", "data"), [
    ("patch", "/api/v1/manage/spaces/{space}/", {"name": "Renamed"}),
    ("post", "/api/v1/manage/spaces/{space}/prices/",
     {"resource_kind": "desk", "unit": "hour", "amount": "1.00", "currency": "EUR"}),
    ("patch", "/api/v1/manage/spaces/{space}/prices/{price}/", {"amount": "0.00"}),
    ("patch", "/api/v1/manage/spaces/{space}/booking-policies/{policy}/",
     {"max_advance_days": 1}),
    ("post", "/api/v1/manage/spaces/{space}/closures/",
     {"start_date": "2026-04-01", "end_date": "2026-04-02"}),
    ("post", "/api/v1/manage/spaces/{space}/bookings/",
     {"member_email": "ada@example.org", "date": "2026-03-26", "part": "day"}),
    ("post", "/api/v1/manage/bookings/{booking}/cancel/", None),
    ("post", "/api/v1/manage/bookings/{booking}/no-show/", None),
])
def test_the_front_desk_changes_no_price_rule_or_place(client_as, figeac, member_ada,
                                                       front_desk_fay, method, url, data):
    price = Price.objects.create(space=figeac, resource_kind="desk", unit="day",
                                 amount=Decimal("12.00"))
    policy, _ = BookingPolicy.objects.get_or_create(space=figeac, resource_kind="desk")
    booking = book(member_ada, figeac, MONDAY)
    before = (list(Space.objects.values()), list(Price.objects.values()),
              list(BookingPolicy.objects.values()), list(Booking.objects.values()),
              figeac.closures.count())

    response = getattr(client_as("front_desk_fay"), method)(
        url.format(space=figeac.pk, price=price.pk, policy=policy.pk, booking=booking.pk),
        data, format="json")

    assert response.status_code == 403, response.content
    assert (list(Space.objects.values()), list(Price.objects.values()),
            list(BookingPolicy.objects.values()), list(Booking.objects.values()),
            figeac.closures.count()) == before


EXPECTED_PLACES = {"anonymous": None, "member_ada": None, "employee_eve": None,
                   "employer_admin_ed": None, "stranger_manager_dee": ["le-camion"],
                   "manager_cy": ["la-fabrique-figeac"], "front_desk_fay": ["la-fabrique-figeac"],
                   "network_admin_nina": ["la-fabrique-figeac", "le-camion"]}


@pytest.mark.parametrize("role", ROLES)
def test_the_places_at_the_front_desk(client_as, request, role, figeac, truck):
    for name in ROLES[1:]:
        request.getfixturevalue(name)

    response = client_as(role).get("/api/v1/front-desk/spaces/")

    if EXPECTED_PLACES[role] is None:
        assert response.status_code == 403
    else:
        assert response.status_code == 200
        assert sorted(p["slug"] for p in response.json()) == EXPECTED_PLACES[role]


def test_me_names_the_front_desk_operators(client_as, front_desk_fay, operator_cy):
    me = client_as("front_desk_fay").get("/api/v1/me/").json()
    assert (me["front_desk_operator_ids"], me["managed_operator_ids"]) == ([operator_cy.pk], [])
